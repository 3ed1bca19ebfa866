import type { Metadata } from "next";
import Link from "next/link";
import { AnalysisStatusNotice } from "@/components/settings/analysis-status-notice";
import { ColumnsForm, optionalColumnLabels } from "@/components/findings/columns-form";
import { FindingsFilterForm } from "@/components/findings/findings-filter-form";
import { FindingsTable } from "@/components/findings/findings-table";
import { RebillTable, toRebillSort } from "@/components/findings/rebill-table";
import { SavedViewsBar } from "@/components/findings/saved-views-bar";
import { todayInTimeZone } from "@/components/findings/today-in-time-zone";
import { WorklistChips } from "@/components/findings/worklist-chips";
import { WorklistWorkBar } from "@/components/findings/worklist-work-bar";
import { exportHref, findingsHref, savedViewHref, viewHref, worklistExtras } from "@/components/findings/worklist-links";
import { DemoBadge, EmptyState, FilterChips } from "@/components/ui";
import type { WeekStartsOn } from "@/lib/analysis/week-bucket";
import { canCreatePractice, requirePageAccess } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { findRebillCandidates } from "@/lib/db/analysis/rebill";
import {
  countFindings,
  findFindingsPage,
  listPracticeMembers,
  listSavedViews,
  OPTIONAL_FINDING_COLUMNS,
  parseFindingListQuery,
  SAVED_VIEW_NAME_MAX,
  toFindingSearchString,
  readFindingWork,
  readWorkloadByAssignee,
  type TAssigneeWorkload,
  type TFindingListQuery,
  type TSavedView,
} from "@/lib/db/findings";
import { getOrganizationSettings } from "@/lib/db/settings";
import { formatCount, formatDollars } from "@/lib/format";
import { createPatientLabeler, patientColumnHeader } from "@/lib/security/patient-labels";
import "@/components/findings/findings.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Findings" };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FindingsPage({ searchParams }: TProps) {
  const access = await requirePageAccess("findings.view");
  const current = access.organization;
  if (!current) {
    const canAddPractice = await canCreatePractice(access);
    return (
      <>
        <h1>Findings</h1>
        <EmptyState
          title={canAddPractice ? "No practice yet — import sessions and claims first." : "You are not a member of any practice yet"}
          action={canAddPractice ? <Link href="/imports" className="button">Go to imports</Link> : undefined}
        >
          <p>
            {canAddPractice
              ? "Findings are the differences between what should have been billed and what was. They appear once sessions and claims are imported."
              : "Ask an owner of your practice to add you in Settings → Users, then reload this page."}
          </p>
        </EmptyState>
      </>
    );
  }
  const mayExport = access.role !== null && can(access.role, "findings.export");
  const mayImport = access.role !== null && can(access.role, "imports.view");
  const mayWork = access.role !== null && can(access.role, "findings.work");
  const { db } = getDb();
  const organization = await getOrganizationSettings(db, current.id);
  if (!organization) throw new Error("The current practice was not found.");
  const weekStartsOn = organization.weekStartsOn as WeekStartsOn;
  const query = parseFindingListQuery(await searchParams, weekStartsOn);
  const today = todayInTimeZone(organization.timeZone);
  const isRebill = Boolean(query.filters.rebill);

  const [list, workload, members, savedViews] = await Promise.all([
    isRebill ? loadRebillPage(organization.id, organization.analysisVersion, query, today) : loadFindingsPage(organization.id, organization.analysisVersion, query),
    readWorkloadByAssignee(db, organization.id),
    mayWork && !isRebill ? listPracticeMembers(db, organization.id) : Promise.resolve([]),
    isRebill ? Promise.resolve([]) : listSavedViews(db, organization.id, access.user.id),
  ]);
  const allHref = findingsHref({ filters: { ...query.filters, rebill: false } });
  const rebillHref = findingsHref({ filters: { ...(query.filters.payer ? { payer: query.filters.payer } : {}), rebill: true } });
  const hasFilters = isRebill ? Boolean(query.filters.payer) : Object.keys(query.filters).length > 0;
  const isEmpty = list.kind === "rebill" ? list.candidates.length === 0 : list.page.rows.length === 0;
  const patientHeader = patientColumnHeader(current.role);

  return (
    <>
      <div className="page-header">
        <h1>{isRebill ? "Rebill candidates" : "Findings"}</h1>
        <div className="page-header-meta">
          <span>{organization.name}</span>
          {organization.isDemo ? <DemoBadge /> : null}
        </div>
      </div>
      <p className="page-intro">
        {isRebill
          ? "Claims you can still correct and resend: coding findings on claims inside the payer's timely-filing window, soonest deadline first, with the corrected line set to bill."
          : "Every difference between what should have been billed and what was, with its cause and value. Open a row to see the encounter's timeline."}
      </p>
      <AnalysisStatusNotice organizationId={organization.id} initialStatus={organization.analysis.status} />

      <div className="findings-toolbar">
        <nav className="view-toggle" aria-label="Worklist view">
          <Link href={allHref} aria-current={isRebill ? undefined : "page"}>
            All findings
          </Link>
          <Link href={rebillHref} aria-current={isRebill ? "page" : undefined}>
            Rebill candidates
          </Link>
          <Link href="/findings/recovered">Recovered</Link>
        </nav>
        {mayExport ? (
          <a className="button" href={exportHref(query)} download data-testid="export-csv">
            Export CSV
          </a>
        ) : null}
      </div>
      <FindingsFilterForm query={query} />
      <WorkloadLine workload={workload} />
      <div style={{ marginTop: "var(--space-3)" }}>
        <FilterChips filters={query.filters} basePath="/findings" keep={worklistExtras(query)} />
        <WorklistChips query={query} />
      </div>
      {isRebill ? null : (
        <div className="worklist-views">
          <SavedViewsBar
            views={toSavedViewLinks(savedViews, query, weekStartsOn)}
            current={{ query: toFindingSearchString({ filters: query.filters, sort: query.sort, direction: query.direction }), columns: query.columns ?? OPTIONAL_FINDING_COLUMNS }}
            nameMax={SAVED_VIEW_NAME_MAX}
          />
          <ColumnsForm query={query} labels={optionalColumnLabels(patientHeader)} />
        </div>
      )}

      {isEmpty ? (
        <EmptyState
          title={
            hasFilters || query.after || query.before || query.page
              ? "No findings match these filters."
              : isRebill
                ? "No rebill candidates — nothing fixable is inside a filing window."
                : "No findings yet — import sessions and claims, then the analysis fills this list."
          }
          action={
            hasFilters ? (
              <Link href={isRebill ? "/findings?view=rebill" : findingsHref({ filters: {}, columns: query.columns })} className="button">
                Clear filters
              </Link>
            ) : mayImport ? (
              <Link href="/imports" className="button">
                Go to imports
              </Link>
            ) : undefined
          }
        >
          {hasFilters ? <p>Remove a filter above, or widen the date range.</p> : null}
        </EmptyState>
      ) : (
        <section className="panel findings-table-panel" aria-label={isRebill ? "Rebill candidates" : "Findings list"}>
          {list.kind === "rebill" ? (
            <RebillTable candidates={list.candidates} query={query} />
          ) : (
            <>
              {mayWork ? (
                <WorklistWorkBar members={members.filter((member) => can(member.role, "findings.work")).map((member) => ({ userId: member.userId, email: member.email }))} />
              ) : null}
              <FindingsTable
                rows={list.page.rows}
                query={query}
                patients={{ header: patientHeader, label: createPatientLabeler(current.id, current.role) }}
                work={list.work}
                selectable={mayWork}
              />
            </>
          )}
          <nav className="pager" aria-label="Pages">
            <span className="findings-summary" data-testid="findings-count">
              {list.kind === "rebill"
                ? `${formatCount(list.firstIndex + 1)}–${formatCount(list.firstIndex + list.candidates.length)} of ${formatCount(list.total)} rebill candidates`
                : `${formatCount(list.page.rows.length)} shown of ${formatCount(list.total.count)}${list.total.capped ? "+" : ""} findings · ${formatDollars(list.total.valueCents)}${list.total.capped ? ` in the newest ${formatCount(list.total.count)}` : ""}`}
            </span>
            <span className="pager-links">
              <PagerLink href={list.firstHref} label="First" />
              <PagerLink href={list.previousHref} label="← Previous" rel="prev" />
              <PagerLink href={list.nextHref} label="Next →" rel="next" />
            </span>
          </nav>
        </section>
      )}
    </>
  );
}

/** The person's saved views as links; the one whose filters, sort and columns this page shows is current. */
function toSavedViewLinks(views: readonly TSavedView[], query: TFindingListQuery, weekStartsOn: WeekStartsOn) {
  const currentHref = viewHref(query);

  return views.map((view) => {
    const href = savedViewHref(view, weekStartsOn);
    return { id: view.id, name: view.name, href, isCurrent: href === currentHref };
  });
}

/** Per-assignee counts of findings being worked (their work is not closed). */
function WorkloadLine({ workload }: { workload: readonly TAssigneeWorkload[] }) {
  if (workload.length === 0) return null;
  return (
    <p className="workload-line" data-testid="workload">
      Being worked:{" "}
      {workload.map((entry, index) => (
        <span key={entry.assigneeUserId ?? "unassigned"}>
          {index > 0 ? " · " : null}
          {entry.assigneeEmail ?? "unassigned"} <strong>{formatCount(entry.findings)}</strong>
        </span>
      ))}
    </p>
  );
}

function PagerLink({ href, label, rel }: { href: string | null; label: string; rel?: string }) {
  return (
    <Link
      className="button button-small"
      href={href ?? "#"}
      aria-disabled={href ? undefined : "true"}
      tabIndex={href ? undefined : -1}
      {...(rel ? { rel } : {})}
    >
      {label}
    </Link>
  );
}

/**
 * A page of findings and how many match, counted up to a cap ("10,000+"): a count of every match
 * (or a sum over the finding rollups) reads most of a large organization's index on every first
 * view after a recompute; a capped count stops at the cap.
 */
async function loadFindingsPage(organizationId: string, analysisVersion: number, query: TFindingListQuery) {
  const { db } = getDb();
  const [page, total] = await Promise.all([findFindingsPage(db, organizationId, analysisVersion, query), countFindings(db, organizationId, analysisVersion, query)]);
  const work = await readFindingWork(db, organizationId, analysisVersion, page.rows.map((row) => row.id));
  const isFirst = !page.previousCursor;

  return {
    kind: "findings" as const,
    page,
    total,
    work,
    firstHref: isFirst ? null : findingsHref({ ...query, after: undefined, before: undefined }),
    previousHref: page.previousCursor ? findingsHref({ ...query, after: undefined, before: page.previousCursor }) : null,
    nextHref: page.nextCursor ? findingsHref({ ...query, before: undefined, after: page.nextCursor }) : null,
  };
}

async function loadRebillPage(organizationId: string, analysisVersion: number, query: TFindingListQuery, today: string) {
  const { db, target } = getDb();
  const pageNumber = query.page ?? 1;
  const offset = (pageNumber - 1) * query.limit;
  const result = await findRebillCandidates(
    db,
    organizationId,
    analysisVersion,
    {
      asOf: today,
      ...(query.filters.payer ? { payer: query.filters.payer } : {}),
      offset,
      limit: query.limit,
      sort: toRebillSort(query.sort),
    },
    target.provider === "sqlite" ? { sqlite: target } : {},
  );
  const hrefFor = (page: number) => findingsHref({ ...query, page });

  return {
    kind: "rebill" as const,
    candidates: result.candidates,
    total: result.total,
    firstIndex: offset,
    firstHref: pageNumber > 1 ? hrefFor(1) : null,
    previousHref: pageNumber > 1 ? hrefFor(pageNumber - 1) : null,
    nextHref: offset + result.candidates.length < result.total ? hrefFor(pageNumber + 1) : null,
  };
}
