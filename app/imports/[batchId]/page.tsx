import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDuration, formatImportTime } from "@/components/imports/format-import-time";
import { ImportErrorsTable } from "@/components/imports/import-errors-table";
import { IMPORT_ERRORS_PAGE_SIZE, pageCount, parseImportErrorQuery } from "@/components/imports/import-error-query";
import { importKindLabel, importStatusBadge } from "@/components/imports/import-labels";
import { formatBytes } from "@/components/imports/import-progress";
import { requirePageAccess } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { countImportBatchRecords, getDb } from "@/lib/db";
import { getImportBatch, listImportErrors } from "@/lib/db/import";
import { getImportJobs } from "@/lib/import/import-jobs";

export const dynamic = "force-dynamic";

type TProps = {
  params: Promise<{ batchId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Batch ids are positive integers; anything else is a 404 (never a database query). */
function parseBatchId(raw: string): number | null {
  if (!/^[1-9]\d{0,15}$/.test(raw)) return null;
  const id = Number(raw);

  return Number.isSafeInteger(id) ? id : null;
}

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { batchId } = await params;

  return { title: `Import ${batchId}` };
}

const countFormat = new Intl.NumberFormat("en-US");

export default async function ImportResultPage({ params, searchParams }: TProps) {
  const access = await requirePageAccess("imports.view");
  const [{ batchId: rawId }, rawQuery] = await Promise.all([params, searchParams]);
  const batchId = parseBatchId(rawId);
  if (batchId === null) notFound();
  const organization = access.organization;
  if (!organization) notFound();
  const mayDownload = can(organization.role, "imports.export");
  const batch = await getImportBatch(organization.id, batchId);
  if (!batch) notFound();

  const query = parseImportErrorQuery(rawQuery);
  const fetchPage = (page: number) =>
    listImportErrors(organization.id, batch.id, {
      ...(query.code ? { code: query.code } : {}),
      ...(query.column ? { column: query.column } : {}),
      offset: (page - 1) * IMPORT_ERRORS_PAGE_SIZE,
      limit: IMPORT_ERRORS_PAGE_SIZE,
    });
  let errors = await fetchPage(query.page);
  // A page past the end (an old bookmark) shows the last page instead of an empty table.
  if (errors.rows.length === 0 && errors.total > 0) {
    query.page = pageCount(errors.total);
    errors = await fetchPage(query.page);
  }
  const badge = importStatusBadge(batch.status);
  const duration = batch.startedAt && batch.finishedAt ? formatDuration(batch.finishedAt.getTime() - batch.startedAt.getTime()) : null;
  // Exact counts from this session's job while it is remembered (an hour); else what is in the
  // database now (a later import may have superseded some of it; superseded is then unknown).
  const remembered = getImportJobs().findOutcomeByBatch(organization.id, batch.id);
  const records = remembered?.counts ?? (await countImportBatchRecords(getDb().db, organization.id, batch.id));
  const counts: { label: string; value: number | null; tone?: "bad" | "warn"; hint?: string }[] = [
    { label: "Rows read", value: batch.rowsTotal },
    { label: "Imported", value: batch.rowsImported },
    { label: "Rows with errors", value: batch.rowsFailed, ...(batch.rowsFailed ? { tone: "bad" as const } : {}) },
    { label: "Warnings", value: batch.warningsCount, ...(batch.warningsCount ? { tone: "warn" as const } : {}) },
  ];
  const recordCounts: { label: string; value: number | null; hint?: string }[] = [
    { label: "Encounters", value: records.encounters },
    { label: "Administrations", value: records.administrations },
    { label: "Claim lines", value: records.claimLines },
    { label: "Coded lines", value: records.codedLines },
    {
      label: "Superseded",
      value: remembered ? remembered.counts.superseded : null,
      hint: "Earlier records this file replaced (same encounters or claim versions).",
    },
  ];

  return (
    <>
      <p className="breadcrumb">
        <Link href="/imports">Imports</Link> <span aria-hidden="true">/</span> <span className="muted">Import {batch.id}</span>
      </p>
      <div className="result-title">
        <h1 className="mono result-file">{batch.fileName}</h1>
        <span className={`badge ${badge.className}`}>{badge.label}</span>
      </div>
      <p className="page-intro">
        {importKindLabel(batch.kind)}
        {batch.sourceName ? <> from {batch.sourceName}</> : null} · {formatBytes(batch.bytesTotal)} · imported {formatImportTime(batch.createdAt.toISOString(), organization.timeZone)}
        {duration ? <> · took {duration}</> : null} · {organization.name}
      </p>
      {batch.status === "failed" && batch.failureMessage ? (
        <div className="panel error-state result-failure" role="alert">
          <p>
            <strong>This import failed and nothing from it was saved.</strong>
          </p>
          <p>{batch.failureMessage.replace(/\s*\(use --map [^)]*\)/, "")}</p>
          {/missing required column/i.test(batch.failureMessage) ? (
            <p className="muted">
              Upload the file again on the <Link href="/imports">imports page</Link> and match its columns when asked; the match is remembered
              for its source system.
            </p>
          ) : null}
        </div>
      ) : null}
      {batch.status === "running" || batch.status === "pending" ? (
        <div className="panel result-failure">
          <p>This import is still running — reload the page in a moment for its counts.</p>
        </div>
      ) : null}
      <dl className="kpi-row" aria-label="Counts">
        {counts.map((count) => (
          <div key={count.label} className={`kpi${count.tone ? ` kpi-${count.tone}` : ""}`}>
            <dt>{count.label}</dt>
            <dd className="num">{count.value === null ? "—" : countFormat.format(count.value)}</dd>
          </div>
        ))}
      </dl>
      <dl className="kpi-row kpi-row-small" aria-label="Records">
        {recordCounts.map((count) => (
          <div key={count.label} className="kpi" title={count.hint}>
            <dt>{count.label}</dt>
            <dd className="num">{count.value === null ? <span className="muted" title="Known only right after the import">—</span> : countFormat.format(count.value)}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="errors-heading" className="result-errors">
        <div className="section-head">
          <h2 id="errors-heading">Row errors and warnings</h2>
          {mayDownload && (errors.total > 0 || query.code || query.column) ? (
            <a className="button" href={`/api/imports/${batch.id}/errors.csv`} download>
              Download all as CSV
            </a>
          ) : null}
        </div>
        <ImportErrorsTable batchId={batch.id} batchStatus={batch.status} query={query} total={errors.total} rows={errors.rows} />
      </section>
    </>
  );
}
