-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'America/New_York',
    "setting" TEXT NOT NULL DEFAULT 'facility',
    "weekStartsOn" INTEGER NOT NULL DEFAULT 1,
    "ruleSettings" JSONB,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" DATETIME
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT,
    "fileName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "sourceName" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "rowsTotal" INTEGER NOT NULL DEFAULT 0,
    "rowsImported" INTEGER NOT NULL DEFAULT 0,
    "rowsFailed" INTEGER NOT NULL DEFAULT 0,
    "warningsCount" INTEGER NOT NULL DEFAULT 0,
    "bytesTotal" INTEGER NOT NULL DEFAULT 0,
    "failureMessage" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "ImportBatch_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ImportBatch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportError" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "importBatchId" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "column" TEXT,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'error',
    "rawRow" TEXT,
    CONSTRAINT "ImportError_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ImportError_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Encounter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "importBatchId" INTEGER,
    "externalEncounterId" TEXT NOT NULL,
    "patientKey" TEXT NOT NULL,
    "patientLabel" TEXT,
    "dateOfService" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "site" TEXT,
    "payer" TEXT,
    "setting" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Encounter_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Encounter_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Administration" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "encounterId" INTEGER NOT NULL,
    "importBatchId" INTEGER,
    "orderId" TEXT,
    "drug" TEXT NOT NULL,
    "hcpcs" TEXT,
    "category" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "startAt" DATETIME NOT NULL,
    "stopAt" DATETIME,
    "startLocal" TEXT NOT NULL,
    "stopLocal" TEXT,
    "ivSite" TEXT,
    "nurse" TEXT,
    "primaryReason" BOOLEAN NOT NULL DEFAULT false,
    "sourceLine" INTEGER,
    CONSTRAINT "Administration_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Administration_encounterId_fkey" FOREIGN KEY ("encounterId") REFERENCES "Encounter" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Administration_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClaimLine" (
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
    "patientLabel" TEXT,
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

-- CreateTable
CREATE TABLE "ClaimAdjustment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "claimLineId" INTEGER NOT NULL,
    "group" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "quantity" INTEGER,
    CONSTRAINT "ClaimAdjustment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClaimAdjustment_claimLineId_fkey" FOREIGN KEY ("claimLineId") REFERENCES "ClaimLine" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClaimRemark" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "claimLineId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    CONSTRAINT "ClaimRemark_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClaimRemark_claimLineId_fkey" FOREIGN KEY ("claimLineId") REFERENCES "ClaimLine" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CodedLine" (
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
    CONSTRAINT "CodedLine_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CodedLine_encounterId_fkey" FOREIGN KEY ("encounterId") REFERENCES "Encounter" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Finding" (
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
    "engineVersion" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Finding_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Finding_encounterId_fkey" FOREIGN KEY ("encounterId") REFERENCES "Encounter" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Finding_claimLineId_fkey" FOREIGN KEY ("claimLineId") REFERENCES "ClaimLine" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeeScheduleRate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "payer" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "rateCents" INTEGER NOT NULL,
    "effectiveFrom" TEXT NOT NULL,
    "effectiveTo" TEXT,
    CONSTRAINT "FeeScheduleRate_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DrugCatalogEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "hcpcs" TEXT,
    "drug" TEXT,
    "category" TEXT NOT NULL,
    CONSTRAINT "DrugCatalogEntry_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ColumnMapping" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ColumnMapping_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT,
    "subjectId" TEXT,
    "detail" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_organizationId_userId_key" ON "Membership"("organizationId", "userId");

-- CreateIndex
CREATE INDEX "ImportBatch_organizationId_createdAt_idx" ON "ImportBatch"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "ImportBatch_organizationId_contentHash_idx" ON "ImportBatch"("organizationId", "contentHash");

-- CreateIndex
CREATE INDEX "ImportError_importBatchId_line_idx" ON "ImportError"("importBatchId", "line");

-- CreateIndex
CREATE INDEX "ImportError_organizationId_idx" ON "ImportError"("organizationId");

-- CreateIndex
CREATE INDEX "Encounter_organizationId_dateOfService_idx" ON "Encounter"("organizationId", "dateOfService");

-- CreateIndex
CREATE INDEX "Encounter_organizationId_weekStart_idx" ON "Encounter"("organizationId", "weekStart");

-- CreateIndex
CREATE INDEX "Encounter_organizationId_payer_idx" ON "Encounter"("organizationId", "payer");

-- CreateIndex
CREATE INDEX "Encounter_organizationId_patientKey_dateOfService_idx" ON "Encounter"("organizationId", "patientKey", "dateOfService");

-- CreateIndex
CREATE UNIQUE INDEX "Encounter_organizationId_externalEncounterId_key" ON "Encounter"("organizationId", "externalEncounterId");

-- CreateIndex
CREATE INDEX "Administration_organizationId_encounterId_idx" ON "Administration"("organizationId", "encounterId");

-- CreateIndex
CREATE INDEX "Administration_organizationId_drug_route_idx" ON "Administration"("organizationId", "drug", "route");

-- CreateIndex
CREATE INDEX "ClaimLine_organizationId_dateOfService_idx" ON "ClaimLine"("organizationId", "dateOfService");

-- CreateIndex
CREATE INDEX "ClaimLine_organizationId_weekStart_idx" ON "ClaimLine"("organizationId", "weekStart");

-- CreateIndex
CREATE INDEX "ClaimLine_organizationId_payer_idx" ON "ClaimLine"("organizationId", "payer");

-- CreateIndex
CREATE INDEX "ClaimLine_organizationId_code_idx" ON "ClaimLine"("organizationId", "code");

-- CreateIndex
CREATE INDEX "ClaimLine_organizationId_claimId_idx" ON "ClaimLine"("organizationId", "claimId");

-- CreateIndex
CREATE INDEX "ClaimLine_organizationId_encounterId_idx" ON "ClaimLine"("organizationId", "encounterId");

-- CreateIndex
CREATE INDEX "ClaimLine_organizationId_patientKey_dateOfService_idx" ON "ClaimLine"("organizationId", "patientKey", "dateOfService");

-- CreateIndex
CREATE INDEX "ClaimAdjustment_claimLineId_idx" ON "ClaimAdjustment"("claimLineId");

-- CreateIndex
CREATE INDEX "ClaimAdjustment_organizationId_group_reason_idx" ON "ClaimAdjustment"("organizationId", "group", "reason");

-- CreateIndex
CREATE INDEX "ClaimRemark_claimLineId_idx" ON "ClaimRemark"("claimLineId");

-- CreateIndex
CREATE INDEX "ClaimRemark_organizationId_code_idx" ON "ClaimRemark"("organizationId", "code");

-- CreateIndex
CREATE INDEX "CodedLine_organizationId_dateOfService_idx" ON "CodedLine"("organizationId", "dateOfService");

-- CreateIndex
CREATE INDEX "CodedLine_organizationId_weekStart_idx" ON "CodedLine"("organizationId", "weekStart");

-- CreateIndex
CREATE INDEX "CodedLine_organizationId_code_idx" ON "CodedLine"("organizationId", "code");

-- CreateIndex
CREATE INDEX "CodedLine_encounterId_idx" ON "CodedLine"("encounterId");

-- CreateIndex
CREATE INDEX "Finding_organizationId_dateOfService_idx" ON "Finding"("organizationId", "dateOfService");

-- CreateIndex
CREATE INDEX "Finding_organizationId_weekStart_idx" ON "Finding"("organizationId", "weekStart");

-- CreateIndex
CREATE INDEX "Finding_organizationId_payer_idx" ON "Finding"("organizationId", "payer");

-- CreateIndex
CREATE INDEX "Finding_organizationId_code_idx" ON "Finding"("organizationId", "code");

-- CreateIndex
CREATE INDEX "Finding_organizationId_cause_kind_idx" ON "Finding"("organizationId", "cause", "kind");

-- CreateIndex
CREATE INDEX "Finding_encounterId_idx" ON "Finding"("encounterId");

-- CreateIndex
CREATE INDEX "FeeScheduleRate_organizationId_payer_code_idx" ON "FeeScheduleRate"("organizationId", "payer", "code");

-- CreateIndex
CREATE INDEX "DrugCatalogEntry_organizationId_hcpcs_idx" ON "DrugCatalogEntry"("organizationId", "hcpcs");

-- CreateIndex
CREATE INDEX "DrugCatalogEntry_organizationId_drug_idx" ON "DrugCatalogEntry"("organizationId", "drug");

-- CreateIndex
CREATE UNIQUE INDEX "ColumnMapping_organizationId_sourceName_kind_key" ON "ColumnMapping"("organizationId", "sourceName", "kind");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_createdAt_idx" ON "AuditEvent"("organizationId", "createdAt");
