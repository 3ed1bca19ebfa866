import type { TReportFormat, TReportRequest } from "./report-data";

/** What the server sends the report process (report-child-main.ts) once it is ready. */
export type TReportChildRequest = {
  type: "start";
  request: TReportRequest;
  format: TReportFormat;
  mayIdentifyPatients: boolean;
  /** Where to write the file (0600, in the data folder's reports/). */
  outPath: string;
  /** Another database than the environment's (tests). */
  databaseUrl?: string;
};

/** Figures of the finished report, for the screen and the audit trail (never PHI). */
export type TReportSummary = {
  fileName: string;
  bytes: number;
  from: string | null;
  to: string | null;
  annualizedLeakageCents: number;
  weeklyLeakageCents: number;
};

export type TReportChildMessage =
  | { type: "ready" }
  | { type: "progress"; fraction: number; label: string }
  | { type: "done"; summary: TReportSummary }
  /** A user error (empty period, no Chromium…): its plain message is shown as is. */
  | { type: "refused"; message: string }
  | { type: "crashed"; message: string };
