/**
 * CSV reader throughput: `readCsvRows` (rows with file line numbers, header detection, totals/blank
 * handling) and the full sessions reader (`readSessions`: mapping, normalizing, dates in the zone,
 * grouping) against raw papaparse chunk-mode parsing of the same generated file, in the same run.
 * Figures are the median round.
 *
 * Targets (both modes; ratios of time against the papaparse baseline of the same run): readCsvRows
 * ≤ READER_TARGET×, readSessions ≤ SESSIONS_TARGET×. `--quick` runs fewer rounds of the same file.
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { readCsvRows } from "@/lib/import/read-csv-rows";
import { readSessions } from "@/lib/import/read-sessions";
import type { BenchCase } from "./bench-case";
import { atMost, verdict } from "./bench-targets";
import { generateEncounters } from "./generate-encounters";
import { formatRate, measureThroughputAsync } from "./measure-throughput";

/** Both modes (readSessions' ratio depends on the size: ~18× at 10,000 encounters); --quick runs fewer rounds. */
const ENCOUNTERS = 40_000;
/** readCsvRows time / papaparse time: measured 1.1–1.4× here. */
const READER_TARGET = 1.8;
/** readSessions time / papaparse time: measured 10.6× here (mapping, validation, dates in the zone, grouping). */
const SESSIONS_TARGET = 15;
const NURSES = ["Adams, RN", "Baker", "Cole, LPN", "Diaz"];

function writeSessionsCsv(path: string, count: number): number {
  const lines = ["encounter_id,patient_id,drug,hcpcs,category,route,start,stop,iv_site,nurse,payer"];
  let n = 0;
  for (const [i, e] of generateEncounters(count).entries()) {
    for (const a of e.administrations) {
      const nurse = NURSES[(i + n) % NURSES.length]!;
      const route = a.route === "iv_push" ? "IV Push" : a.route === "injection" ? "SubQ" : "IV";
      lines.push(
        [e.id, `P${(i * 7919) % 100_000}`, a.drug.includes(",") ? `"${a.drug}"` : a.drug, a.hcpcs ?? "", a.category ?? "", route,
          a.start.local.replace("T", " "), a.stop ? a.stop.local.replace("T", " ") : "", a.ivSite ?? "",
          nurse.includes(",") ? `"${nurse}"` : nurse, i % 3 === 0 ? "Medicare" : "Aetna"].join(","),
      );
      n++;
    }
  }
  writeFileSync(path, `${lines.join("\r\n")}\r\n`);
  return n;
}

function rawPapaparse(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse<string[]>(createReadStream(path, { encoding: "utf8" }), {
      header: false,
      skipEmptyLines: true,
      chunk: (results) => {
        rows += results.data.length;
      },
      complete: () => resolve(rows),
      error: reject,
    });
  });
}

export const csvReaderThroughput: BenchCase = {
  name: "csv",
  summary: `readCsvRows and readSessions vs raw papaparse chunk mode on a generated sessions CSV (${ENCOUNTERS.toLocaleString("en-US")} encounters)`,
  async run(log, { quick }) {
    const count = ENCOUNTERS;
    const minMs = quick ? 800 : 1500;
    const dir = mkdtempSync(join(tmpdir(), "dripaudit-bench-"));
    const path = join(dir, "sessions.csv");
    try {
      const rows = writeSessionsCsv(path, count);
      const mb = statSync(path).size / 1e6;
      let sink = 0;

      const papa = await measureThroughputAsync(async () => {
        sink += await rawPapaparse(path);
      }, rows + 1, { minMs });
      const reader = await measureThroughputAsync(async () => {
        for await (const batch of readCsvRows(path)) sink += batch.rows.length;
      }, rows + 1, { minMs });
      const sessions = await measureThroughputAsync(async () => {
        const r = await readSessions(path, { timeZone: "America/New_York" });
        sink += r.encounters.length + r.errors.length;
      }, rows, { minMs });

      const readerRatio = papa.perSecond / reader.perSecond;
      const sessionsRatio = papa.perSecond / sessions.perSecond;
      const readerTarget = atMost(READER_TARGET);
      const sessionsTarget = atMost(SESSIONS_TARGET);
      log(`csv: ${rows.toLocaleString("en-US")} rows, ${mb.toFixed(1)} MB (CRLF, quoted fields), one core; median rounds`);
      log(`  raw papaparse chunk mode: ${formatRate(papa.perSecond)} rows/s (${(mb / (papa.msPerRound / 1000)).toFixed(0)} MB/s)`);
      log(`  readCsvRows:              ${formatRate(reader.perSecond)} rows/s (${(mb / (reader.msPerRound / 1000)).toFixed(0)} MB/s), ${readerRatio.toFixed(2)}× raw time vs target ≤ ${readerTarget}× — ${verdict(readerRatio <= readerTarget)}`);
      log(`  readSessions (full):      ${formatRate(sessions.perSecond)} rows/s (${(mb / (sessions.msPerRound / 1000)).toFixed(0)} MB/s), ${sessionsRatio.toFixed(2)}× raw time vs target ≤ ${sessionsTarget}× — ${verdict(sessionsRatio <= sessionsTarget)}`);
      if (sink === -1) log("");
      return readerRatio <= readerTarget && sessionsRatio <= sessionsTarget;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
