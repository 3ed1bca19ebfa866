-- DropIndex
DROP INDEX "Finding_organizationId_cause_kind_idx";

-- DropIndex
DROP INDEX "Finding_organizationId_code_idx";

-- DropIndex
DROP INDEX "Finding_organizationId_dateOfService_idx";

-- DropIndex
DROP INDEX "Finding_organizationId_nurse_idx";

-- DropIndex
DROP INDEX "Finding_organizationId_payer_idx";

-- DropIndex
DROP INDEX "Finding_organizationId_site_idx";

-- DropIndex
DROP INDEX "Finding_organizationId_valueCents_idx";

-- CreateIndex
CREATE INDEX "Finding_page_date_idx" ON "Finding"("organizationId", "dateOfService", "id", "cause", "kind", "code", "payer", "site", "nurse", "setting", "isEstimate", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "Finding_page_value_idx" ON "Finding"("organizationId", "valueCents", "id", "dateOfService", "cause", "kind", "code", "payer", "site", "nurse", "setting", "isEstimate", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "Finding_page_kind_idx" ON "Finding"("organizationId", "cause", "kind", "id", "dateOfService", "code", "payer", "site", "nurse", "setting", "isEstimate", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "Finding_page_payer_idx" ON "Finding"("organizationId", "payer", "id", "dateOfService", "cause", "kind", "code", "site", "nurse", "setting", "isEstimate", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "Finding_page_deadline_idx" ON "Finding"("organizationId", "filingDeadline", "id", "dateOfService", "cause", "kind", "code", "payer", "site", "nurse", "setting", "isEstimate", "analysisVersion", "retiredInVersion");
