-- AlterTable
ALTER TABLE "FindingWork" ADD COLUMN     "recoveredCents" INTEGER,
ADD COLUMN     "recoveredOn" TEXT,
ADD COLUMN     "recoveryClaimId" TEXT,
ADD COLUMN     "recoveryOutcome" TEXT,
ADD COLUMN     "recoverySource" TEXT;

-- CreateIndex
CREATE INDEX "FindingWork_organizationId_recoveredOn_idx" ON "FindingWork"("organizationId", "recoveredOn");
