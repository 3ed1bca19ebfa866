/**
 * Built-in reference rates, used only when an organization has neither enough paid history nor a
 * fee schedule row for a code (spec §5.3). Always shown as "reference rate" in the product.
 *
 * Source: rule book `coding-rules.md` §10.1 (Medicare PFS national non-facility amounts, CY2025 and
 * CY2026) and §10.2 (OPPS drug-administration APC rates, CY2025). The rule book marks the per-code
 * amounts as secondary and not verified against CMS files; they are reference points, not contract
 * rates. Codes the rule book has no amount for have no reference rate.
 */

export type ReferenceSchedule = {
  setting: "professional" | "facility";
  year: number;
  source: string;
  ratesCents: Readonly<Record<string, number>>;
};

const PFS_SOURCE = "Medicare PFS national non-facility (rule book §10.1; secondary source)";
const OPPS_SOURCE = "Medicare OPPS APC national unadjusted (rule book §10.2; secondary source)";

const APC_5691 = 4614;
const APC_5692 = 7117;
const APC_5693 = 21069;
const APC_5694 = 33169;

export const REFERENCE_SCHEDULES: readonly ReferenceSchedule[] = [
  {
    setting: "professional",
    year: 2025,
    source: PFS_SOURCE,
    ratesCents: {
      "96360": 3008, "96361": 1164, "96365": 5790, "96366": 1941, "96367": 2652, "96368": 1844,
      "96372": 1391, "96374": 3396, "96375": 1423, "96376": 0, "96413": 11936, "96415": 2555,
      "96416": 11742, "96417": 5887,
    },
  },
  {
    setting: "professional",
    year: 2026,
    source: PFS_SOURCE,
    ratesCents: {
      "96360": 3340, "96361": 1303, "96365": 6714, "96366": 2138, "96367": 2973, "96368": 2071,
      "96372": 1536, "96374": 3774, "96375": 1570, "96376": 0, "96413": 13327, "96415": 2839,
      "96416": 13327, "96417": 6647,
    },
  },
  {
    setting: "facility",
    year: 2025,
    source: OPPS_SOURCE,
    ratesCents: {
      "96361": APC_5691, "96366": APC_5691, "96375": APC_5691,
      "96372": APC_5692, "96367": APC_5692, "96415": APC_5692, "96417": APC_5692,
      "96365": APC_5693, "96360": APC_5693, "96374": APC_5693,
      "96413": APC_5694, "96416": APC_5694,
    },
  },
];

/**
 * The reference rate for a code in a setting and year: the schedule of that year, else the
 * nearest year the rule book has for that setting.
 */
export function findReferenceRate(
  code: string,
  setting: "professional" | "facility",
  year: number,
): { cents: number; year: number; source: string } | null {
  const candidates = REFERENCE_SCHEDULES.filter((schedule) => schedule.setting === setting && code in schedule.ratesCents)
    .slice()
    .sort((a, b) => Math.abs(a.year - year) - Math.abs(b.year - year) || b.year - a.year);
  const best = candidates[0];
  if (!best) return null;
  return { cents: best.ratesCents[code] as number, year: best.year, source: best.source };
}
