-- AlterTable
ALTER TABLE "FindingWork" ADD COLUMN "recoveredCents" INTEGER;
ALTER TABLE "FindingWork" ADD COLUMN "recoveredOn" TEXT;
ALTER TABLE "FindingWork" ADD COLUMN "recoveryClaimId" TEXT;
ALTER TABLE "FindingWork" ADD COLUMN "recoveryOutcome" TEXT;
ALTER TABLE "FindingWork" ADD COLUMN "recoverySource" TEXT;

-- CreateIndex
CREATE INDEX "FindingWork_organizationId_recoveredOn_idx" ON "FindingWork"("organizationId", "recoveredOn");
