-- CreateTable
CREATE TABLE "AnalysisSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "analysisVersion" INTEGER NOT NULL,
    "publishedAt" DATETIME NOT NULL,
    "figures" TEXT NOT NULL,
    CONSTRAINT "AnalysisSnapshot_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AnalysisSnapshot_organizationId_publishedAt_idx" ON "AnalysisSnapshot"("organizationId", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AnalysisSnapshot_organizationId_analysisVersion_key" ON "AnalysisSnapshot"("organizationId", "analysisVersion");
