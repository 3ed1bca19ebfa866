/**
 * First start: when the database has no organization, generate the synthetic demo practice
 * (lib/synthetic) into the data folder and load it through the REAL import path — `runImport` for
 * each file, then the analysis recompute — so the dashboard shows a populated practice.
 * Used by `npm start` (lib/server/start.mjs); no `server-only` (runs under tsx).
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import { createOrganization, getDb, type Db } from "@/lib/db";
import { addOwnersOfAnyPractice } from "@/lib/db/auth-records";
import { runImport } from "@/lib/import/run-import";
import { writePracticeFiles } from "@/lib/synthetic/write-practice-files";
import { DEMO_OPTIONS, DEMO_ORGANIZATION, demoClearedMarker, demoDir, listDemoFiles } from "./demo-files";

export type TDemoLoadResult =
  | { status: "skipped"; reason: string }
  | { status: "loaded"; organizationId: string; files: number; encounters: number; findings: number; seconds: number };

export type TLoadDemoOptions = {
  dataDir: string;
  db?: Db;
  log?: (line: string) => void;
};

/**
 * Whether the demo should load: no organization yet (an unfinished demo from an interrupted start
 * counts as none and is removed), the user has not cleared the demo before, and DRIPAUDIT_DEMO is
 * not "0"/"off"/"false".
 */
async function shouldLoadDemo(db: Db, dataDir: string, demoSetting: string | undefined): Promise<{ load: boolean; reason: string }> {
  if (demoSetting && ["0", "off", "false", "no"].includes(demoSetting.trim().toLowerCase())) return { load: false, reason: "DRIPAUDIT_DEMO is off" };
  if (existsSync(demoClearedMarker(dataDir))) return { load: false, reason: "the demo was cleared before" };
  const organizations = await db.organization.findMany({ select: { id: true, isDemo: true, analyzedAt: true } });
  const unfinished = organizations.filter((organization) => organization.isDemo && organization.analyzedAt === null);
  if (organizations.length > unfinished.length) return { load: false, reason: "the database already has a practice" };
  if (unfinished.length > 0) await db.organization.deleteMany({ where: { id: { in: unfinished.map((organization) => organization.id) } } });

  return { load: true, reason: unfinished.length > 0 ? "an interrupted demo load was removed" : "the database is empty" };
}

export async function loadDemoIfEmpty(options: TLoadDemoOptions, demoSetting = process.env.DRIPAUDIT_DEMO): Promise<TDemoLoadResult> {
  const db = options.db ?? getDb().db;
  const log = options.log ?? (() => {});
  const decision = await shouldLoadDemo(db, options.dataDir, demoSetting);
  if (!decision.load) return { status: "skipped", reason: decision.reason };

  const started = performance.now();
  const dir = demoDir(options.dataDir);
  let files = listDemoFiles(dir);
  if (!files) {
    log(`DripAudit: first start — generating the demo practice in ${dir} …`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await writePracticeFiles(dir, { ...DEMO_OPTIONS });
    files = listDemoFiles(dir);
    if (!files) throw new Error(`the demo generator did not write the expected files in ${dir}`);
  }

  const organization = await createOrganization(db, { ...DEMO_ORGANIZATION });
  await db.organization.update({ where: { id: organization.id }, data: { isDemo: true, analysisStatus: "pending" } });
  // The demo loads in the background: when the first owner finished /setup before it was created
  // (createFirstOwner joins only the practices that existed then), they must still see it.
  await addOwnersOfAnyPractice(db, organization.id);
  const ordered = [files.feeSchedule, ...files.sessions, ...files.claims];
  log(`DripAudit: loading the demo practice (${ordered.length} files) through the import path …`);
  let index = 0;
  for (const filePath of ordered) {
    index += 1;
    const outcome = await runImport({ organizationId: organization.id, filePath, fileName: path.basename(filePath), sourceName: "DripAudit demo", analyze: false });
    if (outcome.status !== "succeeded" && outcome.status !== "duplicate") {
      throw new Error(`demo import of ${path.basename(filePath)} ${outcome.status}: ${outcome.message}`);
    }
    if (index <= 3 || index % 20 === 0 || index === ordered.length) log(`DripAudit: demo ${index}/${ordered.length} ${path.basename(filePath)} — ${outcome.message}`);
  }
  log("DripAudit: analyzing the demo practice …");
  const result = await recomputeOrganization(organization.id, { weeks: "all", db });
  // Owners added while it loaded (`user add` right after `npm start` joins only the practices that existed then).
  await addOwnersOfAnyPractice(db, organization.id);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  log(`DripAudit: demo practice ready — ${result.encounters.toLocaleString("en-US")} encounters, ${result.findings.toLocaleString("en-US")} findings, ${seconds} s.`);

  return { status: "loaded", organizationId: organization.id, files: ordered.length, encounters: result.encounters, findings: result.findings, seconds };
}
