-- DropIndex
DROP INDEX "Encounter_organizationId_patientKey_dateOfService_idx";

-- DropIndex
DROP INDEX "Encounter_organizationId_payer_idx";
