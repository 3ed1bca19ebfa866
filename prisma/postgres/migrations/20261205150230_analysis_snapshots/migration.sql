-- CreateTable
CREATE TABLE "AnalysisSnapshot" (
    "id" SERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "analysisVersion" INTEGER NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "figures" TEXT NOT NULL,

    CONSTRAINT "AnalysisSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnalysisSnapshot_organizationId_publishedAt_idx" ON "AnalysisSnapshot"("organizationId", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AnalysisSnapshot_organizationId_analysisVersion_key" ON "AnalysisSnapshot"("organizationId", "analysisVersion");

-- AddForeignKey
ALTER TABLE "AnalysisSnapshot" ADD CONSTRAINT "AnalysisSnapshot_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
