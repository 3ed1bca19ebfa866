/**
 * A realistic, internally consistent TReportData for renderer tests (HTML/PDF document, workbook):
 * "Riverside Infusion" (America/New_York), 8 weeks from Monday 2025-01-06 to Sunday 2025-03-02.
 *
 * The overview is derived from the findings with the dashboard's own shaping functions
 * (summarizeFindingSums, buildWeeklyLeakage, groupLeakageBy, withDenialRates), so its totals, weekly
 * points and breakdowns agree with `findings` to the cent, as they do for real rollups.
 */
import { windowFromFilter } from "@/lib/analysis/annualize";
import { addDays, weekStartOf } from "@/lib/analysis/week-bucket";
import {
  buildWeeklyLeakage,
  groupLeakageBy,
  summarizeFindingSums,
  withDenialRates,
  type TFindingSums,
} from "@/lib/dashboard/summarize-rollups";
import { emptyTallyByCause, type TAnalysisSnapshotFigures } from "@/lib/dashboard/analysis-snapshot-figures";
import { compareSnapshots } from "@/lib/dashboard/compare-snapshots";
import type { TDenialsData, TOverviewData } from "@/lib/db/dashboard";
import type { TEncounterAdministration, TEncounterClaimLine, TEncounterCodedLine } from "@/lib/db/encounters";
import {
  REPORT_SECTIONS,
  type TReportData,
  type TReportFindingEvidence,
  type TReportFindingRow,
  type TReportRebillRow,
} from "@/lib/report/report-data";

export const FIXTURE_PERIOD = { from: "2025-01-06", to: "2025-03-02", weeks: 8 } as const;
export const FIXTURE_AS_OF = "2025-03-10";
const TIMELY_FILING_DAYS = 90;
const TIME_ZONE = "America/New_York";

type TEncounterSeed = {
  label: string;
  patientKey: string;
  patientId: string;
  payer: string;
  site: string;
  nurse: string;
  claimId: string;
};

const PAYERS = ["Medicare", "Aetna", "BCBS of NY"] as const;
const SITES = ["Main Street", "Eastside"] as const;
const NURSES = ["J. Alvarez RN", "K. Osei RN", "M. Chen RN"] as const;

function pick<T>(list: readonly T[], index: number): T {
  return list[index % list.length] as T;
}

function encounterSeed(index: number): TEncounterSeed {
  const mrn = String(42 + index * 7).padStart(4, "0");

  return {
    label: `ENC-${10_231 + index}`,
    patientKey: `pk_${(0x3f9a21c4 + index * 0x1b3d).toString(16)}`,
    patientId: `MRN-${mrn}`,
    payer: pick(PAYERS, index),
    site: pick(SITES, index),
    nurse: pick(NURSES, index),
    claimId: `CLM-2025-${String(5_100 + index).padStart(5, "0")}`,
  };
}

type TFindingSeed = Pick<TReportFindingRow, "kind" | "cause" | "code" | "units" | "valueCents" | "valueSource" | "isEstimate" | "explanation">;

/** The findings of week `week` (0-based); a steady mix of causes with some week-to-week variation. */
function weekFindingSeeds(week: number): TFindingSeed[] {
  const hours = week === 0 ? 2 : 1;
  const seeds: TFindingSeed[] = [
    {
      kind: "missed_addon_hours",
      cause: "coding",
      code: "96415",
      units: hours,
      valueCents: 11_842 * hours,
      valueSource: "own_paid_median",
      isEstimate: false,
      explanation: `Supported 96415 ×${hours + 1}, billed ×1: ${hours} ${hours === 1 ? "hour" : "hours"} not billed. Chemo infusion 09:05–${hours === 1 ? "12:20" : "13:25"} is ${hours === 1 ? "3 h 15 min" : "4 h 20 min"}: first hour 96413, then each extra hour past the 30-minute mark (rule book §3.2).`,
    },
    {
      kind: "missing_stop_time",
      cause: "documentation",
      code: "96366",
      units: 1,
      valueCents: 4_210,
      valueSource: "fee_schedule",
      isEstimate: true,
      explanation: "Hydration bag started 10:40 has no stop time; a typical 1 h 10 min run would support 96366 ×1 (estimate, rule book §7.1).",
    },
  ];
  if (week % 2 === 1) {
    seeds.push({
      kind: "denied_line",
      cause: "payer",
      code: "96413",
      units: 1,
      valueCents: 15_530,
      valueSource: "own_paid_median",
      isEstimate: false,
      explanation: "96413 ×1 denied CO-16 (claim lacks information); the administration record supports it, so it can be corrected and resubmitted (rule book §11).",
    });
  }
  if (week === 2) {
    seeds.push({
      kind: "missed_sequential",
      cause: "coding",
      code: "96417",
      units: 1,
      valueCents: 16_940,
      valueSource: "fee_schedule",
      isEstimate: false,
      explanation: "Supported 96417 ×1, billed ×0: 1 unit not billed. Carboplatin infused 10:20–11:05 after paclitaxel is a sequential new chemo infusion (rule book §4.3).",
    });
  }
  if (week === 3) {
    seeds.push({
      kind: "unit_cut",
      cause: "payer",
      code: "96415",
      units: 1,
      valueCents: 11_842,
      valueSource: "own_paid_median",
      isEstimate: false,
      explanation: "96415 billed ×2, paid ×1 (CO-151) with no supporting limit in the record (rule book §11).",
    });
  }
  if (week === 5) {
    seeds.push({
      kind: "overcoded_units",
      cause: "compliance",
      code: "96361",
      units: 1,
      valueCents: 3_380,
      valueSource: "reference",
      isEstimate: false,
      explanation: "Billed 96361 ×2, supported ×1: hydration 10:00–11:20 is 1 h 20 min, one extra hour only (rule book §3.1).",
    });
  }
  return seeds;
}

function buildFindings(deidentify: boolean): TReportFindingRow[] {
  const rows: TReportFindingRow[] = [];
  let encounterIndex = 0;
  for (let week = 0; week < FIXTURE_PERIOD.weeks; week += 1) {
    const weekStart = addDays(FIXTURE_PERIOD.from, week * 7);
    weekFindingSeeds(week).forEach((seed, position) => {
      const encounter = encounterSeed(encounterIndex);
      encounterIndex += 1;
      const dateOfService = addDays(weekStart, 1 + (position % 4));
      rows.push({
        findingId: 9_000 + rows.length + 1,
        dateOfService,
        encounterLabel: encounter.label,
        patientKey: encounter.patientKey,
        patientId: deidentify ? null : encounter.patientId,
        ...seed,
        payer: encounter.payer,
        site: encounter.site,
        nurse: encounter.nurse,
        claimId: encounter.claimId,
        filingDeadline: seed.cause === "coding" ? addDays(dateOfService, TIMELY_FILING_DAYS) : null,
      });
    });
  }
  return rows.sort((a, b) => b.valueCents - a.valueCents || a.findingId - b.findingId);
}

function findingSums(rows: readonly TReportFindingRow[], keyOf: (row: TReportFindingRow) => string): (TFindingSums & { key: string })[] {
  const groups = new Map<string, TFindingSums & { key: string }>();
  for (const row of rows) {
    const key = keyOf(row);
    const id = JSON.stringify([key, row.cause, row.kind]);
    const group = groups.get(id) ?? { key, cause: row.cause, kind: row.kind, valueCents: 0, units: 0, findings: 0 };
    group.valueCents += row.valueCents;
    group.units += row.units;
    group.findings += 1;
    groups.set(id, group);
  }
  return [...groups.values()];
}

/** Claim lines per week: 38–45 lines, denials growing slightly; the add-on share is about a third. */
function weeklyClaimSums(week: number) {
  const lines = 38 + ((week * 3) % 8);
  const deniedLines = 2 + (week % 3);
  const billedCents = lines * 18_900;
  const deniedCents = deniedLines * 15_530;
  return { lines, deniedLines, billedCents, deniedCents };
}

function buildDenials(window: ReturnType<typeof windowFromFilter>): TDenialsData {
  const weekly = Array.from({ length: FIXTURE_PERIOD.weeks }, (_, week) => ({
    weekStart: addDays(FIXTURE_PERIOD.from, week * 7),
    ...withDenialRates(weeklyClaimSums(week)),
  }));
  const total = weekly.reduce(
    (sum, week) => ({
      lines: sum.lines + week.lines,
      deniedLines: sum.deniedLines + week.deniedLines,
      billedCents: sum.billedCents + week.billedCents,
      deniedCents: sum.deniedCents + week.deniedCents,
    }),
    { lines: 0, deniedLines: 0, billedCents: 0, deniedCents: 0 },
  );
  // Medicare, Aetna, BCBS of NY: shares of billed lines/dollars and of denied lines/dollars; the
  // last payer takes the remainder so the payers add up to the totals.
  const billedShares = [0.5, 0.3];
  const deniedShares = [0.25, 0.45];
  const split = (value: number, shares: number[]) => {
    const parts = shares.map((share) => Math.round(value * share));
    return [...parts, value - parts.reduce((sum, part) => sum + part, 0)];
  };
  const lines = split(total.lines, billedShares);
  const billedCents = split(total.billedCents, billedShares);
  const deniedLines = split(total.deniedLines, deniedShares);
  const deniedCents = split(total.deniedCents, deniedShares);
  const byPayer = PAYERS.map((payer, index) => {
    const sums = { lines: lines[index] ?? 0, deniedLines: deniedLines[index] ?? 0, billedCents: billedCents[index] ?? 0, deniedCents: deniedCents[index] ?? 0 };
    const unitCuts = payer === "Aetna" ? 1 : 0;
    return { payer, ...withDenialRates(sums), paidCents: Math.round((sums.billedCents - sums.deniedCents) * 0.82), unitCutLines: unitCuts, unitCutUnits: unitCuts };
  }).sort((a, b) => b.deniedCents - a.deniedCents || b.lines - a.lines || a.payer.localeCompare(b.payer));

  const addOnLines = Math.round(total.lines / 3);
  const addOnDenied = Math.round(total.deniedLines / 4);
  const addOns = withDenialRates({ lines: addOnLines, deniedLines: addOnDenied, billedCents: addOnLines * 11_842, deniedCents: addOnDenied * 11_842 });
  const primary = withDenialRates({
    lines: total.lines - addOnLines,
    deniedLines: total.deniedLines - addOnDenied,
    billedCents: total.billedCents - addOns.billedCents,
    deniedCents: total.deniedCents - addOns.deniedCents,
  });
  const byCode = [
    { code: "96413", isAddOn: false, ...primary, unitCutLines: 0, unitCutUnits: 0 },
    { code: "96415", isAddOn: true, ...addOns, unitCutLines: 1, unitCutUnits: 1 },
  ].sort((a, b) => b.deniedCents - a.deniedCents || b.lines - a.lines || a.code.localeCompare(b.code));

  const byReason = [
    { group: "CO", reason: "16", lines: 12, amountCents: 12 * 15_530, payers: 3 },
    { group: "CO", reason: "197", lines: 6, amountCents: 6 * 15_530, payers: 2 },
    { group: "CO", reason: "151", lines: 1, amountCents: 11_842, payers: 1 },
    { group: "PR", reason: "204", lines: 1, amountCents: 9_140, payers: 1 },
  ];
  const unitCutFindings = [{ payer: "Aetna", findings: 1, units: 1, valueCents: 11_842 }];
  const recoupments = [{ payer: "Medicare", findings: 1, valueCents: 8_760 }];

  return {
    window,
    totals: { ...withDenialRates(total), paidCents: byPayer.reduce((sum, row) => sum + row.paidCents, 0), unitCutLines: 1, unitCutUnits: 1 },
    addOns,
    weekly,
    byPayer,
    byCode,
    byReason,
    unitCutFindings,
    recoupments,
    ignoredFilters: [],
  };
}

function buildOverview(findings: readonly TReportFindingRow[], denials: TDenialsData, window: ReturnType<typeof windowFromFilter>): TOverviewData {
  const weekGroups = findingSums(findings, (row) => weekStartOf(row.dateOfService, 1)).map(({ key, ...sums }) => ({ ...sums, weekStart: key }));
  const codeGroups = findingSums(findings, (row) => row.code ?? "");
  const unitsByCode = new Map<string, number>();
  for (const group of codeGroups) {
    if (group.cause !== "compliance") unitsByCode.set(group.key, (unitsByCode.get(group.key) ?? 0) + group.units);
  }
  const byNurse = NURSES.map((nurse) => {
    const documentation = findings.filter((row) => row.nurse === nurse && row.cause === "documentation");
    return {
      nurse,
      documentationCents: documentation.reduce((sum, row) => sum + row.valueCents, 0),
      missingStops: documentation.length,
      administrations: 60 + nurse.length * 3,
      encounters: 34 + nurse.length,
    };
  })
    .filter((row) => row.documentationCents > 0 || row.missingStops > 0)
    .sort((a, b) => b.documentationCents - a.documentationCents || b.missingStops - a.missingStops || a.nurse.localeCompare(b.nurse));

  return {
    window,
    encounters: 312,
    totals: summarizeFindingSums(weekGroups, window),
    weekly: buildWeeklyLeakage(weekGroups, window, 1),
    byCode: groupLeakageBy(codeGroups).map((entry) => ({ ...entry, units: unitsByCode.get(entry.key) ?? 0 })),
    byPayer: groupLeakageBy(findingSums(findings, (row) => row.payer ?? "")),
    bySite: groupLeakageBy(findingSums(findings, (row) => row.site ?? "")),
    byNurse,
    denials: { ...withDenialRates(denials.totals), ignoredFilters: [] },
    topDenialReasons: { reasons: denials.byReason.slice(0, 8).map(({ group, reason, lines, amountCents }) => ({ group, reason, lines, amountCents })), ignoredFilters: [] },
  };
}

function localTime(date: string, time: string): { at: number; local: string } {
  // America/New_York in January–March 2025 (before the 9 March DST change for these dates) is UTC−5.
  return { at: Date.parse(`${date}T${time}:00-05:00`), local: `${date}T${time}` };
}

function administration(id: number, date: string, fields: Omit<TEncounterAdministration, "id" | "startAt" | "stopAt" | "startLocal" | "stopLocal">, start: string, stop: string | null): TEncounterAdministration {
  const started = localTime(date, start);
  const stopped = stop ? localTime(date, stop) : null;
  return { id, ...fields, startAt: started.at, startLocal: started.local, stopAt: stopped?.at ?? null, stopLocal: stopped?.local ?? null };
}

function codedLine(id: number, code: string, units: number, administrationIds: string[], explanation: string): TEncounterCodedLine {
  return { id, code, units, modifiers: [], position: id - 1, explanation, administrationIds, engineVersion: "1.0.0" };
}

function claimLine(id: number, finding: TReportFindingRow, code: string, billedUnits: number, paid: { units: number; cents: number } | null, denial?: { group: string; reason: string }): TEncounterClaimLine {
  const rate = code === "96413" ? 15_530 : code === "96415" ? 11_842 : 3_120;
  const billedCents = billedUnits * Math.round(rate * 1.6);
  return {
    id,
    claimId: finding.claimId ?? "",
    claimVersion: 1,
    claimFrequency: "1",
    claimStatus: denial ? "4" : "1",
    payer: finding.payer ?? "",
    dateOfService: finding.dateOfService,
    code,
    modifiers: [],
    billedUnits,
    paidUnits: paid?.units ?? 0,
    billedCents,
    allowedCents: paid ? paid.cents : 0,
    paidCents: paid ? paid.cents : 0,
    status: denial ? "denied" : "paid",
    paidDate: addDays(finding.dateOfService, 24),
    adjustments: denial
      ? [{ group: denial.group, reason: denial.reason, amountCents: billedCents, quantity: null }]
      : [{ group: "CO", reason: "45", amountCents: billedCents - (paid?.cents ?? 0), quantity: null }],
    remarks: denial ? ["N290"] : [],
  };
}

function evidenceFor(finding: TReportFindingRow): TReportFindingEvidence["encounter"] {
  const date = finding.dateOfService;
  const nurse = finding.nurse;
  const chemo = (id: number, stop: string) =>
    administration(id, date, { drug: "Oxaliplatin", hcpcs: "J9263", category: "chemo", route: "IV infusion", ivSite: "R forearm", nurse, primaryReason: true, sourceLine: id + 100 }, "09:05", stop);
  const premed = (id: number) =>
    administration(id, date, { drug: "Ondansetron", hcpcs: "J2405", category: "drug", route: "IV push", ivSite: "R forearm", nurse, primaryReason: false, sourceLine: id + 100 }, "08:50", null);

  if (finding.kind === "missed_addon_hours") {
    const hours = finding.units;
    const stop = hours === 1 ? "12:20" : "13:25";
    return {
      administrations: [premed(1), chemo(2, stop)],
      codedLines: [
        codedLine(1, "96413", 1, ["L102"], "96413 ×1: chemo infusion, first hour (rule book §3.2)."),
        codedLine(2, "96415", hours + 1, ["L102"], `96415 ×${hours + 1}: ${hours + 1} extra hours past the first, each beyond 30 minutes (rule book §3.2).`),
        codedLine(3, "96375", 1, ["L101"], "96375 ×1: IV push of a new drug (rule book §5)."),
      ],
      claimLines: [
        claimLine(1, finding, "96413", 1, { units: 1, cents: 15_530 }),
        claimLine(2, finding, "96415", 1, { units: 1, cents: 11_842 }),
        claimLine(3, finding, "96375", 1, { units: 1, cents: 3_120 }),
      ],
    };
  }
  if (finding.kind === "denied_line") {
    return {
      administrations: [chemo(1, "10:20")],
      codedLines: [codedLine(1, "96413", 1, ["L101"], "96413 ×1: chemo infusion, first hour (rule book §3.2).")],
      claimLines: [claimLine(1, finding, "96413", 1, null, { group: "CO", reason: "16" })],
    };
  }
  return {
    administrations: [
      administration(1, date, { drug: "Paclitaxel", hcpcs: "J9267", category: "chemo", route: "IV infusion", ivSite: "L port", nurse, primaryReason: true, sourceLine: 101 }, "09:05", "10:15"),
      administration(2, date, { drug: "Carboplatin", hcpcs: "J9045", category: "chemo", route: "IV infusion", ivSite: "L port", nurse, primaryReason: false, sourceLine: 102 }, "10:20", "11:05"),
    ],
    codedLines: [
      codedLine(1, "96413", 1, ["L101"], "96413 ×1: chemo infusion, first hour (rule book §3.2)."),
      codedLine(2, "96417", 1, ["L102"], "96417 ×1: sequential new chemo infusion (rule book §4.3)."),
    ],
    claimLines: [claimLine(1, finding, "96413", 1, { units: 1, cents: 15_530 })],
  };
}

function topFindingsOf(findings: readonly TReportFindingRow[], count: number): TReportFindingEvidence[] {
  return findings
    .filter((row) => row.cause !== "compliance")
    .slice(0, count)
    .map((row) => ({
      findingId: row.findingId,
      kind: row.kind,
      cause: row.cause,
      code: row.code,
      units: row.units,
      valueCents: row.valueCents,
      valueSource: row.valueSource,
      isEstimate: row.isEstimate,
      explanation: row.explanation,
      dateOfService: row.dateOfService,
      payer: row.payer,
      site: row.site,
      encounterLabel: row.encounterLabel,
      patientKey: row.patientKey,
      patientId: row.patientId,
      encounter: evidenceFor(row),
    }));
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function rebillRowsOf(findings: readonly TReportFindingRow[]): TReportRebillRow[] {
  const byEncounter = new Map<string, TReportRebillRow>();
  for (const row of findings) {
    if (row.cause !== "coding" || !row.filingDeadline || row.filingDeadline < FIXTURE_AS_OF || !row.encounterLabel) continue;
    const existing = byEncounter.get(row.encounterLabel);
    if (existing) {
      existing.valueCents += row.valueCents;
      if (!existing.kinds.includes(row.kind)) existing.kinds.push(row.kind);
      continue;
    }
    const corrected =
      row.kind === "missed_addon_hours"
        ? [
            { code: "96413", units: 1, modifiers: [] },
            { code: "96415", units: row.units + 1, modifiers: [] },
            { code: "96375", units: 1, modifiers: [] },
          ]
        : [
            { code: "96413", units: 1, modifiers: [] },
            { code: "96417", units: 1, modifiers: [] },
          ];
    byEncounter.set(row.encounterLabel, {
      encounterLabel: row.encounterLabel,
      patientKey: row.patientKey,
      patientId: row.patientId,
      claimId: row.claimId,
      payer: row.payer,
      site: row.site,
      dateOfService: row.dateOfService,
      filingDeadline: row.filingDeadline,
      daysLeft: daysBetween(FIXTURE_AS_OF, row.filingDeadline),
      valueCents: row.valueCents,
      kinds: [row.kind],
      correctedLines: corrected,
    });
  }
  return [...byEncounter.values()].sort((a, b) => a.filingDeadline.localeCompare(b.filingDeadline) || b.valueCents - a.valueCents);
}

function valuationSourcesOf(findings: readonly TReportFindingRow[]) {
  const leakage = findings.filter((row) => row.cause !== "compliance");
  const total = leakage.reduce((sum, row) => sum + row.valueCents, 0);
  const bySource = new Map<string, { valueCents: number; findings: number }>();
  for (const row of leakage) {
    const entry = bySource.get(row.valueSource) ?? { valueCents: 0, findings: 0 };
    entry.valueCents += row.valueCents;
    entry.findings += 1;
    bySource.set(row.valueSource, entry);
  }
  return [...bySource.entries()]
    .map(([source, entry]) => ({ source, ...entry, share: total > 0 ? entry.valueCents / total : 0 }))
    .sort((a, b) => b.valueCents - a.valueCents);
}

/** What the FindingRollup sums give for the lost add-on hours (leakage causes only). */
export function lostAddOnHoursOf(findings: readonly Pick<TReportFindingRow, "kind" | "cause" | "units" | "valueCents">[]): TReportData["lostAddOnHours"] {
  const lost = findings.filter((row) => row.kind === "missed_addon_hours" && row.cause !== "compliance");

  return { hours: lost.reduce((sum, row) => sum + row.units, 0), valueCents: lost.reduce((sum, row) => sum + row.valueCents, 0) };
}

function documentationBySiteOf(findings: readonly TReportFindingRow[]): TReportData["documentationBySite"] {
  const bySite = new Map<string, { site: string; findings: number; valueCents: number }>();
  for (const row of findings) {
    if (row.cause !== "documentation") continue;
    const entry = bySite.get(row.site ?? "") ?? { site: row.site ?? "", findings: 0, valueCents: 0 };
    entry.findings += 1;
    entry.valueCents += row.valueCents;
    bySite.set(entry.site, entry);
  }

  return [...bySite.values()].sort((a, b) => b.valueCents - a.valueCents || a.site.localeCompare(b.site));
}

function build(deidentify: boolean): TReportData {
  const window = windowFromFilter(FIXTURE_PERIOD.from, FIXTURE_PERIOD.to);
  const findings = buildFindings(deidentify);
  const denials = buildDenials(window);
  const overview = buildOverview(findings, denials, window);
  const rebillRows = rebillRowsOf(findings);

  return {
    request: {
      organizationId: "org_riverside",
      filters: { from: FIXTURE_PERIOD.from, to: FIXTURE_PERIOD.to },
      sections: [...REPORT_SECTIONS],
      deidentify,
      preparedBy: { firmName: "Harbor Revenue Advisors", logoDataUrl: null, userName: "Dana Whitfield" },
      asOf: FIXTURE_AS_OF,
      generatedAt: "2025-03-10T14:32:05.000Z",
    },
    practice: { id: "org_riverside", name: "Riverside Infusion", timeZone: TIME_ZONE, setting: "facility", weekStartsOn: 1, isDemo: false },
    period: { ...FIXTURE_PERIOD },
    overview,
    lostAddOnHours: lostAddOnHoursOf(findings),
    documentationBySite: documentationBySiteOf(findings),
    denials,
    topFindings: topFindingsOf(findings, 3),
    rebill: { total: rebillRows.length, rows: rebillRows },
    findings,
    changesSincePreviousReport: null,
    methodology: {
      engineVersion: "1.0.0",
      ruleSettings: [
        { label: "Setting", value: "Facility (hospital outpatient)" },
        { label: "Add-on hour threshold", value: "More than 30 minutes past the hour" },
        { label: "Timely filing (default)", value: `${TIMELY_FILING_DAYS} days` },
        { label: "Week starts on", value: "Monday" },
        { label: "Paid median needs", value: "5 paid lines in the last 12 months" },
      ],
      valuationSources: valuationSourcesOf(findings),
      imports: [
        {
          fileName: "riverside-mar-2025q1.csv",
          kind: "mar",
          rowsTotal: 2_418,
          rowsImported: 2_411,
          rowsFailed: 7,
          firstDate: "2025-01-06",
          lastDate: "2025-03-02",
          contentHash: "9f2c41d07a8e5b3c6d1e0f4a2b7c9d8e1f3a5b6c7d8e9f0a1b2c3d4e5f6a7b8c",
          importedAt: "2025-03-04T15:12:40.000Z",
        },
        {
          fileName: "riverside-claims-837-2025q1.csv",
          kind: "claims",
          rowsTotal: 1_262,
          rowsImported: 1_262,
          rowsFailed: 0,
          firstDate: "2025-01-06",
          lastDate: "2025-03-01",
          contentHash: "4b8e2a6c1d9f3e7a5c0b2d4f6e8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f4a",
          importedAt: "2025-03-04T15:14:02.000Z",
        },
        {
          fileName: "riverside-era-835-feb.835",
          kind: "remittance_835",
          rowsTotal: 1_190,
          rowsImported: 1_188,
          rowsFailed: 2,
          firstDate: "2025-01-07",
          lastDate: "2025-02-27",
          contentHash: "e1d3c5b7a9f2e4d6c8b0a1f3e5d7c9b2a4f6e8d0c1b3a5f7e9d2c4b6a8f0e1d3",
          importedAt: "2025-03-05T09:47:19.000Z",
        },
      ],
    },
  };
}

/** The identified sample (patient ids such as "MRN-0042" in findings, top findings and rebill rows). */
export function sampleReportData(overrides: Partial<TReportData> = {}): TReportData {
  return { ...build(false), ...overrides };
}

/** The same sample de-identified: `request.deidentify` true, `patientId` null everywhere. */
export function deidentifiedReportData(overrides: Partial<TReportData> = {}): TReportData {
  return { ...build(true), ...overrides };
}

/** Every patient id the identified sample carries (for "no patient id anywhere" checks). */
export function samplePatientIds(): string[] {
  return [...new Set(build(false).findings.flatMap((row) => (row.patientId ? [row.patientId] : [])))];
}


function snapshotFigures(partial: Partial<TAnalysisSnapshotFigures>): TAnalysisSnapshotFigures {
  return {
    encounters: 100,
    window: { from: "2025-01-06", to: "2025-03-02", weeks: 8 },
    leakageCents: 800_000,
    weeklyLeakageCents: 100_000,
    annualizedLeakageCents: 5_200_000,
    leakageByCause: { coding: 500_000, documentation: 200_000, payer: 100_000 },
    lostAddOnHours: 40,
    lostAddOnHoursPerWeek: 5,
    findings: 40,
    complianceExposureCents: 0,
    complianceFindings: 0,
    denials: { lines: 200, deniedLines: 20, billedCents: 0, deniedCents: 0 },
    payerDenials: [
      { payer: "Aetna", lines: 100, deniedLines: 10 },
      { payer: "Medicare", lines: 200, deniedLines: 40 },
    ],
    newFindingsByCause: emptyTallyByCause(),
    resolvedFindingsByCause: emptyTallyByCause(),
    ...partial,
  };
}

/**
 * `changesSincePreviousReport` for a practice whose previous report was on 2025-03-10: annualized
 * leakage $52,000 → $39,000, 40 → 37 findings, 2 new payer findings ($120.00), 5 coding findings
 * resolved ($300.00), $120.00 recovered on 2 findings, Aetna's denial rate 10.0% → 25.0% and
 * Medicare's 20.0% → 15.0%.
 */
export function sampleChangesSincePreviousReport(): NonNullable<TReportData["changesSincePreviousReport"]> {
  const later = snapshotFigures({
    annualizedLeakageCents: 3_900_000,
    findings: 37,
    payerDenials: [
      { payer: "Aetna", lines: 120, deniedLines: 30 },
      { payer: "Medicare", lines: 200, deniedLines: 30 },
    ],
    newFindingsByCause: { ...emptyTallyByCause(), payer: { count: 2, valueCents: 12_000 } },
    resolvedFindingsByCause: { ...emptyTallyByCause(), coding: { count: 5, valueCents: 30_000 } },
  });
  const changes = compareSnapshots({
    baseline: { analysisVersion: 4, publishedAt: new Date("2025-03-09T12:00:00Z"), figures: snapshotFigures({}) },
    later: [{ analysisVersion: 5, publishedAt: new Date("2025-03-20T12:00:00Z"), figures: later }],
    startsAtFirstAnalysis: false,
    recovered: { count: 2, valueCents: 12_000 },
  });

  return { previousReportAt: new Date("2025-03-10T15:00:00Z"), since: "2025-03-10", changes };
}
