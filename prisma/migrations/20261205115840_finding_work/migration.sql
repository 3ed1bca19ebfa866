-- CreateTable
CREATE TABLE "FindingWork" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "externalEncounterId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "dismissReason" TEXT,
    "dismissNoteSealed" TEXT,
    "assigneeUserId" TEXT,
    "dueDate" TEXT,
    "statusChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FindingWork_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FindingWork_assigneeUserId_fkey" FOREIGN KEY ("assigneeUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FindingNote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" TEXT NOT NULL,
    "workId" INTEGER NOT NULL,
    "authorUserId" TEXT,
    "authorEmail" TEXT NOT NULL,
    "textSealed" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FindingNote_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FindingNote_workId_fkey" FOREIGN KEY ("workId") REFERENCES "FindingWork" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FindingNote_authorUserId_fkey" FOREIGN KEY ("authorUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "FindingWork_organizationId_status_idx" ON "FindingWork"("organizationId", "status");

-- CreateIndex
CREATE INDEX "FindingWork_organizationId_assigneeUserId_idx" ON "FindingWork"("organizationId", "assigneeUserId");

-- CreateIndex
CREATE UNIQUE INDEX "FindingWork_organizationId_externalEncounterId_kind_code_key" ON "FindingWork"("organizationId", "externalEncounterId", "kind", "code");

-- CreateIndex
CREATE INDEX "FindingNote_workId_id_idx" ON "FindingNote"("workId", "id");
