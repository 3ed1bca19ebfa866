/**
 * The per-week half of the database recompute (spec §5), pure: given one week's encounters and the
 * netted claim positions that belong to it, run exactly what `analyzePractice` runs per encounter
 * (match → `analyzeEncounter`), and total the results into the rows the database stores: Finding
 * rows with their dashboard dimensions, and the four rollups of prisma/schema.prisma.
 */
import { ENGINE_VERSION } from "@/lib/coding";
import type { Administration } from "@/lib/coding/types";
import type { ClaimLine } from "@/lib/import/claims/claim-line";
import { netClaimVersions } from "@/lib/import/claims/net-claim-versions";
import { activeCodedPositions, analyzeEncounter, NO_PAYER, type CodedPosition, type PracticeAnalysisContext } from "./analyze-practice";
import { ENGINE_ADD_ON_RULES, isDrugAdministrationCode } from "./code-classes";
import { isDeniedLine } from "./denial-metrics";
import type { Recovery } from "./detect-recoveries";
import { matchClaimLines } from "./match-claim-lines";
import { filingDeadline, type FilingWindows } from "./rebill-candidates";
import type { Cause, FindingKind } from "./types";
import type { ValueSource } from "./valuation";
import { weekStartOf, type WeekStartsOn } from "./week-bucket";

/** A stored claim line as `netClaimVersions` input, with its database id and site. */
export type ClaimLineWithId = ClaimLine & { dbId: number; site: string | null };

/** A netted, active, coded position with the database ids behind it. */
export type StoredPosition = CodedPosition & {
  /** Smallest database id among every version's lines of this claim + code: the order `analyze` sees them in. */
  order: number;
  /** Database id of the first kept line (the line a finding about this position points at). */
  firstLineId: number;
  lineSite: string | null;
  /** Site of the encounter it matched, once matched. */
  encounterSite?: string | null;
};

/** Nets claim versions like `analyzePractice` and keeps the active coded positions in input order. */
export function netStoredClaimLines(lines: readonly ClaimLineWithId[]): StoredPosition[] {
  const order = new Map<string, number>();
  for (const line of lines) {
    const key = `${line.payer}\u0000${line.claimId}\u0000${line.code ?? ""}`;
    const seen = order.get(key);
    if (seen === undefined || line.dbId < seen) order.set(key, line.dbId);
  }
  // The positions are fresh objects of netClaimVersions: annotate them in place.
  const positions = activeCodedPositions(netClaimVersions(lines)) as StoredPosition[];
  for (const position of positions) {
    let firstLineId = Number.POSITIVE_INFINITY;
    let lineSite: string | null = null;
    for (const line of position.lines as ClaimLineWithId[]) {
      if (line.dbId < firstLineId) firstLineId = line.dbId;
      if (lineSite === null && line.site) lineSite = line.site;
    }
    position.firstLineId = Number.isFinite(firstLineId) ? firstLineId : 0;
    position.lineSite = lineSite;
    position.order = order.get(`${position.payer}\u0000${position.claimId}\u0000${position.code}`) ?? 0;
  }
  return positions.length > 1 ? positions.sort((a, b) => a.order - b.order) : positions;
}

export type WeekEncounter = {
  dbId: number;
  externalEncounterId: string;
  patientKey: string;
  dateOfService: string;
  weekStart: string;
  site: string | null;
  payer: string | null;
  setting: "facility" | "professional" | null;
  nurse: string | null;
  administrations: Administration[];
  /** Database ids of `administrations`, in the same order (CodedLine.administrationIds stores them). */
  administrationDbIds?: readonly number[];
  missingStops: number;
};

/**
 * One canonical line the recompute stores as a CodedLine row: exactly the engine output the week's
 * findings were compared against (same settings, drug catalog and engine version), so no stored
 * "should bill" line outlives a settings change (issue 13).
 */
export type CodedLineRecord = {
  encounterId: number;
  engineVersion: string;
  code: string;
  units: number;
  /** Joined by ",", "" when none. */
  modifiers: string;
  dateOfService: string;
  weekStart: string;
  position: number;
  explanation: string;
  /** Database ids of the administrations behind the line (engine ids when unknown), joined by ",". */
  administrationIds: string;
};

export type FindingRecord = {
  encounterId: number;
  claimLineId: number | null;
  kind: FindingKind;
  cause: Cause;
  code: string | null;
  units: number;
  valueCents: number;
  valueSource: ValueSource;
  isEstimate: boolean;
  explanation: string;
  dateOfService: string;
  weekStart: string;
  payer: string | null;
  site: string | null;
  nurse: string | null;
  setting: string;
  claimId: string | null;
  filingDeadline: string;
  engineVersion: string;
};

export type FindingRollupRow = {
  weekStart: string; payer: string; site: string; nurse: string; setting: string; cause: string; kind: string; code: string;
  findings: number; units: number; valueCents: number;
};
/** A FindingRollupRow summed over nurses (FindingSummaryRollup). */
export type FindingSummaryRollupRow = Omit<FindingRollupRow, "nurse">;
export type EncounterRollupRow = {
  weekStart: string; payer: string; site: string; nurse: string; setting: string;
  encounters: number; administrations: number; missingStops: number; firstDate: string; lastDate: string;
};
export type ClaimRollupRow = {
  weekStart: string; payer: string; site: string; code: string; isAddOn: boolean;
  lines: number; deniedLines: number; billedCents: number; deniedCents: number; paidCents: number; unitCutLines: number; unitCutUnits: number;
};
export type DenialReasonRollupRow = { weekStart: string; payer: string; code: string; group: string; reason: string; lines: number; amountCents: number };

export type WeekResult = {
  findings: FindingRecord[];
  /** What later claim versions recovered, by the encounter's external id (lib/analysis/detect-recoveries.ts). */
  recoveries: Recovery[];
  /** The week's encounters (database ids) whose CodedLine rows are replaced by `codedLines`. */
  codedEncounterIds: number[];
  codedLines: CodedLineRecord[];
  findingRollups: FindingRollupRow[];
  findingSummaryRollups: FindingSummaryRollupRow[];
  encounterRollups: EncounterRollupRow[];
  claimRollups: ClaimRollupRow[];
  denialReasonRollups: DenialReasonRollupRow[];
  encounters: number;
};

export type WeekAnalysisInput = {
  context: PracticeAnalysisContext;
  organizationSetting: "facility" | "professional";
  weekStartsOn: WeekStartsOn;
  filingWindows: FilingWindows;
  encounters: readonly WeekEncounter[];
  /** Positions to match against these encounters (this week's, plus cross-week ones that match here). */
  matchPositions: readonly StoredPosition[];
  /** Positions whose date of service falls in the weeks being rolled up (denial rollups, spec §5.5). */
  rollupPositions: readonly StoredPosition[];
  /** Only roll up claim positions of these weeks (the weeks being recomputed). */
  rollupWeeks?: ReadonlySet<string>;
};

const dim = (value: string | null | undefined): string => value ?? "";

/** weekStartOf and filingDeadline repeat for every row of a date: memoized (a few thousand dates at most). */
function memo<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size > 100_000) cache.clear();
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}
const payerDim = (payer: string): string => (payer === NO_PAYER ? "" : payer);

/** Analyzes one week's encounters and rolls the week up. */
export function analyzeWeek(input: WeekAnalysisInput): WeekResult {
  const { context } = input;
  const matchable = input.encounters.map((encounter) => ({
    encounterId: encounter.externalEncounterId,
    patientId: encounter.patientKey,
    dateOfService: encounter.dateOfService,
    site: encounter.site,
    encounter,
  }));
  const match = matchClaimLines(matchable, [...input.matchPositions].sort((a, b) => a.order - b.order));

  const deadlineOf = memo((key) => {
    const [date, payer] = key.split("\u0000") as [string, string];
    return filingDeadline(date, payer, input.filingWindows);
  });
  const findings: FindingRecord[] = [];
  const recoveries: Recovery[] = [];
  const codedLines: CodedLineRecord[] = [];
  const weekOfDate = memo((date) => weekStartOf(date, input.weekStartsOn));
  const findingRollups = new Map<string, FindingRollupRow>();
  const encounterRollups = new Map<string, EncounterRollupRow>();
  for (const candidate of matchable) {
    const { encounter } = candidate;
    const positions = (match.byEncounter.get(candidate) ?? []) as StoredPosition[];
    for (const position of positions) position.encounterSite = encounter.site;
    const setting = encounter.setting ?? input.organizationSetting;
    const analysis = analyzeEncounter(
      context,
      {
        encounter: { id: encounter.externalEncounterId, administrations: encounter.administrations },
        meta: {
          encounterId: encounter.externalEncounterId,
          isDerivedId: false,
          patientId: encounter.patientKey,
          dateOfService: encounter.dateOfService,
          ...(encounter.site ? { site: encounter.site } : {}),
          nurses: encounter.nurse ? [encounter.nurse] : [],
          ...(encounter.payer ? { payer: encounter.payer } : {}),
          ...(encounter.setting ? { setting: encounter.setting } : {}),
          firstLine: 0,
          fileIndex: 0,
        },
      },
      positions,
    );
    recoveries.push(...analysis.recoveries);
    const dbIdOf = new Map<string, number>();
    if (encounter.administrationDbIds) {
      encounter.administrations.forEach((administration, index) => {
        const dbId = encounter.administrationDbIds![index];
        if (dbId !== undefined) dbIdOf.set(administration.id, dbId);
      });
    }
    analysis.coded.lines.forEach((line, position) => {
      const dateOfService = line.dateOfService || encounter.dateOfService;
      codedLines.push({
        encounterId: encounter.dbId,
        engineVersion: ENGINE_VERSION,
        code: line.code,
        units: line.units,
        modifiers: line.modifiers.join(","),
        dateOfService,
        weekStart: weekOfDate(dateOfService),
        position,
        explanation: line.explanation,
        administrationIds: line.administrationIds.map((id) => dbIdOf.get(id) ?? id).join(","),
      });
    });
    const encounterClaimId = positions[0]?.claimId ?? null;
    const deadline = deadlineOf(`${encounter.dateOfService}\u0000${analysis.payer}`);
    for (const finding of analysis.findings) {
      const position = finding.claimId && finding.code ? positions.find((p) => p.claimId === finding.claimId && p.code === finding.code) : undefined;
      const record: FindingRecord = {
        encounterId: encounter.dbId,
        claimLineId: position?.firstLineId ?? null,
        kind: finding.kind,
        cause: finding.cause,
        code: finding.code,
        units: finding.units,
        valueCents: finding.valueCents,
        valueSource: finding.valueSource,
        isEstimate: finding.isEstimate,
        explanation: finding.explanation,
        dateOfService: finding.dateOfService,
        weekStart: encounter.weekStart,
        payer: finding.payer === NO_PAYER ? null : finding.payer,
        site: encounter.site,
        nurse: encounter.nurse,
        setting,
        // The claim the finding is about; a missed or wrong code is about the encounter's claim.
        claimId: finding.claimId ?? encounterClaimId,
        filingDeadline: deadline,
        engineVersion: ENGINE_VERSION,
      };
      findings.push(record);
      const key = [encounter.weekStart, payerDim(finding.payer), dim(encounter.site), dim(encounter.nurse), setting, finding.cause, finding.kind, dim(finding.code)].join("\u0000");
      let rollup = findingRollups.get(key);
      if (!rollup) {
        rollup = {
          weekStart: encounter.weekStart, payer: payerDim(finding.payer), site: dim(encounter.site), nurse: dim(encounter.nurse), setting,
          cause: finding.cause, kind: finding.kind, code: dim(finding.code), findings: 0, units: 0, valueCents: 0,
        };
        findingRollups.set(key, rollup);
      }
      rollup.findings += 1;
      rollup.units += finding.units;
      rollup.valueCents += finding.valueCents;
    }
    const key = [encounter.weekStart, payerDim(analysis.payer), dim(encounter.site), dim(encounter.nurse), setting].join("\u0000");
    let rollup = encounterRollups.get(key);
    if (!rollup) {
      rollup = {
        weekStart: encounter.weekStart, payer: payerDim(analysis.payer), site: dim(encounter.site), nurse: dim(encounter.nurse), setting,
        encounters: 0, administrations: 0, missingStops: 0, firstDate: encounter.dateOfService, lastDate: encounter.dateOfService,
      };
      encounterRollups.set(key, rollup);
    }
    rollup.encounters += 1;
    rollup.administrations += encounter.administrations.length;
    rollup.missingStops += encounter.missingStops;
    if (encounter.dateOfService < rollup.firstDate) rollup.firstDate = encounter.dateOfService;
    if (encounter.dateOfService > rollup.lastDate) rollup.lastDate = encounter.dateOfService;
  }

  const { claimRollups, denialReasonRollups } = rollUpClaims(input.rollupPositions, input.weekStartsOn, input.rollupWeeks);
  return {
    findings,
    recoveries,
    codedEncounterIds: input.encounters.map((encounter) => encounter.dbId),
    codedLines,
    findingRollups: [...findingRollups.values()],
    findingSummaryRollups: sumOverNurses(findingRollups.values()),
    encounterRollups: [...encounterRollups.values()],
    claimRollups,
    denialReasonRollups,
    encounters: input.encounters.length,
  };
}

/** The finding rollups summed over nurses: the rows of FindingSummaryRollup. */
export function sumOverNurses(rows: Iterable<FindingRollupRow>): FindingSummaryRollupRow[] {
  const summary = new Map<string, FindingSummaryRollupRow>();
  for (const { nurse: _nurse, ...row } of rows) {
    const key = [row.weekStart, row.payer, row.site, row.setting, row.cause, row.kind, row.code].join("\u0000");
    const sum = summary.get(key);
    if (sum) {
      sum.findings += row.findings;
      sum.units += row.units;
      sum.valueCents += row.valueCents;
    } else {
      summary.set(key, { ...row });
    }
  }
  return [...summary.values()];
}

/** Netted claim positions by week, payer, site and code, with denials by CARC (the semantics of computeDenialMetrics). */
export function rollUpClaims(
  positions: readonly StoredPosition[],
  weekStartsOn: WeekStartsOn,
  weeks?: ReadonlySet<string>,
): { claimRollups: ClaimRollupRow[]; denialReasonRollups: DenialReasonRollupRow[] } {
  const claims = new Map<string, ClaimRollupRow>();
  const reasons = new Map<string, DenialReasonRollupRow>();
  const weekOf = memo((date) => weekStartOf(date, weekStartsOn));
  for (const position of positions) {
    if (position.status === "reversed") continue;
    const weekStart = weekOf(position.dateOfService);
    if (weeks && !weeks.has(weekStart)) continue;
    const site = position.lineSite ?? position.encounterSite ?? "";
    const denied = isDeniedLine(position);
    const key = [weekStart, position.payer, site, position.code].join("\u0000");
    let row = claims.get(key);
    if (!row) {
      row = {
        weekStart, payer: position.payer, site, code: position.code,
        isAddOn: isDrugAdministrationCode(position.code) && ENGINE_ADD_ON_RULES.isAddOn(position.code),
        lines: 0, deniedLines: 0, billedCents: 0, deniedCents: 0, paidCents: 0, unitCutLines: 0, unitCutUnits: 0,
      };
      claims.set(key, row);
    }
    row.lines += 1;
    row.billedCents += position.billedCents;
    row.paidCents += position.paidCents;
    if (denied) {
      row.deniedLines += 1;
      row.deniedCents += position.billedCents;
      for (const adjustment of position.adjustments) {
        if (adjustment.group === "PR") continue;
        const reasonKey = [weekStart, position.payer, position.code, adjustment.group, adjustment.reason].join("\u0000");
        let reason = reasons.get(reasonKey);
        if (!reason) {
          reason = { weekStart, payer: position.payer, code: position.code, group: adjustment.group, reason: adjustment.reason, lines: 0, amountCents: 0 };
          reasons.set(reasonKey, reason);
        }
        reason.lines += 1;
        reason.amountCents += adjustment.amountCents;
      }
    } else if (position.paidCents > 0 && position.paidUnits < position.billedUnits) {
      row.unitCutLines += 1;
      row.unitCutUnits += position.billedUnits - position.paidUnits;
    }
  }
  return { claimRollups: [...claims.values()], denialReasonRollups: [...reasons.values()] };
}
