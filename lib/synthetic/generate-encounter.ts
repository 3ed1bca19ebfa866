/**
 * One visit: plan → documented encounter (interval or MAR form) → canonical coding → at most one
 * injected billing error (or a missing stop time) with the findings it must produce.
 */
import { ADDON_HOUR_CODES } from "@/lib/analysis/code-classes";
import { codeEncounter } from "@/lib/coding";
import type { Administration, CodedLine, CodingResult, CodingSettings, Encounter } from "@/lib/coding/types";
import type { Prng } from "./create-prng";
import { billCanonical, errorOptions } from "./leaky-biller";
import { addElapsed, timePointAt } from "./local-time";
import { contractRateCents, type Patient, type Practice, type Site } from "./practice";
import { DRUGS, MIXED_DURATION_DRUGS, type RegimenKey, type RegimenPlan } from "./regimens";
import type { BilledLine, ErrorKind, ErrorRates, ExpectedFinding, InjectedError, SessionRow, SyntheticEncounter } from "./types";
import { ERROR_KINDS } from "./types";

const MS_PER_MINUTE = 60_000;

const ROUTE_SPELLINGS: Record<string, readonly string[]> = {
  iv_infusion: ["iv_infusion", "IV", "IVPB", "IV Infusion", "Intravenous"],
  iv_push: ["iv_push", "IV Push", "IVP"],
  injection: ["injection", "SubQ", "SC", "Subcutaneous"],
};
const PERIPHERAL_SITES = ["L forearm", "R forearm", "L hand", "R antecubital"];

export type EncounterContext = {
  practice: Practice;
  settings: CodingSettings;
  errorRates: ErrorRates;
  blankCategoryShare: number;
  firstYear: number;
  /** Eligibility counts, updated in place. */
  eligible: Record<ErrorKind, number>;
};

export type VisitInput = {
  id: string;
  patient: Patient;
  site: Site;
  nurse: string;
  regimen: RegimenKey;
  plan: RegimenPlan;
  /** Instant of the chair time. */
  chairAt: number;
  dateOfService: string;
  form: "interval" | "mar";
  /** Whether the nurse documented the primary reason (professional setting, §4.2). */
  documentsPrimaryReason: boolean;
  /** No error may be injected (DST check visits). */
  noErrors: boolean;
};

function unitsByCode(lines: readonly { code: string; units: number }[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const l of lines) map.set(l.code, (map.get(l.code) ?? 0) + l.units);
  return map;
}

/** Mirrors the comparison's documentation estimate: which code the missing stop costs, and how many units. */
function missingStopFinding(withStop: readonly CodedLine[], withoutStop: readonly CodedLine[], rateOf: (code: string) => number): ExpectedFinding | null {
  const diff = unitsByCode(withStop);
  for (const [code, units] of unitsByCode(withoutStop)) diff.set(code, (diff.get(code) ?? 0) - units);
  let value = 0;
  let gained = 0;
  let lost = 0;
  let units = 0;
  for (const [code, delta] of diff) {
    if (delta === 0) continue;
    const cents = rateOf(code) * delta;
    value += cents;
    if (delta > 0) {
      gained += cents;
      units += delta;
    } else lost -= cents;
  }
  // Only clear-cut cases (the estimate must be positive whatever median duration the org has).
  if (value <= 0 || gained < lost * 1.2 + 500) return null;
  const main = [...diff]
    .filter(([, delta]) => delta > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  if (!main) return null;
  return { kind: "missing_stop_time", cause: "documentation", code: main, units, isEstimate: true };
}

/**
 * Builds one synthetic encounter, its canonical lines and its bill.
 */
export function generateEncounter(ctx: EncounterContext, rng: Prng, visit: VisitInput): SyntheticEncounter {
  const { plan } = visit;
  const access = plan.access === "port" ? "Port" : plan.access === "peripheral" ? rng.pick(PERIPHERAL_SITES) : undefined;
  const rows: SessionRow[] = [];
  const administrations: Administration[] = [];
  const ordersWithSegments = new Map<number, number>();
  for (const p of plan.administrations) ordersWithSegments.set(p.order, (ordersWithSegments.get(p.order) ?? 0) + 1);

  plan.administrations.forEach((p, index) => {
    const drug = DRUGS[p.drug];
    const id = `${visit.id}-${index + 1}`;
    const start = timePointAt(visit.chairAt + p.offset * MS_PER_MINUTE);
    // MAR exports make pushes and injections instantaneous (start = stop, spec §3.2).
    const instantaneous = visit.form === "mar" && (p.route === "iv_push" || p.route === "injection");
    const stop = p.minutes === null ? undefined : instantaneous ? start : addElapsed(start, p.minutes);
    const showCategory = p.service !== undefined || !rng.chance(ctx.blankCategoryShare);
    const isMain = p.primaryReason === true;
    const ivSite = access !== undefined && (isMain || rng.chance(0.7)) ? access : undefined;
    const primaryReason = visit.documentsPrimaryReason && isMain;
    const row: SessionRow = {
      administrationId: id,
      drug,
      drugKey: p.drug,
      dose: p.dose,
      route: p.route,
      routeText: rng.pick(ROUTE_SPELLINGS[p.route] ?? [p.route]),
      start,
      ...(stop && { stop }),
      showCategory,
      ...(ivSite !== undefined && { ivSite }),
      primaryReason,
      ...(p.service !== undefined && { service: p.service }),
      order: p.order,
      rateChanges: p.rateChanges ?? [],
    };
    rows.push(row);
    const adm: Administration = { id, drug: drug.name, hcpcs: drug.hcpcs, route: p.route, start };
    if (showCategory) adm.category = drug.category;
    if (stop) adm.stop = stop;
    if (ivSite !== undefined) adm.ivSite = ivSite;
    if (primaryReason) adm.primaryReason = true;
    if (p.service !== undefined) adm.service = p.service;
    administrations.push(adm);
  });

  const initialCoded = codeEncounter({ id: visit.id, administrations }, ctx.settings);
  // Mutable outcome (assigned by the chosen error below).
  const out: { encounter: Encounter; coded: CodingResult; billed: BilledLine[]; error?: InjectedError; hiddenStop?: SyntheticEncounter["hiddenStop"] } = {
    encounter: { id: visit.id, administrations },
    coded: initialCoded,
    billed: billCanonical(initialCoded.lines),
  };
  const canonical = initialCoded.lines;

  if (!visit.noErrors) {
    const options = errorOptions(canonical);
    const available = new Map<ErrorKind, () => void>();
    for (const option of options) {
      available.set(option.kind, () => {
        const result = option.apply(rng);
        out.billed = result.billed;
        out.error = { encounterId: visit.id, error: option.kind, expectedFindings: result.expectedFindings, detail: result.detail };
      });
    }

    // Missing stop time: an IV drug infusion of an interval export whose stop the nurse left blank.
    if (visit.form === "interval") {
      const candidates = plan.administrations
        .map((p, index) => ({ p, index }))
        .filter(({ p }) => p.route === "iv_infusion" && p.service === undefined && p.minutes !== null && p.minutes >= 16 && DRUGS[p.drug].category !== "hydration" && !MIXED_DURATION_DRUGS.has(p.drug) && ordersWithSegments.get(p.order) === 1);
      if (candidates.length > 0) {
        const { index } = rng.pick(candidates);
        const target = administrations[index]!;
        const without: Encounter = { id: visit.id, administrations: administrations.map((a, i) => (i === index ? dropStop(a) : a)) };
        const withoutCoded = codeEncounter(without, ctx.settings);
        const rateOf = (code: string) => contractRateCents(ctx.practice, visit.patient.payerIndex, code, visit.dateOfService, ctx.firstYear);
        const finding = missingStopFinding(canonical, withoutCoded.lines, rateOf);
        // The comparison estimates with the organization's median duration, not this visit's: only
        // offer the error when the estimate names the same code for ±15 % around the true duration.
        const trueMinutes = (target.stop!.at - target.start.at) / MS_PER_MINUTE;
        const stable =
          finding !== null &&
          [0.85, 1.15].every((factor) => {
            const minutes = Math.round(trueMinutes * factor);
            const variant: Encounter = { id: visit.id, administrations: administrations.map((a, i) => (i === index ? { ...a, stop: addElapsed(a.start, minutes) } : a)) };
            return missingStopFinding(codeEncounter(variant, ctx.settings).lines, withoutCoded.lines, rateOf)?.code === finding.code;
          });
        if (finding && stable && withoutCoded.warnings.some((w) => w.code === "MISSING_STOP" && w.administrationId === target.id)) {
          available.set("missing_stop_time", () => {
            const minutes = Math.round((target.stop!.at - target.start.at) / MS_PER_MINUTE);
            out.hiddenStop = { administrationId: target.id, stop: target.stop!, minutes };
            out.encounter = without;
            out.coded = withoutCoded;
            out.billed = billCanonical(withoutCoded.lines);
            const row = rows[index]!;
            delete row.stop;
            out.error = {
              encounterId: visit.id,
              error: "missing_stop_time",
              expectedFindings: [finding],
              detail: `${target.drug} (${minutes} min) documented without a stop time`,
              administration: { drug: target.drug, start: target.start.local, trueStop: target.stop!.local, trueMinutes: minutes },
            };
          });
        }
      }
    }

    for (const kind of available.keys()) ctx.eligible[kind]++;
    const u = rng.next();
    let acc = 0;
    for (const kind of ERROR_KINDS) {
      const apply = available.get(kind);
      if (!apply) continue;
      acc += ctx.errorRates[kind];
      if (u < acc) {
        apply();
        break;
      }
    }
  }

  return {
    id: visit.id,
    patient: visit.patient,
    site: visit.site,
    nurse: visit.nurse,
    payerIndex: visit.patient.payerIndex,
    dateOfService: visit.dateOfService,
    regimen: visit.regimen,
    form: visit.form,
    encounter: out.encounter,
    rows,
    canonical: out.coded.lines,
    warnings: out.coded.warnings,
    billed: out.billed,
    ...(out.error && { error: out.error }),
    ...(out.hiddenStop && { hiddenStop: out.hiddenStop }),
  };
}

function dropStop(a: Administration): Administration {
  const { stop: _stop, ...rest } = a;
  return rest;
}

/** Whether the canonical lines carry a time-based add-on hour (reversal-and-correction target). */
export function hasAddOnHour(lines: readonly { code: string; units: number }[]): boolean {
  return lines.some((l) => ADDON_HOUR_CODES.has(l.code) && l.units > 0);
}
