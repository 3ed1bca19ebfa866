import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { ImportFileError } from "@/lib/import/import-file-error";
import { isTotalsRow, readCsvRows, type ReadCsvRowsOptions } from "@/lib/import/read-csv-rows";

const dir = mkdtempSync(join(tmpdir(), "csv-rows-"));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  return path;
}

async function readAll(source: string | Readable, options: ReadCsvRowsOptions = {}) {
  const rows: { line: number; cells: string[] }[] = [];
  const errors: { line: number; code: string }[] = [];
  const notices: { line?: number; code: string }[] = [];
  let headers: string[] = [];
  let headerLine = 0;
  for await (const batch of readCsvRows(source, options)) {
    headers = batch.headers;
    headerLine = batch.headerLine;
    rows.push(...batch.rows);
    errors.push(...batch.errors.map((e) => ({ line: e.line, code: e.code })));
    notices.push(...batch.notices.map((x) => ({ line: x.line, code: x.code })));
  }
  return { headers, headerLine, rows, errors, notices };
}

async function fileError(source: string | Readable): Promise<string> {
  try {
    await readAll(source);
  } catch (error) {
    if (error instanceof ImportFileError) return error.code;
    throw error;
  }
  return "no error";
}

const isHeaderRow = (cells: string[]) => cells.some((c) => /^(encounter id|drug)$/i.test(c.trim()));

describe("readCsvRows", () => {
  test("plain file: header, rows with line numbers, cells as strings", async () => {
    const r = await readAll(file("id,code,units\n1,00123,2\n2,J9263,1\n"));
    expect(r.headers).toEqual(["id", "code", "units"]);
    expect(r.rows).toEqual([
      { line: 2, cells: ["1", "00123", "2"] },
      { line: 3, cells: ["2", "J9263", "1"] },
    ]);
  });

  test("a file without a final newline keeps its last row", async () => {
    const r = await readAll(file("a,b\n1,2"));
    expect(r.rows).toEqual([{ line: 2, cells: ["1", "2"] }]);
  });

  test("a header-only file yields no rows and no error", async () => {
    const r = await readAll(file("a,b\n"));
    expect(r.headers).toEqual(["a", "b"]);
    expect(r.rows).toEqual([]);
  });

  // Line numbers must survive every chunk size, including chunks that split a CRLF or a quoted field.
  const messy =
    "\uFEFFInfusion report\r\nRun: 2025-03-05,,\r\n\r\nEncounter ID,Drug,Start\r\nE1,\"Oxali\r\nplatin\",09:05\r\n\r\nE2,\"a \"\"b\"\", c\",x\r\n,,\r\nE3,\"one\ntwo\nthree\",y\r\nE4,z,w\r\nTotal,,\r\n";
  test.each([1 << 20, 1, 2, 3, 5, 7, 16])("edge cases (preamble, BOM, CRLF, blank lines, quotes, totals) with %i-byte chunks", async (chunkSize) => {
    const r = await readAll(file(messy), { chunkSize, isHeaderRow });
    expect(r.headerLine).toBe(4);
    expect(r.headers).toEqual(["Encounter ID", "Drug", "Start"]);
    expect(r.rows).toEqual([
      { line: 5, cells: ["E1", "Oxali\r\nplatin", "09:05"] },
      { line: 8, cells: ["E2", 'a "b", c', "x"] },
      { line: 10, cells: ["E3", "one\ntwo\nthree", "y"] },
      { line: 13, cells: ["E4", "z", "w"] },
    ]);
    expect(r.notices).toEqual([
      { line: 1, code: "PREAMBLE_SKIPPED" },
      { line: 14, code: "TOTALS_ROW" },
    ]);
  });

  test("BOM is stripped from the first header", async () => {
    const r = await readAll(file("\uFEFFencounter_id,drug\nE1,x\n"));
    expect(r.headers[0]).toBe("encounter_id");
  });

  test("CR-only line endings", async () => {
    const r = await readAll(file("a,b\r1,2\r3,4\r"));
    expect(r.rows.map((x) => x.line)).toEqual([2, 3]);
  });

  test("a Node Readable of small Buffer chunks (multi-byte UTF-8 split across chunks)", async () => {
    const bytes = Buffer.from("drug,note\nCisplatine,é café\n");
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    const r = await readAll(Readable.from(chunks));
    expect(r.rows).toEqual([{ line: 2, cells: ["Cisplatine", "é café"] }]);
  });

  test("tab-delimited files are detected", async () => {
    const r = await readAll(file("a\tb\tc\n1\t2,5\t3\n"));
    expect(r.headers).toEqual(["a", "b", "c"]);
    expect(r.rows[0]!.cells).toEqual(["1", "2,5", "3"]);
  });

  test("a row with extra non-empty fields is an error; extra empty fields are tolerated", async () => {
    const r = await readAll(file("a,b\n1,2,3\n4,5,,\n"));
    expect(r.errors).toEqual([{ line: 2, code: "TOO_MANY_FIELDS" }]);
    expect(r.rows).toEqual([{ line: 3, cells: ["4", "5", "", ""] }]);
  });

  test.each([1 << 20, 3])("an unbalanced quote is a row error; later rows survive with their line numbers (%i-byte chunks)", async (chunkSize) => {
    const r = await readAll(file('a,b\n"x"y,2\n3,4\n"never closed,5\n6,7\n'), { chunkSize });
    expect(r.errors).toEqual([
      { line: 2, code: "MALFORMED_ROW" },
      { line: 4, code: "MALFORMED_ROW" },
    ]);
    expect(r.rows).toEqual([
      { line: 3, cells: ["3", "4"] },
      { line: 5, cells: ["6", "7"] },
    ]);
  });

  test("an unbalanced quote in a large file does not swallow the rest (bounded row size)", async () => {
    const lines = ["a,b", '"open,1'];
    for (let i = 0; i < 5000; i++) lines.push(`${i},x`);
    const r = await readAll(file(lines.join("\n")), { chunkSize: 1024, maxRowChars: 4096 });
    expect(r.errors).toEqual([{ line: 2, code: "MALFORMED_ROW" }]);
    expect(r.rows.length).toBe(5000);
    expect(r.rows[0]).toEqual({ line: 3, cells: ["0", "x"] });
    expect(r.rows.at(-1)).toEqual({ line: 5002, cells: ["4999", "x"] });
  });

  test("no row looks like a header: the first non-blank row is the header", async () => {
    const r = await readAll(file("\nfoo,bar\n1,2\n"), { isHeaderRow });
    expect(r.headerLine).toBe(2);
    expect(r.headers).toEqual(["foo", "bar"]);
    expect(r.rows).toEqual([{ line: 3, cells: ["1", "2"] }]);
  });

  test.each([
    ["empty file", ""],
    ["blank lines only", "\n\r\n  \n"],
  ])("%s → EMPTY_FILE", async (_name, content) => {
    expect(await fileError(file(content))).toBe("EMPTY_FILE");
  });

  test("binary file (NUL bytes) → BINARY_FILE", async () => {
    expect(await fileError(file(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00])))).toBe("BINARY_FILE");
  });

  test("binary without NUL bytes (random high bytes) → BINARY_FILE", async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = 0x80 + ((i * 37) % 0x7f);
    expect(await fileError(file(Buffer.concat([Buffer.from("%PDF-1.7\n"), bytes])))).toBe("BINARY_FILE");
  });

  test("a Windows-1252 export is decoded as such, with a notice", async () => {
    const r = await readAll(file(Buffer.concat([Buffer.from("drug,nurse\nCisplatine,Jos"), Buffer.from([0xe9]), Buffer.from(" caf"), Buffer.from([0xe9]), Buffer.from("\n")])));
    expect(r.rows).toEqual([{ line: 2, cells: ["Cisplatine", "José café"] }]);
    expect(r.notices).toEqual([{ code: "ENCODING", line: undefined }]);
  });

  test("UTF-8 split across chunks is not mistaken for Windows-1252", async () => {
    const r = await readAll(file("drug,nurse\nCisplatine,José\n"), { chunkSize: 26 });
    expect(r.rows).toEqual([{ line: 2, cells: ["Cisplatine", "José"] }]);
    expect(r.notices).toEqual([]);
  });

  test("UTF-16 text → BINARY_FILE", async () => {
    expect(await fileError(file(Buffer.from("\uFEFFa,b\n1,2\n", "utf16le")))).toBe("BINARY_FILE");
  });

  test.each([
    ["missing file", join(dir, "nope.csv")],
    ["a directory", dir],
  ])("%s → UNREADABLE_FILE", async (_name, path) => {
    expect(await fileError(path)).toBe("UNREADABLE_FILE");
  });

  test("a large file streams in many batches with consecutive line numbers", async () => {
    const lines = ["id,drug,note"];
    for (let i = 0; i < 20_000; i++) lines.push(i % 7 === 0 ? `${i},"multi\nline",x` : `${i},drug${i},"q,${i}"`);
    const r = await readAll(file(lines.join("\n")), { chunkSize: 4096 });
    expect(r.rows.length).toBe(20_000);
    let expected = 2;
    for (const row of r.rows) {
      expect(row.line).toBe(expected);
      expected += row.cells[1] === "multi\nline" ? 2 : 1;
    }
  });
});

describe("isTotalsRow", () => {
  test.each([
    [["Total", "", "", ""], true],
    [["", "Grand Total", "12"], true],
    [["Subtotal:", "3"], true],
    [["Record count: 12"], true],
    [["End of report"], true],
    [["Total", "", "12", "$1,234.50", "(3.00)"], true],
    [["E1", "Total parenteral nutrition"], false],
    [["TOTAL-7", "P1", "Oxaliplatin", "IV"], false],
    [["Totally", ""], false],
    [["", "", ""], false],
  ])("%j → %s", (cells, expected) => {
    expect(isTotalsRow(cells)).toBe(expected);
  });
});
