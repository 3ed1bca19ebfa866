import type { Metadata } from "next";
import Link from "next/link";
import { findingKindLabel } from "@/components/findings/finding-labels";
import { DataTable, EmptyState } from "@/components/ui";
import { requirePageAccess } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { listRecoveredWork, type TRecoveredWork } from "@/lib/db/findings";
import { formatCents, formatCount, formatDate } from "@/lib/format";
import { FINDING_STATUS_LABELS } from "@/lib/worklist/finding-workflow";
import "@/components/findings/findings.css";
import "@/components/findings/work-bar.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Recovered" };

/**
 * What the worklist brought back (issue [11/12]): every finding recovered or partly recovered, with
 * the amount, the day paid and where it came from: the later remittance's claim, or a person who
 * recorded it. Those findings are gone from the analysis (the correction paid them), so the list
 * reads their work records.
 */
export default async function RecoveredPage() {
  const access = await requirePageAccess("findings.view");
  const organization = access.organization;
  if (!organization) {
    return (
      <>
        <h1>Recovered</h1>
        <EmptyState title="You are not a member of any practice yet">
          <p>Ask an owner of your practice to add you in Settings → Users, then reload this page.</p>
        </EmptyState>
      </>
    );
  }
  const { rows, total, totalCents } = await listRecoveredWork(getDb().db, organization.id);

  return (
    <>
      <div className="page-header">
        <h1>Recovered</h1>
        <div className="page-header-meta">
          <span>{organization.name}</span>
        </div>
      </div>
      <p className="page-intro">
        Findings the practice was paid for after correcting or appealing them: read from later remittances by themselves, or recorded by hand.
      </p>
      <div className="findings-toolbar">
        <nav className="view-toggle" aria-label="Worklist view">
          <Link href="/findings">All findings</Link>
          <Link href="/findings?view=rebill">Rebill candidates</Link>
          <Link href="/findings/recovered" aria-current="page">
            Recovered
          </Link>
        </nav>
      </div>
      <p className="findings-summary recovered-total" data-testid="recovered-total">
        {formatCents(totalCents)} recovered on {formatCount(total)} {total === 1 ? "finding" : "findings"}
        {total > rows.length ? ` (the newest ${formatCount(rows.length)} are listed)` : ""}
      </p>
      <section className="panel findings-table-panel" aria-label="Recovered findings">
        <DataTable<TRecoveredWork>
          caption="Recovered findings"
          rows={rows}
          rowKey={(row) => String(row.workId)}
          testId="recovered-table"
          empty={<EmptyState variant="inline" title="Nothing recovered yet — mark findings rebilled or appealed, then import the payer's remittance." />}
          columns={[
            { key: "date", header: "Paid", cell: (row) => <span className="nowrap">{row.recoveredOn ? formatDate(row.recoveredOn) : "—"}</span> },
            {
              key: "encounter",
              header: "Encounter",
              cell: (row) =>
                row.encounterId !== null ? (
                  <Link href={`/encounters/${row.encounterId}`} className="mono">
                    {row.externalEncounterId}
                  </Link>
                ) : (
                  <span className="mono">{row.externalEncounterId}</span>
                ),
            },
            { key: "kind", header: "Finding", cell: (row) => findingKindLabel(row.kind) },
            { key: "code", header: "Code", isMono: true, cell: (row) => row.code || "—" },
            {
              key: "status",
              header: "Status",
              cell: (row) => (
                <span className="finding-status" data-status={row.status}>
                  {FINDING_STATUS_LABELS[row.status]}
                </span>
              ),
            },
            { key: "amount", header: "Recovered", align: "right", cell: (row) => <span className="recovered-amount">{formatCents(row.recoveredCents)}</span> },
            {
              key: "source",
              header: "From",
              cell: (row) => (row.recoverySource === "remittance" ? `Remittance, claim ${row.recoveryClaimId ?? "—"}` : "Recorded by hand"),
            },
          ]}
        />
      </section>
    </>
  );
}
