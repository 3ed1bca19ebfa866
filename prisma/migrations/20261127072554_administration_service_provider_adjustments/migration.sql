-- AlterTable
ALTER TABLE "Administration" ADD COLUMN "service" TEXT;

-- CreateTable
CREATE TABLE "ProviderAdjustment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "importBatchId" INTEGER,
    "payer" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "fiscalPeriodDate" TEXT,
    "reason" TEXT NOT NULL,
    "reference" TEXT,
    "claimId" TEXT,
    "amountCents" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProviderAdjustment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProviderAdjustment_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ProviderAdjustment_organizationId_claimId_idx" ON "ProviderAdjustment"("organizationId", "claimId");

-- CreateIndex
CREATE INDEX "ProviderAdjustment_importBatchId_idx" ON "ProviderAdjustment"("importBatchId");

-- CreateIndex
CREATE INDEX "Administration_encounterId_idx" ON "Administration"("encounterId");

-- CreateIndex
CREATE INDEX "Administration_importBatchId_idx" ON "Administration"("importBatchId");

-- CreateIndex
CREATE INDEX "ClaimLine_encounterId_idx" ON "ClaimLine"("encounterId");

-- CreateIndex
CREATE INDEX "ClaimLine_importBatchId_idx" ON "ClaimLine"("importBatchId");

-- CreateIndex
CREATE INDEX "Encounter_importBatchId_idx" ON "Encounter"("importBatchId");

-- CreateIndex
CREATE INDEX "Finding_organizationId_site_idx" ON "Finding"("organizationId", "site");

-- CreateIndex
CREATE INDEX "Finding_organizationId_nurse_idx" ON "Finding"("organizationId", "nurse");
