-- DropIndex
DROP INDEX "ClaimRollup_organizationId_weekStart_idx";

-- DropIndex
DROP INDEX "FindingRollup_organizationId_payer_site_cause_valueCents_analysisVersion_retiredInVersion_idx";

-- DropIndex
DROP INDEX "FindingRollup_organizationId_code_cause_valueCents_units_findings_analysisVersion_retiredInVersion_idx";

-- DropIndex
DROP INDEX "FindingRollup_organizationId_weekStart_cause_kind_valueCents_units_findings_analysisVersion_retiredInVersion_idx";

-- CreateTable
CREATE TABLE "FindingSummaryRollup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "payer" TEXT NOT NULL,
    "site" TEXT NOT NULL,
    "setting" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "findings" INTEGER NOT NULL,
    "units" INTEGER NOT NULL,
    "valueCents" INTEGER NOT NULL,
    "analysisVersion" INTEGER NOT NULL DEFAULT 0,
    "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647,
    CONSTRAINT "FindingSummaryRollup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "FindingSummaryRollup_organizationId_weekStart_cause_kind_payer_site_setting_code_valueCents_units_findings_analysisVersion_retiredInVersion_idx" ON "FindingSummaryRollup"("organizationId", "weekStart", "cause", "kind", "payer", "site", "setting", "code", "valueCents", "units", "findings", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "FindingSummaryRollup_organizationId_code_cause_payer_site_setting_weekStart_kind_valueCents_units_findings_analysisVersion_retiredInVersion_idx" ON "FindingSummaryRollup"("organizationId", "code", "cause", "payer", "site", "setting", "weekStart", "kind", "valueCents", "units", "findings", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "FindingSummaryRollup_organizationId_payer_site_cause_setting_weekStart_kind_code_valueCents_units_findings_analysisVersion_retiredInVersion_idx" ON "FindingSummaryRollup"("organizationId", "payer", "site", "cause", "setting", "weekStart", "kind", "code", "valueCents", "units", "findings", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "ClaimRollup_organizationId_weekStart_payer_site_lines_deniedLines_billedCents_deniedCents_analysisVersion_retiredInVersion_idx" ON "ClaimRollup"("organizationId", "weekStart", "payer", "site", "lines", "deniedLines", "billedCents", "deniedCents", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "DenialReasonRollup_organizationId_group_reason_payer_weekStart_lines_amountCents_analysisVersion_retiredInVersion_idx" ON "DenialReasonRollup"("organizationId", "group", "reason", "payer", "weekStart", "lines", "amountCents", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "FindingRollup_organizationId_weekStart_idx" ON "FindingRollup"("organizationId", "weekStart");

-- CreateIndex
CREATE INDEX "FindingRollup_organizationId_nurse_cause_kind_code_payer_site_setting_weekStart_valueCents_units_findings_analysisVersion_retiredInVersion_idx" ON "FindingRollup"("organizationId", "nurse", "cause", "kind", "code", "payer", "site", "setting", "weekStart", "valueCents", "units", "findings", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "FindingRollup_organizationId_cause_nurse_payer_site_setting_weekStart_kind_valueCents_units_findings_analysisVersion_retiredInVersion_idx" ON "FindingRollup"("organizationId", "cause", "nurse", "payer", "site", "setting", "weekStart", "kind", "valueCents", "units", "findings", "analysisVersion", "retiredInVersion");

-- Backfill: the summary of every FindingRollup row already written, per analysis version, so the
-- published analysis reads the same figures before its next recompute.
INSERT INTO "FindingSummaryRollup" ("organizationId", "weekStart", "payer", "site", "setting", "cause", "kind", "code", "findings", "units", "valueCents", "analysisVersion", "retiredInVersion")
SELECT "organizationId", "weekStart", "payer", "site", "setting", "cause", "kind", "code", SUM("findings"), SUM("units"), SUM("valueCents"), "analysisVersion", "retiredInVersion"
FROM "FindingRollup"
GROUP BY "organizationId", "weekStart", "payer", "site", "setting", "cause", "kind", "code", "analysisVersion", "retiredInVersion";
