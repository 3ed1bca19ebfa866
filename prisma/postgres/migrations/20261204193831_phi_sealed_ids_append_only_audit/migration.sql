/*
  Warnings:

  patientLabel is renamed to patientIdSealed with its values (clear text), and the app seals every value
  without the seal prefix at start (lib/security/seal-legacy-patient-ids.ts), before serving.

*/
-- DropForeignKey
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_organizationId_fkey";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "actorEmail" TEXT,
ADD COLUMN     "address" TEXT,
ALTER COLUMN "organizationId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "ClaimLine" RENAME COLUMN "patientLabel" TO "patientIdSealed";

-- AlterTable
ALTER TABLE "Encounter" RENAME COLUMN "patientLabel" TO "patientIdSealed";

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "uploadRetentionDays" INTEGER NOT NULL DEFAULT 7;

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");
