import { buildPracticeReportAction, openPracticeAction } from "@/app/practices/actions";
import { formatImportTime } from "@/components/imports/format-import-time";
import { CauseBadge } from "@/components/ui/cause-badge";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { DemoBadge } from "@/components/ui/demo-badge";
import { ROLE_LABELS } from "@/components/users/role-labels";
import { can } from "@/lib/auth/permissions";
import type { TPortfolioRow } from "@/lib/db/portfolio";
import { formatDate, formatDateRange, formatDollars, formatHours, formatPercent } from "@/lib/format";
import { portfolioSortHref, type TPortfolioSort } from "./portfolio-sort";
import { Sparkline } from "./sparkline";
import "./portfolio.css";

const ANALYSIS_NOTES: Partial<Record<TPortfolioRow["analysisStatus"], string>> = {
  pending: "numbers being recomputed",
  running: "numbers being recomputed",
  failed: "last analysis failed — see its overview",
};

/** The calendar date ('YYYY-MM-DD') of an instant in the practice's time zone. */
function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

function PracticeCell({ row }: { row: TPortfolioRow }) {
  const note = ANALYSIS_NOTES[row.analysisStatus];

  return (
    <div className="portfolio-practice">
      <form action={openPracticeAction}>
        <input type="hidden" name="organizationId" value={row.id} />
        <button type="submit" className="link-button portfolio-open" title={`Open the overview of ${row.name}`}>
          {row.name}
        </button>
      </form>
      {row.isDemo ? <DemoBadge /> : null}
      <span className="muted portfolio-note" data-testid="portfolio-role">
        {ROLE_LABELS[row.role]}
        {note ? ` · ${note}` : null}
      </span>
    </div>
  );
}

function LastImport({ row }: { row: TPortfolioRow }) {
  if (!row.lastImport) return <span className="muted">No import yet</span>;

  return (
    <span title={formatImportTime(row.lastImport.finishedAt.toISOString(), row.timeZone)}>
      <span className="nowrap">{formatDate(localDate(row.lastImport.finishedAt, row.timeZone))}</span>
      <br />
      <span className="mono portfolio-file" title={row.lastImport.fileName}>
        {row.lastImport.fileName}
      </span>
    </span>
  );
}

function ReportButton({ row }: { row: TPortfolioRow }) {
  if (!can(row.role, "reports.export")) return null;

  return (
    <form action={buildPracticeReportAction} className="portfolio-report">
      <input type="hidden" name="organizationId" value={row.id} />
      <button type="submit" className="button button-small" aria-label={`Build report of ${row.name}`}>
        Build report
      </button>
    </form>
  );
}

/**
 * The consultant's working list: one row per practice with the overview's own figures, numbers
 * right-aligned, a 13-week sparkline and the largest cause as its badge. Headers sort on the server
 * (links); the name opens the practice's overview; "Build report" shows only where the role may export.
 */
export function PortfolioTable({ rows, sort }: { rows: readonly TPortfolioRow[]; sort: TPortfolioSort }) {
  const columns: DataTableColumn<TPortfolioRow>[] = [
    { key: "name", header: "Practice", sortHref: portfolioSortHref(sort, "name"), cell: (row) => <PracticeCell row={row} /> },
    {
      key: "annualized",
      header: "Annualized leakage",
      align: "right",
      sortHref: portfolioSortHref(sort, "annualized"),
      cell: (row) => <span data-testid="portfolio-annualized">{formatDollars(row.figures.annualizedLeakageCents)}</span>,
    },
    {
      key: "weekly",
      header: "Weekly leakage",
      align: "right",
      sortHref: portfolioSortHref(sort, "weekly"),
      cell: (row) => <span data-testid="portfolio-weekly">{formatDollars(row.figures.weeklyLeakageCents)}</span>,
    },
    {
      key: "hours",
      header: <span title="Lost add-on hours per week">Lost add-on hours / wk</span>,
      align: "right",
      sortHref: portfolioSortHref(sort, "hours"),
      cell: (row) => <span data-testid="portfolio-hours">{formatHours(row.figures.lostAddOnHoursPerWeek)}</span>,
    },
    {
      key: "cause",
      header: "Largest cause",
      cell: (row) =>
        row.figures.largestCause ? (
          <span title={formatDollars(row.figures.largestCauseCents)}>
            <CauseBadge cause={row.figures.largestCause} variant="long" />
          </span>
        ) : (
          <span className="muted">None</span>
        ),
    },
    {
      key: "denials",
      header: "Denial rate",
      align: "right",
      sortHref: portfolioSortHref(sort, "denials"),
      cell: (row) => <span data-testid="portfolio-denial-rate">{formatPercent(row.figures.denialRate)}</span>,
    },
    { key: "trend", header: "Last 13 weeks", cell: (row) => <Sparkline weeks={row.figures.recentWeeks} /> },
    {
      key: "coverage",
      header: "Data coverage",
      isSecondary: true,
      cell: (row) =>
        row.figures.coverage ? (
          <span data-testid="portfolio-coverage">
            {formatDateRange(row.figures.coverage.from, row.figures.coverage.to)}
          </span>
        ) : (
          <span className="muted">No encounters yet</span>
        ),
    },
    { key: "imported", header: "Last import", isSecondary: true, sortHref: portfolioSortHref(sort, "imported"), cell: (row) => <LastImport row={row} /> },
    { key: "report", header: <span className="visually-hidden">Report</span>, cell: (row) => <ReportButton row={row} /> },
  ];

  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(row) => row.id}
      caption="Your practices with their leakage, denial rate, data coverage and last import"
      sort={{ key: sort.key, direction: sort.direction }}
      testId="portfolio-table"
    />
  );
}
