import { LEAKAGE_CAUSES } from "@/lib/dashboard/causes";
import type { TReportData } from "@/lib/report/report-data";
import { formatCents, formatDollars } from "@/lib/format/format-money";
import { formatHours } from "@/lib/format/format-hours";
import { formatPercent } from "@/lib/format/format-percent";
import { formatCount } from "@/lib/format/format-count";
import { addOnArithmetic, countOf, lostHourValue, weeksText } from "@/lib/report/report-words";
import { ReportChangesSincePreviousReport } from "./report-changes";
import { CauseTag, Money, ReportSection, ReportTable } from "./report-parts";

/**
 * The leakage arithmetic spelled out the way an owner reasons, with the period's own figures (the
 * overview's totals). Equations use dollars and cents so the printed numbers multiply exactly;
 * the KPI-style figures ($156,000) are those of the overview's cards.
 */
export function ExecutiveSummary({ data }: { data: TReportData }) {
  const { totals, denials } = data.overview;
  const weeks = data.period?.weeks ?? 0;
  const addOn = addOnArithmetic(data);
  const lost = lostHourValue(data.lostAddOnHours);
  const missingStops = data.overview.byNurse.reduce((sum, row) => sum + row.missingStops, 0);
  const recouped = data.denials.recoupments.reduce((sum, row) => sum + row.valueCents, 0);

  return (
    <ReportSection id="summary" lead={<>What the records show was done but not paid, worked out from this period&apos;s own figures.</>}>
      <ol className="report-arithmetic" data-testid="report-arithmetic">
        {addOn ? (
          <li>
            <span className="report-equation">
              <strong>{formatHours(addOn.hoursPerWeek, { unit: "hours" })}</strong> of lost add-on time a week × <strong>{formatCents(addOn.centsPerHour)}</strong> an hour ={" "}
              <strong>{formatCents(addOn.weeklyCents)}</strong> a week
            </span>
            <span className="report-equation-note">
              Lost add-on hours: extra infusion hours the record supports but the claim did not bill ({formatHours(totals.lostAddOnHours, { unit: "hours" })} over{" "}
              {weeksText(weeks)}). An hour is worth {formatCents(addOn.centsPerHour)} on average: {formatCents(lost.valueCents)} for {formatHours(lost.hours, { unit: "hours" })}.
            </span>
          </li>
        ) : null}
        <li>
          <span className="report-equation">
            <strong>{formatCents(totals.leakageCents)}</strong> lost in the period ÷ <strong>{weeksText(weeks)}</strong> = <strong>{formatCents(totals.weeklyLeakageCents)}</strong>{" "}
            average weekly leakage
          </span>
          <span className="report-equation-note">All causes: coding, documentation (an estimate) and payer{addOn ? "; the add-on hours above are part of it" : ""}.</span>
        </li>
        <li>
          <span className="report-equation">
            <strong>{formatCents(totals.weeklyLeakageCents)}</strong> a week × 52 weeks = <strong>{formatCents(totals.annualizedLeakageCents)}</strong> annualized leakage
          </span>
          <span className="report-equation-note">
            About {formatDollars(totals.annualizedLeakageCents)} a year ({formatDollars(totals.weeklyLeakageCents)} a week) if nothing changes.
          </span>
        </li>
      </ol>

      <h3>What this means</h3>
      <ul className="report-points">
        {data.rebill.total > 0 ? (
          <li>
            <strong>{countOf(data.rebill.total, "encounter")}</strong> with missed charges can still be rebilled inside the payer&apos;s
            filing window (see Rebill candidates).
          </li>
        ) : null}
        {denials.lines > 0 ? (
          <li>
            <strong>{formatPercent(denials.lineRate)}</strong> of claim lines were denied ({formatCount(denials.deniedLines)} of {formatCount(denials.lines)}); add-on lines{" "}
            {formatPercent(data.denials.addOns.lineRate)}.{recouped > 0 ? ` Payers took back ${formatCents(recouped)} after paying.` : ""}
          </li>
        ) : null}
        {totals.byCause.documentation > 0 ? (
          <li>
            {missingStops > 0 ? `${formatCount(missingStops)} infusions have no stop time in the record; ` : "Infusions without a stop time "}
            the charges they would support are estimated at <strong>{formatCents(totals.byCause.documentation)}</strong> (est.).
          </li>
        ) : null}
        <li>
          Separately, <strong>{formatCents(totals.complianceExposureCents)}</strong> was billed beyond what the records support (compliance exposure). It is a risk, not a gain, and
          is never subtracted from leakage.
        </li>
      </ul>
      <ReportChangesSincePreviousReport data={data} />
    </ReportSection>
  );
}

/** Coding, documentation (an estimate, hatched) and payer with their shares; compliance exposure apart. */
export function LeakageByCauseSection({ data }: { data: TReportData }) {
  const { totals } = data.overview;
  const rows = LEAKAGE_CAUSES.map((cause) => ({
    cause,
    valueCents: totals.byCause[cause],
    share: totals.leakageCents > 0 ? totals.byCause[cause] / totals.leakageCents : null,
  }));

  return (
    <ReportSection id="causes" continues lead="What was missed, and why. The three causes add up to the leakage; compliance exposure is shown apart.">
      <ReportTable
        caption="Leakage by cause"
        rows={rows}
        rowKey={(row) => row.cause}
        columns={[
          { key: "cause", header: "Cause", cell: (row) => <CauseTag cause={row.cause} /> },
          {
            key: "bar",
            header: "Share of leakage",
            cell: (row) => (
              <span className="report-share">
                <span className={`report-share-bar report-cause-${row.cause}`} style={{ width: `${Math.round((row.share ?? 0) * 100)}%` }} aria-hidden="true" />
              </span>
            ),
          },
          { key: "share", header: "Share", align: "right", cell: (row) => formatPercent(row.share) },
          { key: "valueCents", header: "Leakage", align: "right", cell: (row) => <Money cents={row.valueCents} isEstimate={row.cause === "documentation"} /> },
        ]}
        footer={{ cause: "Total leakage", share: totals.leakageCents > 0 ? "100.0%" : "—", valueCents: formatCents(totals.leakageCents) }}
      />
      <dl className="report-apart">
        <dt>
          <CauseTag cause="compliance" />
        </dt>
        <dd className="num">{formatCents(totals.complianceExposureCents)}</dd>
        <dd className="report-apart-note">
          Billed beyond what the record supports ({countOf(totals.complianceFindings, "finding")}): a refund risk, shown apart and
          never netted against leakage.
        </dd>
      </dl>
      <p className="report-note">
        Coding: services the record supports that were not coded or billed. Documentation (est.): infusions without a stop time, valued at the practice&apos;s median duration for the
        drug and route. Payer: correctly billed lines that were denied, paid for fewer units or taken back.
      </p>
    </ReportSection>
  );
}
