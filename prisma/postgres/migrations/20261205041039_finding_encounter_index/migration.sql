-- DropIndex
DROP INDEX "Finding_encounterId_idx";

-- CreateIndex
CREATE INDEX "Finding_encounterId_organizationId_idx" ON "Finding"("encounterId", "organizationId");
