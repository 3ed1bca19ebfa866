/**
 * Writes a synthetic practice to a directory, streaming week by week (bounded memory):
 *
 * | file | content |
 * |---|---|
 * | `sessions.csv` | interval sessions (spec §3.1) |
 * | `sessions-mar.csv` | MAR events (spec §3.2) for the encounters exported that way (not in sessions.csv) |
 * | `claims.csv` | claims CSV (spec §3.3): every claim version, written per check run |
 * | `remits/<payer>-<YYYY-MM>.835` | X12 835 per payer per month, one transaction per weekly check run |
 * | `fee-schedule.csv` | contract rates per payer and year, plus `*` reference rows (spec §3.5) |
 * | `truth.json` | parameters, counts, injected errors and payer events with their expected findings |
 */
import { createReadStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createPrng } from "./create-prng";
import { createFileSink, csvRow, type FileSink } from "./file-sink";
import { emptyCounts, generatePractice, resolveGeneratorOptions } from "./generate-practice";
import { contractRateCents, createPractice, REFERENCE_RATE_CENTS } from "./practice";
import { REGIMEN_WEIGHTS } from "./regimens";
import type { GeneratorOptions, RemittanceRun, TruthCounts } from "./types";
import { CLAIMS_HEADER, claimsCsvRows, dollars } from "./write-claims-csv";
import { envelopeEnd, envelopeStart, transaction835 } from "./write-835";
import { INTERVAL_HEADER, intervalRows, MAR_HEADER, marRows } from "./write-sessions";

export const TRUTH_FORMAT_VERSION = 1;

export type WrittenFile = { path: string; bytes: number };

export type WritePracticeResult = { files: WrittenFile[]; counts: TruthCounts; firstDateOfService: string; lastDateOfService: string };

type OpenRemit = { month: string; sink: FileSink; path: string; transactions: number; control: number };

/**
 * Generates and writes a practice. Same options → byte-identical files.
 * @example await writePracticeFiles("data/demo", { seed: 42, weeks: 104 })
 */
export async function writePracticeFiles(dir: string, input: Partial<GeneratorOptions> = {}): Promise<WritePracticeResult> {
  const options = resolveGeneratorOptions(input);
  await mkdir(join(dir, "remits"), { recursive: true });
  // Same seed → same sites, payers and rates as the generator's practice (the panel is not needed here).
  const practice = createPractice(options.seed, { sites: options.sites, patientsPerSite: 1, regimenWeights: REGIMEN_WEIGHTS });
  const files: WrittenFile[] = [];
  const open = (name: string): { sink: FileSink; path: string } => ({ sink: createFileSink(join(dir, name)), path: join(dir, name) });

  const sessions = open("sessions.csv");
  const mar = open("sessions-mar.csv");
  const claims = open("claims.csv");
  const truth = open("truth.json");
  const payerTmp = open("truth-payer-events.tmp");
  await sessions.sink.write(csvRow(INTERVAL_HEADER));
  await mar.sink.write(csvRow(MAR_HEADER));
  await claims.sink.write(csvRow(CLAIMS_HEADER));
  await truth.sink.write(`{\n"format": ${TRUTH_FORMAT_VERSION},\n"parameters": ${JSON.stringify({ ...options, timeZone: "America/New_York" })},\n"errors": [\n`);

  const claimsRng = createPrng(options.seed, "claims-csv");
  const remits = new Map<number, OpenRemit>();
  let fileControl = 0;
  const closeRemit = async (remit: OpenRemit) => {
    await remit.sink.write(envelopeEnd(remit.transactions, remit.control));
    await remit.sink.close();
    files.push({ path: remit.path, bytes: remit.sink.bytes });
  };
  const writeRun = async (run: RemittanceRun) => {
    await claims.sink.write(claimsCsvRows(run, practice, claimsRng));
    const month = run.paymentDate.slice(0, 7);
    let remit = remits.get(run.payerIndex);
    if (remit && remit.month !== month) {
      await closeRemit(remit);
      remit = undefined;
    }
    if (!remit) {
      const name = `remits/${practice.payers[run.payerIndex]!.id.toLowerCase()}-${month}.835`;
      remit = { month, ...open(name), transactions: 0, control: ++fileControl };
      remits.set(run.payerIndex, remit);
      await remit.sink.write(envelopeStart(run.payerIndex, practice, run.paymentDate, remit.control));
    }
    remit.transactions++;
    await remit.sink.write(transaction835(run, practice, String(remit.transactions).padStart(4, "0")));
  };

  const counts = emptyCounts();
  let firstError = true;
  let firstPayer = true;
  let firstDateOfService = "";
  let lastDateOfService = "";
  const setting = options.setting;
  for await (const week of generatePractice(options, counts)) {
    let intervalText = "";
    let marText = "";
    let errorText = "";
    for (const e of week.encounters) {
      if (firstDateOfService === "" || e.dateOfService < firstDateOfService) firstDateOfService = e.dateOfService;
      if (e.dateOfService > lastDateOfService) lastDateOfService = e.dateOfService;
      if (e.form === "mar") marText += marRows(e, practice, setting);
      else intervalText += intervalRows(e, practice, setting);
      if (e.error) {
        errorText += `${firstError ? "" : ",\n"}${JSON.stringify(e.error)}`;
        firstError = false;
      }
    }
    await sessions.sink.write(intervalText);
    await mar.sink.write(marText);
    if (errorText) await truth.sink.write(errorText);
    for (const event of week.payerEvents) {
      await payerTmp.sink.write(`${firstPayer ? "" : ",\n"}${JSON.stringify(event)}`);
      firstPayer = false;
    }
    for (const run of week.runs) await writeRun(run);
  }
  for (const remit of [...remits.values()].sort((a, b) => a.control - b.control)) await closeRemit(remit);

  await payerTmp.sink.write("\n");
  await payerTmp.sink.close();
  await truth.sink.write(`\n],\n"payerEvents": [\n`);
  for await (const line of createInterface({ input: createReadStream(payerTmp.path, { encoding: "utf8" }), crlfDelay: Infinity })) {
    if (line !== "") await truth.sink.write(`${line}\n`);
  }
  await rm(payerTmp.path);
  await truth.sink.write(`],\n"counts": ${JSON.stringify(counts)}\n}\n`);

  // Fee schedule: each payer's contract rate per year, plus reference `*` rows.
  const fee = open("fee-schedule.csv");
  await fee.sink.write(csvRow(["payer", "cpt", "rate", "effective_from", "effective_to"]));
  const firstYear = Number(firstDateOfService.slice(0, 4));
  const lastYear = Number(lastDateOfService.slice(0, 4));
  const codes = Object.keys(REFERENCE_RATE_CENTS).sort();
  for (let payerIndex = 0; payerIndex < practice.payers.length; payerIndex++) {
    for (const code of codes) {
      for (let year = firstYear; year <= lastYear; year++) {
        const cents = contractRateCents(practice, payerIndex, code, `${year}-06-01`, firstYear);
        await fee.sink.write(csvRow([practice.payers[payerIndex]!.name, code, dollars(cents), `${year}-01-01`, year === lastYear ? "" : `${year}-12-31`]));
      }
    }
  }
  for (const code of codes) await fee.sink.write(csvRow(["*", code, dollars(REFERENCE_RATE_CENTS[code]!), `${firstYear}-01-01`, ""]));

  for (const f of [sessions, mar, claims, truth, fee]) {
    await f.sink.close();
    files.push({ path: f.path, bytes: f.sink.bytes });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { files, counts, firstDateOfService, lastDateOfService };
}
