import { carcLabel, codeLabel } from "@/lib/dashboard/code-label";
import type { TReportData } from "@/lib/report/report-data";
import { formatCents } from "@/lib/format/format-money";
import { formatPercent } from "@/lib/format/format-percent";
import { formatCount } from "@/lib/format/format-count";
import { carcGroupWords, countOf } from "@/lib/report/report-words";
import { ReportFigures, ReportSection, ReportTable } from "./report-parts";
import { WeeklyDenialRateChart } from "./report-weekly-chart";

const TOP_REASONS = 10;

/** The claim figures per payer with the valued unit cuts and recoupments beside them (payers in any of the three). */
function denialsByPayer({ byPayer, unitCutFindings, recoupments }: TReportData["denials"]) {
  const payers = [...new Set([...byPayer.map((row) => row.payer), ...unitCutFindings.map((row) => row.payer), ...recoupments.map((row) => row.payer)])];

  return payers.map((payer) => {
    const claims = byPayer.find((row) => row.payer === payer);
    const cuts = unitCutFindings.find((row) => row.payer === payer);

    return {
      payer,
      lines: claims?.lines ?? 0,
      deniedLines: claims?.deniedLines ?? 0,
      lineRate: claims?.lineRate ?? null,
      deniedCents: claims?.deniedCents ?? 0,
      unitCutUnits: cuts?.units ?? 0,
      unitCutCents: cuts?.valueCents ?? 0,
      recoupedCents: recoupments.find((row) => row.payer === payer)?.valueCents ?? 0,
    };
  });
}

/** Denial rate trend, top reasons (codes with our own words for the group), add-on denials, unit cuts, recoupments. */
export function DenialsSection({ data }: { data: TReportData }) {
  const { totals, addOns, weekly, byReason, recoupments, ignoredFilters } = data.denials;
  const recouped = recoupments.reduce((sum, row) => sum + row.valueCents, 0);
  const takeBacks = recoupments.reduce((sum, row) => sum + row.findings, 0);
  const addOnCodes = data.denials.byCode.filter((row) => row.isAddOn && row.lines > 0);
  const payerRows = denialsByPayer(data.denials);

  return (
    <ReportSection id="denials" lead="Claim lines the payers denied or paid short, from the remittances (835) and claims in this period.">
      {ignoredFilters.length > 0 ? <p className="report-note">Claim figures cover all {ignoredFilters.join(", ")}s: claim lines carry no such field.</p> : null}
      <ReportFigures
        figures={[
          { label: "Denial rate (lines)", value: formatPercent(totals.lineRate), detail: `${formatCount(totals.deniedLines)} of ${formatCount(totals.lines)} lines`, tone: "primary" },
          { label: "Denial rate (dollars)", value: formatPercent(totals.dollarRate), detail: `${formatCents(totals.deniedCents)} of ${formatCents(totals.billedCents)} billed` },
          { label: "Add-on denial rate", value: formatPercent(addOns.lineRate), detail: `${formatCount(addOns.deniedLines)} of ${formatCount(addOns.lines)} add-on lines` },
          { label: "Unit cuts", value: formatCount(totals.unitCutLines), detail: `lines paid for fewer units (${countOf(totals.unitCutUnits, "unit")})` },
          { label: "Recoupments", value: formatCents(recouped), detail: `${countOf(takeBacks, "take-back")} tied to claims` },
        ]}
      />
      <h3>Denial rate per week</h3>
      <WeeklyDenialRateChart weekly={weekly} />
      <p className="report-note">Share of claim lines denied each week. A gap means no claim lines that week.</p>

      <ReportTable
        caption="Top denial reasons"
        rows={byReason.slice(0, TOP_REASONS)}
        rowKey={(row) => carcLabel(row.group, row.reason)}
        empty="No denied lines in this period."
        columns={[
          { key: "reason", header: "Reason code", isMono: true, cell: (row) => carcLabel(row.group, row.reason) },
          { key: "group", header: "Who bears it", cell: (row) => carcGroupWords(row.group) },
          { key: "lines", header: "Lines", align: "right", cell: (row) => formatCount(row.lines) },
          { key: "payers", header: "Payers", align: "right", cell: (row) => formatCount(row.payers) },
          { key: "amount", header: "Amount", align: "right", cell: (row) => formatCents(row.amountCents) },
        ]}
      />
      <p className="report-note">Reason codes are the payer&apos;s claim adjustment reason codes (group and reason); look each one up on the remittance advice.</p>

      <ReportTable
        caption="By payer"
        rows={payerRows}
        rowKey={(row) => row.payer || "(none)"}
        empty="No claim lines in this period."
        columns={[
          { key: "payer", header: "Payer", cell: (row) => row.payer || "No payer" },
          { key: "lines", header: "Lines", align: "right", cell: (row) => formatCount(row.lines) },
          { key: "denied", header: "Denied lines", align: "right", cell: (row) => formatCount(row.deniedLines) },
          { key: "rate", header: "Denial rate", align: "right", cell: (row) => formatPercent(row.lineRate) },
          { key: "amount", header: "Denied", align: "right", cell: (row) => formatCents(row.deniedCents) },
          { key: "cuts", header: "Unit cuts", align: "right", cell: (row) => (row.unitCutUnits > 0 ? `${countOf(row.unitCutUnits, "unit")} · ${formatCents(row.unitCutCents)}` : "—") },
          { key: "recouped", header: "Recouped", align: "right", cell: (row) => formatCents(row.recoupedCents) },
        ]}
      />

      <ReportTable
        caption="Add-on codes"
        rows={addOnCodes}
        rowKey={(row) => row.code}
        empty="No add-on lines were billed in this period."
        columns={[
          { key: "code", header: "Code", isMono: true, cell: (row) => row.code },
          { key: "label", header: "Service", cell: (row) => codeLabel(row.code) },
          { key: "lines", header: "Lines", align: "right", cell: (row) => formatCount(row.lines) },
          { key: "rate", header: "Denial rate", align: "right", cell: (row) => formatPercent(row.lineRate) },
          { key: "cuts", header: "Unit cuts", align: "right", cell: (row) => (row.unitCutLines > 0 ? `${countOf(row.unitCutLines, "line")} (${countOf(row.unitCutUnits, "unit")})` : "—") },
        ]}
      />

    </ReportSection>
  );
}
