/**
 * Technique (rule book §2.2, §3.1, §3.2): normalizes administrations and turns IV administrations into
 * services: the same drug's infusion segments on one access site are summed (an interruption shows up
 * as several administrations of the same drug, §3.1/§3.4); an infusion of ≤15 min is a push; an
 * infusion with no usable stop time follows `missingStop` (§2.2, §13.10).
 */

import * as categoryModule from "./category";
import * as midnightModule from "./midnight";
import * as modelModule from "./model";
import type { Ctx, IvService, NormAdm } from "./model";
import * as multiVialModule from "./multi-vial";
import type { JoinedDose } from "./multi-vial";
import type { ResolvedSettings } from "./settings";
import * as timeAndUnitsModule from "./time-and-units";
import type { Span } from "./time-and-units";
import type { Administration, CodingWarning } from "./types";

// Read once at load, not at every call (see "Imports" in index.ts).
const { normalizedHcpcs, resolveCategory } = categoryModule;
const { localDate } = midnightModule;
const { warn } = modelModule;
const { joinDoses, joinNote } = multiVialModule;
const { clock, describeSpans, MS_PER_MINUTE, PUSH_MAX_MINUTES, spansMinutes, unionSpans } = timeAndUnitsModule;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sort key: start instant, then id (code-unit order, locale-free), so input order never matters.
 * Ids should be unique; if they are not, drug, route, stop and site break the tie.
 */
export function compareAdministrations(x: Administration, y: Administration): number {
  if (x.start.at !== y.start.at) return x.start.at - y.start.at;
  if (x.id !== y.id) return cmp(x.id, y.id);
  if (x.drug !== y.drug) return cmp(x.drug, y.drug);
  if (x.route !== y.route) return cmp(x.route, y.route);
  const sx = x.stop === undefined ? -Infinity : x.stop.at;
  const sy = y.stop === undefined ? -Infinity : y.stop.at;
  if (sx !== sy) return sx < sy ? -1 : 1;

  return cmp(x.ivSite ?? "", y.ivSite ?? "");
}

/** Normalize one administration: category, drug key, site key and its valid timed span. */
export function normalize(adm: Administration, s: ResolvedSettings, warnings: CodingWarning[]): NormAdm {
  const hcpcs = normalizedHcpcs(adm);
  const cat = adm.service === undefined ? resolveCategory(adm, s, warnings, hcpcs) : { category: adm.category ?? "therapeutic", hormonal: false };
  const rawSite = adm.ivSite === undefined ? "" : adm.ivSite.trim();
  const n: NormAdm = {
    src: adm,
    id: adm.id,
    drugKey: adm.drug.trim().toLowerCase(),
    hcpcs,
    category: cat.category,
    hormonal: cat.hormonal,
    site: adm.route === "intra_arterial" ? `ia:${rawSite}` : rawSite,
    span: null,
    date: localDate(adm.start),
  };
  if (adm.stop === undefined) {
    n.timeIssue = "missing";
  } else {
    const ms = adm.stop.at - adm.start.at;
    if (ms < 0) n.timeIssue = "reversed";
    else if (ms < MS_PER_MINUTE) n.timeIssue = "zero";
    else n.span = { a: adm.start, b: adm.stop };
  }

  return n;
}

const CATEGORY_RANK = { chemo: 3, therapeutic: 2, hydration: 1 } as const;

/**
 * Administrations with no documented IV site join the "home" site: the site of the highest-ranked
 * administration that documents one (chemo > therapeutic > hydration, infusion > push; professional:
 * documented primary reason first; then earliest). Different documented sites stay apart (§4.3).
 */
export function assignHomeSite(ivAdms: NormAdm[], professional: boolean): void {
  let home: NormAdm | null = null;
  for (const a of ivAdms) {
    if (a.site === "" || a.src.route === "intra_arterial") continue;
    if (home === null || betterHome(a, home, professional)) home = a;
  }
  if (home === null) return;
  for (const a of ivAdms) if (a.site === "" && a.src.route !== "intra_arterial") a.site = home.site;
}

function betterHome(a: NormAdm, b: NormAdm, professional: boolean): boolean {
  if (professional) {
    const pa = a.src.primaryReason === true;
    if (pa !== (b.src.primaryReason === true)) return pa;
  }
  const ra = CATEGORY_RANK[a.category];
  const rb = CATEGORY_RANK[b.category];
  if (ra !== rb) return ra > rb;
  const ia = a.src.route !== "iv_push";
  if (ia !== (b.src.route !== "iv_push")) return ia;

  return false; // input is sorted: the earlier one stays
}

function issueText(a: NormAdm): string {
  const at = clock(a.src.start);
  switch (a.timeIssue) {
    case "reversed":
      return `${a.id}: ${a.src.drug} stop ${a.src.stop === undefined ? "" : clock(a.src.stop)} is before its start ${at}`;
    case "zero":
      return `${a.id}: ${a.src.drug} stop equals its start ${at} (less than one minute)`;
    default:
      return `${a.id}: ${a.src.drug} started ${at} has no documented stop time`;
  }
}

function issueCode(a: NormAdm): "MISSING_STOP" | "STOP_BEFORE_START" | "ZERO_DURATION" {
  return a.timeIssue === "reversed" ? "STOP_BEFORE_START" : a.timeIssue === "zero" ? "ZERO_DURATION" : "MISSING_STOP";
}

/** Warn about an untimed administration and say what the engine did with it. */
export function warnUntimed(ctx: Ctx, a: NormAdm, consequence: string): void {
  warn(ctx, issueCode(a), a.id, `${issueText(a)}; ${consequence}`);
}

/** Flag same-drug administrations whose documented times overlap; the union counts once (§3.4). */
function flagSameDrugOverlap(ctx: Ctx, timed: readonly NormAdm[]): void {
  let maxEnd = -Infinity;
  for (const m of timed) {
    const sp = m.span!;
    if (sp.a.at < maxEnd) {
      warn(ctx, "OVERLAP_SAME_DRUG", m.id, `${m.id}: ${m.src.drug} overlaps another administration of the same drug; the overlapping time is counted once (§3.4).`);
    }
    if (sp.b.at > maxEnd) maxEnd = sp.b.at;
  }
}

export type IvBuild = {
  services: IvService[];
  /** Timed hydration infusion administrations (hydration.ts sums and trims them). */
  hydration: NormAdm[];
};

/**
 * Build the IV / intra-arterial services of one partition from its administrations (sorted by start,
 * then id). Pushes of the same drug on the same site whose times touch (or are within
 * `multiVialJoinGapMinutes`) are one push: one dose from several syringes (§16.3; multi-vial.ts).
 */
export function buildIvServices(adms: readonly NormAdm[], ctx: Ctx): IvBuild {
  // Few administrations per encounter: linear grouping beats hashing composite string keys.
  const groups: ServiceGroup[] = [];
  const hydration: NormAdm[] = [];
  // IV pushes: one dose from several syringes (touching records) is one push (§16.3; multi-vial.ts).
  const pushRows: NormAdm[] = [];
  for (const a of adms) if (a.src.route === "iv_push") pushRows.push(a);
  const doses = pushRows.length > 0 ? joinDoses(pushRows, ctx.s.multiVialJoinGapMinutes, "push") : [];
  for (const a of adms) {
    const route = a.src.route;
    if (a.category === "hydration" && route === "iv_infusion") {
      if (a.span === null) {
        warnUntimed(ctx, a, "hydration needs at least 31 documented minutes, so its time is not counted (§3.1, §3.2).");
        continue;
      }
      hydration.push(a);
      continue;
    }
    if (route === "iv_push") {
      // Every push row is in one dose; the dose becomes a group at its first record.
      for (const dose of doses) if (dose.members[0] === a) groups.push({ members: dose.members, dose });
      continue;
    }
    let group: ServiceGroup | undefined;
    for (const g of groups) {
      if (sameGroup(g.members[0]!, a)) {
        group = g;
        break;
      }
    }
    if (group === undefined) groups.push({ members: [a], dose: null });
    else group.members.push(a);
  }
  if (hydration.length > 1) flagHydrationOverlaps(ctx, hydration);

  const services: IvService[] = [];
  for (const { members, dose } of groups) {
    const svc = dose !== null ? pushService(dose, ctx) : infusionService(members, ctx);
    if (svc !== null) services.push(svc);
  }

  return { services, hydration };
}

/** Administrations coded as one service: a joined push dose (multi-vial.ts), or one drug's infusion segments on one site. */
type ServiceGroup = { members: NormAdm[]; dose: JoinedDose | null };

/** Same service (pushes are grouped by multi-vial.ts): same site and drug; infusions of any segment. */
function sameGroup(first: NormAdm, a: NormAdm): boolean {
  return first.site === a.site && first.drugKey === a.drugKey;
}

function flagHydrationOverlaps(ctx: Ctx, hydration: readonly NormAdm[]): void {
  const done: boolean[] = new Array<boolean>(hydration.length).fill(false);
  for (let i = 0; i < hydration.length; i++) {
    if (done[i]) continue;
    const g: NormAdm[] = [hydration[i]!];
    for (let j = i + 1; j < hydration.length; j++) {
      const b = hydration[j]!;
      if (!done[j] && b.site === g[0]!.site && b.drugKey === g[0]!.drugKey) {
        g.push(b);
        done[j] = true;
      }
    }
    if (g.length > 1) flagSameDrugOverlap(ctx, g);
  }
}

function baseService(members: NormAdm[], technique: "infusion" | "push", spans: Span[], minutes: number, timeText: string): IvService {
  const first = members[0]!;
  let endAt = first.src.start.at;
  for (const sp of spans) if (sp.b.at > endAt) endAt = sp.b.at;
  let primaryReason = false;
  for (const m of members) if (m.src.primaryReason === true) primaryReason = true;

  return {
    technique,
    family: first.src.route === "intra_arterial" ? "ia" : "iv",
    category: first.category,
    isHydration: false,
    drug: first.src.drug,
    drugKey: first.drugKey,
    site: first.site,
    adms: members,
    spans,
    minutes,
    startAt: first.src.start.at,
    start: first.src.start,
    endAt,
    primaryReason,
    timeText,
  };
}

function pushService(dose: JoinedDose, ctx: Ctx): IvService {
  const members = dose.members;
  const first = members[0]!;
  const timed: Span[] = [];
  for (const m of members) {
    if (m.timeIssue === "reversed") warnUntimed(ctx, m, "the push is coded; its documented time is not used (§2.2).");
    if (m.span !== null) timed.push(m.span);
  }
  const spans = unionSpans(timed);
  const note = joinNote(dose, "push", ctx.s.multiVialJoinGapMinutes);
  const text = note === "" ? `${first.src.drug} push at ${clock(first.src.start)}` : note;

  return baseService(members, "push", spans, spans.length === 0 ? 0 : spansMinutes(spans), text);
}

function infusionService(members: NormAdm[], ctx: Ctx): IvService | null {
  const timed: NormAdm[] = [];
  const untimed: NormAdm[] = [];
  for (const m of members) (m.span === null ? untimed : timed).push(m);
  const drug = members[0]!.src.drug;

  if (timed.length === 0) {
    if (ctx.s.missingStop === "none") {
      for (const m of untimed) warnUntimed(ctx, m, "nothing time-based is coded for it (missingStop=none; §2.2, §13.10).");

      return null;
    }
    for (const m of untimed) warnUntimed(ctx, m, "coded as a push, never as infusion time (missingStop=push; §2.2, §13.10).");
    const svc = baseService(
      members,
      "push",
      [],
      0,
      `${drug} started ${clock(members[0]!.src.start)} with no usable stop time → coded as a push (missingStop=push; §2.2, §13.10)`,
    );
    svc.pushReason = "untimed";

    return svc;
  }
  for (const m of untimed) warnUntimed(ctx, m, `its time is not counted; the other documented segments of ${drug} are (§3.1).`);
  if (timed.length > 1) flagSameDrugOverlap(ctx, timed);
  const spans = unionSpans(timed.map((m) => m.span!));
  const minutes = spansMinutes(spans);
  const timeText = `${drug} ${describeSpans(spans, minutes)}`;
  if (minutes > PUSH_MAX_MINUTES) return baseService(timed, "infusion", spans, minutes, timeText);

  if (ctx.s.shortInfusion === "discontinued53") {
    const svc = baseService(timed, "infusion", spans, minutes, `${timeText}, ≤15 min: coded as a discontinued infusion with modifier 53 (shortInfusion=discontinued53; §13.4)`);
    svc.discontinued = true;
    warn(ctx, "DISCONTINUED_INFUSION", timed[0]!.id, `${timed[0]!.id}: ${drug} ran ${minutes} min; coded as a discontinued infusion (modifier 53) instead of a push; the record must show why it stopped (§13.4).`);

    return svc;
  }
  const svc = baseService(timed, "push", spans, minutes, `${timeText}, ≤15 min → a push (§2.2, §3.2)`);
  svc.pushReason = "short";

  return svc;
}
