/*
  Warnings:

  patientLabel is carried into patientIdSealed as it was (clear text), and the app seals every value
  without the seal prefix at start (lib/security/seal-legacy-patient-ids.ts), before serving.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT,
    "userId" TEXT,
    "actorEmail" TEXT,
    "address" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT,
    "subjectId" TEXT,
    "detail" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_AuditEvent" ("action", "createdAt", "detail", "id", "organizationId", "subjectId", "subjectType", "userId") SELECT "action", "createdAt", "detail", "id", "organizationId", "subjectId", "subjectType", "userId" FROM "AuditEvent";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE INDEX "AuditEvent_organizationId_createdAt_idx" ON "AuditEvent"("organizationId", "createdAt");
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");
CREATE TABLE "new_ClaimLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "importBatchId" INTEGER,
    "encounterId" INTEGER,
    "claimId" TEXT NOT NULL,
    "claimVersion" INTEGER NOT NULL DEFAULT 1,
    "claimFrequency" TEXT,
    "claimStatus" TEXT,
    "payerClaimControlNumber" TEXT,
    "lineControlNumber" TEXT,
    "externalEncounterId" TEXT,
    "patientKey" TEXT NOT NULL,
    "patientIdSealed" TEXT,
    "dateOfService" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "payer" TEXT NOT NULL,
    "site" TEXT,
    "code" TEXT,
    "modifiers" TEXT NOT NULL DEFAULT '',
    "billedUnits" INTEGER NOT NULL DEFAULT 1,
    "paidUnits" INTEGER,
    "billedCents" INTEGER NOT NULL DEFAULT 0,
    "allowedCents" INTEGER,
    "paidCents" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "paidDate" TEXT,
    "receivedDate" TEXT,
    "sourceLine" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ClaimLine_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClaimLine_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ClaimLine_encounterId_fkey" FOREIGN KEY ("encounterId") REFERENCES "Encounter" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ClaimLine" ("allowedCents", "billedCents", "billedUnits", "claimFrequency", "claimId", "claimStatus", "claimVersion", "code", "createdAt", "dateOfService", "encounterId", "externalEncounterId", "id", "importBatchId", "lineControlNumber", "modifiers", "organizationId", "paidCents", "paidDate", "paidUnits", "patientKey", "payer", "payerClaimControlNumber", "receivedDate", "site", "sourceLine", "status", "weekStart", "patientIdSealed") SELECT "allowedCents", "billedCents", "billedUnits", "claimFrequency", "claimId", "claimStatus", "claimVersion", "code", "createdAt", "dateOfService", "encounterId", "externalEncounterId", "id", "importBatchId", "lineControlNumber", "modifiers", "organizationId", "paidCents", "paidDate", "paidUnits", "patientKey", "payer", "payerClaimControlNumber", "receivedDate", "site", "sourceLine", "status", "weekStart", "patientLabel" FROM "ClaimLine";
DROP TABLE "ClaimLine";
ALTER TABLE "new_ClaimLine" RENAME TO "ClaimLine";
CREATE INDEX "ClaimLine_organizationId_dateOfService_idx" ON "ClaimLine"("organizationId", "dateOfService");
CREATE INDEX "ClaimLine_organizationId_weekStart_idx" ON "ClaimLine"("organizationId", "weekStart");
CREATE INDEX "ClaimLine_organizationId_payer_idx" ON "ClaimLine"("organizationId", "payer");
CREATE INDEX "ClaimLine_organizationId_code_idx" ON "ClaimLine"("organizationId", "code");
CREATE INDEX "ClaimLine_organizationId_claimId_idx" ON "ClaimLine"("organizationId", "claimId");
CREATE INDEX "ClaimLine_organizationId_encounterId_idx" ON "ClaimLine"("organizationId", "encounterId");
CREATE INDEX "ClaimLine_organizationId_patientKey_dateOfService_idx" ON "ClaimLine"("organizationId", "patientKey", "dateOfService");
CREATE INDEX "ClaimLine_encounterId_idx" ON "ClaimLine"("encounterId");
CREATE INDEX "ClaimLine_importBatchId_idx" ON "ClaimLine"("importBatchId");
CREATE TABLE "new_Encounter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "importBatchId" INTEGER,
    "externalEncounterId" TEXT NOT NULL,
    "patientKey" TEXT NOT NULL,
    "patientIdSealed" TEXT,
    "dateOfService" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "site" TEXT,
    "payer" TEXT,
    "setting" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Encounter_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Encounter_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Encounter" ("createdAt", "dateOfService", "externalEncounterId", "id", "importBatchId", "organizationId", "patientKey", "payer", "setting", "site", "weekStart", "patientIdSealed") SELECT "createdAt", "dateOfService", "externalEncounterId", "id", "importBatchId", "organizationId", "patientKey", "payer", "setting", "site", "weekStart", "patientLabel" FROM "Encounter";
DROP TABLE "Encounter";
ALTER TABLE "new_Encounter" RENAME TO "Encounter";
CREATE INDEX "Encounter_importBatchId_idx" ON "Encounter"("importBatchId");
CREATE INDEX "Encounter_organizationId_dateOfService_idx" ON "Encounter"("organizationId", "dateOfService");
CREATE INDEX "Encounter_organizationId_weekStart_idx" ON "Encounter"("organizationId", "weekStart");
CREATE UNIQUE INDEX "Encounter_organizationId_externalEncounterId_key" ON "Encounter"("organizationId", "externalEncounterId");
CREATE TABLE "new_Organization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'America/New_York',
    "setting" TEXT NOT NULL DEFAULT 'facility',
    "weekStartsOn" INTEGER NOT NULL DEFAULT 1,
    "ruleSettings" JSONB,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "requireTwoFactor" BOOLEAN NOT NULL DEFAULT false,
    "uploadRetentionDays" INTEGER NOT NULL DEFAULT 7,
    "timelyFilingDays" INTEGER NOT NULL DEFAULT 365,
    "analysisStatus" TEXT NOT NULL DEFAULT 'idle',
    "analysisError" TEXT,
    "analysisEngineVersion" TEXT,
    "analyzedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organization" ("analysisEngineVersion", "analysisError", "analysisStatus", "analyzedAt", "createdAt", "id", "isDemo", "name", "requireTwoFactor", "ruleSettings", "setting", "slug", "timeZone", "timelyFilingDays", "updatedAt", "weekStartsOn") SELECT "analysisEngineVersion", "analysisError", "analysisStatus", "analyzedAt", "createdAt", "id", "isDemo", "name", "requireTwoFactor", "ruleSettings", "setting", "slug", "timeZone", "timelyFilingDays", "updatedAt", "weekStartsOn" FROM "Organization";
DROP TABLE "Organization";
ALTER TABLE "new_Organization" RENAME TO "Organization";
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
