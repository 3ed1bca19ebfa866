/**
 * DripAudit canonical coding engine: one encounter + settings in, canonical CPT drug-administration
 * lines (96360–96549, G0498) and warnings out. Pure and deterministic: no I/O, no clock, no env.
 * Every explanation cites the rule book (`coding-rules.md`) by section.
 *
 * Flow: sort administrations (start instant, then id) → normalize (category.ts, technique.ts) →
 * partition by encounter or calendar day (midnight.ts) → per partition: IV services (technique.ts;
 * touching same-drug push records joined as one dose by multi-vial.ts, which injections.ts also uses),
 * hydration (hydration.ts), initial per access site (hierarchy.ts), secondaries (sequential.ts,
 * concurrency.ts), SC infusion (subcutaneous.ts), injections (injections.ts), pumps
 * (pumps-and-ports.ts) → drop orphan add-ons → port flushes → merge and order (output.ts).
 *
 * Imports: engine files read what they import from each other once, at load (`import * as
 * xModule` then `const { f } = xModule`), not through named imports at every use. Under tsx (CLI,
 * benchmarks) each file is compiled to CommonJS on its own, and every use of a named import then
 * goes through two property getters of the exporting module: a third of the recode time
 * (tests/bench/recode-throughput.ts). So engine files must not import each other in a cycle (a
 * binding read at load would still be undefined).
 */

import * as hydrationModule from "./hydration";
import * as hierarchyModule from "./hierarchy";
import * as injectionsModule from "./injections";
import * as modelModule from "./model";
import type { Ctx, IvService, NormAdm } from "./model";
import * as outputModule from "./output";
import * as pumpsAndPortsModule from "./pumps-and-ports";
import * as sequentialModule from "./sequential";
import * as settingsModule from "./settings";
import type { ResolvedSettings } from "./settings";
import * as smallSortModule from "./small-sort";
import * as subcutaneousModule from "./subcutaneous";
import * as techniqueModule from "./technique";
import * as timeAndUnitsModule from "./time-and-units";
import type { Span } from "./time-and-units";
import type { CodingResult, CodingSettings, CodingWarning, Encounter } from "./types";

// Read once at load, not at every call (see "Imports" in index.ts).
const { buildHydration, emitSecondaryHydration } = hydrationModule;
const { compareCandidates, emitInitial, pickInitial } = hierarchyModule;
const { codeInjections } = injectionsModule;
const { warn } = modelModule;
const { dropOrphans, finish } = outputModule;
const { codePortFlushes, codePumps } = pumpsAndPortsModule;
const { codeSecondaries } = sequentialModule;
const { resolveSettings } = settingsModule;
const { sortSmall } = smallSortModule;
const { codeSubcutaneous } = subcutaneousModule;
const { assignHomeSite, buildIvServices, compareAdministrations, normalize } = techniqueModule;
const { unionSpans } = timeAndUnitsModule;

export type * from "./types";
export { DEFAULT_CODING_SETTINGS, resolveSettings, type ResolvedSettings } from "./settings";
export { CODES, type CodeInfo } from "./codes";
export { addonHours, hydrationSecondaryUnits } from "./time-and-units";

/** Version of the coding rules; stored with every recode so results can be traced to the rule set. */
export const ENGINE_VERSION = "1.1.0";

/**
 * Code one encounter.
 *
 * @param encounter administrations of one visit (any order; ids must be unique)
 * @param settings  engine settings; absent optional ones take DEFAULT_CODING_SETTINGS
 * @returns canonical lines (initial first, then other primaries, then add-ons by code) and warnings
 *
 * @example
 * codeEncounter(
 *   { id: "E1", administrations: [{ id: "L2", drug: "Oxaliplatin", hcpcs: "J9263", route: "iv_infusion",
 *     start: { at: t0, local: "2025-03-04T09:05" }, stop: { at: t0 + 195 * 60000, local: "2025-03-04T12:20" } }] },
 *   DEFAULT_CODING_SETTINGS,
 * ).lines.map((l) => `${l.code}x${l.units}`) //=> ["96413x1", "96415x2"]
 */
export function codeEncounter(encounter: Encounter, settings: CodingSettings): CodingResult {
  return codeEncounterResolved(encounter, resolveSettings(settings));
}

/** `codeEncounter` with settings already resolved (`resolveSettings`): for callers coding many encounters with the same settings. */
export function codeEncounterResolved(encounter: Encounter, s: ResolvedSettings): CodingResult {
  const warnings: CodingWarning[] = [];
  const ctx: Ctx = { s, warnings, out: [], concurrentUsed: [], initialOrder: 0 };
  const sorted = sortSmall(encounter.administrations.slice(), compareAdministrations);
  const norm = new Array<NormAdm>(sorted.length);
  for (let i = 0; i < sorted.length; i++) norm[i] = normalize(sorted[i]!, s, warnings);

  // Time of every drug infusion or push in the encounter (any site, any date): never hydration (§3.4, §5).
  const drugSpans: Span[] = [];
  for (const a of norm) {
    if (a.span !== null && a.src.service === undefined && a.category !== "hydration" && (a.src.route === "iv_infusion" || a.src.route === "iv_push" || a.src.route === "intra_arterial")) {
      drugSpans.push(a.span);
    }
  }
  const cutters = unionSpans(drugSpans);

  const flushes: NormAdm[] = [];
  if (s.midnightRule === "encounter" || norm.length === 0) {
    codePartition(ctx, norm, flushes, cutters, null);
  } else {
    const byDate = new Map<string, NormAdm[]>();
    for (const a of norm) {
      const list = byDate.get(a.date);
      if (list === undefined) byDate.set(a.date, [a]);
      else list.push(a);
    }
    const dates = [...byDate.keys()].sort();
    for (const d of dates) codePartition(ctx, byDate.get(d)!, flushes, cutters, dates.length > 1 ? d : null);
  }
  ctx.out = dropOrphans(ctx, ctx.out);
  codePortFlushes(ctx, flushes);

  return { lines: finish(ctx), warnings };
}

type SiteBucket = { site: string; services: IvService[]; hydration: NormAdm[] };

function siteBucket(sites: SiteBucket[], site: string): SiteBucket {
  for (const b of sites) if (b.site === site) return b;
  const b: SiteBucket = { site, services: [], hydration: [] };
  sites.push(b);

  return b;
}

/** Code one partition (the whole encounter, or one calendar date under `calendarDay`). */
function codePartition(ctx: Ctx, adms: readonly NormAdm[], flushes: NormAdm[], cutters: readonly Span[], calendarDate: string | null): void {
  const iv: NormAdm[] = [];
  const sc: NormAdm[] = [];
  const scNewSites: NormAdm[] = [];
  const injections: NormAdm[] = [];
  const pumps: NormAdm[] = [];
  for (const a of adms) {
    const service = a.src.service;
    if (service !== undefined) {
      if (service === "port_flush") flushes.push(a);
      else if (service === "subq_new_site") scNewSites.push(a);
      else pumps.push(a);
      continue;
    }
    switch (a.src.route) {
      case "iv_infusion":
      case "iv_push":
      case "intra_arterial":
        iv.push(a);
        break;
      case "subq_infusion":
        sc.push(a);
        break;
      case "injection":
        injections.push(a);
        break;
      default:
        warn(ctx, "UNSUPPORTED_ROUTE", a.id, `${a.id}: ${a.src.drug} has route "${a.src.route}", outside the infusion/injection codes this engine assigns (§1); review manually.`);
    }
  }

  const professional = ctx.s.setting === "professional";
  let ivInitial = false;
  if (iv.length > 0) {
    assignHomeSite(iv, professional);
    const { services, hydration } = buildIvServices(iv, ctx);

    const sites: SiteBucket[] = [];
    for (const svc of services) siteBucket(sites, svc.site).services.push(svc);
    for (const h of hydration) siteBucket(sites, h.site).hydration.push(h);

    // Candidates per site; the site holding the best candidate overall is coded first (§4.3).
    const plans: Array<{ cands: IvService[]; hyd: IvService | null; pick: ReturnType<typeof pickInitial> }> = [];
    for (const b of sites) {
      const hyd = buildHydration(b.hydration, cutters, ctx);
      const cands = hyd === null ? b.services : [...b.services, hyd];
      if (cands.length === 0) continue;
      plans.push({ cands, hyd, pick: pickInitial(cands, professional) });
    }
    if (plans.length > 1) {
      let primary = 0;
      for (let i = 1; i < plans.length; i++) {
        if (compareCandidates(plans[i]!.pick.best, plans[primary]!.pick.best, professional) < 0) primary = i;
      }
      const first = plans.splice(primary, 1)[0]!;
      plans.sort((x, y) => x.pick.best.startAt - y.pick.best.startAt || (x.pick.best.site < y.pick.best.site ? -1 : 1));
      plans.unshift(first);
    }
    for (const plan of plans) {
      const { best, why } = plan.pick;
      const dayNote = calendarDate === null ? "" : `; a new initial for ${calendarDate} (midnightRule=calendarDay, §3.5, §13.7)`;
      const code = emitInitial(ctx, best, why + dayNote, ivInitial);
      if (code !== null) ivInitial = true;
      const others: IvService[] = [];
      for (const c of plan.cands) if (c !== best && !c.isHydration) others.push(c);
      codeSecondaries(ctx, best, others);
      if (plan.hyd !== null && plan.hyd !== best) emitSecondaryHydration(ctx, plan.hyd);
    }
  }
  if (sc.length > 0 || scNewSites.length > 0) codeSubcutaneous(ctx, sc, scNewSites, ivInitial);
  if (injections.length > 0) codeInjections(ctx, injections);
  if (pumps.length > 0) codePumps(ctx, pumps);
}
