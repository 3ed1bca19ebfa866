/**
 * Tells what kind of file an upload is, from its first bytes (X12 835) or its header row (which
 * CSV kind's columns it matches best). Also reports empty and binary files.
 */
import { open } from "node:fs/promises";
import { CLAIMS_COLUMNS } from "./claims/claims-columns";
import { detectClaimsFormat } from "./claims/read-claims-file";
import { isImportFileError } from "./import-file-error";
import { createHeaderDetector, type ColumnSpec } from "./map-columns";
import { normalizeHeader } from "./normalize-header";
import { DRUG_CATALOG_COLUMNS } from "./read-drug-catalog";
import { FEE_SCHEDULE_COLUMNS } from "./read-fee-schedule";
import { readCsvRows } from "./read-csv-rows";
import { SESSION_INTERVAL_COLUMNS, SESSION_MAR_COLUMNS } from "./sessions-columns";

export type DetectedKind = "sessions" | "mar" | "claims" | "remittance_835" | "fee_schedule" | "drug_catalog";

export type SniffResult = { problem: "empty" | "binary" } | { problem: null; isX12: boolean };

/** Looks at the first 64 KiB: empty (only whitespace / BOM), binary (NUL bytes), or X12. */
export async function sniffFile(filePath: string): Promise<SniffResult> {
  const handle = await open(filePath, "r");
  try {
    const buffer = Buffer.alloc(65_536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.includes(0)) return { problem: "binary" };
    const text = head.toString("utf8").replace(/^\uFEFF/, "");
    if (text.trim() === "") return { problem: "empty" };
    return { problem: null, isX12: detectClaimsFormat(text) === "x12-835" };
  } finally {
    await handle.close();
  }
}

const CSV_KINDS: ReadonlyArray<{ kind: DetectedKind; specs: readonly ColumnSpec[]; required: readonly (readonly string[])[] }> = [
  { kind: "sessions", specs: SESSION_INTERVAL_COLUMNS, required: [["patient_id"], ["drug"], ["route"], ["start"]] },
  { kind: "mar", specs: SESSION_MAR_COLUMNS, required: [["patient_id"], ["drug"], ["route"], ["action"], ["time"]] },
  {
    kind: "claims",
    specs: CLAIMS_COLUMNS,
    required: [["claim_id"], ["patient_id"], ["date_of_service"], ["payer"], ["cpt"], ["billed_amount"], ["paid_amount"]],
  },
  { kind: "fee_schedule", specs: FEE_SCHEDULE_COLUMNS, required: [["payer"], ["cpt"], ["rate"]] },
  { kind: "drug_catalog", specs: DRUG_CATALOG_COLUMNS, required: [["hcpcs", "drug"], ["category"]] },
];

/** Which canonical columns of `specs` the headers hold (by name, synonym or the explicit mapping). */
function matchedColumns(headers: readonly string[], specs: readonly ColumnSpec[], explicit: Record<string, string> | undefined): Set<string> {
  const keys = new Set(headers.map(normalizeHeader));
  const matched = new Set<string>();
  for (const spec of specs) {
    const mapped = explicit?.[spec.name];
    if (mapped !== undefined && keys.has(normalizeHeader(mapped))) {
      matched.add(spec.name);
      continue;
    }
    if ([spec.name, ...(spec.synonyms ?? [])].some((s) => keys.has(normalizeHeader(s)))) matched.add(spec.name);
  }
  return matched;
}

/**
 * Picks the CSV kind whose required columns the header covers best (then the most columns
 * matched). A saved or explicit mapping for a kind counts its headers as that kind's columns.
 * @example scoreCsvKinds(["claim_id","patient_id","date_of_service","payer","cpt","billed_amount","paid_amount"], {})[0].kind //=> "claims"
 */
export function scoreCsvKinds(
  headers: readonly string[],
  mappings: Partial<Record<DetectedKind, Record<string, string>>>,
): Array<{ kind: DetectedKind; score: number }> {
  const scored = CSV_KINDS.map(({ kind, specs, required }, order) => {
    const matched = matchedColumns(headers, specs, mappings[kind] ?? (kind === "mar" ? mappings.sessions : kind === "sessions" ? mappings.mar : undefined));
    const covered = required.filter((group) => group.some((name) => matched.has(name))).length / required.length;
    return { kind, score: Math.round(covered * 1000) + matched.size, order };
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.map(({ kind, score }) => ({ kind, score }));
}

/** Reads the header row of a CSV (skipping preamble rows); undefined when the file has none. */
export async function readCsvHeaders(filePath: string, explicit: readonly Record<string, string>[] = []): Promise<string[] | undefined> {
  const allSpecs = CSV_KINDS.flatMap((k) => k.specs);
  const merged: Record<string, string> = {};
  for (const m of explicit) for (const [k, v] of Object.entries(m)) merged[`${k}\u0000${v}`] = v;
  const isHeaderRow = createHeaderDetector(allSpecs, { explicit: merged });
  try {
    for await (const batch of readCsvRows(filePath, { isHeaderRow, chunkSize: 1 << 16 })) return batch.headers;
  } catch (error) {
    if (isImportFileError(error)) return undefined;
    throw error;
  }
  return undefined;
}
