/**
 * The client report's data: everything the HTML/PDF document and the Excel workbook show, read
 * once from the database (load-report-data.ts) for one practice, one period and the carried-over
 * dashboard filters. Renderers are pure functions of this object, so every format shows the same
 * figures, and those figures are the overview's (the same rollup queries, the same filters).
 *
 * De-identified reports carry no patient id or label at all: `patientId` is null everywhere, and
 * only encounter ids and pseudonymous patient keys remain.
 */
import type { TAnalysisChanges } from "@/lib/dashboard/compare-snapshots";
import type { DashboardFilters } from "@/lib/dashboard/filters";
import type { TDenialsData, TOverviewData } from "@/lib/db/dashboard";
import type { TEncounterDetail } from "@/lib/db/encounters";

/** The sections a report can hold, in document order (all on by default). */
export const REPORT_SECTIONS = [
  "summary",
  "causes",
  "trend",
  "breakdowns",
  "documentation",
  "denials",
  "findings",
  "rebill",
  "methodology",
] as const;
export type TReportSection = (typeof REPORT_SECTIONS)[number];

export const REPORT_SECTION_TITLES: Readonly<Record<TReportSection, string>> = {
  summary: "Executive summary",
  causes: "Leakage by cause",
  trend: "Weekly trend",
  breakdowns: "Leakage by code, payer and site",
  documentation: "Documentation scorecard",
  denials: "Denials",
  findings: "Top findings with evidence",
  rebill: "Rebill candidates",
  methodology: "Methodology and data",
};

export const REPORT_FORMATS = ["pdf", "html", "xlsx"] as const;
export type TReportFormat = (typeof REPORT_FORMATS)[number];

/** The consulting firm on the cover ("prepared by"), saved once per user on the account page. */
export type TReportBranding = {
  firmName: string | null;
  /** A PNG or JPEG as a `data:` URL (validated when saved), or null. */
  logoDataUrl: string | null;
};

/** What the user asked for. `filters.from`/`to` are the period (whole weeks, like the dashboard's). */
export type TReportRequest = {
  organizationId: string;
  filters: DashboardFilters;
  sections: readonly TReportSection[];
  deidentify: boolean;
  /** Who prepared it: the firm (branding) and the signed-in user's name. */
  preparedBy: TReportBranding & { userName: string | null };
  /** `YYYY-MM-DD` in the practice's time zone: the generation date and the rebill "as of" day. */
  asOf: string;
  /** ISO timestamp of generation (shown on every page). */
  generatedAt: string;
};

/** One finding of the "top findings" section, with the encounter's evidence. */
export type TReportFindingEvidence = {
  findingId: number;
  kind: string;
  cause: string;
  code: string | null;
  units: number;
  valueCents: number;
  valueSource: string;
  isEstimate: boolean;
  /** The engine's explanation: time math and rule-book §. */
  explanation: string;
  dateOfService: string;
  payer: string | null;
  site: string | null;
  /** The encounter's external id (from the EHR export); never a patient id. */
  encounterLabel: string | null;
  patientKey: string | null;
  /** The MRN in clear — only when the report is not de-identified and the user may identify patients. */
  patientId: string | null;
  /** Administration timeline, canonical ("should bill") and billed lines (times in the practice's zone). Null for claim-level findings. */
  encounter: Pick<TEncounterDetail, "administrations" | "codedLines" | "claimLines"> | null;
};

export type TReportRebillRow = {
  encounterLabel: string;
  patientKey: string | null;
  patientId: string | null;
  claimId: string | null;
  payer: string | null;
  site: string | null;
  dateOfService: string;
  filingDeadline: string;
  daysLeft: number;
  valueCents: number;
  /** Finding kinds on this encounter, e.g. ["missed_addon_hours"]. */
  kinds: string[];
  correctedLines: { code: string; units: number; modifiers: string[] }[];
};

/** Every finding in scope, for the workbook's Findings sheet (the PDF shows only the top ones). */
export type TReportFindingRow = {
  findingId: number;
  dateOfService: string;
  encounterLabel: string | null;
  patientKey: string | null;
  patientId: string | null;
  kind: string;
  cause: string;
  code: string | null;
  units: number;
  valueCents: number;
  valueSource: string;
  isEstimate: boolean;
  payer: string | null;
  site: string | null;
  nurse: string | null;
  claimId: string | null;
  filingDeadline: string | null;
  explanation: string;
};

export type TReportValuationSource = {
  /** e.g. "payer_median", "fee_schedule", "reference" (the finding's valueSource). */
  source: string;
  valueCents: number;
  findings: number;
  /** Share of the leakage dollars this source values (0–1). Compliance exposure excluded. */
  share: number;
};

export type TReportImportBatch = {
  fileName: string;
  kind: string;
  rowsTotal: number;
  rowsImported: number;
  rowsFailed: number;
  /** First and last date of service the batch brought (null when unknown, e.g. a fee schedule). */
  firstDate: string | null;
  lastDate: string | null;
  contentHash: string;
  importedAt: string;
};

export type TReportData = {
  request: TReportRequest;
  practice: { id: string; name: string; timeZone: string; setting: string; weekStartsOn: number; isDemo: boolean };
  /** The resolved period (null when there is nothing in scope: the CLI refuses an empty period). */
  period: { from: string; to: string; weeks: number } | null;
  overview: TOverviewData;
  /** The overview's lost add-on hours in scope and the dollars they are valued at (hours × value per hour). */
  lostAddOnHours: { hours: number; valueCents: number };
  /** Missing stop times (documentation findings) per site with their estimated value, largest first. */
  documentationBySite: { site: string; findings: number; valueCents: number }[];
  denials: TDenialsData;
  topFindings: TReportFindingEvidence[];
  /** Rebill candidates still inside timely filing on `request.asOf`, soonest deadline first. */
  rebill: { total: number; rows: TReportRebillRow[] };
  /** All findings in scope, value first (workbook). The PDF does not print these. */
  findings: TReportFindingRow[];
  /**
   * What changed in the whole practice's analysis since its previous client report (issue [11/12]):
   * shown in the executive summary. Null when there was no earlier report or no analysis snapshot.
   */
  changesSincePreviousReport: { previousReportAt: Date; since: string; changes: TAnalysisChanges } | null;
  methodology: {
    engineVersion: string;
    /** The practice's rule settings as label → value, in plain words. */
    ruleSettings: { label: string; value: string }[];
    valuationSources: TReportValuationSource[];
    imports: TReportImportBatch[];
  };
};
