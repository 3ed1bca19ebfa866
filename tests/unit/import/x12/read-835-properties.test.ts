import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { expect, test } from "vitest";
import { read835Chunks, read835Text } from "@/lib/import/x12/read-835";

const ROOT = join(__dirname, "../../../fixtures/x12-835");
const SAMPLES = [
  "linuxforhealth-x12/secondary-payment.835",
  "linuxforhealth-x12/medicare-part-a.835",
  "keironstoddart-edi-835-parser/united_healthcare_legacy_sample.835",
  "tastypackets-x12-parser/multi-line-not-delimited.edi",
  "keironstoddart-edi-835-parser/blue_cross_nc_sample.835",
].map((f) => readFileSync(join(ROOT, f), "utf8"));

test("chunk boundaries never change the result", async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...SAMPLES), fc.array(fc.nat(), { maxLength: 12 }), async (text, cuts) => {
      const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      const chunks: string[] = [];
      let from = 0;
      for (const p of points) {
        chunks.push(text.slice(from, p));
        from = p;
      }
      chunks.push(text.slice(from));
      expect(await read835Chunks(chunks)).toEqual(read835Text(text));
    }),
    { numRuns: 300 },
  );
});

test("damaged input (truncated, characters dropped or replaced) never throws and always reports", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...SAMPLES),
      fc.nat(),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom("", "*", "~", ":", ">", "\n", "\u0000", "x", "-", ".", "ISA*", "SVC*", "CLP*")), { maxLength: 8 }),
      (text, cut, edits) => {
        let damaged = text.slice(0, cut % (text.length + 1));
        for (const [at, insert] of edits) {
          const i = at % (damaged.length + 1);
          damaged = damaged.slice(0, i) + insert + damaged.slice(i + 1);
        }
        const result = read835Text(damaged);
        expect(Array.isArray(result.lines)).toBe(true);
        for (const line of result.lines) {
          expect(Number.isInteger(line.billedCents) && Number.isInteger(line.paidCents)).toBe(true);
          expect(line.dateOfService).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
        for (const issue of [...result.errors, ...result.warnings]) expect(issue.message.length).toBeGreaterThan(0);
      },
    ),
    { numRuns: 500 },
  );
});
