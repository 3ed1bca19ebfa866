-- AlterTable
ALTER TABLE "User" ADD COLUMN     "reportFirmName" TEXT,
ADD COLUMN     "reportLogo" TEXT;
