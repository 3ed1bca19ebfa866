import type { ReactNode } from "react";
import { REPORT_SECTIONS, type TReportData, type TReportSection } from "@/lib/report/report-data";
import { reportPageCss } from "@/lib/report/report-styles";
import { BreakdownsSection, DocumentationSection, WeeklyTrendSection } from "./report-breakdowns";
import { ReportCover } from "./report-cover";
import { DenialsSection } from "./report-denials";
import { RebillSection, TopFindingsSection } from "./report-findings";
import { MethodologySection } from "./report-methodology";
import { ExecutiveSummary, LeakageByCauseSection } from "./report-summary";

const SECTION_RENDERERS: Readonly<Record<TReportSection, (props: { data: TReportData }) => ReactNode>> = {
  summary: ExecutiveSummary,
  causes: LeakageByCauseSection,
  trend: WeeklyTrendSection,
  breakdowns: BreakdownsSection,
  documentation: DocumentationSection,
  denials: DenialsSection,
  findings: TopFindingsSection,
  rebill: RebillSection,
  methodology: MethodologySection,
};

/**
 * The client report: the cover, then the chosen sections in document order, each on its own
 * printed page. Pure and server-rendered (no hooks, no client code, no CSS imports): the same
 * markup is the Reports screen's preview and, with REPORT_CSS inline, the page Chromium prints.
 * Its own <style> carries only the data-dependent page margin boxes (practice, period, PHI marker,
 * date, page N of M).
 */
export function ReportDocument({ data }: { data: TReportData }) {
  const chosen = new Set<TReportSection>(data.request.sections);

  return (
    <article className="report" data-deidentified={data.request.deidentify ? "true" : "false"}>
      <style dangerouslySetInnerHTML={{ __html: reportPageCss(data) }} />
      <ReportCover data={data} />
      {REPORT_SECTIONS.filter((section) => chosen.has(section)).map((section) => {
        const Section = SECTION_RENDERERS[section];

        return <Section key={section} data={data} />;
      })}
    </article>
  );
}
