/**
 * Hostile input never takes a reader down: random bytes, truncations, giant lines, giant segments
 * and loops of segments repeated many times, driven through EVERY reader (sessions interval and
 * MAR, claims CSV, X12 835, fee schedule, drug catalog). Each run must end in rows or row errors,
 * or in the documented file-level `ImportFileError` (or a `fatal` 835 issue), never another throw,
 * and within bounded memory. Fixed seed, bounded runs: the suite stays well under a minute.
 */
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { readClaimsCsv } from "@/lib/import/claims/read-claims-csv";
import { isImportFileError } from "@/lib/import/import-file-error";
import { readDrugCatalog } from "@/lib/import/read-drug-catalog";
import { readFeeSchedule } from "@/lib/import/read-fee-schedule";
import { readSessions } from "@/lib/import/read-sessions";
import { read835Text, stream835 } from "@/lib/import/x12/read-835";
import { build835, BASIC_BODY } from "./x12/build-835";

const SEED = 20261204;
const RUNS = 25;
/** Heap growth allowed over one property (garbage included): far below what a buffered giant input would take. */
const HEAP_BOUND = 400 * 1024 * 1024;

const source = (bytes: Buffer): Readable => Readable.from(chunksOf(bytes, 8191));

function chunksOf(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

type Reader = { name: string; read(bytes: Buffer): Promise<number> };

/** Each reader returns how many rows + row errors it produced; file-level errors are allowed throws. */
const READERS: Reader[] = [
  {
    name: "sessions (interval)",
    async read(bytes) {
      const r = await readSessions(source(bytes), { timeZone: "America/New_York", form: "interval" });
      return r.rowCount + r.errors.length;
    },
  },
  {
    name: "sessions (MAR events)",
    async read(bytes) {
      const r = await readSessions(source(bytes), { timeZone: "America/New_York", form: "mar" });
      return r.rowCount + r.errors.length;
    },
  },
  {
    name: "claims CSV",
    async read(bytes) {
      const r = await readClaimsCsv(source(bytes), { file: "claims.csv" });
      if (r.errors.some((e) => e.fatal)) return -1;
      return r.lines.length + r.errors.length;
    },
  },
  {
    name: "X12 835 (streamed)",
    async read(bytes) {
      let n = 0;
      let fatal = false;
      for await (const batch of stream835(chunksOf(bytes, 8191).map((b) => b.toString("latin1")), { file: "remit.835", maxSegmentChars: 64 * 1024 })) {
        n += batch.lines.length + batch.errors.length;
        if (batch.errors.some((e) => e.fatal)) fatal = true;
      }
      return fatal ? -1 : n;
    },
  },
  {
    name: "fee schedule",
    async read(bytes) {
      const r = await readFeeSchedule(source(bytes), { label: "fees.csv" });
      return r.rates.length + r.errors.length;
    },
  },
  {
    name: "drug catalog",
    async read(bytes) {
      const r = await readDrugCatalog(source(bytes), { label: "catalog.csv" });
      return r.entries.length + r.errors.length;
    },
  },
];

const SEEDS = {
  sessions: "encounter_id,patient_id,drug,hcpcs,category,route,start,stop,iv_site\nE1,P1,Oxaliplatin,J9263,chemo,IV,2025-03-04 09:05,2025-03-04 11:05,L arm\n",
  mar: "encounter_id,patient_id,order_id,drug,route,action,time\nE1,P1,O1,Saline,IV,New Bag,2025-03-04 09:00\nE1,P1,O1,Saline,IV,Stopped,2025-03-04 10:00\n",
  claims: "claim_id,patient_id,date_of_service,payer,cpt,units,billed_amount,allowed_amount,paid_amount\nC1,P1,2025-03-04,Acme,96413,1,600.00,450.00,400.00\n",
  fees: "payer,cpt,rate\nAcme,96413,150.00\n",
  catalog: "hcpcs,drug,category\nJ9263,Oxaliplatin,chemo\n",
  x12: build835(BASIC_BODY),
};
const SEED_TEXTS = Object.values(SEEDS);

/** Hostile inputs: random bytes, truncated and spliced valid files, giant lines and cells, giant segments, repeated loops. */
const hostile: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a)),
  fc.tuple(fc.constantFrom(...SEED_TEXTS), fc.nat(), fc.uint8Array({ maxLength: 64 })).map(([text, cut, junk]) => {
    const bytes = Buffer.from(text);
    return Buffer.concat([bytes.subarray(0, cut % (bytes.length + 1)), Buffer.from(junk)]);
  }),
  fc.tuple(fc.constantFrom(...SEED_TEXTS), fc.integer({ min: 100_000, max: 1_500_000 }), fc.constantFrom("x", '"', ",", "*", "\r", "~")).map(([text, size, ch]) => {
    // A giant line / cell / segment in the middle of a valid file.
    const lines = text.split("\n");
    lines.splice(Math.min(2, lines.length), 0, ch.repeat(size));
    return Buffer.from(lines.join("\n"));
  }),
  fc.tuple(fc.integer({ min: 1, max: 2000 }), fc.constantFrom(...BASIC_BODY.slice(5))).map(([times, segment]) =>
    // A loop of segments repeated many times (claims with no SVC, SVCs with no claim, endless CAS…).
    Buffer.from(build835([...BASIC_BODY.slice(0, 6), ...Array.from({ length: times }, () => segment)])),
  ),
  fc.integer({ min: 1_100_000, max: 2_000_000 }).map((size) => Buffer.from(`${build835(BASIC_BODY).slice(0, 300)}SVC*HC:96413*${"9".repeat(size)}`)),
  fc.tuple(fc.constantFrom(...SEED_TEXTS), fc.integer({ min: 1, max: 3000 })).map(([text, times]) => {
    // Data rows repeated: many rows, many errors.
    const [header = "", ...rest] = text.split("\n");
    return Buffer.from([header, ...Array.from({ length: times }, () => rest.join("\n"))].join("\n"));
  }),
);

describe.each(READERS)("$name on hostile input", (reader) => {
  test("ends in rows, row errors or a file-level ImportFileError, in bounded memory", async () => {
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    await fc.assert(
      fc.asyncProperty(hostile, async (bytes) => {
        try {
          const produced = await reader.read(bytes);
          expect(produced).toBeGreaterThanOrEqual(-1);
        } catch (error) {
          if (!isImportFileError(error)) throw error;
        }
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(peak - before).toBeLessThan(HEAP_BOUND);
  }, 30_000);
});

describe("X12 835 giant segments", () => {
  test("a 50 MB segment with no terminator is one SEGMENT_TOO_LONG row error, not a buffered 50 MB string", async () => {
    const head = build835(BASIC_BODY).replace(/SE\*.*$/s, "");
    const giant = "SVC*HC:96413*" + "1".repeat(50 * 1024 * 1024);
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    async function* chunks(): AsyncGenerator<string> {
      yield head;
      const piece = "1".repeat(1 << 20);
      yield "SVC*HC:96413*";
      for (let i = 0; i < 50; i++) {
        yield piece;
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
      yield "~SVC*HC:96415*200.00*100.00**1~SE*30*0001~GE*1*1~IEA*1*000000001~";
    }
    const errors = [];
    let lines = 0;
    for await (const batch of stream835(chunks(), { file: "giant.835" })) {
      errors.push(...batch.errors);
      lines += batch.lines.length;
    }
    expect(giant.length).toBeGreaterThan(50e6);
    expect(errors.map((e) => e.code)).toContain("SEGMENT_TOO_LONG");
    expect(errors.some((e) => e.fatal)).toBe(false);
    expect(lines).toBeGreaterThan(0);
    // The tokenizer holds at most maxSegmentChars (1 Mi characters) of the segment.
    expect(peak - before).toBeLessThan(40 * 1024 * 1024);
  }, 60_000);

  test("read835Text: the SEGMENT_TOO_LONG error keeps only the head of the segment", () => {
    const text = build835([...BASIC_BODY.slice(0, 11), `SVC*HC:96413*${"7".repeat(200_000)}`, ...BASIC_BODY.slice(11)]);
    const r = read835Text(text, { maxSegmentChars: 100_000, keepSegmentText: true });
    const error = r.errors.find((e) => e.code === "SEGMENT_TOO_LONG");
    expect(error).toBeDefined();
    expect(error!.segmentText!.length).toBeLessThanOrEqual(4001);
    expect(r.lines.length).toBeGreaterThan(0);
  });
});
