import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { KpiCard } from "@/components/ui/kpi-card";
import { WeeklyChart } from "@/components/charts/weekly-chart";
import { HorizontalBarChart } from "@/components/charts/horizontal-bar-chart";
import { CAUSE_COLORS } from "@/lib/dashboard/causes";
import { carcCode, carcLabel, carcMeaning, codeLabel } from "@/lib/dashboard/code-label";
import { DASHBOARD_FILTER_LABELS, withFilters } from "@/lib/dashboard/filters";
import { loadDenials, type TDashboardContext } from "@/lib/dashboard/load-dashboard";
import { formatCents, formatDollars } from "@/lib/format/format-money";
import { formatPercent } from "@/lib/format/format-percent";
import { formatCount } from "@/lib/format/format-count";
import { formatDateRange } from "@/lib/format/format-week";

function ignoredNote(ignored: readonly string[]) {
  if (ignored.length === 0) return null;

  return (
    <p className="muted ignored-note" role="note">
      Claim figures are not narrowed by {ignored.map((key) => DASHBOARD_FILTER_LABELS[key as keyof typeof DASHBOARD_FILTER_LABELS].toLowerCase()).join(", ")}: claim
      lines carry no such field.
    </p>
  );
}

/** Headline denial figures: rates by lines and dollars, dollars denied, add-on denials, unit cuts, recoupments. */
export async function DenialsKpis({ context }: { context: TDashboardContext }) {
  const data = await loadDenials(context);
  const { totals, addOns } = data;
  const findings = (extra: Record<string, string>) => withFilters("/findings", context.filters, extra);
  const recouped = data.recoupments.reduce((sum, row) => sum + row.valueCents, 0);
  const recoupments = data.recoupments.reduce((sum, row) => sum + row.findings, 0);

  return (
    <>
      {ignoredNote(data.ignoredFilters)}
      <div className="kpi-grid kpi-grid-denials" data-testid="denials-kpis">
        <KpiCard
          tone="primary"
          label="Denial rate (lines)"
          value={formatPercent(totals.lineRate)}
          detail={`${formatCount(totals.deniedLines)} of ${formatCount(totals.lines)} netted lines`}
          href={findings({ cause: "payer", kind: "denied_line" })}
          linkLabel="See denied lines"
          testId="kpi-denial-rate-lines"
        />
        <KpiCard
          label="Denial rate (dollars)"
          value={formatPercent(totals.dollarRate)}
          detail={`${formatDollars(totals.deniedCents)} of ${formatDollars(totals.billedCents)} billed`}
          href={findings({ cause: "payer", kind: "denied_line" })}
          linkLabel="See denied lines"
          testId="kpi-denial-rate-dollars"
        />
        <KpiCard
          label="Add-on denial rate"
          value={formatPercent(addOns.lineRate)}
          detail={`${formatCount(addOns.deniedLines)} of ${formatCount(addOns.lines)} add-on lines`}
          href={findings({ cause: "coding", kind: "addon_without_primary" })}
          linkLabel="See orphan add-ons"
          testId="kpi-addon-denial-rate"
        />
        <KpiCard
          label="Unit cuts"
          value={formatCount(totals.unitCutLines)}
          detail={`lines paid for fewer units (${formatCount(totals.unitCutUnits)} units)`}
          href={findings({ cause: "payer", kind: "unit_cut" })}
          linkLabel="See unit cuts"
          testId="kpi-unit-cuts"
        />
        <KpiCard
          label="Recoupments"
          value={formatDollars(recouped)}
          detail={`${formatCount(recoupments)} take-back${recoupments === 1 ? "" : "s"} tied to claims`}
          href={findings({ cause: "payer", kind: "recoupment" })}
          linkLabel="See recoupments"
          testId="kpi-recoupments"
        />
      </div>
    </>
  );
}

/** Weekly denial rate (lines and dollars) and dollars denied per week. */
export async function DenialsTrend({ context }: { context: TDashboardContext }) {
  const data = await loadDenials(context);
  const period = data.window ? formatDateRange(data.window.from, data.window.to) : "No weeks in scope";
  const rateRows = data.weekly.map((week) => ({ weekStart: week.weekStart, lineRate: week.lineRate ?? 0, dollarRate: week.dollarRate ?? 0 }));
  const dollarRows = data.weekly.map((week) => ({ weekStart: week.weekStart, deniedCents: week.deniedCents }));

  return (
    <div className="dashboard-grid dashboard-grid-2">
      <Card title="Denial rate per week" description={`${period} · by date of service`}>
        <WeeklyChart
          data={rateRows}
          lines={[
            { key: "lineRate", label: "Lines denied", color: CAUSE_COLORS.payer },
            { key: "dollarRate", label: "Dollars denied", color: "#0f172a", isDashed: true },
          ]}
          leftFormat="percent"
          height={240}
          ariaLabel="Weekly denial rate by lines and by dollars"
        />
      </Card>
      <Card title="Dollars denied per week" description={`${period} · billed amount of denied lines`}>
        <WeeklyChart
          data={dollarRows}
          bars={[{ key: "deniedCents", label: "Dollars denied", color: CAUSE_COLORS.payer }]}
          leftFormat="dollars"
          height={240}
          ariaLabel="Dollars denied per week"
        />
      </Card>
    </div>
  );
}

export async function DenialsByPayer({ context }: { context: TDashboardContext }) {
  const data = await loadDenials(context);

  return (
    <Card title="By payer" description="Netted claim lines, denial rate by lines and dollars">
      <DataTable
        caption="Denials by payer"
        testId="denials-by-payer"
        rows={data.byPayer}
        rowKey={(row) => row.payer}
        columns={[
          { key: "payer", header: "Payer", cell: (row) => <Link href={withFilters("/denials", { ...context.filters, payer: row.payer })}>{row.payer || "No payer"}</Link> },
          { key: "lines", header: "Lines", align: "right", cell: (row) => formatCount(row.lines) },
          { key: "deniedLines", header: "Denied lines", align: "right", cell: (row) => formatCount(row.deniedLines) },
          { key: "lineRate", header: "Rate (lines)", align: "right", cell: (row) => formatPercent(row.lineRate) },
          { key: "billedCents", header: "Billed", align: "right", cell: (row) => formatCents(row.billedCents), isSecondary: true },
          { key: "deniedCents", header: "Denied", align: "right", cell: (row) => formatCents(row.deniedCents) },
          { key: "dollarRate", header: "Rate (dollars)", align: "right", cell: (row) => formatPercent(row.dollarRate) },
          { key: "unitCutLines", header: "Unit cuts", align: "right", cell: (row) => formatCount(row.unitCutLines), isSecondary: true },
        ]}
        footer={{
          payer: "All payers",
          lines: formatCount(data.totals.lines),
          deniedLines: formatCount(data.totals.deniedLines),
          lineRate: formatPercent(data.totals.lineRate),
          billedCents: formatCents(data.totals.billedCents),
          deniedCents: formatCents(data.totals.deniedCents),
          unitCutLines: formatCount(data.totals.unitCutLines),
          dollarRate: formatPercent(data.totals.dollarRate),
        }}
        empty={<EmptyState variant="inline" title="No claims imported yet — import an 835 or a claims CSV." />}
      />
    </Card>
  );
}

export async function DenialsByReason({ context }: { context: TDashboardContext }) {
  const data = await loadDenials(context);
  const top = data.byReason.slice(0, 8);

  return (
    <Card
      title="By reason"
      description="Denied lines by CARC group and reason code"
      footer={<>Meanings are DripAudit&apos;s own short words; the code is what the payer sent. A code without words is shown alone.</>}
    >
      <HorizontalBarChart
        rows={top.map((row) => ({ id: carcCode(row.group, row.reason), label: carcCode(row.group, row.reason), values: { lines: row.lines } }))}
        series={[{ key: "lines", label: "Denied lines", color: CAUSE_COLORS.payer }]}
        format="count"
        labelWidth={70}
        hideLegend
        ariaLabel="Denied lines by CARC group and reason code"
        emptyMessage="No denied lines for these filters."
      />
      <DataTable
        caption="Denials by CARC group and reason"
        testId="denials-by-reason"
        rows={data.byReason}
        rowKey={(row) => carcCode(row.group, row.reason)}
        columns={[
          { key: "reason", header: "Reason", isMono: true, cell: (row) => carcCode(row.group, row.reason) },
          {
            key: "meaning",
            header: "Meaning",
            cell: (row) => <span title={carcLabel(row.group, row.reason)}>{carcMeaning(row.reason) ?? "—"}</span>,
          },
          { key: "lines", header: "Lines", align: "right", cell: (row) => formatCount(row.lines) },
          { key: "amountCents", header: "Adjusted", align: "right", cell: (row) => formatCents(row.amountCents) },
          { key: "payers", header: "Payers", align: "right", cell: (row) => formatCount(row.payers), isSecondary: true },
        ]}
        maxHeight={320}
        empty={null}
      />
    </Card>
  );
}

/** Add-on codes apart: the classic orphan add-on denials (CO-B15). */
export async function AddOnDenials({ context }: { context: TDashboardContext }) {
  const data = await loadDenials(context);
  const rows = data.byCode.filter((row) => row.isAddOn && row.lines > 0);

  return (
    <Card title="Add-on denials" description="Add-on codes only (an add-on needs its primary on the same claim)">
      <DataTable
        caption="Denials of add-on codes"
        testId="addon-denials"
        rows={rows}
        rowKey={(row) => row.code}
        columns={[
          { key: "code", header: "Code", isMono: true, cell: (row) => row.code },
          { key: "label", header: "Service", cell: (row) => codeLabel(row.code), isSecondary: true },
          { key: "lines", header: "Lines", align: "right", cell: (row) => formatCount(row.lines) },
          { key: "deniedLines", header: "Denied", align: "right", cell: (row) => formatCount(row.deniedLines) },
          { key: "lineRate", header: "Rate", align: "right", cell: (row) => formatPercent(row.lineRate) },
        ]}
        footer={{ code: "All", lines: formatCount(data.addOns.lines), deniedLines: formatCount(data.addOns.deniedLines), lineRate: formatPercent(data.addOns.lineRate) }}
        empty={<EmptyState variant="inline" title="No add-on lines for these filters." />}
      />
    </Card>
  );
}

/** Unit cuts (paid units below billed units) and recoupments (PLB take-backs), by payer. */
export async function UnitCutsAndRecoupments({ context }: { context: TDashboardContext }) {
  const data = await loadDenials(context);
  const cutsByPayer = new Map(data.unitCutFindings.map((row) => [row.payer, row]));
  const cutRows = data.byPayer
    .filter((row) => row.unitCutLines > 0 || cutsByPayer.has(row.payer))
    .map((row) => ({ payer: row.payer, lines: row.unitCutLines, units: row.unitCutUnits, valueCents: cutsByPayer.get(row.payer)?.valueCents ?? 0 }));

  return (
    <>
      <Card title="Unit cuts" description="Lines paid for fewer units than billed; value of the correctly coded ones">
        <DataTable
          caption="Unit cuts by payer"
          testId="unit-cuts"
          rows={cutRows}
          rowKey={(row) => row.payer}
          columns={[
            { key: "payer", header: "Payer", cell: (row) => row.payer || "No payer" },
            { key: "lines", header: "Lines", align: "right", cell: (row) => formatCount(row.lines) },
            { key: "units", header: "Units cut", align: "right", cell: (row) => formatCount(row.units) },
            { key: "valueCents", header: "Value", align: "right", cell: (row) => formatCents(row.valueCents) },
          ]}
          empty={<EmptyState variant="inline" title="No unit cuts for these filters." />}
        />
      </Card>
      <Card title="Recoupments" description="Provider-level take-backs (835 PLB) tied to a claim">
        <DataTable
          caption="Recoupments by payer"
          testId="recoupments"
          rows={data.recoupments}
          rowKey={(row) => row.payer}
          columns={[
            { key: "payer", header: "Payer", cell: (row) => row.payer || "No payer" },
            { key: "findings", header: "Take-backs", align: "right", cell: (row) => formatCount(row.findings) },
            { key: "valueCents", header: "Amount", align: "right", cell: (row) => formatCents(row.valueCents) },
          ]}
          empty={<EmptyState variant="inline" title="No recoupments for these filters.">Recoupments come from 835 remittance files (PLB segments).</EmptyState>}
        />
      </Card>
    </>
  );
}
