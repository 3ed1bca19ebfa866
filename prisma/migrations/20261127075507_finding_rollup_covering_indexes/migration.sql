-- DropIndex
DROP INDEX "FindingRollup_organizationId_weekStart_idx";

-- CreateIndex
CREATE INDEX "FindingRollup_organizationId_weekStart_cause_kind_valueCents_units_findings_idx" ON "FindingRollup"("organizationId", "weekStart", "cause", "kind", "valueCents", "units", "findings");

-- CreateIndex
CREATE INDEX "FindingRollup_organizationId_code_cause_valueCents_units_findings_idx" ON "FindingRollup"("organizationId", "code", "cause", "valueCents", "units", "findings");

-- CreateIndex
CREATE INDEX "FindingRollup_organizationId_payer_site_cause_valueCents_idx" ON "FindingRollup"("organizationId", "payer", "site", "cause", "valueCents");
