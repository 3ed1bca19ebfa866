-- AlterTable
ALTER TABLE "User" ADD COLUMN     "isInstallOwner" BOOLEAN NOT NULL DEFAULT false;

-- The owner who completed /setup before this column existed owns the install.
UPDATE "User" SET "isInstallOwner" = true WHERE "id" IN (SELECT "userId" FROM "InstallSetup");
