-- CreateTable
CREATE TABLE "FindingWork" (
    "id" SERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "externalEncounterId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "dismissReason" TEXT,
    "dismissNoteSealed" TEXT,
    "assigneeUserId" TEXT,
    "dueDate" TEXT,
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FindingWork_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingNote" (
    "id" SERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "workId" INTEGER NOT NULL,
    "authorUserId" TEXT,
    "authorEmail" TEXT NOT NULL,
    "textSealed" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FindingNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FindingWork_organizationId_status_idx" ON "FindingWork"("organizationId", "status");

-- CreateIndex
CREATE INDEX "FindingWork_organizationId_assigneeUserId_idx" ON "FindingWork"("organizationId", "assigneeUserId");

-- CreateIndex
CREATE UNIQUE INDEX "FindingWork_organizationId_externalEncounterId_kind_code_key" ON "FindingWork"("organizationId", "externalEncounterId", "kind", "code");

-- CreateIndex
CREATE INDEX "FindingNote_workId_id_idx" ON "FindingNote"("workId", "id");

-- AddForeignKey
ALTER TABLE "FindingWork" ADD CONSTRAINT "FindingWork_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingWork" ADD CONSTRAINT "FindingWork_assigneeUserId_fkey" FOREIGN KEY ("assigneeUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingNote" ADD CONSTRAINT "FindingNote_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingNote" ADD CONSTRAINT "FindingNote_workId_fkey" FOREIGN KEY ("workId") REFERENCES "FindingWork"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingNote" ADD CONSTRAINT "FindingNote_authorUserId_fkey" FOREIGN KEY ("authorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
