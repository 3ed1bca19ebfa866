import type { ClaimLine } from "@/lib/import/claims/claim-line";

/** The fields the metrics read: a claim line, or a netted claim position (same names). */
export type DenialLine = Pick<
  ClaimLine,
  "code" | "status" | "payer" | "dateOfService" | "billedUnits" | "paidUnits" | "billedCents" | "paidCents" | "adjustments"
>;
import { isDrugAdministrationCode } from "./code-classes";
import { weekStartOf, type WeekStartsOn } from "./week-bucket";

export type DenialCounts = {
  lines: number;
  deniedLines: number;
  billedCents: number;
  deniedCents: number;
  /** Denied lines ÷ lines, 0 when there are no lines. */
  lineRate: number;
  /** Denied billed dollars ÷ billed dollars. */
  dollarRate: number;
};

export type DenialMetrics = {
  totals: DenialCounts;
  /** Drug-administration add-on lines only (96361, 96366, 96415 …): the classic orphan-add-on denials. */
  addOns: DenialCounts;
  byWeek: (DenialCounts & { weekStart: string })[];
  byPayer: (DenialCounts & { payer: string })[];
  byCode: (DenialCounts & { code: string })[];
  /** Denied lines by CARC group + reason, most frequent first. */
  byReason: { group: string; reason: string; lines: number; amountCents: number }[];
  unitCuts: { lines: number; units: number };
};

const PATIENT_RESPONSIBILITY = "PR";

/**
 * A line the payer refused: the claim was denied, or the line paid nothing and carries an
 * adjustment that is not patient responsibility (a deductible alone is not a denial).
 */
export function isDeniedLine(line: Pick<DenialLine, "status" | "paidCents" | "billedCents" | "adjustments">): boolean {
  if (line.status === "denied") return true;
  return line.paidCents <= 0 && line.billedCents > 0 && line.adjustments.some((adjustment) => adjustment.group !== PATIENT_RESPONSIBILITY);
}

type Accumulator = { lines: number; deniedLines: number; billedCents: number; deniedCents: number };

function emptyAccumulator(): Accumulator {
  return { lines: 0, deniedLines: 0, billedCents: 0, deniedCents: 0 };
}

function withRates(counts: Accumulator): DenialCounts {
  return {
    ...counts,
    lineRate: counts.lines ? counts.deniedLines / counts.lines : 0,
    dollarRate: counts.billedCents ? counts.deniedCents / counts.billedCents : 0,
  };
}

function add(counts: Accumulator, line: DenialLine, denied: boolean) {
  counts.lines += 1;
  counts.billedCents += line.billedCents;
  if (denied) {
    counts.deniedLines += 1;
    counts.deniedCents += line.billedCents;
  }
}

/**
 * Line-level denial metrics of spec §5.5. Pass lines whose claim versions are already netted
 * (reversals and replacements resolved), so a denied-then-corrected line counts once. Reversal
 * lines themselves and claim-level-only lines (no code) are skipped.
 */
export function computeDenialMetrics(
  lines: readonly DenialLine[],
  isAddOnCode: (code: string) => boolean,
  weekStartsOn: WeekStartsOn = 1,
): DenialMetrics {
  const totals = emptyAccumulator();
  const addOns = emptyAccumulator();
  const byWeek = new Map<string, Accumulator>();
  const byPayer = new Map<string, Accumulator>();
  const byCode = new Map<string, Accumulator>();
  const byReason = new Map<string, { group: string; reason: string; lines: number; amountCents: number }>();
  const unitCuts = { lines: 0, units: 0 };
  const bucket = (map: Map<string, Accumulator>, key: string) => {
    let counts = map.get(key);
    if (!counts) {
      counts = emptyAccumulator();
      map.set(key, counts);
    }
    return counts;
  };

  for (const line of lines) {
    if (line.code === null || line.status === "reversed") continue;
    const denied = isDeniedLine(line);
    add(totals, line, denied);
    if (isDrugAdministrationCode(line.code) && isAddOnCode(line.code)) add(addOns, line, denied);
    add(bucket(byWeek, weekStartOf(line.dateOfService, weekStartsOn)), line, denied);
    add(bucket(byPayer, line.payer), line, denied);
    add(bucket(byCode, line.code), line, denied);
    if (denied) {
      for (const adjustment of line.adjustments) {
        if (adjustment.group === PATIENT_RESPONSIBILITY) continue;
        const key = `${adjustment.group}-${adjustment.reason}`;
        const reason = byReason.get(key) ?? { group: adjustment.group, reason: adjustment.reason, lines: 0, amountCents: 0 };
        reason.lines += 1;
        reason.amountCents += adjustment.amountCents;
        byReason.set(key, reason);
      }
    } else if (line.paidCents > 0 && line.paidUnits < line.billedUnits) {
      unitCuts.lines += 1;
      unitCuts.units += line.billedUnits - line.paidUnits;
    }
  }

  const sortedByKey = <K extends string>(map: Map<string, Accumulator>, name: K) =>
    [...map]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([key, counts]) => ({ [name]: key, ...withRates(counts) }) as DenialCounts & Record<K, string>);

  return {
    totals: withRates(totals),
    addOns: withRates(addOns),
    byWeek: sortedByKey(byWeek, "weekStart"),
    byPayer: sortedByKey(byPayer, "payer"),
    byCode: sortedByKey(byCode, "code"),
    byReason: [...byReason.values()].sort((a, b) => b.lines - a.lines || b.amountCents - a.amountCents || (a.group + a.reason < b.group + b.reason ? -1 : 1)),
    unitCuts,
  };
}
