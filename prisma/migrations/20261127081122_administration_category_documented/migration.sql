-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Administration" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "encounterId" INTEGER NOT NULL,
    "importBatchId" INTEGER,
    "orderId" TEXT,
    "drug" TEXT NOT NULL,
    "hcpcs" TEXT,
    "category" TEXT NOT NULL,
    "categoryDocumented" BOOLEAN NOT NULL DEFAULT true,
    "route" TEXT NOT NULL,
    "startAt" DATETIME NOT NULL,
    "stopAt" DATETIME,
    "startLocal" TEXT NOT NULL,
    "stopLocal" TEXT,
    "ivSite" TEXT,
    "nurse" TEXT,
    "primaryReason" BOOLEAN NOT NULL DEFAULT false,
    "service" TEXT,
    "sourceLine" INTEGER,
    CONSTRAINT "Administration_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Administration_encounterId_fkey" FOREIGN KEY ("encounterId") REFERENCES "Encounter" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Administration_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Administration" ("category", "drug", "encounterId", "hcpcs", "id", "importBatchId", "ivSite", "nurse", "orderId", "organizationId", "primaryReason", "route", "service", "sourceLine", "startAt", "startLocal", "stopAt", "stopLocal") SELECT "category", "drug", "encounterId", "hcpcs", "id", "importBatchId", "ivSite", "nurse", "orderId", "organizationId", "primaryReason", "route", "service", "sourceLine", "startAt", "startLocal", "stopAt", "stopLocal" FROM "Administration";
DROP TABLE "Administration";
ALTER TABLE "new_Administration" RENAME TO "Administration";
CREATE INDEX "Administration_organizationId_drug_route_idx" ON "Administration"("organizationId", "drug", "route");
CREATE INDEX "Administration_encounterId_idx" ON "Administration"("encounterId");
CREATE INDEX "Administration_importBatchId_idx" ON "Administration"("importBatchId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
