import type { Db } from "@/lib/db";
import { recordAuditEvent, type TAuditActor } from "@/lib/db/audit-events";
import type { TReportFormat, TReportSection } from "./report-data";

export const REPORT_GENERATED_ACTION = "reports.generated";

/**
 * One audit event per report or workbook generated (spec §8): who, which practice, the period, the
 * format and whether it was de-identified. Never a figure or a patient: the detail holds settings only.
 */
export async function recordReportGenerated(
  db: Db,
  event: {
    organizationId: string;
    actor: TAuditActor;
    format: TReportFormat;
    deidentify: boolean;
    from: string | null;
    to: string | null;
    sections: readonly TReportSection[];
  },
): Promise<void> {
  await recordAuditEvent(db, {
    ...event.actor,
    organizationId: event.organizationId,
    action: REPORT_GENERATED_ACTION,
    subjectType: "report",
    subjectId: null,
    detail: { format: event.format, deidentified: event.deidentify, period: { from: event.from, to: event.to }, sections: [...event.sections] },
  });
}
