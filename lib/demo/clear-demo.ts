import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db";
import { demoClearedMarker } from "./demo-files";

/**
 * Deletes every demo organization (cascade: all its rows) and remembers that the user cleared the
 * demo, so the next start does not load it again. The demo files stay in data/demo for `analyze`.
 * Returns how many organizations were deleted.
 */
export async function clearDemoData(db: Db, dataDir: string): Promise<number> {
  const { count } = await db.organization.deleteMany({ where: { isDemo: true } });
  const marker = demoClearedMarker(dataDir);
  mkdirSync(path.dirname(marker), { recursive: true });
  writeFileSync(marker, `Demo data cleared at ${new Date().toISOString()}. Delete this file to load the demo again on an empty database.\n`);

  return count;
}
