/**
 * Which canonical ("should bill") and billed lines differ, and in which cause's colour to mark
 * them. Pure: works on the encounter page's data.
 */

export type TCompareCoded = { id: number; code: string; units: number };
export type TCompareBilled = { id: number; code: string | null; billedUnits: number; paidUnits: number | null; status: string };
export type TCompareFinding = { kind: string; cause: string; code: string | null };

export type TLineMark = { cause: string; note: string };

/** Billed units per code over lines that still count (reversed versions left out). */
export function billedUnitsByCode(billed: readonly TCompareBilled[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of billed) {
    if (!line.code || line.status === "reversed") continue;
    units.set(line.code, (units.get(line.code) ?? 0) + line.billedUnits);
  }

  return units;
}

function causeFor(findings: readonly TCompareFinding[], code: string, causes: readonly string[], fallback: string): string {
  return findings.find((finding) => finding.code === code && causes.includes(finding.cause))?.cause ?? fallback;
}

/**
 * Marks for both columns. A canonical line is marked when fewer units of its code were billed
 * (coding or documentation colour, from the finding on that code). A billed line is marked when
 * the engine supports fewer units than billed (compliance), when it was denied or cut (payer), or
 * when a finding names its code.
 */
export function compareLines(
  coded: readonly TCompareCoded[],
  billed: readonly TCompareBilled[],
  findings: readonly TCompareFinding[],
): { coded: Map<number, TLineMark>; billed: Map<number, TLineMark> } {
  const billedUnits = billedUnitsByCode(billed);
  const codedUnits = new Map<string, number>();
  for (const line of coded) codedUnits.set(line.code, (codedUnits.get(line.code) ?? 0) + line.units);

  const codedMarks = new Map<number, TLineMark>();
  for (const line of coded) {
    const have = billedUnits.get(line.code) ?? 0;
    const want = codedUnits.get(line.code) ?? 0;
    if (have < want) {
      const cause = causeFor(findings, line.code, ["coding", "documentation"], "coding");
      codedMarks.set(line.id, { cause, note: have === 0 ? "not billed" : `billed ${have} of ${want} units` });
    }
  }

  const billedMarks = new Map<number, TLineMark>();
  for (const line of billed) {
    if (!line.code || line.status === "reversed") continue;
    const supported = codedUnits.get(line.code) ?? 0;
    const total = billedUnits.get(line.code) ?? 0;
    const finding = findings.find((candidate) => candidate.code === line.code && candidate.cause !== "documentation");
    const problem =
      line.status === "denied"
        ? "denied"
        : line.paidUnits !== null && line.paidUnits < line.billedUnits
          ? `paid ${line.paidUnits} of ${line.billedUnits} units`
          : total > supported && /^96[345]\d\d$/.test(line.code)
            ? supported === 0
              ? "not supported"
              : `engine supports ${supported} units`
            : null;
    // The finding on the code says why (e.g. an add-on denied for want of its primary is a coding problem).
    if (finding) billedMarks.set(line.id, { cause: finding.cause, note: problem ?? "see findings" });
    else if (problem) billedMarks.set(line.id, { cause: problem.startsWith("engine") || problem === "not supported" ? "compliance" : "payer", note: problem });
  }

  return { coded: codedMarks, billed: billedMarks };
}
