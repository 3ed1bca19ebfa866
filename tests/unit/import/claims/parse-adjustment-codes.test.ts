import { expect, test } from "vitest";
import { parseAdjustmentCodes } from "@/lib/import/claims/parse-adjustment-codes";

const adj = (group: string, reason: string, amountCents: number, quantity: number | null = null) => ({ group, reason, amountCents, quantity });

test.each([
  ["", []],
  ["CO-45:12.50;CO-97:30.00", [adj("CO", "45", 1250), adj("CO", "97", 3000)]],
  ["CO-45:12.50, PR-2:5", [adj("CO", "45", 1250), adj("PR", "2", 500)]],
  ["CO-45:12.50 PR-2:5", [adj("CO", "45", 1250), adj("PR", "2", 500)]],
  ["co-b15:100 | oa-23:-9.00", [adj("CO", "B15", 10000), adj("OA", "23", -900)]],
  ["PR-1:$1,000.00;CO-45:(5.00)", [adj("PR", "1", 100000), adj("CO", "45", -500)]],
  ["CO45:12.50", [adj("CO", "45", 1250)]],
  ["CO-151:54.00:1", [adj("CO", "151", 5400, 1)]],
  ["OA-23", [adj("OA", "23", 0)]],
  ["CO-B15;PR-1", [adj("CO", "B15", 0), adj("PR", "1", 0)]],
  ["45:10", [adj("", "45", 1000)]],
  ["CR-45=3.00", [adj("CR", "45", 300)]],
  ["PI-204:1.2345", [adj("PI", "204", 123)]],
])("%j", (text, adjustments) => {
  expect(parseAdjustmentCodes(text)).toEqual({ ok: true, adjustments });
});

test.each([
  ["XX-45:1.00", "adjustment 'XX-45:1.00' has unknown group 'XX' (CO, PR, OA, PI or CR)"],
  ["CO-45:ten", "adjustment 'CO-45:ten' has amount 'ten' that is not a number"],
  ["CO-45:12.50;garbage here!", "adjustment 'garbage here!' is not GROUP-REASON:amount (e.g. CO-45:12.50)"],
])("%j is an error", (text, message) => {
  const result = parseAdjustmentCodes(text);
  expect(result).toMatchObject({ ok: false, message });
});
