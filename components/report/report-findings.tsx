import { EncounterTimeline } from "@/components/encounter/encounter-timeline";
import { compareLines, type TLineMark } from "@/components/encounter/compare-lines";
import { findingKindLabel, valueSourceInfo } from "@/components/findings/finding-labels";
import { carcLabel, codeLabel, rarcLabel } from "@/lib/dashboard/code-label";
import type { TEncounterClaimLine, TEncounterCodedLine } from "@/lib/db/encounters";
import type { TReportData, TReportFindingEvidence } from "@/lib/report/report-data";
import { formatCents } from "@/lib/format/format-money";
import { formatCount } from "@/lib/format/format-count";
import { formatDate } from "@/lib/format/format-week";
import { countOf, patientText } from "@/lib/report/report-words";
import { CauseTag, Money, ReportSection, ReportTable } from "./report-parts";

function withModifiers(code: string | null, modifiers: readonly string[]): string {
  return `${code ?? "claim"}${modifiers.length ? `-${modifiers.join("-")}` : ""}`;
}

function Difference({ mark }: { mark: TLineMark | undefined }) {
  if (!mark) return null;

  return (
    <span className={`report-diff report-cause-${mark.cause}`}>
      <span aria-hidden="true">≠ </span>
      {mark.note}
    </span>
  );
}

/** "Should bill": the engine's canonical lines, each with its explanation (time math, rule-book §). */
function ShouldBill({ lines, marks }: { lines: readonly TEncounterCodedLine[]; marks: Map<number, TLineMark> }) {
  return (
    <ReportTable
      caption="Should bill"
      className="report-lines"
      rows={lines}
      rowKey={(line) => String(line.id)}
      empty="Nothing billable was coded for this encounter."
      columns={[
        { key: "code", header: "Code", isMono: true, cell: (line) => withModifiers(line.code, line.modifiers) },
        { key: "units", header: "Units", align: "right", cell: (line) => formatCount(line.units) },
        {
          key: "service",
          header: "Service and why",
          cell: (line) => (
            <>
              {codeLabel(line.code)} <Difference mark={marks.get(line.id)} />
              <span className="report-line-explanation">{line.explanation}</span>
            </>
          ),
        },
      ]}
    />
  );
}

/** "Billed": the claim lines with units, billed and paid amounts, and the payer's adjustment codes. */
function Billed({ lines, marks }: { lines: readonly TEncounterClaimLine[]; marks: Map<number, TLineMark> }) {
  return (
    <ReportTable
      caption="Billed"
      className="report-lines"
      rows={lines}
      rowKey={(line) => String(line.id)}
      empty="No claim lines are matched to this encounter."
      columns={[
        { key: "claim", header: "Claim", isMono: true, cell: (line) => `${line.claimId}${line.claimVersion > 1 ? ` v${line.claimVersion}` : ""}` },
        { key: "code", header: "Code", isMono: true, cell: (line) => withModifiers(line.code, line.modifiers) },
        {
          key: "units",
          header: "Units",
          align: "right",
          cell: (line) => `${formatCount(line.billedUnits)}${line.paidUnits !== null && line.paidUnits !== line.billedUnits ? ` (paid ${formatCount(line.paidUnits)})` : ""}`,
        },
        {
          key: "service",
          header: "Service",
          cell: (line) => (
            <>
              <span className={line.status === "reversed" ? "report-reversed" : undefined}>{line.code ? codeLabel(line.code) : "Claim-level adjustment"}</span> · {line.status}{" "}
              <Difference mark={marks.get(line.id)} />
            </>
          ),
        },
        { key: "billed", header: "Billed", align: "right", cell: (line) => formatCents(line.billedCents) },
        { key: "paid", header: "Paid", align: "right", cell: (line) => (line.paidCents === null ? "—" : formatCents(line.paidCents)) },
        {
          key: "adjustments",
          header: "Adjustments",
          isMono: true,
          cell: (line) => [...line.adjustments.map((adjustment) => carcLabel(adjustment.group, adjustment.reason)), ...line.remarks.map(rarcLabel)].join(", ") || "—",
        },
      ]}
    />
  );
}

/** The encounter page's line marks; a billed line the finding names says which finding ("see findings" there). */
function lineMarks(finding: TReportFindingEvidence, encounter: NonNullable<TReportFindingEvidence["encounter"]>) {
  const marks = compareLines(encounter.codedLines, encounter.claimLines, [{ kind: finding.kind, cause: finding.cause, code: finding.code }]);
  const named = findingKindLabel(finding.kind).toLowerCase();
  const billed = new Map([...marks.billed].map(([id, mark]) => [id, mark.note === "see findings" ? { ...mark, note: named } : mark]));

  return { coded: marks.coded, billed };
}

function FindingEvidence({ finding, index, timeZone }: { finding: TReportFindingEvidence; index: number; timeZone: string }) {
  const { encounter } = finding;
  const marks = encounter ? lineMarks(finding, encounter) : null;
  const source = valueSourceInfo(finding.valueSource);

  return (
    <article className="report-finding" data-finding={finding.findingId}>
      <header className="report-finding-head">
        <h3>
          {index + 1}. {findingKindLabel(finding.kind)}
          {finding.code ? (
            <>
              {" · "}
              <span className="mono">{finding.code}</span> {codeLabel(finding.code)}
            </>
          ) : null}
        </h3>
        <p className="report-finding-value">
          <strong>
            <Money cents={finding.valueCents} isEstimate={finding.isEstimate} />
          </strong>{" "}
          <CauseTag cause={finding.cause} short /> <span className="report-muted">valued at {source.label === "—" ? "no rate" : source.label.toLowerCase()}{finding.valueSource === "reference" ? " (reference rate)" : ""}</span>
        </p>
      </header>
      <dl className="report-finding-meta">
        <div>
          <dt>Encounter</dt>
          <dd className="mono">{finding.encounterLabel ?? "—"}</dd>
        </div>
        <div>
          <dt>Date of service</dt>
          <dd>{formatDate(finding.dateOfService)}</dd>
        </div>
        <div>
          <dt>Payer</dt>
          <dd>{finding.payer ?? "—"}</dd>
        </div>
        <div>
          <dt>Site</dt>
          <dd>{finding.site ?? "—"}</dd>
        </div>
        <div>
          <dt>{finding.patientId ? "Patient" : "Patient key"}</dt>
          <dd className="mono">{patientText(finding)}</dd>
        </div>
      </dl>
      <p className="report-explanation">{finding.explanation}</p>
      {encounter && marks ? (
        <>
          {encounter.administrations.length > 0 ? (
            <div className="report-timeline">
              <EncounterTimeline administrations={encounter.administrations} timeZone={timeZone} />
            </div>
          ) : null}
          <ShouldBill lines={encounter.codedLines} marks={marks.coded} />
          <Billed lines={encounter.claimLines} marks={marks.billed} />
        </>
      ) : (
        <p className="report-note">A claim-level finding: there is no administration record to show.</p>
      )}
    </article>
  );
}

/** The largest findings, each with the encounter's evidence: timeline, should-bill vs billed, the explanation. */
export function TopFindingsSection({ data }: { data: TReportData }) {
  return (
    <ReportSection
      id="findings"
      lead="The largest findings by value, each with what the record shows. Times are the practice's local time; § refers to DripAudit's rule book."
    >
      {data.topFindings.length === 0 ? <p className="report-empty">No findings in this period.</p> : null}
      {data.topFindings.map((finding, index) => (
        <FindingEvidence key={finding.findingId} finding={finding} index={index} timeZone={data.practice.timeZone} />
      ))}
    </ReportSection>
  );
}

/** Rebill candidates still inside timely filing, soonest deadline first, with days left. */
export function RebillSection({ data }: { data: TReportData }) {
  const { rows, total } = data.rebill;
  const valueCents = rows.reduce((sum, row) => sum + row.valueCents, 0);

  return (
    <ReportSection
      id="rebill"
      lead={
        total > 0 ? (
          <>
            {countOf(total, "encounter")} can still be corrected and resubmitted before the payer&apos;s filing deadline (as of{" "}
            {formatDate(data.request.asOf)}). Soonest deadline first.
          </>
        ) : (
          `No rebill candidates are inside their filing window as of ${formatDate(data.request.asOf)}.`
        )
      }
    >
      {rows.length > 0 ? (
        <ReportTable
          caption="Rebill candidates"
          rows={rows}
          rowKey={(row, index) => `${row.encounterLabel}-${index}`}
          columns={[
            { key: "deadline", header: "Deadline", isNowrap: true, cell: (row) => formatDate(row.filingDeadline) },
            { key: "daysLeft", header: "Days left", align: "right", cell: (row) => <span className={row.daysLeft <= 14 ? "report-urgent" : undefined}>{formatCount(row.daysLeft)}</span> },
            {
              key: "encounter",
              header: data.request.deidentify ? "Encounter / patient key" : "Encounter / patient",
              isMono: true,
              cell: (row) => (
                <>
                  {row.encounterLabel}
                  <span className="report-sub">{patientText(row)}</span>
                </>
              ),
            },
            {
              key: "claim",
              header: "Claim / payer",
              cell: (row) => (
                <>
                  <span className="mono">{row.claimId ?? "—"}</span>
                  <span className="report-sub">{row.payer ?? "No payer"}</span>
                </>
              ),
            },
            { key: "dos", header: "Date of service", isNowrap: true, cell: (row) => formatDate(row.dateOfService) },
            { key: "what", header: "What was missed", cell: (row) => row.kinds.map(findingKindLabel).join(", ") },
            {
              key: "corrected",
              header: "Corrected lines",
              isMono: true,
              cell: (row) =>
                row.correctedLines.map((line, index) => (
                  <span key={index} className="report-line-code">
                    {withModifiers(line.code, line.modifiers)} ×{line.units}
                  </span>
                )),
            },
            { key: "value", header: "Value", align: "right", cell: (row) => formatCents(row.valueCents) },
          ]}
          footer={{ deadline: total > rows.length ? `These ${formatCount(rows.length)}` : "Total", value: formatCents(valueCents) }}
        />
      ) : null}
      {total > rows.length ? (
        <p className="report-note" data-testid="report-rebill-more">
          And {formatCount(total - rows.length)} more with later deadlines.
        </p>
      ) : null}
    </ReportSection>
  );
}
