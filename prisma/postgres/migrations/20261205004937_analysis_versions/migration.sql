-- DropIndex
DROP INDEX "FindingRollup_organizationId_code_cause_valueCents_units_fi_idx";

-- DropIndex
DROP INDEX "FindingRollup_organizationId_payer_site_cause_valueCents_idx";

-- DropIndex
DROP INDEX "FindingRollup_organizationId_weekStart_cause_kind_valueCent_idx";

-- AlterTable
ALTER TABLE "ClaimRollup" ADD COLUMN     "analysisVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647;

-- AlterTable
ALTER TABLE "CodedLine" ADD COLUMN     "analysisVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647;

-- AlterTable
ALTER TABLE "DenialReasonRollup" ADD COLUMN     "analysisVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647;

-- AlterTable
ALTER TABLE "EncounterRollup" ADD COLUMN     "analysisVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647;

-- AlterTable
ALTER TABLE "Finding" ADD COLUMN     "analysisVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647;

-- AlterTable
ALTER TABLE "FindingRollup" ADD COLUMN     "analysisVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "analysisContext" TEXT,
ADD COLUMN     "analysisLeaseOwner" TEXT,
ADD COLUMN     "analysisLeaseUntil" TIMESTAMP(3),
ADD COLUMN     "analysisVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "AnalysisDependency" (
    "id" SERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "analysisVersion" INTEGER NOT NULL DEFAULT 0,
    "retiredInVersion" INTEGER NOT NULL DEFAULT 2147483647,
    "weekStart" TEXT NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "AnalysisDependency_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnalysisDependency_organizationId_weekStart_idx" ON "AnalysisDependency"("organizationId", "weekStart");

-- CreateIndex
CREATE INDEX "FindingRollup_organizationId_weekStart_cause_kind_valueCent_idx" ON "FindingRollup"("organizationId", "weekStart", "cause", "kind", "valueCents", "units", "findings", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "FindingRollup_organizationId_code_cause_valueCents_units_fi_idx" ON "FindingRollup"("organizationId", "code", "cause", "valueCents", "units", "findings", "analysisVersion", "retiredInVersion");

-- CreateIndex
CREATE INDEX "FindingRollup_organizationId_payer_site_cause_valueCents_an_idx" ON "FindingRollup"("organizationId", "payer", "site", "cause", "valueCents", "analysisVersion", "retiredInVersion");

-- AddForeignKey
ALTER TABLE "AnalysisDependency" ADD CONSTRAINT "AnalysisDependency_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
