import { REPORT_SECTION_TITLES } from "@/lib/report/report-data";
import type { TReportData } from "@/lib/report/report-data";
import { formatDollars } from "@/lib/format/format-money";
import { formatHours } from "@/lib/format/format-hours";
import { formatPercent } from "@/lib/format/format-percent";
import { formatCount } from "@/lib/format/format-count";
import { formatDate } from "@/lib/format/format-week";
import { oneSentenceAnswer, periodText, phiMarker, weeksText } from "@/lib/report/report-words";
import { ReportFigures } from "./report-parts";

const SETTING_LABELS: Record<string, string> = { facility: "Facility (hospital outpatient)", professional: "Professional (physician office)" };

function PreparedBy({ preparedBy }: { preparedBy: TReportData["request"]["preparedBy"] }) {
  const logo = preparedBy.logoDataUrl && /^data:image\/(png|jpeg);base64,/.test(preparedBy.logoDataUrl) ? preparedBy.logoDataUrl : null;

  return (
    <div className="report-prepared-by">
      {logo ? <img className="report-logo" src={logo} alt={preparedBy.firmName ? `${preparedBy.firmName} logo` : "Logo"} /> : null}
      <span>{preparedBy.firmName ?? preparedBy.userName ?? "DripAudit"}</span>
    </div>
  );
}

/**
 * Page one: who and when, the PHI marker, the owner's question answered in one sentence, and the
 * overview's headline figures (the same formatters as the overview's KPI cards).
 */
export function ReportCover({ data }: { data: TReportData }) {
  const { request, practice, period, overview } = data;
  const { totals, denials } = overview;
  const marker = phiMarker(request.deidentify);
  const weeks = period ? weeksText(period.weeks) : "no weeks";
  const contents = request.sections;

  return (
    <header className="report-cover" data-section="cover">
      <div className="report-cover-top">
        <PreparedBy preparedBy={request.preparedBy} />
        <p className={`report-marker report-marker-${request.deidentify ? "deidentified" : "phi"}`} data-testid="report-phi-marker">
          {marker}
        </p>
      </div>
      <p className="report-kicker">Infusion revenue leakage report{practice.isDemo ? " · demo data" : ""}</p>
      <h1>{practice.name}</h1>
      <p className="report-period">{periodText(period)}</p>
      <dl className="report-cover-meta">
        <div>
          <dt>Prepared by</dt>
          <dd>{[request.preparedBy.firmName, request.preparedBy.userName].filter(Boolean).join(", ") || "DripAudit"}</dd>
        </div>
        <div>
          <dt>Date</dt>
          <dd>{formatDate(request.asOf)}</dd>
        </div>
        <div>
          <dt>Billing setting</dt>
          <dd>{SETTING_LABELS[practice.setting] ?? practice.setting}</dd>
        </div>
        <div>
          <dt>Encounters analysed</dt>
          <dd>{formatCount(overview.encounters)}</dd>
        </div>
        <div>
          <dt>Patient data</dt>
          <dd>
            {request.deidentify
              ? "De-identified: no patient ids or names; encounters are shown by their ids and pseudonymous patient keys."
              : "Contains PHI (patient ids and dates of service): share only under your business associate agreement."}
          </dd>
        </div>
      </dl>

      <p className="report-answer" data-testid="report-answer">
        {oneSentenceAnswer(data)}
      </p>

      <ReportFigures
        figures={[
          {
            label: "Annualized leakage",
            value: formatDollars(totals.annualizedLeakageCents),
            detail: `${formatDollars(totals.leakageCents)} over ${weeks}; weekly average × 52`,
            tone: "primary",
            testId: "report-annualized-leakage",
          },
          { label: "Average weekly leakage", value: formatDollars(totals.weeklyLeakageCents), detail: `${formatCount(totals.findings)} findings`, testId: "report-weekly-leakage" },
          { label: "Lost add-on hours / week", value: formatHours(totals.lostAddOnHoursPerWeek), detail: `${formatHours(totals.lostAddOnHours)} missed in total` },
          {
            label: "Denial rate",
            value: formatPercent(denials.lineRate),
            detail: denials.lines > 0 ? `${formatCount(denials.deniedLines)} of ${formatCount(denials.lines)} claim lines` : "No claim lines in this period",
          },
          { label: "Compliance exposure", value: formatDollars(totals.complianceExposureCents), detail: "A risk, not added to leakage", tone: "muted" },
        ]}
      />

      {contents.length > 0 ? (
        <div className="report-contents">
          <h2>In this report</h2>
          <ol>
            {contents.map((section) => (
              <li key={section}>{REPORT_SECTION_TITLES[section]}</li>
            ))}
          </ol>
        </div>
      ) : null}
    </header>
  );
}
