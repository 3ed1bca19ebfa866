-- AlterTable
ALTER TABLE "User" ADD COLUMN "reportFirmName" TEXT;
ALTER TABLE "User" ADD COLUMN "reportLogo" TEXT;
