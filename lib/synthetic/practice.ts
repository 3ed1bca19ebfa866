/**
 * The synthetic practice: three sites, their nurses, five payers with their own contract rates, and
 * a stable patient panel. Every name is obviously fake (`SYNTH-…`) and ids are prefixed `SYN`.
 */
import { createPrng, type Prng } from "./create-prng";
import type { RegimenKey } from "./regimens";

export type Site = { key: string; name: string; nurses: string[] };

export type Payer = {
  name: string;
  /** Short id used in file names and the 835 envelope. */
  id: string;
  /** CLP06 claim filing indicator. */
  filingIndicator: string;
  /** Contract rate = reference rate × multiplier (per code, jittered a little). */
  multiplier: number;
  /** Patient share of the allowed amount (PR-2), 0 for none. */
  coinsurance: number;
  /** Weeks from the date-of-service week to the payer's weekly check run. */
  lagWeeks: number;
  /** Share of patients covered by this payer. */
  share: number;
};

export type Patient = {
  id: string;
  lastName: string;
  firstName: string;
  siteIndex: number;
  payerIndex: number;
  regimen: RegimenKey;
  /** Body surface area (m²), for drug units. */
  bsa: number;
};

export const SITES: readonly Omit<Site, "nurses">[] = [
  { key: "RIV", name: "Riverside Infusion Center" },
  { key: "LAK", name: "Lakeview Oncology Suite" },
  { key: "HIL", name: "Hillcrest Infusion Clinic" },
];

export const PAYERS: readonly Payer[] = [
  { name: "Medicare", id: "MEDICARE", filingIndicator: "MB", multiplier: 1, coinsurance: 0.2, lagWeeks: 2, share: 0.38 },
  { name: "Aetna", id: "AETNA", filingIndicator: "CI", multiplier: 1.45, coinsurance: 0.1, lagWeeks: 3, share: 0.16 },
  { name: "BCBS", id: "BCBS", filingIndicator: "BL", multiplier: 1.3, coinsurance: 0.1, lagWeeks: 3, share: 0.2 },
  { name: "UnitedHealthcare", id: "UHC", filingIndicator: "CI", multiplier: 1.38, coinsurance: 0, lagWeeks: 3, share: 0.14 },
  { name: "Medicaid", id: "MEDICAID", filingIndicator: "MC", multiplier: 0.72, coinsurance: 0, lagWeeks: 5, share: 0.12 },
];

/**
 * Reference (Medicare-like, office setting) rates in cents per unit for the administration codes
 * the generator bills (rule book §10.1 where listed, our own estimates for the rest).
 */
export const REFERENCE_RATE_CENTS: Readonly<Record<string, number>> = {
  "96360": 3008, "96361": 1164, "96365": 5790, "96366": 1941, "96367": 2652, "96368": 1844,
  "96369": 14200, "96370": 1500, "96371": 6000, "96372": 1391, "96374": 3396, "96375": 1423,
  "96376": 1000, "96401": 7500, "96402": 3100, "96409": 9000, "96411": 4800, "96413": 11936,
  "96415": 2555, "96416": 11742, "96417": 5887, "96521": 11000, "96522": 9000, "96523": 2500,
  G0498: 11742,
};

/** Practice charge = reference × this factor (chargemasters sit well above contract rates). */
export const CHARGE_FACTOR = 2.6;

const LAST = ["Harper", "Quill", "Marsh", "Okafor", "Lindqvist", "Baptiste", "Nakamura", "Oduya", "Ferreira", "Castellano", "Whitlock", "Abernathy", "Kowalczyk", "Delacroix", "Mbeki", "Sorensen", "Tanaka", "Vasquez", "Ellery", "Brandt", "Achebe", "Moreau", "Halvorsen", "Iyer", "Petrov", "Galloway", "Rourke", "Santos", "Winslow", "Yamada"];
const FIRST = ["Ava", "Ben", "Cora", "Dev", "Ella", "Finn", "Gia", "Hugo", "Iris", "Jon", "Kai", "Lena", "Milo", "Nina", "Omar", "Pia", "Quinn", "Rosa", "Sam", "Tess", "Uma", "Vic", "Wes", "Xena", "Yuri", "Zoe"];
const NURSE_FIRST = ["Alex", "Blair", "Casey", "Drew", "Emery", "Frankie", "Gray", "Harley", "Indy", "Jordan", "Kendall", "Logan"];

export type Practice = {
  sites: Site[];
  payers: readonly Payer[];
  /** Patients per site. */
  patientsBySite: Patient[][];
  /** Contract rate in cents per unit: rates[payerIndex][code] (year-1 rates; +3 % from the next Jan 1). */
  rates: Record<string, number>[];
  /** Practice charge in cents per unit by code (admin and drug codes). */
  charges: Record<string, number>;
};

/** Contract rate for a payer, code and date of service (rates rise 3 % on each Jan 1 after the first year). */
export function contractRateCents(practice: Practice, payerIndex: number, code: string, dateOfService: string, firstYear: number): number {
  const base = practice.rates[payerIndex]![code];
  if (base === undefined) throw new Error(`synthetic practice: no rate for ${code}`);
  const years = Number(dateOfService.slice(0, 4)) - firstYear;
  return years <= 0 ? base : Math.round(base * 1.03 ** years);
}

/**
 * Builds the practice. The patient panel grows with `scale` so visit volume per patient stays
 * realistic (about one visit every two to three weeks).
 */
export function createPractice(seed: number, options: { sites: number; patientsPerSite: number; regimenWeights: readonly (readonly [RegimenKey, number])[] }): Practice {
  const rng: Prng = createPrng(seed, "practice");
  const sites: Site[] = [];
  for (let s = 0; s < options.sites; s++) {
    const base = SITES[s % SITES.length]!;
    const suffix = s < SITES.length ? "" : ` ${Math.floor(s / SITES.length) + 1}`;
    const nurses: string[] = [];
    const count = rng.int(4, 7);
    for (let n = 0; n < count; n++) nurses.push(`${rng.pick(NURSE_FIRST)} ${String.fromCharCode(65 + ((s * 7 + n) % 26))}. RN`);
    sites.push({ key: s < SITES.length ? base.key : `${base.key}${Math.floor(s / SITES.length) + 1}`, name: `${base.name}${suffix}`, nurses });
  }
  const rates = PAYERS.map((payer) => {
    const table: Record<string, number> = {};
    for (const [code, cents] of Object.entries(REFERENCE_RATE_CENTS)) {
      const jitter = payer.multiplier === 1 ? 1 : 1 + (rng.next() - 0.5) * 0.1;
      table[code] = Math.round(cents * payer.multiplier * jitter);
    }
    return table;
  });
  const charges: Record<string, number> = {};
  for (const [code, cents] of Object.entries(REFERENCE_RATE_CENTS)) charges[code] = Math.round((cents * CHARGE_FACTOR) / 100) * 100;

  const patientsBySite: Patient[][] = [];
  let next = 1;
  for (let s = 0; s < sites.length; s++) {
    const list: Patient[] = [];
    for (let i = 0; i < options.patientsPerSite; i++) {
      const payerIndex = rng.weighted(PAYERS.map((p, index) => [index, p.share] as const));
      list.push({
        id: `SYN-P${String(next++).padStart(6, "0")}`,
        lastName: `SYNTH-${rng.pick(LAST).toUpperCase()}`,
        firstName: rng.pick(FIRST).toUpperCase(),
        siteIndex: s,
        payerIndex,
        regimen: rng.weighted(options.regimenWeights),
        bsa: Math.round(rng.normal(1.85, 0.15) * 100) / 100,
      });
    }
    patientsBySite.push(list);
  }
  return { sites, payers: PAYERS, patientsBySite, rates, charges };
}
