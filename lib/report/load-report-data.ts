/**
 * Reads a client report's data (TReportData) for one practice, one period and the carried-over
 * dashboard filters. The figures come from the overview's and the denials screen's own functions
 * (getOverviewData, getDenialsData, uncached), so a report agrees with the dashboard to the cent.
 * Patient ids are opened only when the report is not de-identified AND the user may identify
 * patients; otherwise every `patientId` is null.
 */
import { ENGINE_VERSION } from "@/lib/coding";
import type { Db } from "@/lib/db";
import { findRebillCandidates } from "@/lib/db/analysis/rebill";
import { localDateOf } from "@/lib/dashboard/comparison-date";
import { findPreviousReportAt, getAnalysisChanges, getDashboardOrganization, getDenialsData, getOverviewData } from "@/lib/db/dashboard";
import { getEncounterDetail } from "@/lib/db/encounters";
import {
  findTopLeakageFindings,
  iterateReportFindings,
  listReportImportBatches,
  sumDocumentationBySite,
  sumLeakageByValueSource,
  sumLostAddOnHours,
  type TReportFindingRecord,
} from "@/lib/db/reports";
import { getOrganizationSettings, RULE_OPTIONS, type TOrganizationSettings, type TRuleOption } from "@/lib/db/settings";
import { loadPatientIdKeyFromEnv, openPatientId } from "@/lib/security/patient-id-seal";
import { ReportError } from "./report-error";
import type { TReportData, TReportFindingEvidence, TReportFindingRow, TReportRebillRow, TReportRequest, TReportValuationSource } from "./report-data";

export type TLoadReportDataOptions = {
  /** The user's role may identify patients (patients.identify); the CLI's operator may. */
  mayIdentifyPatients: boolean;
  topFindings?: number;
  rebillLimit?: number;
  /** Every finding in scope (the workbook's Findings sheet); the PDF and HTML do without (`findings: []`). */
  withAllFindings?: boolean;
  /** The key that opens sealed patient ids (default: the app's, from its environment). */
  loadPatientIdKey?: () => Buffer;
  onProgress?: (step: { fraction: number; label: string }) => void;
};

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function ruleValue(option: TRuleOption, value: unknown): string {
  if (option.kind === "boolean") return value ? "Yes" : "No";
  if (option.kind === "minutes") return `${String(value)} minutes`;

  return option.choices.find((choice) => choice.value === value)?.label ?? String(value);
}

/** The practice's rule settings as the Settings page words them, practice-wide ones first. */
export function describeRuleSettings(settings: Pick<TOrganizationSettings, "setting" | "timeZone" | "weekStartsOn" | "timelyFilingDays" | "rules">): { label: string; value: string }[] {
  return [
    { label: "Billing setting", value: settings.setting === "professional" ? "Professional (physician office)" : "Facility (hospital outpatient)" },
    { label: "Time zone", value: settings.timeZone },
    { label: "Weeks start on", value: WEEKDAYS[settings.weekStartsOn] ?? String(settings.weekStartsOn) },
    { label: "Default timely-filing window", value: `${settings.timelyFilingDays} days` },
    ...RULE_OPTIONS.map((option) => ({ label: `${option.label} (${option.section})`, value: ruleValue(option, settings.rules[option.key]) })),
  ];
}

/** Shares of the leakage dollars each valuation source values (0–1, summing to 1 when there are any). */
export function withShares(sums: readonly { source: string; valueCents: number; findings: number }[]): TReportValuationSource[] {
  const total = sums.reduce((sum, entry) => sum + entry.valueCents, 0);

  return sums.map((entry) => ({ ...entry, share: total > 0 ? entry.valueCents / total : 0 }));
}

export async function loadReportData(db: Db, request: TReportRequest, options: TLoadReportDataOptions): Promise<TReportData> {
  const { topFindings = 10, rebillLimit = 500, withAllFindings = false } = options;
  const progress = options.onProgress ?? (() => {});
  const organizationId = request.organizationId;

  const [practice, settings] = await Promise.all([getDashboardOrganization(db, organizationId), getOrganizationSettings(db, organizationId)]);
  if (!practice || !settings) throw new ReportError("unknown_practice", "That practice does not exist (any more).");
  // One analysis version for the whole report, even if a recompute publishes while it is read.
  const { weekStartsOn, analysisVersion } = practice;
  const filters = request.filters;

  const identify = !request.deidentify && options.mayIdentifyPatients;
  const key = identify ? (options.loadPatientIdKey ?? loadPatientIdKeyFromEnv)() : null;
  const patientIdOf = (sealed: string | null): string | null => (key && sealed ? openPatientId(key, organizationId, sealed) : null);

  progress({ fraction: 0.1, label: "Reading the overview" });
  const [overview, denials, lostAddOnHours, documentationBySite] = await Promise.all([
    getOverviewData(db, organizationId, analysisVersion, filters, weekStartsOn),
    getDenialsData(db, organizationId, analysisVersion, filters, weekStartsOn),
    sumLostAddOnHours(db, organizationId, analysisVersion, filters, weekStartsOn),
    sumDocumentationBySite(db, organizationId, analysisVersion, filters, weekStartsOn),
  ]);

  progress({ fraction: 0.2, label: "Reading the top findings" });
  const top = await findTopLeakageFindings(db, organizationId, analysisVersion, filters, weekStartsOn, topFindings);
  const evidence: TReportFindingEvidence[] = [];
  const details = new Map<number, Awaited<ReturnType<typeof getEncounterDetail>>>();
  for (const finding of top) {
    if (finding.encounterId !== null && !details.has(finding.encounterId)) details.set(finding.encounterId, await getEncounterDetail(db, organizationId, analysisVersion, finding.encounterId));
    const detail = finding.encounterId === null ? null : details.get(finding.encounterId);
    evidence.push({
      findingId: finding.id,
      kind: finding.kind,
      cause: finding.cause,
      code: finding.code,
      units: finding.units,
      valueCents: finding.valueCents,
      valueSource: finding.valueSource,
      isEstimate: finding.isEstimate,
      explanation: finding.explanation,
      dateOfService: finding.dateOfService,
      payer: finding.payer,
      site: finding.site,
      encounterLabel: finding.encounterLabel,
      patientKey: finding.patientKey,
      patientId: patientIdOf(finding.patientIdSealed),
      encounter: detail ? { administrations: detail.administrations, codedLines: detail.codedLines, claimLines: detail.claimLines } : null,
    });
  }

  progress({ fraction: 0.3, label: "Reading the rebill candidates" });
  const rebillPage = await findRebillCandidates(db, organizationId, analysisVersion, {
    asOf: request.asOf,
    sort: "deadline",
    limit: rebillLimit,
    ...(filters.payer ? { payer: filters.payer } : {}),
  });
  const rebillRows: TReportRebillRow[] = rebillPage.candidates.map((candidate) => ({
    encounterLabel: candidate.externalEncounterId,
    patientKey: candidate.patientKey,
    patientId: patientIdOf(candidate.patientIdSealed),
    claimId: candidate.claimId,
    payer: candidate.payer,
    site: candidate.site,
    dateOfService: candidate.dateOfService,
    filingDeadline: candidate.filingDeadline,
    daysLeft: candidate.daysLeft,
    valueCents: candidate.valueCents,
    kinds: [...new Set(candidate.findings.map((finding) => finding.kind))],
    correctedLines: candidate.correctedLines.map((line) => ({ code: line.code, units: line.units, modifiers: [...line.modifiers] })),
  }));

  progress({ fraction: 0.4, label: "Reading the findings" });
  const findings: TReportFindingRow[] = [];
  if (withAllFindings) {
    for await (const batch of iterateReportFindings(db, organizationId, analysisVersion, filters, weekStartsOn)) {
      for (const row of batch) findings.push(toFindingRow(row, patientIdOf));
    }
  }

  progress({ fraction: 0.5, label: "Reading the methodology" });
  const [valuation, imports, changesSincePreviousReport] = await Promise.all([
    sumLeakageByValueSource(db, organizationId, analysisVersion, filters, weekStartsOn),
    listReportImportBatches(db, organizationId),
    loadChangesSincePreviousReport(db, { organizationId, analysisVersion, timeZone: practice.timeZone, generatedAt: new Date(request.generatedAt) }),
  ]);

  return {
    request,
    practice: { id: practice.id, name: practice.name, timeZone: practice.timeZone, setting: practice.setting, weekStartsOn, isDemo: practice.isDemo },
    period: overview.window ? { from: overview.window.from, to: overview.window.to, weeks: overview.window.weeks } : null,
    overview,
    lostAddOnHours,
    documentationBySite,
    denials,
    topFindings: evidence,
    rebill: { total: rebillPage.total, rows: rebillRows },
    findings,
    changesSincePreviousReport,
    methodology: {
      engineVersion: ENGINE_VERSION,
      ruleSettings: describeRuleSettings(settings),
      valuationSources: withShares(valuation),
      imports: imports.map((batch) => ({
        fileName: batch.fileName,
        kind: batch.kind,
        rowsTotal: batch.rowsTotal,
        rowsImported: batch.rowsImported,
        rowsFailed: batch.rowsFailed,
        firstDate: batch.firstDate,
        lastDate: batch.lastDate,
        contentHash: batch.contentHash,
        importedAt: batch.importedAt.toISOString(),
      })),
    },
  };
}

/**
 * The comparison with the practice's previous client report: from the analysis published at or
 * before that report was generated, recovered dollars from its day (the practice's calendar).
 */
async function loadChangesSincePreviousReport(
  db: Db,
  input: { organizationId: string; analysisVersion: number; timeZone: string; generatedAt: Date },
): Promise<TReportData["changesSincePreviousReport"]> {
  const previousReportAt = await findPreviousReportAt(db, input.organizationId, Number.isNaN(input.generatedAt.getTime()) ? new Date() : input.generatedAt);
  if (!previousReportAt) return null;
  const since = localDateOf(previousReportAt, input.timeZone);
  const changes = await getAnalysisChanges(db, { organizationId: input.organizationId, analysisVersion: input.analysisVersion, at: previousReportAt, since });

  return changes ? { previousReportAt, since, changes } : null;
}

function toFindingRow(row: TReportFindingRecord, patientIdOf: (sealed: string | null) => string | null): TReportFindingRow {
  return {
    findingId: row.id,
    dateOfService: row.dateOfService,
    encounterLabel: row.encounterLabel,
    patientKey: row.patientKey,
    patientId: patientIdOf(row.patientIdSealed),
    kind: row.kind,
    cause: row.cause,
    code: row.code,
    units: row.units,
    valueCents: row.valueCents,
    valueSource: row.valueSource,
    isEstimate: row.isEstimate,
    payer: row.payer,
    site: row.site,
    nurse: row.nurse,
    claimId: row.claimId,
    filingDeadline: row.filingDeadline,
    explanation: row.explanation,
  };
}
