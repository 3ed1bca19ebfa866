import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { readFeeSchedule } from "@/lib/import/read-fee-schedule";

const csv = (text: string) => Readable.from([text]);

describe("readFeeSchedule (spec §3.5)", () => {
  test("reads payer rows, * rows, dollar formats and optional effective dates", async () => {
    const result = await readFeeSchedule(
      csv(
        [
          "\uFEFFPayer,CPT Code,Rate,Effective Date,End Date",
          "Aetna,96413,\"$1,234.56\",01/01/2025,2025-12-31",
          "*,96415,150,,",
          "",
          "Total,,,,",
        ].join("\r\n"),
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.rates).toEqual([
      { payer: "Aetna", code: "96413", rateCents: 123_456, effectiveFrom: "2025-01-01", effectiveTo: "2025-12-31" },
      { payer: "*", code: "96415", rateCents: 15_000, effectiveFrom: "0001-01-01", effectiveTo: null },
    ]);
  });

  test("bad rows become row errors with their line; good rows are kept", async () => {
    const result = await readFeeSchedule(
      csv(["payer,cpt,rate,effective_from,effective_to", ",96413,10,,", "Aetna,96415,ten,,", "Aetna,96415,(5.00),,", "Aetna,96366,20,2025-02-30,", "Aetna,96367,20,2025-03-01,2025-01-01", "Cigna,96361,12.50,,"].join("\n")),
    );
    expect(result.errors.map(({ line, column, code }) => ({ line, column, code }))).toEqual([
      { line: 2, column: "payer", code: "MISSING_VALUE" },
      { line: 3, column: "rate", code: "BAD_AMOUNT" },
      { line: 4, column: "rate", code: "BAD_AMOUNT" },
      { line: 5, column: "effective_from", code: "BAD_DATE" },
      { line: 6, column: "effective_to", code: "BAD_DATE" },
    ]);
    expect(result.rates).toEqual([{ payer: "Cigna", code: "96361", rateCents: 1250, effectiveFrom: "0001-01-01", effectiveTo: null }]);
    expect(result.rowCount).toBe(6);
  });

  test("a missing required column is a file-level error naming it", async () => {
    await expect(readFeeSchedule(csv("payer,cpt\nAetna,96413\n"))).rejects.toMatchObject({ code: "MISSING_COLUMNS", message: expect.stringMatching(/rate/) });
  });
});
