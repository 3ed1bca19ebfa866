-- AlterTable
ALTER TABLE "Finding" ADD COLUMN     "claimId" TEXT,
ADD COLUMN     "filingDeadline" TEXT,
ADD COLUMN     "setting" TEXT;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "analysisEngineVersion" TEXT,
ADD COLUMN     "analysisError" TEXT,
ADD COLUMN     "analysisStatus" TEXT NOT NULL DEFAULT 'idle',
ADD COLUMN     "analyzedAt" TIMESTAMP(3),
ADD COLUMN     "timelyFilingDays" INTEGER NOT NULL DEFAULT 365;

-- CreateTable
CREATE TABLE "PayerSetting" (
    "id" SERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "payer" TEXT NOT NULL,
    "timelyFilingDays" INTEGER NOT NULL,

    CONSTRAINT "PayerSetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingRollup" (
    "id" SERIAL NOT NULL,
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

    CONSTRAINT "FindingRollup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EncounterRollup" (
    "id" SERIAL NOT NULL,
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

    CONSTRAINT "EncounterRollup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimRollup" (
    "id" SERIAL NOT NULL,
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

    CONSTRAINT "ClaimRollup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DenialReasonRollup" (
    "id" SERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "payer" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "lines" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,

    CONSTRAINT "DenialReasonRollup_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "PayerSetting" ADD CONSTRAINT "PayerSetting_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingRollup" ADD CONSTRAINT "FindingRollup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EncounterRollup" ADD CONSTRAINT "EncounterRollup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimRollup" ADD CONSTRAINT "ClaimRollup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DenialReasonRollup" ADD CONSTRAINT "DenialReasonRollup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
