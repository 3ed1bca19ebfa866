import type { Metadata } from "next";
import Link from "next/link";
import { Card, DataTable, DemoBadge, EmptyState, type DataTableColumn } from "@/components/ui";
import { requirePageAccess } from "@/lib/auth/access";
import { auditQueryString, describeAuditSubject, formatAuditTime, parseAuditQuery, toAuditFilter } from "@/lib/audit/audit-query";
import { getDb } from "@/lib/db";
import { listAuditEvents, listAuditFilterChoices, type TAuditEventRow } from "@/lib/db/audit-events";
import { formatCount } from "@/lib/format";
import "@/components/settings/settings.css";
import "./audit.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit" };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return "";

  return typeof detail === "string" ? detail : JSON.stringify(detail);
}

/**
 * Settings → Audit (owners): the practice's audit trail — its events and the sign-ins of its
 * members — newest first, filtered by user, action and days in the practice's time zone, with a
 * CSV download of everything the filter matches.
 */
export default async function AuditPage({ searchParams }: TProps) {
  const access = await requirePageAccess("audit.view");
  const current = access.organization;
  if (!current) {
    return (
      <>
        <h1>Audit</h1>
        <EmptyState title="No practice yet — add a practice first; its audit trail starts with it." action={<Link href="/imports" className="button">Go to imports</Link>} />
      </>
    );
  }
  const { db } = getDb();
  const query = parseAuditQuery(await searchParams);
  const timeZone = current.timeZone;
  const [page, choices] = await Promise.all([
    listAuditEvents(db, { ...toAuditFilter(query, current.id, timeZone), page: query.page }),
    listAuditFilterChoices(db, current.id),
  ]);
  const isFiltered = Boolean(query.userId || query.action || query.from || query.to);
  const pageHref = (number: number) => `/settings/audit${auditQueryString({ ...query, page: number }, { withPage: true })}`;
  const first = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const last = (page.page - 1) * page.pageSize + page.rows.length;

  const columns: DataTableColumn<TAuditEventRow>[] = [
    { key: "time", header: `Time (${timeZone})`, cell: (row) => <time dateTime={row.createdAt.toISOString()}>{formatAuditTime(row.createdAt, timeZone)}</time>, isMono: true },
    { key: "user", header: "User", cell: (row) => row.actorEmail ?? <span className="muted">—</span> },
    { key: "address", header: "Address", cell: (row) => row.address ?? <span className="muted">unknown</span>, isMono: true, isSecondary: true },
    { key: "action", header: "Action", cell: (row) => row.action, isMono: true },
    { key: "subject", header: "Subject", cell: (row) => describeAuditSubject(row) || <span className="muted">—</span>, isMono: true },
    { key: "detail", header: "Detail", cell: (row) => <code className="audit-detail">{detailText(row.detail)}</code>, isSecondary: true },
  ];

  return (
    <>
      <div className="page-header">
        <h1>Audit</h1>
        <div className="page-header-meta">
          <span>{current.name}</span>
          {current.isDemo ? <DemoBadge /> : null}
        </div>
      </div>
      <p className="page-intro">
        Every sign-in, change, import, export and encounter view in this practice, with who did it and from which address. The trail cannot be edited or deleted, also not with the practice.
      </p>

      <Card title="Events" description={`${formatCount(page.total)} ${page.total === 1 ? "event" : "events"}${isFiltered ? " match the filter" : ""} · times in ${timeZone}`}>
        <form method="get" action="/settings/audit" className="filter-bar" aria-label="Filter the audit trail">
          <label className="filter-field">
            User
            <select name="user" defaultValue={query.userId ?? ""}>
              <option value="">Everyone</option>
              {choices.users.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.email}
                </option>
              ))}
            </select>
          </label>
          <label className="filter-field">
            Action
            <select name="action" defaultValue={query.action ?? ""}>
              <option value="">All actions</option>
              {choices.actions.map((action) => (
                <option key={action} value={action}>
                  {action}
                </option>
              ))}
            </select>
          </label>
          <label className="filter-field">
            From
            <input type="date" name="from" defaultValue={query.from ?? ""} />
          </label>
          <label className="filter-field">
            To
            <input type="date" name="to" defaultValue={query.to ?? ""} />
          </label>
          <button type="submit" className="button button-small">
            Filter
          </button>
          {isFiltered ? (
            <Link href="/settings/audit" className="button button-small">
              Clear
            </Link>
          ) : null}
          <a href={`/api/audit/export${auditQueryString(query)}`} className="button button-small" download>
            Download CSV
          </a>
        </form>

        <DataTable
          columns={columns}
          rows={page.rows}
          rowKey={(row) => String(row.id)}
          caption="Audit events, newest first"
          testId="audit-table"
          empty={<EmptyState title={isFiltered ? "No event matches the filter — widen the dates or clear the filter." : "No events yet."} />}
        />

        {page.total > 0 ? (
          <nav className="pager" aria-label="Audit pages">
            <span className="muted">
              {formatCount(first)}–{formatCount(last)} of {formatCount(page.total)} · page {formatCount(page.page)} of {formatCount(page.pageCount)}
            </span>
            {page.page > 1 ? (
              <Link className="button button-small" href={pageHref(page.page - 1)} rel="prev">
                Previous
              </Link>
            ) : null}
            {page.page < page.pageCount ? (
              <Link className="button button-small" href={pageHref(page.page + 1)} rel="next">
                Next
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </>
  );
}
