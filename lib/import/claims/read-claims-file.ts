/**
 * One entry point for claims files: detects an X12 835 remittance or a claims CSV by content and
 * returns normalized claim lines with warnings and errors. Content problems never throw: they come
 * back as errors (`fatal: true` when nothing could be read: unreadable, empty, binary, not X12,
 * missing columns).
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { basename } from "node:path";
import { read835Chunks } from "../x12/read-835";
import type { ExplicitColumnMapping } from "../map-columns";
import type { DateOrder } from "../parse-local-date-time";
import type { ClaimsReadResult } from "./claim-line";
import { readClaimsCsv } from "./read-claims-csv";

export type ReadClaimsFileOptions = {
  /** Name recorded in `source.file` (default: the file's base name). */
  file?: string;
  /** Claims CSV column mapping (`--map`). */
  map?: ExplicitColumnMapping;
  /** Claims CSV slashed date order (default `MDY`). */
  dateOrder?: DateOrder;
};

const SNIFF_BYTES = 4096;

/**
 * Tells an X12 file from a CSV by its first characters: `ISA` (or a bare `ST`/`GS` segment)
 * after an optional BOM and whitespace.
 * @example detectClaimsFormat("\uFEFF  ISA*00*...") //=> "x12-835"
 */
export function detectClaimsFormat(head: string): "x12-835" | "csv" {
  const text = head.replace(/^[\uFEFF\s]+/, "");
  if (/^ISA[^A-Za-z0-9\s]/.test(text)) return "x12-835";
  if (/^(ST|GS)([^A-Za-z0-9\s,;\t"])/.test(text)) return "x12-835";
  return "csv";
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function fatal(code: string, message: string, format: ClaimsReadResult["format"]): ClaimsReadResult {
  return { format, lines: [], warnings: [], errors: [{ code, message, fatal: true }] };
}

/**
 * Reads a claims CSV or an 835 from a path.
 * @example const { lines, warnings, errors, payments } = await readClaimsFile("remit.835");
 */
export async function readClaimsFile(path: string, options: ReadClaimsFileOptions = {}): Promise<ClaimsReadResult> {
  const file = options.file ?? basename(path);
  let head: Buffer;
  try {
    head = await readHead(path);
  } catch (error) {
    return fatal("UNREADABLE_FILE", `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, "csv");
  }
  if (head.includes(0)) return fatal("BINARY_FILE", `${file} is not a text file (it contains NUL bytes; binary or UTF-16?)`, "csv");
  if (head.toString("utf8").trim().replace(/^\uFEFF/, "").trim() === "") {
    return fatal("EMPTY_FILE", `${file} is empty`, "csv");
  }
  if (detectClaimsFormat(head.toString("utf8")) === "csv") {
    return readClaimsCsv(path, { file, ...(options.map && { map: options.map }), ...(options.dateOrder && { dateOrder: options.dateOrder }) });
  }
  try {
    const result = await read835Chunks(createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 }), { file });
    return { format: "x12-835", ...result };
  } catch (error) {
    return fatal("UNREADABLE_FILE", `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, "x12-835");
  }
}
