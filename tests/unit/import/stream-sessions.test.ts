import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { streamSessions } from "@/lib/import/stream-sessions";

const dir = mkdtempSync(join(tmpdir(), "stream-"));

async function batches(content: string, contiguous: boolean, chunkSize = 64) {
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, content);
  const out: { ids: string[]; errors: number[]; notices: string[]; done: boolean }[] = [];
  for await (const b of streamSessions(path, { timeZone: "America/New_York", contiguous, chunkSize })) {
    out.push({ ids: b.encounters.map((e) => e.encounter.id), errors: b.errors.map((e) => e.line), notices: b.notices.map((n) => n.code), done: b.done });
  }
  return out;
}

function sortedFile(encounters: number, perEncounter: number): string {
  const rows = ["encounter_id,patient_id,drug,route,start,stop"];
  for (let e = 0; e < encounters; e++) {
    for (let a = 0; a < perEncounter; a++) rows.push(`E${e},P${e},Drug${a},IV,2025-03-04 0${a}:00,2025-03-04 0${a}:30`);
  }
  return rows.join("\n");
}

describe("streamSessions", () => {
  test("contiguous: encounters are emitted in several batches, each once, in file order", async () => {
    // Larger than the 64 KiB the reader gathers before it starts, so the file arrives in many batches.
    const out = await batches(sortedFile(2000, 3), true);
    expect(out.length).toBeGreaterThan(3);
    expect(out.flatMap((b) => b.ids)).toEqual(Array.from({ length: 2000 }, (_, i) => `E${i}`));
    expect(out.at(-1)!.done).toBe(true);
    expect(out.filter((b) => b.done)).toHaveLength(1);
  });

  test("not contiguous (default): everything arrives in the final batch", async () => {
    const out = await batches(sortedFile(20, 2), false);
    expect(out.filter((b) => b.ids.length > 0)).toHaveLength(1);
    expect(out.at(-1)!.ids).toHaveLength(20);
  });

  test("contiguous mode on an unsorted file flags the split encounter", async () => {
    const rows = [sortedFile(2000, 2), "E0,P0,Late,IV,2025-03-04 09:00,2025-03-04 09:30"].join("\n");
    const out = await batches(rows, true);
    const ids = out.flatMap((b) => b.ids);
    expect(ids.filter((id) => id === "E0")).toHaveLength(2);
    expect(out.flatMap((b) => b.notices)).toContain("ENCOUNTER_NOT_CONTIGUOUS");
  });
});
