-- DropIndex
DROP INDEX "Administration_organizationId_encounterId_idx";

-- DropIndex
DROP INDEX "CodedLine_organizationId_code_idx";

-- DropIndex
DROP INDEX "CodedLine_organizationId_dateOfService_idx";

-- DropIndex
DROP INDEX "CodedLine_organizationId_weekStart_idx";
