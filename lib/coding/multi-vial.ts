/**
 * One dose from several vials or syringes (rule book §16.3, §1a 96372 NOR-INIT; NOTES.md point 24):
 * records of the same drug (same HCPCS, or the same normalized name) by the same route (IV push, or
 * SC/IM injection) at the same site whose times touch, overlap or are at most
 * `multiVialJoinGapMinutes` apart are ONE push or injection and one unit. Records further apart are
 * separate administrations: for pushes, the repeat-push rule (96376 after `repeatPushMinGapMinutes`,
 * facility only, §3.2, §6) then decides; for injections, each is its own 96372/96401/96402.
 *
 * Callers pass the records of one route, sorted by start instant then id (index.ts sorts them), so
 * the grouping is deterministic and does not depend on input order.
 */

import type { NormAdm } from "./model";
import * as timeAndUnitsModule from "./time-and-units";

// Read once at load, not at every call (see "Imports" in index.ts).
const { clock, MS_PER_MINUTE } = timeAndUnitsModule;

/** Memo of `normalizedDrugName` (pure function of the string; bounded): records are compared pairwise. */
const drugNameMemo = new Map<string, string>();

/** Lower-cased drug name with runs of white space collapsed: "Ondansetron  4 MG " → "ondansetron 4 mg". */
export function normalizedDrugName(drug: string): string {
  let name = drugNameMemo.get(drug);
  if (name === undefined) {
    name = drug.trim().toLowerCase().replace(/\s+/g, " ");
    if (drugNameMemo.size > 50_000) drugNameMemo.clear();
    drugNameMemo.set(drug, name);
  }

  return name;
}

/** Same drug for joining: both HCPCS documented and equal, or the same normalized drug name. */
export function sameDrug(a: NormAdm, b: NormAdm): boolean {
  if (a.hcpcs !== "" && a.hcpcs === b.hcpcs) return true;

  return normalizedDrugName(a.src.drug) === normalizedDrugName(b.src.drug);
}

/**
 * Site match for SC/IM injections: different only when both records document a site and the sites
 * differ (case-insensitive). A dose split between two sites is two injections (§16.3).
 */
export function sameInjectionSite(chainSite: string, a: NormAdm): boolean {
  return chainSite === "" || a.site === "" || chainSite === a.site.toLowerCase();
}

/** Site match for IV pushes: the access-site key after the home-site assignment (technique.ts). */
export function sameIvSite(chainSite: string, a: NormAdm): boolean {
  return chainSite === a.site;
}

/** Last documented instant of a record: its stop when it has a usable span, else its start. */
function endOf(a: NormAdm): number {
  return a.span === null ? a.src.start.at : a.span.b.at;
}

/** Records joined as one administration. */
export type JoinedDose = {
  members: NormAdm[];
  /** Start of the first record. */
  startAt: number;
  /** Latest documented end (stop, or start when untimed). */
  endAt: number;
  /** Site key the group was matched on ("" = none documented yet). */
  site: string;
};

/**
 * Group records (one route, sorted by start then id) into doses. A record joins the latest dose of
 * the same drug and site when it starts no later than `gapMinutes` after that dose's last documented
 * instant; otherwise it starts a new dose.
 */
export function joinDoses(rows: readonly NormAdm[], gapMinutes: number, kind: "push" | "injection"): JoinedDose[] {
  const gapMs = Math.max(0, gapMinutes) * MS_PER_MINUTE;
  const doses: JoinedDose[] = [];
  for (const a of rows) {
    let target: JoinedDose | null = null;
    for (let k = doses.length - 1; k >= 0; k--) {
      const d = doses[k]!;
      const siteOk = kind === "push" ? sameIvSite(d.site, a) : sameInjectionSite(d.site, a);
      if (siteOk && sameDrug(d.members[0]!, a)) {
        if (a.src.start.at - d.endAt <= gapMs) target = d;
        break;
      }
    }
    if (target === null) {
      doses.push({ members: [a], startAt: a.src.start.at, endAt: endOf(a), site: kind === "push" ? a.site : a.site.toLowerCase() });
      continue;
    }
    target.members.push(a);
    const end = endOf(a);
    if (end > target.endAt) target.endAt = end;
    if (target.site === "" && a.site !== "") target.site = kind === "push" ? a.site : a.site.toLowerCase();
  }

  return doses;
}

/**
 * Explanation of a joined dose, e.g. "2 records of ondansetron 09:00–09:02 joined as one push (one
 * dose from several vials or syringes: same drug, route and site, times touching; joining gap 0 min,
 * §16.3, §1a NOR-INIT)". Empty for a single record.
 */
export function joinNote(dose: JoinedDose, kind: "push" | "injection", gapMinutes: number): string {
  const n = dose.members.length;
  if (n < 2) return "";
  const first = dose.members[0]!;
  let last = first;
  for (const m of dose.members) if (endOf(m) === dose.endAt) last = m;
  const lastPoint = last.span === null ? last.src.start : last.span.b;
  const when = dose.endAt === dose.startAt ? `at ${clock(first.src.start)}` : `${clock(first.src.start)}–${clock(lastPoint)}`;
  const times = gapMinutes > 0 ? `times touching, overlapping or at most ${gapMinutes} min apart` : "times touching or overlapping";

  return `${n} records of ${first.src.drug} ${when} joined as one ${kind} (one dose from several vials or syringes: same drug, route and site, ${times}; joining gap ${gapMinutes} min, multiVialJoinGapMinutes; §16.3, §1a NOR-INIT)`;
}
