-- AlterTable
ALTER TABLE "Administration" ADD COLUMN     "categoryDocumented" BOOLEAN NOT NULL DEFAULT true;
