import Link from "next/link";
import { CauseBadge, DataTable, type DataTableColumn } from "@/components/ui";
import { codeLabel } from "@/components/encounter/code-label";
import { isCause } from "@/lib/dashboard/causes";
import type { TFindingRow, TFindingWorkSummary } from "@/lib/db/findings";
import { OPTIONAL_FINDING_COLUMNS, type TFindingListQuery, type TFindingSortKey } from "@/lib/db/findings/finding-list-query";
import { formatDate } from "@/lib/format";
import { FINDING_STATUS_LABELS } from "@/lib/worklist/finding-workflow";
import type { TPatientLabel } from "@/lib/security/patient-labels";
import { findingKindLabel } from "./finding-labels";
import { FindingValue, ValueSource } from "./finding-value";
import { sortHref } from "./worklist-links";
import { WORKLIST_FORM_ID } from "./worklist-form-id";

/** How the Patient column reads: its heading and each row's MRN or patient key (lib/security/patient-labels). */
export type TPatientColumn = { header: string; label: (row: TFindingRow) => TPatientLabel | null };

/** Whether the table shows a column: the always-shown ones, and the optional ones the query's `columns` lists (all when it has none). */
function isShown(query: TFindingListQuery, key: string): boolean {
  if (!query.columns || !(OPTIONAL_FINDING_COLUMNS as readonly string[]).includes(key)) return true;

  return (query.columns as readonly string[]).includes(key);
}

/**
 * The worklist table: every row links to its encounter; sortable headers are server-side links.
 * The optional columns (patient, source, payer, status) follow the query's `columns`.
 */
export function FindingsTable({
  rows,
  query,
  patients,
  work,
  selectable = false,
}: {
  rows: TFindingRow[];
  query: TFindingListQuery;
  patients: TPatientColumn;
  /** Each row's workflow status, assignee and due date (lib/db/findings readFindingWork). */
  work: ReadonlyMap<number, TFindingWorkSummary>;
  /** Rows carry a checkbox of the bulk bar's form (WorklistWorkBar), for people who may work findings. */
  selectable?: boolean;
}) {
  const sortable = (key: TFindingSortKey) => sortHref(query, key);
  const encounterCell = (row: TFindingRow) =>
    row.encounterId !== null ? (
      <Link href={`/encounters/${row.encounterId}`} className="mono" title="Open the encounter timeline">
        {row.encounterLabel ?? `#${row.encounterId}`}
      </Link>
    ) : (
      <span className="muted">—</span>
    );

  const selectColumn: DataTableColumn<TFindingRow> = {
    key: "select",
    header: <span className="visually-hidden">Select</span>,
    cell: (row) => (
      <input
        type="checkbox"
        name="findingId"
        value={row.id}
        form={WORKLIST_FORM_ID}
        aria-label={`Select the ${findingKindLabel(row.kind).toLowerCase()} finding of ${formatDate(row.dateOfService)}${row.code ? `, code ${row.code}` : ""}`}
        data-testid="finding-select"
      />
    ),
  };
  const allColumns: DataTableColumn<TFindingRow>[] = [
    ...(selectable ? [selectColumn] : []),
    { key: "date", header: "Date", sortHref: sortable("date"), cell: (row) => <span className="nowrap">{formatDate(row.dateOfService)}</span> },
    { key: "encounter", header: "Encounter", cell: encounterCell },
    {
      key: "patient",
      header: patients.header,
      isSecondary: true,
      cell: (row) => {
        const label = patients.label(row);
        return label?.kind === "key" ? (
          <span className="patient-label mono" title="Patient key (pseudonymous)">
            {label.text}
          </span>
        ) : (
          <span className="patient-label">{label?.text ?? "—"}</span>
        );
      },
    },
    { key: "kind", header: "Kind", sortHref: sortable("kind"), cell: (row) => findingKindLabel(row.kind) },
    {
      key: "cause",
      header: "Cause",
      sortHref: sortable("cause"),
      cell: (row) => (isCause(row.cause) ? <CauseBadge cause={row.cause} /> : row.cause),
    },
    {
      key: "code",
      header: "Code",
      isMono: true,
      cell: (row) => (row.code ? <span title={codeLabel(row.code)}>{row.code}</span> : "—"),
    },
    { key: "units", header: "Units", align: "right", cell: (row) => row.units },
    {
      key: "value",
      header: "Value",
      align: "right",
      sortHref: sortable("value"),
      cell: (row) => <FindingValue valueCents={row.valueCents} isEstimate={row.isEstimate} />,
    },
    {
      key: "status",
      header: "Status",
      cell: (row) => {
        const summary = work.get(row.id);
        if (!summary) return <span className="muted">—</span>;
        const due = summary.dueDate ? `due ${formatDate(summary.dueDate)}` : null;
        return (
          <span className="finding-status" data-status={summary.status} data-testid="finding-status" title={[summary.assigneeEmail ? `Assigned to ${summary.assigneeEmail}` : "Unassigned", due].filter(Boolean).join(" · ")}>
            {FINDING_STATUS_LABELS[summary.status]}
            {summary.assigneeEmail ? <span className="muted"> · {summary.assigneeEmail.split("@")[0]}</span> : null}
          </span>
        );
      },
    },
    { key: "source", header: "Source", cell: (row) => <ValueSource source={row.valueSource} /> },
    { key: "payer", header: "Payer", isSecondary: true, sortHref: sortable("payer"), cell: (row) => row.payer ?? "—" },
  ];
  const columns = allColumns.filter((column) => isShown(query, column.key));

  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(row) => String(row.id)}
      caption="Findings"
      sort={{ key: query.sort, direction: query.direction }}
      testId="findings-table"
    />
  );
}
