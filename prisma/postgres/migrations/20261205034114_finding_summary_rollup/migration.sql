-- DropIndex
DROP INDEX "ClaimRollup_organizationId_weekStart_idx";

-- DropIndex
DROP INDEX "FindingRollup_organizationId_code_cause_valueCents_units_fi_idx";

-- DropIndex
DROP INDEX "FindingRollup_organizationId_payer_site_cause_valueCents_an_idx";

-- DropIndex
DROP INDEX "FindingRollup_organizationId_weekStart_cause_kind_valueCent_idx";

-- CreateTable
CREATE TABLE "FindingSummaryRollup" (
    "id" SERIAL NOT NULL,
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

    CONSTRAINT "FindingSummaryRollup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FindingSummaryRollup_organizationId_weekStart_cause_kind_pa_idx" ON "FindingSummaryRollup"("organizationId", "weekStart", "cause", "kind", "payer", "site", "setting", "code", "valueCents", "units", "findings", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "FindingSummaryRollup_organizationId_code_cause_payer_site_s_idx" ON "FindingSummaryRollup"("organizationId", "code", "cause", "payer", "site", "setting", "weekStart", "kind", "valueCents", "units", "findings", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "FindingSummaryRollup_organizationId_payer_site_cause_settin_idx" ON "FindingSummaryRollup"("organizationId", "payer", "site", "cause", "setting", "weekStart", "kind", "code", "valueCents", "units", "findings", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "ClaimRollup_organizationId_weekStart_payer_site_lines_denie_idx" ON "ClaimRollup"("organizationId", "weekStart", "payer", "site", "lines", "deniedLines", "billedCents", "deniedCents", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "DenialReasonRollup_organizationId_group_reason_payer_weekSt_idx" ON "DenialReasonRollup"("organizationId", "group", "reason", "payer", "weekStart", "lines", "amountCents", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "FindingRollup_organizationId_weekStart_idx" ON "FindingRollup"("organizationId", "weekStart");

-- CreateIndex
CREATE INDEX "FindingRollup_organizationId_nurse_cause_kind_code_payer_si_idx" ON "FindingRollup"("organizationId", "nurse", "cause", "kind", "code", "payer", "site", "setting", "weekStart", "valueCents", "units", "findings", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "FindingRollup_organizationId_cause_nurse_payer_site_setting_idx" ON "FindingRollup"("organizationId", "cause", "nurse", "payer", "site", "setting", "weekStart", "kind", "valueCents", "units", "findings", "analysisVersion", "retiredInVersion");

-- AddForeignKey
ALTER TABLE "FindingSummaryRollup" ADD CONSTRAINT "FindingSummaryRollup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the summary of every FindingRollup row already written, per analysis version, so the
-- published analysis reads the same figures before its next recompute.
INSERT INTO "FindingSummaryRollup" ("organizationId", "weekStart", "payer", "site", "setting", "cause", "kind", "code", "findings", "units", "valueCents", "analysisVersion", "retiredInVersion")
SELECT "organizationId", "weekStart", "payer", "site", "setting", "cause", "kind", "code", SUM("findings"), SUM("units"), SUM("valueCents"), "analysisVersion", "retiredInVersion"
FROM "FindingRollup"
GROUP BY "organizationId", "weekStart", "payer", "site", "setting", "cause", "kind", "code", "analysisVersion", "retiredInVersion";
