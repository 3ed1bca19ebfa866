import type { Metadata } from "next";
import Link from "next/link";
import { ReportDocument } from "@/components/report/report-document";
import { NoPracticeYet } from "@/components/overview/no-practice";
import { DashboardHeader } from "@/components/overview/overview-header";
import { ReportChoicesForm } from "@/components/reports/report-choices-form";
import { ReportDownloads } from "@/components/reports/report-downloads";
import { EmptyState } from "@/components/ui/empty-state";
import { todayInTimeZone } from "@/components/findings/today-in-time-zone";
import { canCreatePractice, requirePageAccess } from "@/lib/auth/access";
import { auditActor } from "@/lib/auth/audit-context";
import { can } from "@/lib/auth/permissions";
import { loadDashboardContext, loadFilterOptions } from "@/lib/dashboard/load-dashboard";
import { getDb, recordAuditEvent } from "@/lib/db";
import { getReportBranding } from "@/lib/db/users";
import { CHROMIUM_INSTALL_HINT, resolveChromiumPath } from "@/lib/report/chromium";
import { loadReportData } from "@/lib/report/load-report-data";
import { parseReportChoices } from "@/lib/report/report-options";
import { REPORT_CSS } from "@/lib/report/report-styles";
import "@/components/reports/reports.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reports" };

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The client report: choices on the left, the live preview on the right (the same document the
 * PDF prints), and the PDF and Excel downloads built in background jobs. A preview that shows
 * patient ids is an audit event, like opening an encounter.
 */
export default async function ReportsPage({ searchParams }: PageProps) {
  const access = await requirePageAccess("reports.view");
  const params = await searchParams;
  const context = await loadDashboardContext(access.organization, params);
  if (!context || !access.role) return <NoPracticeYet title="Reports" canAddPractice={await canCreatePractice(access)} />;
  const { organization } = context;
  const options = await loadFilterOptions(context);
  const mayIdentifyPatients = can(access.role, "patients.identify");
  const mayExport = can(access.role, "reports.export");
  const choices = parseReportChoices(params, { lastDate: options.lastDate, weekStartsOn: organization.weekStartsOn });
  const deidentify = choices.deidentify || !mayIdentifyPatients;
  const { db } = getDb();
  const branding = await getReportBranding(db, access.user.id);

  if (options.firstDate === null) {
    return (
      <>
        <DashboardHeader title="Reports" organization={organization} />
        <EmptyState title="No encounters yet — import sessions and claims first" action={<Link href="/imports" className="button button-primary">Import files</Link>}>
          <p>A report needs the practice's infusion sessions and its paid claims or 835 remittances.</p>
        </EmptyState>
      </>
    );
  }

  const now = new Date();
  const data = await loadReportData(
    db,
    {
      organizationId: organization.id,
      filters: choices.filters,
      sections: choices.sections,
      deidentify,
      preparedBy: { ...branding, userName: access.user.name },
      asOf: todayInTimeZone(organization.timeZone, now),
      generatedAt: now.toISOString(),
    },
    { mayIdentifyPatients },
  );
  if (!deidentify) {
    await recordAuditEvent(db, {
      ...(await auditActor(access)),
      organizationId: organization.id,
      action: "reports.previewed",
      subjectType: "organization",
      subjectId: organization.id,
      detail: { deidentified: false, from: data.period?.from ?? null, to: data.period?.to ?? null, sections: choices.sections },
    });
  }

  return (
    <>
      <DashboardHeader title="Reports" organization={organization} window={data.period} />
      <div className="reports-layout">
        <aside className="reports-side">
          {mayExport ? (
            <ReportDownloads
              filters={choices.filters}
              sections={choices.sections}
              deidentify={deidentify}
              pdfUnavailable={resolveChromiumPath() ? null : CHROMIUM_INSTALL_HINT}
            />
          ) : (
            <p className="form-help">Your role can preview reports; ask an owner, billing manager or consultant for the PDF or the workbook.</p>
          )}
          <ReportChoicesForm choices={{ ...choices, deidentify }} mayIdentifyPatients={mayIdentifyPatients} preparedBy={{ firmName: branding.firmName, userName: access.user.name }} />
        </aside>
        <section className="reports-preview" aria-label="Report preview" data-testid="report-preview">
          {data.period ? (
            <>
              <style dangerouslySetInnerHTML={{ __html: REPORT_CSS }} />
              <ReportDocument data={data} />
            </>
          ) : (
            <EmptyState title="No encounters in this period — choose another period">
              <p>The practice has data from {options.firstDate} to {options.lastDate}.</p>
            </EmptyState>
          )}
        </section>
      </div>
    </>
  );
}
