/**
 * 835 files as real generators write them: a line break right after ISA16 and the segment
 * terminator at the start of every following line (`…*:\r\n~GS*…\r\n~ST*…`). And when a file still
 * cannot be read, the first error names the cause (the delimiters in force, the first segment that
 * failed and where), not a consequence such as "no IEA".
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, test } from "vitest";
import type { CliIo } from "@/lib/cli/cli-command";
import { runCli } from "@/lib/cli/run-cli";
import { read835Chunks, read835Text, stream835 } from "@/lib/import/x12/read-835";
import { BASIC_BODY, build835, type Build835Options } from "./build-835";

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

/** The errors a caller acts on: the fatal ones and the envelope ones, in order (row errors left out). */
const main = <T extends { code: string; fatal?: boolean }>(errors: T[]): T[] => errors.filter((e) => e.fatal || e.code === "TRUNCATED");

/** A newline-terminated 835 rewritten with the terminator at the start of every line after the ISA. */
function leadingTerminator(options: Build835Options & { lead?: string; newline?: "\n" | "\r\n" } = {}): string {
  const newline = options.newline ?? "\r\n";
  const text = build835(BASIC_BODY, { ...options, terminator: newline });
  const lines = text.split(newline).filter((l) => l !== "");
  return lines[0] + lines.slice(1).map((l) => `${newline}${options.lead ?? "~"}${l}`).join("") + newline;
}

const shape = (text: string) => {
  const r = read835Text(text);
  return {
    errors: r.errors,
    warnings: r.warnings,
    lines: r.lines.map((l) => [l.claimId, l.code, l.modifiers.join("+"), l.billedCents, l.paidCents, l.dateOfService, l.source.segment, l.source.line]),
    payments: r.payments,
  };
};

describe("a terminator at the start of each line after ISA16", () => {
  const reference = shape(build835(BASIC_BODY, { terminator: "\r\n" }));

  test("the newline-terminated reference reads cleanly", () => {
    expect(reference.errors).toEqual([]);
    expect(reference.warnings).toEqual([]);
    expect(reference.lines).toEqual([
      ["C100", "96413", "59", 60000, 40000, "2025-03-01", 14, 14],
      ["C100", "96415", "", 20000, 10000, "2025-03-01", 20, 20],
    ]);
  });

  test.each([
    ["CRLF then ~", {}],
    ["LF then ~", { newline: "\n" as const }],
    ["| elements, ^ components", { element: "|", component: "^" }],
    ["! elements, > components, LF", { element: "!", component: ">", newline: "\n" as const }],
    ["another terminator character (')", { lead: "'" }],
  ])("%s: the same lines, segment numbers, file lines and payments as the newline file; no issues", (_name, options) => {
    expect(shape(leadingTerminator(options))).toEqual(reference);
  });

  test("blank lines and spaces between the break and the terminator, and different file endings", () => {
    const text = leadingTerminator();
    const spaced = text.replace("\r\n~GS", "\r\n  \r\n~GS");
    const r = read835Text(spaced);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.lines.map((l) => [l.source.segment, l.source.line])).toEqual([[14, 15], [20, 21]]);
    for (const ending of ["", "~", "\r\n~", "~\r\n"]) {
      expect(shape(text.replace(/\r\n$/, ending)), JSON.stringify(ending)).toEqual(reference);
    }
  });

  test("the delimiters in force: '~' as the segment terminator", () => {
    const r = read835Text(leadingTerminator({ element: "|" }), { keepSegmentText: true });
    expect(r.lines[0]!.source.segment).toBe(14);
    // A row error keeps its segment's text with the terminator it was read with.
    const bad = read835Text(leadingTerminator({ element: "|" }).replace("SVC|HC:96415|200.00", "SVC|HC:96415|2OO.00"), { keepSegmentText: true });
    expect(bad.errors.map((e) => [e.code, e.segmentText])).toEqual([["BAD_AMOUNT", "SVC|HC:96415|2OO.00|100.00||1~"]]);
  });

  test("chunked input gives the same result wherever the chunks split (even right after ISA16)", async () => {
    const text = leadingTerminator();
    const whole = read835Text(text);
    expect(whole.lines).toHaveLength(2);
    for (const size of [1, 2, 3, 5, 7, 104, 105, 106, 107, 108, 109, 110]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(await read835Chunks(chunks), `chunk size ${size}`).toEqual(whole);
    }
  });

  test("two interchanges, each with the leading terminator", () => {
    const one = leadingTerminator();
    const two = leadingTerminator({ element: "|" }).replaceAll("C100", "C200");
    const r = read835Text(one + two);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.lines.map((l) => [l.claimId, l.code])).toEqual([
      ["C100", "96413"],
      ["C100", "96415"],
      ["C200", "96413"],
      ["C200", "96415"],
    ]);
  });

  test("a newline-terminated file (next line starts with a letter) is still read as newline-terminated", () => {
    const r = read835Text(build835(BASIC_BODY, { terminator: "\n" }));
    expect([r.errors, r.warnings, r.lines.length]).toEqual([[], [], 2]);
  });
});

describe("a file that still cannot be read names the cause first", () => {
  test("elements written with another separator than the ISA's: the delimiters and the first failed segment", () => {
    const text = build835(BASIC_BODY, { terminator: "~\n" });
    const isaEnd = text.indexOf("~") + 1;
    const broken = text.slice(0, isaEnd) + text.slice(isaEnd).replaceAll("*", "|");
    const r = read835Text(broken);
    expect(r.lines).toEqual([]);
    // Each segment is a row error; then the cause (the one fatal error), then its consequence.
    expect(codes(main(r.errors))).toEqual(["UNREADABLE_SEGMENTS", "TRUNCATED"]);
    expect(main(r.errors)[0]).toEqual({
      code: "UNREADABLE_SEGMENTS",
      message:
        "the segments cannot be read with segment terminator '~' and element separator '*': 25 of 25 segment(s) could not be read, " +
        "the first at segment 2 (line 2): \"GS|HP|SENDER|RECEIVER|20250301|1200|1|X|…\" does not start with a segment id and the element separator '*'",
      segment: 2,
      line: 2,
      fatal: true,
    });
    expect(codes(r.errors).filter((c) => c === "BAD_SEGMENT")).toHaveLength(25);
  });

  test("a terminator that never comes: segments run together into one", () => {
    const text = build835(BASIC_BODY);
    const isaEnd = text.indexOf("~") + 1;
    const runOn = text.slice(0, isaEnd) + text.slice(isaEnd).replaceAll("~", "\u001d");
    const r = read835Text(runOn);
    const [cause] = main(r.errors);
    expect(cause).toMatchObject({ code: "UNREADABLE_SEGMENTS", segment: 2, line: 1, fatal: true });
    expect(cause!.message).toMatch(
      /^the segments cannot be read with segment terminator '~' and element separator '\*': 1 of 1 segment\(s\) could not be read, the first at segment 2 \(line 1\): "GS\*HP\*SENDER\*RECEIVER\*20250301\*1200\*1\*X\*…" holds \d+ elements: segments run together/,
    );
  });

  test("no terminator within the segment length limit", () => {
    const text = build835(BASIC_BODY);
    const isaEnd = text.indexOf("~") + 1;
    const r = read835Text(text.slice(0, isaEnd) + text.slice(isaEnd).replaceAll("~", ""), { maxSegmentChars: 200 });
    expect(codes(r.errors)[0]).toBe("SEGMENT_TOO_LONG");
    const [cause] = main(r.errors);
    expect(cause).toMatchObject({ code: "UNREADABLE_SEGMENTS", segment: 2, fatal: true });
    expect(cause!.message).toContain("has no segment terminator '~' within the segment length limit");
  });

  test("a truly truncated file with one junk segment in the middle is still reported as truncated", () => {
    const text = build835(BASIC_BODY, { terminator: "~\n", truncate: true }).replace("LX*1~", "LX*1~\u0001\u0002~");
    const r = read835Text(text.slice(0, text.indexOf("REF*6R*L2")));
    expect(codes(r.errors)).toEqual(["BAD_SEGMENT", "TRUNCATED", "TRUNCATED", "TRUNCATED"]);
    expect(r.lines.map((l) => l.code)).toEqual(["96413", "96415"]);
  });

  test("a complete file with junk segments gets no UNREADABLE_SEGMENTS (nothing is left open)", () => {
    const text = build835(BASIC_BODY, { terminator: "~\n" }).replace("LX*1~", "LX*1~\u0001~\u0002~\u0003~");
    expect(codes(read835Text(text).errors)).toEqual(["BAD_SEGMENT", "BAD_SEGMENT", "BAD_SEGMENT"]);
  });

  test("an unreadable interchange followed by a good one: the cause is named before the next ISA's error", () => {
    const bad = build835(BASIC_BODY, { terminator: "~\n" });
    const isaEnd = bad.indexOf("~") + 1;
    const broken = bad.slice(0, isaEnd) + bad.slice(isaEnd).replaceAll("*", "|");
    const r = read835Text(broken + build835(BASIC_BODY));
    const found = main(r.errors);
    expect(codes(found)).toEqual(["UNREADABLE_SEGMENTS", "TRUNCATED"]);
    expect(found[1]!.message).toMatch(/has no IEA before the next ISA/);
    expect(r.lines).toHaveLength(2);
  });

  test("streaming: the cause comes before the consequences", async () => {
    const text = build835(BASIC_BODY, { terminator: "~\n" });
    const isaEnd = text.indexOf("~") + 1;
    const broken = text.slice(0, isaEnd) + text.slice(isaEnd).replaceAll("*", "|");
    const first: string[] = [];
    for await (const batch of stream835([broken.slice(0, 300), broken.slice(300)])) {
      for (const e of batch.errors) if (e.fatal || e.code === "TRUNCATED") first.push(e.code);
    }
    expect(first).toEqual(["UNREADABLE_SEGMENTS", "TRUNCATED"]);
  });
});

describe("cli claims", () => {
  function io(): { io: CliIo; out: () => string; err: () => string } {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let o = "";
    let e = "";
    stdout.on("data", (d) => (o += String(d)));
    stderr.on("data", (d) => (e += String(d)));
    return { io: { stdout, stderr, env: {} }, out: () => o, err: () => e };
  }
  const FIXTURES = path.resolve("tests/fixtures/x12-835");
  const ORIGINAL = path.join(FIXTURES, "linuxforhealth-x12/managed-care.835");
  const QUIRKY = path.join(FIXTURES, "quirks/managed-care-leading-terminator.835");

  test.each(["json", "csv"])("the leading-terminator fixture gives the same %s output as the original", async (format) => {
    const a = io();
    const b = io();
    expect(await runCli(["claims", "--format", format, ORIGINAL], a.io)).toBe(0);
    expect(await runCli(["claims", "--format", format, QUIRKY], b.io)).toBe(0);
    expect(b.out()).toBe(a.out());
    expect(b.out().length).toBeGreaterThan(200);
    expect(b.err().replace(QUIRKY, "FILE")).toBe(a.err().replace(ORIGINAL, "FILE"));
  });

  test("an unreadable file exits 1 with one line naming the terminator and the first failed segment", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-835-quirk-"));
    try {
      const text = readFileSync(QUIRKY, "utf8");
      // The ISA declares '*' as the element separator; the segments still use '|'.
      const file = path.join(dir, "mismatch.835");
      writeFileSync(file, text.replace(/^ISA\|[^\r\n]*/, (isa) => isa.replaceAll("|", "*")));
      const t = io();
      expect(await runCli(["claims", file], t.io)).toBe(1);
      expect(t.err().trim().split("\n")).toHaveLength(1);
      expect(t.err()).toContain("segment terminator '~' and element separator '*'");
      expect(t.err()).toContain("the first at segment 2 (line 2): \"GS|HP|");
      expect(t.err()).not.toMatch(/no IEA/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
