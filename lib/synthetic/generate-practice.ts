/**
 * The synthetic practice generator: seeded and deterministic, generated week by week so a
 * million encounters never sit in memory at once. Each weekly batch carries the week's encounters
 * (documented sessions, canonical lines, bills, injected errors) and the payer check runs that
 * closed that week (claim versions and PLB adjustments).
 */
import { DEFAULT_CODING_SETTINGS } from "@/lib/coding";
import { adjudicateClaim, drugLines, reverseClaim, type ClaimContext } from "./adjudicate-claim";
import { createPrng, type Prng } from "./create-prng";
import { generateEncounter, hasAddOnHour, type EncounterContext } from "./generate-encounter";
import { orphanAddOns } from "./leaky-biller";
import { dateOfDay, dayNumber, dstTransitions, instantOf, weekday } from "./local-time";
import { ADDON_HOUR_CODES } from "@/lib/analysis/code-classes";
import { createPractice, type Practice } from "./practice";
import { planLength, planRegimen, REGIMEN_WEIGHTS, REGIMENS_WITH_SERVICES } from "./regimens";
import {
  ERROR_KINDS,
  type BilledLine,
  type ClaimVersion,
  type GeneratorOptions,
  type PayerEvent,
  type PayerEventKind,
  type RemittanceRun,
  type SyntheticEncounter,
  type TruthCounts,
  type WeekBatch,
} from "./types";

export const DEFAULT_ERROR_RATES: GeneratorOptions["errorRates"] = {
  dropped_addon_hours: 0.12,
  hydration_not_billed: 0.15,
  sequential_billed_as_initial: 0.05,
  missing_concurrent: 0.2,
  addon_without_primary: 0.03,
  missing_stop_time: 0.04,
};

export const DEFAULT_PAYER_BEHAVIOUR: GeneratorOptions["payerBehaviour"] = {
  lineDenialRate: 0.015,
  claimDenialRate: 0.004,
  unitCutRate: 0.05,
  reversalAndCorrection: true,
  recoupment: true,
};

export const DEFAULT_GENERATOR_OPTIONS: GeneratorOptions = {
  seed: 42,
  startDate: "2024-01-01",
  weeks: 104,
  sites: 3,
  visitsPerSiteDay: 19.5,
  scale: 1,
  errorRates: DEFAULT_ERROR_RATES,
  payerBehaviour: DEFAULT_PAYER_BEHAVIOUR,
  setting: "professional",
  marShare: 0.25,
  blankCategoryShare: 0.2,
  dstVisits: true,
};

/** Options with defaults filled in (nested rates merged). */
export function resolveGeneratorOptions(options: Partial<GeneratorOptions> = {}): GeneratorOptions {
  const merged = { ...DEFAULT_GENERATOR_OPTIONS, ...options };
  merged.errorRates = { ...DEFAULT_ERROR_RATES, ...options.errorRates };
  merged.payerBehaviour = { ...DEFAULT_PAYER_BEHAVIOUR, ...options.payerBehaviour };
  const rateSum = ERROR_KINDS.reduce((sum, kind) => sum + merged.errorRates[kind], 0);
  if (rateSum > 1) throw new RangeError(`error rates add up to ${rateSum}; at most 1 (one error per encounter)`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(merged.startDate)) throw new RangeError(`startDate must be YYYY-MM-DD, got ${merged.startDate}`);
  if (!(merged.weeks >= 1) || !(merged.sites >= 1) || !(merged.scale > 0)) throw new RangeError("weeks, sites and scale must be positive");
  return merged;
}

/** Monday on or before a date, as a day number. */
function mondayOf(date: string): number {
  const day = dayNumber(date);
  return day - ((weekday(day) + 6) % 7);
}

export function emptyCounts(): TruthCounts {
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  return {
    encounters: 0,
    administrations: 0,
    marEncounters: 0,
    claims: 0,
    errors: zero(ERROR_KINDS),
    eligible: zero(ERROR_KINDS),
    payerEvents: zero<PayerEventKind>(["denied_line", "claim_denied", "unit_cut", "orphan_addon_denied", "reversal_correction", "recoupment"]),
  };
}

/** Samples `n` distinct indexes below `size` (Floyd's algorithm), in sampling order. */
function sampleDistinct(rng: Prng, size: number, n: number): number[] {
  const chosen = new Set<number>();
  const order: number[] = [];
  for (let j = size - n; j < size; j++) {
    const t = rng.int(0, j);
    const pick = chosen.has(t) ? j : t;
    chosen.add(pick);
    order.push(pick);
  }
  return order;
}

type PendingRecoupment = { claim: ClaimVersion; amountCents: number };

/**
 * Generates the practice week by week.
 * @example
 * for await (const week of generatePractice({ seed: 7, weeks: 2 })) console.log(week.encounters.length)
 */
export async function* generatePractice(input: Partial<GeneratorOptions> = {}, counts: TruthCounts = emptyCounts()): AsyncGenerator<WeekBatch> {
  const options = resolveGeneratorOptions(input);
  const firstDay = mondayOf(options.startDate);
  const firstYear = Number(dateOfDay(firstDay).slice(0, 4));
  const visitsMean = options.visitsPerSiteDay * options.scale;
  const practice: Practice = createPractice(options.seed, {
    sites: options.sites,
    patientsPerSite: Math.max(12, Math.ceil(visitsMean * 5 * 2.5)),
    regimenWeights: REGIMEN_WEIGHTS,
  });
  const hydrationPatients = practice.patientsBySite[0]!.filter((p) => p.regimen === "hydration");

  const ctx: EncounterContext = {
    practice,
    settings: { ...DEFAULT_CODING_SETTINGS, setting: options.setting },
    errorRates: options.errorRates,
    blankCategoryShare: options.blankCategoryShare,
    firstYear,
    eligible: counts.eligible,
  };

  const runs = new Map<string, RemittanceRun>();
  const runFor = (payerIndex: number, week: number): RemittanceRun => {
    const key = `${String(week).padStart(6, "0")}:${payerIndex}`;
    let run = runs.get(key);
    if (!run) {
      run = { payerIndex, paymentDate: dateOfDay(firstDay + week * 7 + 4), claims: [], providerAdjustments: [] };
      runs.set(key, run);
    }
    return run;
  };
  const pendingRecoupments = new Map<RemittanceRun, PendingRecoupment>();
  let reversalDone = !options.payerBehaviour.reversalAndCorrection;
  let recoupmentPlanned = !options.payerBehaviour.recoupment;
  let encounterNumber = 0;

  const closeRuns = (upToWeek: number, events: PayerEvent[]): RemittanceRun[] => {
    const due = [...runs.keys()].filter((key) => Number(key.slice(0, 6)) <= upToWeek).sort();
    const closed: RemittanceRun[] = [];
    for (const key of due) {
      const run = runs.get(key)!;
      runs.delete(key);
      const pending = pendingRecoupments.get(run);
      if (pending) {
        const total = run.claims.reduce((sum, c) => sum + c.lines.reduce((s, l) => s + l.paidCents, 0), 0);
        const amountCents = Math.min(pending.amountCents, total);
        if (amountCents > 0) {
          run.providerAdjustments.push({ reason: "WO", claimId: pending.claim.claimId, amountCents });
          const payer = practice.payers[run.payerIndex]!.name;
          events.push({
            encounterId: pending.claim.encounterId,
            claimId: pending.claim.claimId,
            payer,
            event: "recoupment",
            reason: "WO",
            expectedFindings: [{ kind: "recoupment", cause: "payer", code: null, units: 0 }],
            detail: `PLB WO take-back of ${(amountCents / 100).toFixed(2)} on ${run.paymentDate}`,
          });
          counts.payerEvents.recoupment++;
        }
      }
      if (run.claims.length > 0 || run.providerAdjustments.length > 0) closed.push(run);
    }
    return closed;
  };

  for (let week = 0; week < options.weeks; week++) {
    const rng = createPrng(options.seed, `week:${week}`);
    const weekStart = firstDay + week * 7;
    const encounters: SyntheticEncounter[] = [];
    const events: PayerEvent[] = [];

    const addVisit = (visit: Parameters<typeof generateEncounter>[2]): void => {
      const synthetic = generateEncounter(ctx, rng, visit);
      encounters.push(synthetic);
      counts.encounters++;
      counts.administrations += synthetic.encounter.administrations.length;
      if (synthetic.form === "mar") counts.marEncounters++;
      if (synthetic.error) counts.errors[synthetic.error.error]++;
      billEncounter(synthetic, week);
    };

    const billEncounter = (e: SyntheticEncounter, w: number): void => {
      const admin = e.billed;
      if (admin.length === 0) return;
      const payer = practice.payers[e.payerIndex]!;
      const claimId = `SYN-C${e.id.slice(5)}`;
      const claimCtx: ClaimContext = { practice, firstYear, payerIndex: e.payerIndex, dateOfService: e.dateOfService };
      const drugs = drugLines(e.rows.map((r) => ({ drug: r.drugKey, dose: r.dose })));
      const bill: BilledLine[] = [...admin, ...drugs];
      const runWeek = w + payer.lagWeeks;
      const base = {
        claimId,
        encounterId: e.id,
        showEncounterId: !rng.chance(0.1),
        patient: { id: e.patient.id, lastName: e.patient.lastName, firstName: e.patient.firstName },
        payerIndex: e.payerIndex,
        dateOfService: e.dateOfService,
      };
      const isClean = e.error === undefined;

      // One claim billed short, reversed by the payer and replaced by a corrected claim (frequency 7).
      if (!reversalDone && isClean && w >= Math.floor(options.weeks / 4) && hasAddOnHour(admin)) {
        const code = admin.find((l) => ADDON_HOUR_CODES.has(l.code))!.code;
        const short = shortBill(bill, code);
        if (orphanAddOns(short.filter((l) => !l.isDrug)).length === 0) {
          reversalDone = true;
          const first = adjudicateClaim(claimCtx, rng, { ...options.payerBehaviour, lineDenialRate: 0, claimDenialRate: 0, unitCutRate: 0 }, { claimId, encounterId: e.id, billed: short, canonical: e.canonical, isClean: false, payerName: payer.name });
          const original: ClaimVersion = { ...base, status: first.status, frequency: "1", payerControlNumber: `${claimId}-A`, lines: first.lines, runWeek };
          const corrected = adjudicateClaim(claimCtx, rng, options.payerBehaviour, { claimId, encounterId: e.id, billed: bill, canonical: e.canonical, isClean: false, payerName: payer.name });
          const replacement: ClaimVersion = { ...base, status: corrected.status, frequency: "7", payerControlNumber: `${claimId}-B`, lines: corrected.lines, runWeek: runWeek + 2 };
          runFor(e.payerIndex, runWeek).claims.push(original);
          const later = runFor(e.payerIndex, runWeek + 2);
          later.claims.push(reverseClaim(original, runWeek + 2), replacement);
          counts.claims += 3;
          counts.payerEvents.reversal_correction++;
          events.push({
            encounterId: e.id,
            claimId,
            payer: payer.name,
            event: "reversal_correction",
            code,
            expectedFindings: [],
            detail: `original billed ${code} one unit short, reversed (CLP02 22) and replaced (frequency 7); nets to the canonical bill`,
          });
          return;
        }
      }

      const result = adjudicateClaim(claimCtx, rng, options.payerBehaviour, { claimId, encounterId: e.id, billed: bill, canonical: e.canonical, isClean, payerName: payer.name });
      const version: ClaimVersion = { ...base, status: result.status, frequency: "1", payerControlNumber: `${claimId}-A`, lines: result.lines, runWeek };
      const run = runFor(e.payerIndex, runWeek);
      run.claims.push(version);
      counts.claims++;
      for (const event of result.events) {
        events.push(event);
        counts.payerEvents[event.event]++;
      }

      // One PLB take-back on a clean, fully paid claim, in the payer's next check run of the same month.
      if (!recoupmentPlanned && isClean && result.events.length === 0 && w >= Math.floor(options.weeks * 0.4)) {
        const paymentDay = firstDay + runWeek * 7 + 4;
        const sameMonth = dateOfDay(paymentDay + 7).slice(0, 7) === dateOfDay(paymentDay).slice(0, 7);
        const paid = result.lines.reduce((sum, l) => sum + l.paidCents, 0);
        if (sameMonth && paid > 2000) {
          recoupmentPlanned = true;
          pendingRecoupments.set(runFor(e.payerIndex, runWeek + 1), { claim: version, amountCents: Math.round(paid * 0.4) });
        }
      }
    };

    for (let d = 0; d < 5; d++) {
      const day = weekStart + d;
      const date = dateOfDay(day);
      for (let s = 0; s < practice.sites.length; s++) {
        const site = practice.sites[s]!;
        const pool = practice.patientsBySite[s]!;
        const n = Math.min(pool.length, Math.max(0, Math.round(rng.normal(visitsMean, visitsMean * 0.12))));
        for (const index of sampleDistinct(rng, pool.length, n)) {
          const patient = pool[index]!;
          const plan = planRegimen(patient.regimen, rng, patient.bsa);
          const length = planLength(plan);
          const latest = Math.max(480, 1080 - length);
          const chairMinute = 480 + 5 * rng.int(0, Math.floor((latest - 480) / 5));
          const form = s === 2 && !REGIMENS_WITH_SERVICES.has(patient.regimen) && rng.chance(options.marShare) ? "mar" : "interval";
          addVisit({
            id: `SYN-E${String(++encounterNumber).padStart(8, "0")}`,
            patient,
            site,
            nurse: rng.pick(site.nurses),
            regimen: patient.regimen,
            plan,
            chairAt: instantOf(day, chairMinute),
            dateOfService: date,
            form,
            documentsPrimaryReason: rng.chance(0.85),
            noErrors: false,
          });
        }
      }
    }

    // The nights the clocks change: an overnight hydration visit 00:45 → 04:15 (spring, 150 real
    // minutes) or 00:45 → 03:15 (fall, 210 real minutes). Durations must come from instants.
    const sunday = weekStart + 6;
    const year = Number(dateOfDay(sunday).slice(0, 4));
    const { startDay, endDay } = dstTransitions(year);
    if (options.dstVisits && (sunday === startDay || sunday === endDay) && hydrationPatients.length > 0) {
      const patient = rng.pick(hydrationPatients);
      const plan = planRegimen("overnight_hydration", rng, patient.bsa);
      const chairAt = instantOf(sunday, 45);
      const stopAt = instantOf(sunday, sunday === startDay ? 255 : 195);
      plan.administrations[0]!.minutes = Math.round((stopAt - chairAt) / 60_000);
      const site = practice.sites[0]!;
      addVisit({
        id: `SYN-E${String(++encounterNumber).padStart(8, "0")}`,
        patient,
        site,
        nurse: rng.pick(site.nurses),
        regimen: "overnight_hydration",
        plan,
        chairAt,
        dateOfService: dateOfDay(sunday),
        form: "interval",
        documentsPrimaryReason: true,
        noErrors: true,
      });
    }

    const last = week === options.weeks - 1;
    const closed = closeRuns(last ? Number.MAX_SAFE_INTEGER : week, events);
    yield { weekIndex: week, weekStart: dateOfDay(weekStart), encounters, runs: closed, payerEvents: events };
  }
}

function shortBill(bill: readonly BilledLine[], code: string): BilledLine[] {
  let done = false;
  const out: BilledLine[] = [];
  for (const line of bill) {
    if (!done && !line.isDrug && line.code === code) {
      done = true;
      if (line.units > 1) out.push({ ...line, units: line.units - 1 });
      continue;
    }
    out.push(line);
  }
  return out;
}
