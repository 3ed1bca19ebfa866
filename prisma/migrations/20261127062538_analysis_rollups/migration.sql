-- AlterTable
ALTER TABLE "Finding" ADD COLUMN "claimId" TEXT;
ALTER TABLE "Finding" ADD COLUMN "filingDeadline" TEXT;
ALTER TABLE "Finding" ADD COLUMN "setting" TEXT;

-- CreateTable
CREATE TABLE "PayerSetting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "payer" TEXT NOT NULL,
    "timelyFilingDays" INTEGER NOT NULL,
    CONSTRAINT "PayerSetting_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FindingRollup" (
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
    CONSTRAINT "FindingRollup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EncounterRollup" (
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
    CONSTRAINT "EncounterRollup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClaimRollup" (
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
    CONSTRAINT "ClaimRollup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DenialReasonRollup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "payer" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "lines" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    CONSTRAINT "DenialReasonRollup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'America/New_York',
    "setting" TEXT NOT NULL DEFAULT 'facility',
    "weekStartsOn" INTEGER NOT NULL DEFAULT 1,
    "ruleSettings" JSONB,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "timelyFilingDays" INTEGER NOT NULL DEFAULT 365,
    "analysisStatus" TEXT NOT NULL DEFAULT 'idle',
    "analysisError" TEXT,
    "analysisEngineVersion" TEXT,
    "analyzedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organization" ("createdAt", "id", "isDemo", "name", "ruleSettings", "setting", "slug", "timeZone", "updatedAt", "weekStartsOn") SELECT "createdAt", "id", "isDemo", "name", "ruleSettings", "setting", "slug", "timeZone", "updatedAt", "weekStartsOn" FROM "Organization";
DROP TABLE "Organization";
ALTER TABLE "new_Organization" RENAME TO "Organization";
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PayerSetting_organizationId_payer_key" ON "PayerSetting"("organizationId", "payer");

-- CreateIndex
CREATE INDEX "FindingRollup_organizationId_weekStart_idx" ON "FindingRollup"("organizationId", "weekStart");

-- CreateIndex
CREATE INDEX "EncounterRollup_organizationId_weekStart_idx" ON "EncounterRollup"("organizationId", "weekStart");

-- CreateIndex
CREATE INDEX "ClaimRollup_organizationId_weekStart_idx" ON "ClaimRollup"("organizationId", "weekStart");

-- CreateIndex
CREATE INDEX "DenialReasonRollup_organizationId_weekStart_idx" ON "DenialReasonRollup"("organizationId", "weekStart");

-- CreateIndex
CREATE INDEX "Finding_organizationId_valueCents_idx" ON "Finding"("organizationId", "valueCents");

-- CreateIndex
CREATE INDEX "Finding_organizationId_cause_filingDeadline_idx" ON "Finding"("organizationId", "cause", "filingDeadline");
