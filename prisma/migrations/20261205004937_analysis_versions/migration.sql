-- CreateTable
CREATE TABLE "AnalysisDependency" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "analysisVersion" INTEGER NOT NULL DEFAULT 0,
    "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647,
    "weekStart" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    CONSTRAINT "AnalysisDependency_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ClaimRollup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "payer" TEXT NOT NULL,
    "site" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "isAddOn" BOOLEAN NOT NULL,
    "lines" INTEGER NOT NULL,
    "deniedLines" INTEGER NOT NULL,
    "billedCents" INTEGER NOT NULL,
    "deniedCents" INTEGER NOT NULL,
    "paidCents" INTEGER NOT NULL,
    "unitCutLines" INTEGER NOT NULL,
    "unitCutUnits" INTEGER NOT NULL,
    "analysisVersion" INTEGER NOT NULL DEFAULT 0,
    "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647,
    CONSTRAINT "ClaimRollup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ClaimRollup" ("billedCents", "code", "deniedCents", "deniedLines", "id", "isAddOn", "lines", "organizationId", "paidCents", "payer", "site", "unitCutLines", "unitCutUnits", "weekStart") SELECT "billedCents", "code", "deniedCents", "deniedLines", "id", "isAddOn", "lines", "organizationId", "paidCents", "payer", "site", "unitCutLines", "unitCutUnits", "weekStart" FROM "ClaimRollup";
DROP TABLE "ClaimRollup";
ALTER TABLE "new_ClaimRollup" RENAME TO "ClaimRollup";
CREATE INDEX "ClaimRollup_organizationId_weekStart_idx" ON "ClaimRollup"("organizationId", "weekStart");
CREATE TABLE "new_CodedLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "encounterId" INTEGER NOT NULL,
    "engineVersion" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "units" INTEGER NOT NULL,
    "modifiers" TEXT NOT NULL DEFAULT '',
    "dateOfService" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "explanation" TEXT NOT NULL,
    "administrationIds" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "analysisVersion" INTEGER NOT NULL DEFAULT 0,
    "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647,
    CONSTRAINT "CodedLine_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CodedLine_encounterId_fkey" FOREIGN KEY ("encounterId") REFERENCES "Encounter" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CodedLine" ("administrationIds", "code", "createdAt", "dateOfService", "encounterId", "engineVersion", "explanation", "id", "modifiers", "organizationId", "position", "units", "weekStart") SELECT "administrationIds", "code", "createdAt", "dateOfService", "encounterId", "engineVersion", "explanation", "id", "modifiers", "organizationId", "position", "units", "weekStart" FROM "CodedLine";
DROP TABLE "CodedLine";
ALTER TABLE "new_CodedLine" RENAME TO "CodedLine";
CREATE INDEX "CodedLine_encounterId_idx" ON "CodedLine"("encounterId");
CREATE TABLE "new_DenialReasonRollup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "payer" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "lines" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "analysisVersion" INTEGER NOT NULL DEFAULT 0,
    "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647,
    CONSTRAINT "DenialReasonRollup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DenialReasonRollup" ("amountCents", "code", "group", "id", "lines", "organizationId", "payer", "reason", "weekStart") SELECT "amountCents", "code", "group", "id", "lines", "organizationId", "payer", "reason", "weekStart" FROM "DenialReasonRollup";
DROP TABLE "DenialReasonRollup";
ALTER TABLE "new_DenialReasonRollup" RENAME TO "DenialReasonRollup";
CREATE INDEX "DenialReasonRollup_organizationId_weekStart_idx" ON "DenialReasonRollup"("organizationId", "weekStart");
CREATE TABLE "new_EncounterRollup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "payer" TEXT NOT NULL,
    "site" TEXT NOT NULL,
    "nurse" TEXT NOT NULL,
    "setting" TEXT NOT NULL,
    "encounters" INTEGER NOT NULL,
    "administrations" INTEGER NOT NULL,
    "missingStops" INTEGER NOT NULL,
    "firstDate" TEXT NOT NULL,
    "lastDate" TEXT NOT NULL,
    "analysisVersion" INTEGER NOT NULL DEFAULT 0,
    "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647,
    CONSTRAINT "EncounterRollup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_EncounterRollup" ("administrations", "encounters", "firstDate", "id", "lastDate", "missingStops", "nurse", "organizationId", "payer", "setting", "site", "weekStart") SELECT "administrations", "encounters", "firstDate", "id", "lastDate", "missingStops", "nurse", "organizationId", "payer", "setting", "site", "weekStart" FROM "EncounterRollup";
DROP TABLE "EncounterRollup";
ALTER TABLE "new_EncounterRollup" RENAME TO "EncounterRollup";
CREATE INDEX "EncounterRollup_organizationId_weekStart_idx" ON "EncounterRollup"("organizationId", "weekStart");
CREATE TABLE "new_Finding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "encounterId" INTEGER,
    "claimLineId" INTEGER,
    "kind" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "code" TEXT,
    "units" INTEGER NOT NULL DEFAULT 0,
    "valueCents" INTEGER NOT NULL DEFAULT 0,
    "valueSource" TEXT NOT NULL,
    "isEstimate" BOOLEAN NOT NULL DEFAULT false,
    "explanation" TEXT NOT NULL,
    "dateOfService" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "payer" TEXT,
    "site" TEXT,
    "nurse" TEXT,
    "setting" TEXT,
    "claimId" TEXT,
    "filingDeadline" TEXT,
    "engineVersion" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "analysisVersion" INTEGER NOT NULL DEFAULT 0,
    "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647,
    CONSTRAINT "Finding_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Finding_encounterId_fkey" FOREIGN KEY ("encounterId") REFERENCES "Encounter" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Finding_claimLineId_fkey" FOREIGN KEY ("claimLineId") REFERENCES "ClaimLine" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Finding" ("cause", "claimId", "claimLineId", "code", "createdAt", "dateOfService", "encounterId", "engineVersion", "explanation", "filingDeadline", "id", "isEstimate", "kind", "nurse", "organizationId", "payer", "setting", "site", "units", "valueCents", "valueSource", "weekStart") SELECT "cause", "claimId", "claimLineId", "code", "createdAt", "dateOfService", "encounterId", "engineVersion", "explanation", "filingDeadline", "id", "isEstimate", "kind", "nurse", "organizationId", "payer", "setting", "site", "units", "valueCents", "valueSource", "weekStart" FROM "Finding";
DROP TABLE "Finding";
ALTER TABLE "new_Finding" RENAME TO "Finding";
CREATE INDEX "Finding_organizationId_dateOfService_idx" ON "Finding"("organizationId", "dateOfService");
CREATE INDEX "Finding_organizationId_weekStart_idx" ON "Finding"("organizationId", "weekStart");
CREATE INDEX "Finding_organizationId_payer_idx" ON "Finding"("organizationId", "payer");
CREATE INDEX "Finding_organizationId_code_idx" ON "Finding"("organizationId", "code");
CREATE INDEX "Finding_organizationId_cause_kind_idx" ON "Finding"("organizationId", "cause", "kind");
CREATE INDEX "Finding_organizationId_valueCents_idx" ON "Finding"("organizationId", "valueCents");
CREATE INDEX "Finding_organizationId_site_idx" ON "Finding"("organizationId", "site");
CREATE INDEX "Finding_organizationId_nurse_idx" ON "Finding"("organizationId", "nurse");
CREATE INDEX "Finding_organizationId_cause_filingDeadline_idx" ON "Finding"("organizationId", "cause", "filingDeadline");
CREATE INDEX "Finding_encounterId_idx" ON "Finding"("encounterId");
CREATE TABLE "new_FindingRollup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "payer" TEXT NOT NULL,
    "site" TEXT NOT NULL,
    "nurse" TEXT NOT NULL,
    "setting" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "findings" INTEGER NOT NULL,
    "units" INTEGER NOT NULL,
    "valueCents" INTEGER NOT NULL,
    "analysisVersion" INTEGER NOT NULL DEFAULT 0,
    "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647,
    CONSTRAINT "FindingRollup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_FindingRollup" ("cause", "code", "findings", "id", "kind", "nurse", "organizationId", "payer", "setting", "site", "units", "valueCents", "weekStart") SELECT "cause", "code", "findings", "id", "kind", "nurse", "organizationId", "payer", "setting", "site", "units", "valueCents", "weekStart" FROM "FindingRollup";
DROP TABLE "FindingRollup";
ALTER TABLE "new_FindingRollup" RENAME TO "FindingRollup";
CREATE INDEX "FindingRollup_organizationId_weekStart_cause_kind_valueCents_units_findings_analysisVersion_retiredInVersion_idx" ON "FindingRollup"("organizationId", "weekStart", "cause", "kind", "valueCents", "units", "findings", "analysisVersion", "retiredInVersion");
CREATE INDEX "FindingRollup_organizationId_code_cause_valueCents_units_findings_analysisVersion_retiredInVersion_idx" ON "FindingRollup"("organizationId", "code", "cause", "valueCents", "units", "findings", "analysisVersion", "retiredInVersion");
CREATE INDEX "FindingRollup_organizationId_payer_site_cause_valueCents_analysisVersion_retiredInVersion_idx" ON "FindingRollup"("organizationId", "payer", "site", "cause", "valueCents", "analysisVersion", "retiredInVersion");
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
    "analysisVersion" INTEGER NOT NULL DEFAULT 0,
    "analysisContext" TEXT,
    "analysisLeaseUntil" DATETIME,
    "analysisLeaseOwner" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organization" ("analysisEngineVersion", "analysisError", "analysisStatus", "analyzedAt", "createdAt", "id", "isDemo", "name", "requireTwoFactor", "ruleSettings", "setting", "slug", "timeZone", "timelyFilingDays", "updatedAt", "uploadRetentionDays", "weekStartsOn") SELECT "analysisEngineVersion", "analysisError", "analysisStatus", "analyzedAt", "createdAt", "id", "isDemo", "name", "requireTwoFactor", "ruleSettings", "setting", "slug", "timeZone", "timelyFilingDays", "updatedAt", "uploadRetentionDays", "weekStartsOn" FROM "Organization";
DROP TABLE "Organization";
ALTER TABLE "new_Organization" RENAME TO "Organization";
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AnalysisDependency_organizationId_weekStart_idx" ON "AnalysisDependency"("organizationId", "weekStart");
