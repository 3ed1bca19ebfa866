import type { Db } from "../client";
import { visibleAt } from "../analysis/analysis-version";
import { RECOVERABLE_KINDS } from "@/lib/analysis/detect-recoveries";
import { createFilingWindows, filingDaysFor } from "@/lib/analysis/rebill-candidates";
import { addDays, weekStartOf, type WeekStartsOn } from "@/lib/analysis/week-bucket";
import { CLOSED_STATUSES, RECOVERED_STATUSES } from "@/lib/worklist/finding-workflow";

/**
 * What the worklist brought back, for the overview (issue [11/12]): recovered dollars by the day
 * they were paid (or recorded), the leakage still recoverable inside timely filing, what expires in
 * the next 30 days, and what the team dismissed. The whole practice: dashboard filters do not apply.
 * Not cached: a status change by a person moves these figures without a recompute.
 */
export type TRecoverySummary = {
  recoveredMonthCents: number;
  recoveredQuarterCents: number;
  recoveredTotalCents: number;
  recoveredFindings: number;
  /** Leakage findings inside their filing deadline whose work is not closed (recovered, dismissed, resolved by data). */
  openRecoverableCents: number;
  openRecoverableFindings: number;
  /** The part of the open recoverable value whose deadline falls within the next 30 days. */
  expiringSoonCents: number;
  expiringSoonFindings: number;
  dismissedCents: number;
  dismissedFindings: number;
  /** Recovered dollars per week of the day paid, oldest first. */
  weekly: { weekStart: string; recoveredCents: number }[];
};

const EXPIRING_DAYS = 30;
const LEAKAGE_KINDS = [...RECOVERABLE_KINDS];

const leakageWhere = (organizationId: string, analysisVersion: number) => ({ organizationId, ...visibleAt(analysisVersion), kind: { in: LEAKAGE_KINDS } });

/**
 * The leakage still inside timely filing (deadline ≥ today) and the part of it due within the
 * next 30 days, exact, without summing every Finding row: a practice of a million encounters has
 * millions. The week rollups give each (week, payer) its value; every date of service of a week
 * falls within its 7 days, so its deadlines span [week + window, week + 6 + window]. Weeks whose
 * span lies wholly on one side of today (and of today + 30) count from the rollup; only the
 * straddling weeks read their Finding rows.
 */
async function sumOpenRecoverable(db: Db, organizationId: string, analysisVersion: number, today: string, soon: string) {
  const [organization, payerSettings, groups] = await Promise.all([
    db.organization.findUnique({ where: { id: organizationId }, select: { timelyFilingDays: true } }),
    db.payerSetting.findMany({ where: { organizationId }, select: { payer: true, timelyFilingDays: true } }),
    db.findingSummaryRollup.groupBy({
      by: ["weekStart", "payer"],
      where: { organizationId, ...visibleAt(analysisVersion), kind: { in: LEAKAGE_KINDS } },
      _sum: { valueCents: true, findings: true },
    }),
  ]);
  const windows = createFilingWindows(organization?.timelyFilingDays, payerSettings);
  const sums = { openCents: 0, openFindings: 0, expiringCents: 0, expiringFindings: 0 };
  const add = (cents: number, findings: number, expiring: boolean) => {
    sums.openCents += cents;
    sums.openFindings += findings;
    if (expiring) {
      sums.expiringCents += cents;
      sums.expiringFindings += findings;
    }
  };
  const straddling: { weekStart: string; payer: string }[] = [];
  for (const group of groups) {
    const days = filingDaysFor(group.payer || null, windows);
    const earliest = addDays(group.weekStart, days);
    const latest = addDays(group.weekStart, 6 + days);
    if (latest < today) continue;
    const cents = group._sum.valueCents ?? 0;
    const findings = group._sum.findings ?? 0;
    if (earliest >= today && latest <= soon) add(cents, findings, true);
    else if (earliest >= today && earliest > soon) add(cents, findings, false);
    else straddling.push({ weekStart: group.weekStart, payer: group.payer });
  }
  for (const { weekStart, payer } of straddling) {
    const rows = await db.finding.findMany({
      where: { ...leakageWhere(organizationId, analysisVersion), weekStart, payer: payer === "" ? null : payer, filingDeadline: { gte: today } },
      select: { valueCents: true, filingDeadline: true },
    });
    for (const row of rows) add(row.valueCents, 1, row.filingDeadline !== null && row.filingDeadline <= soon);
  }

  return sums;
}

/** First day of `today`'s calendar quarter. */
function quarterStart(today: string): string {
  const month = Number(today.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return `${today.slice(0, 4)}-${String(first).padStart(2, "0")}-01`;
}

export async function getRecoverySummary(
  db: Db,
  input: { organizationId: string; analysisVersion: number; today: string; weekStartsOn: WeekStartsOn },
): Promise<TRecoverySummary> {
  const { organizationId, today } = input;
  const soon = addDays(today, EXPIRING_DAYS);
  const leakage = leakageWhere(organizationId, input.analysisVersion);

  const [open, recoveredRows, closedWork] = await Promise.all([
    sumOpenRecoverable(db, input.organizationId, input.analysisVersion, today, soon),
    db.findingWork.findMany({ where: { organizationId, status: { in: [...RECOVERED_STATUSES] }, recoveredCents: { not: null } }, select: { recoveredCents: true, recoveredOn: true } }),
    db.findingWork.findMany({ where: { organizationId, status: { in: [...CLOSED_STATUSES] } }, select: { externalEncounterId: true, kind: true, code: true, status: true } }),
  ]);

  const summary: TRecoverySummary = {
    recoveredMonthCents: 0,
    recoveredQuarterCents: 0,
    recoveredTotalCents: 0,
    recoveredFindings: recoveredRows.length,
    openRecoverableCents: open.openCents,
    openRecoverableFindings: open.openFindings,
    expiringSoonCents: open.expiringCents,
    expiringSoonFindings: open.expiringFindings,
    dismissedCents: 0,
    dismissedFindings: 0,
    weekly: [],
  };

  const monthStart = `${today.slice(0, 7)}-01`;
  const fromQuarter = quarterStart(today);
  const byWeek = new Map<string, number>();
  for (const row of recoveredRows) {
    const cents = Number(row.recoveredCents);
    summary.recoveredTotalCents += cents;
    if (!row.recoveredOn) continue;
    if (row.recoveredOn >= monthStart && row.recoveredOn <= today) summary.recoveredMonthCents += cents;
    if (row.recoveredOn >= fromQuarter && row.recoveredOn <= today) summary.recoveredQuarterCents += cents;
    const week = weekStartOf(row.recoveredOn, input.weekStartsOn);
    byWeek.set(week, (byWeek.get(week) ?? 0) + cents);
  }
  summary.weekly = [...byWeek].sort(([a], [b]) => a.localeCompare(b)).map(([weekStart, recoveredCents]) => ({ weekStart, recoveredCents }));

  // Closed work whose finding the analysis still produces: out of the open value; dismissed ones counted apart.
  const statusByKey = new Map(closedWork.map((work) => [`${work.externalEncounterId}\u0000${work.kind}\u0000${work.code}`, work.status]));
  const encounterIds = [...new Set(closedWork.map((work) => work.externalEncounterId))];
  for (let i = 0; i < encounterIds.length; i += 500) {
    const findings = await db.finding.findMany({
      where: { ...leakage, encounter: { organizationId, externalEncounterId: { in: encounterIds.slice(i, i + 500) } } },
      select: { kind: true, code: true, valueCents: true, filingDeadline: true, encounter: { select: { externalEncounterId: true } } },
    });
    for (const finding of findings) {
      const status = statusByKey.get(`${finding.encounter?.externalEncounterId}\u0000${finding.kind}\u0000${finding.code ?? ""}`);
      if (!status) continue;
      if (status === "dismissed") {
        summary.dismissedCents += finding.valueCents;
        summary.dismissedFindings += 1;
      }
      if (finding.filingDeadline !== null && finding.filingDeadline >= today) {
        summary.openRecoverableCents -= finding.valueCents;
        summary.openRecoverableFindings -= 1;
        if (finding.filingDeadline <= soon) {
          summary.expiringSoonCents -= finding.valueCents;
          summary.expiringSoonFindings -= 1;
        }
      }
    }
  }

  return summary;
}
