import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { compareLines } from "@/components/encounter/compare-lines";
import { FindingWorkPanel, type TWorkMember, type TWorkPanelNote } from "@/components/encounter/finding-work-panel";
import { RecoveryLine, WorkStatusPill } from "@/components/encounter/finding-work-summary";
import { formatNoteTime } from "@/components/encounter/finding-work-text";
import { EncounterTimeline } from "@/components/encounter/encounter-timeline";
import { BilledList, CauseOrText, ShouldBillList } from "@/components/encounter/encounter-lines";
import { codeLabel } from "@/components/encounter/code-label";
import { findingKindLabel } from "@/components/findings/finding-labels";
import { FindingValue, ValueSource } from "@/components/findings/finding-value";
import { Card, DataTable, DemoBadge, EmptyState } from "@/components/ui";
import { requirePageAccess } from "@/lib/auth/access";
import { auditActor } from "@/lib/auth/audit-context";
import { can } from "@/lib/auth/permissions";
import { getDb, recordAuditEvent, type Db } from "@/lib/db";
import { getPublishedAnalysisVersion } from "@/lib/db/analysis/analysis-version";
import { getEncounterDetail, type TEncounterClaimLine, type TEncounterFinding } from "@/lib/db/encounters";
import { listPracticeMembers, readFindingNotes, readFindingWork, readVanishedFindingWork, type TFindingWorkSummary } from "@/lib/db/findings/finding-work";
import { formatCents, formatDate } from "@/lib/format";
import { loadPatientIdKeyFromEnv } from "@/lib/security/patient-id-seal";
import { createPatientLabeler } from "@/lib/security/patient-labels";
import { FINDING_STATUS_LABELS } from "@/lib/worklist/finding-workflow";
import "@/components/encounter/encounter.css";
import "@/components/encounter/finding-work.css";
import "@/components/findings/findings.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Encounter" };

type TProps = { params: Promise<{ id: string }> };

const ROUTE_LABELS: Record<string, string> = {
  iv_infusion: "IV infusion",
  iv_push: "IV push",
  subq_infusion: "SC infusion",
  injection: "Injection",
  intra_arterial: "Intra-arterial",
  other: "Other",
};

type TClaimSummary = { claimId: string; versions: number; status: string; payer: string; lines: number; billedCents: number; paidCents: number; paidDate: string | null };

function summarizeClaims(lines: readonly TEncounterClaimLine[]): TClaimSummary[] {
  const claims = new Map<string, TClaimSummary>();
  for (const line of lines) {
    const claim = claims.get(line.claimId) ?? { claimId: line.claimId, versions: 0, status: line.status, payer: line.payer, lines: 0, billedCents: 0, paidCents: 0, paidDate: null };
    claim.versions = Math.max(claim.versions, line.claimVersion);
    if (line.status !== "reversed") {
      claim.lines += line.code ? 1 : 0;
      claim.billedCents += line.billedCents;
      claim.paidCents += line.paidCents ?? 0;
      claim.status = line.status;
    }
    claim.paidDate = line.paidDate ?? claim.paidDate;
    claims.set(line.claimId, claim);
  }

  return [...claims.values()];
}

/**
 * The finding workflow's side of the page: each finding's work and opened notes, and the members
 * a finding may be assigned to (only for those who may work findings: viewers get no member list).
 */
async function loadFindingWork(db: Db, organization: { id: string; timeZone: string }, analysisVersion: number, findingIds: readonly number[], mayWork: boolean) {
  const work = await readFindingWork(db, organization.id, analysisVersion, findingIds);
  const withNotes = findingIds.filter((findingId) => (work.get(findingId)?.notes ?? 0) > 0);
  const notes = new Map<number, TWorkPanelNote[]>();
  if (withNotes.length > 0) {
    // The key is read only when there is sealed text to open.
    const sealKey = loadPatientIdKeyFromEnv();
    for (const findingId of withNotes) {
      const opened = await readFindingNotes(db, organization.id, analysisVersion, findingId, sealKey);
      notes.set(
        findingId,
        opened.map((note) => ({ id: note.id, authorEmail: note.authorEmail, writtenAt: note.createdAt.toISOString(), writtenAtLabel: formatNoteTime(note.createdAt, organization.timeZone), text: note.text })),
      );
    }
  }
  const members: TWorkMember[] = mayWork
    ? (await listPracticeMembers(db, organization.id)).filter((member) => can(member.role, "findings.work")).map((member) => ({ userId: member.userId, email: member.email, name: member.name }))
    : [];

  return { work, notes, members };
}

/** A finding with no work record yet is open, due at its filing deadline. */
function openWork(finding: TEncounterFinding): TFindingWorkSummary {
  return { status: "open", assigneeUserId: null, assigneeEmail: null, dueDate: finding.filingDeadline, notes: 0, recoveredCents: null, recoveredOn: null, recoverySource: null, recoveryClaimId: null };
}

const findingTitle = (finding: { kind: string; code: string | null }) => (finding.code ? `${findingKindLabel(finding.kind)} · ${finding.code}` : findingKindLabel(finding.kind));

export default async function EncounterPage({ params }: TProps) {
  const access = await requirePageAccess("encounter.view");
  const { id } = await params;
  const encounterId = Number(id);
  // Another practice's encounter is "not found" (never "forbidden"): ids must not tell what exists elsewhere.
  const organization = access.organization;
  if (!organization || !/^\d{1,12}$/.test(id)) notFound();
  const { db } = getDb();
  const analysisVersion = await getPublishedAnalysisVersion(db, organization.id);
  if (analysisVersion === null) notFound();
  const encounter = await getEncounterDetail(db, organization.id, analysisVersion, encounterId);
  if (!encounter) notFound();
  // This one event covers everything the page shows of the encounter, finding notes included.
  await recordAuditEvent(db, { ...(await auditActor(access)), organizationId: organization.id, action: "encounter.viewed", subjectType: "encounter", subjectId: String(encounter.id) });
  const mayWork = can(organization.role, "findings.work");
  const [findingWork, vanishedWork] = await Promise.all([
    loadFindingWork(db, organization, analysisVersion, encounter.findings.map((finding) => finding.id), mayWork),
    readVanishedFindingWork(db, organization.id, analysisVersion, encounter.externalEncounterId),
  ]);
  const workOf = (finding: TEncounterFinding) => findingWork.work.get(finding.id) ?? openWork(finding);

  const marks = compareLines(
    encounter.codedLines,
    encounter.claimLines.map((line) => ({ id: line.id, code: line.code, billedUnits: line.billedUnits, paidUnits: line.paidUnits, status: line.status })),
    encounter.findings,
  );
  const leakage = encounter.findings.filter((finding) => finding.cause !== "compliance").reduce((sum, finding) => sum + finding.valueCents, 0);
  const exposure = encounter.findings.filter((finding) => finding.cause === "compliance").reduce((sum, finding) => sum + finding.valueCents, 0);
  const hasEstimate = encounter.findings.some((finding) => finding.isEstimate && finding.cause !== "compliance");
  const claims = summarizeClaims(encounter.claimLines);
  const setting = encounter.setting ?? organization.setting;
  const patient = createPatientLabeler(organization.id, organization.role)(encounter);

  return (
    <>
      <p className="print-only muted">
        {organization.name} · Encounter {encounter.externalEncounterId} · {formatDate(encounter.dateOfService)}
      </p>
      <p className="no-print" style={{ margin: "0 0 var(--space-2)" }}>
        <Link href="/findings">← Findings</Link>
      </p>
      <div className="page-header">
        <h1>
          Encounter <span className="mono">{encounter.externalEncounterId}</span>
        </h1>
        <div className="page-header-meta">
          <span>{organization.name}</span>
          {organization.isDemo ? <DemoBadge /> : null}
        </div>
      </div>
      <ul className="encounter-meta" aria-label="Encounter details">
        <li>
          Date of service <strong>{formatDate(encounter.dateOfService)}</strong>
        </li>
        <li>
          {patient?.kind === "key" ? "Patient key" : "Patient"} <strong className={patient?.kind === "key" ? "mono" : undefined}>{patient?.text ?? "—"}</strong>
        </li>
        <li>
          Payer <strong>{encounter.payer ?? "—"}</strong>
        </li>
        <li>
          Site <strong>{encounter.site ?? "—"}</strong>
        </li>
        <li>
          Setting <strong>{setting}</strong>
        </li>
        <li>
          Leakage{" "}
          <strong>
            {formatCents(leakage)}
            {hasEstimate ? <span className="est-mark" style={{ marginLeft: 4 }}>incl. est.</span> : null}
          </strong>
        </li>
        {exposure ? (
          <li>
            Compliance exposure <strong>{formatCents(exposure)}</strong>
          </li>
        ) : null}
      </ul>

      <Card title="Timeline" description="What was given, when (one row per drug)" className="encounter-section">
        {encounter.administrations.length === 0 ? (
          <EmptyState variant="inline" title="No administrations recorded for this encounter.">
            <p>Only claim lines were imported for it — import the sessions (infusion or MAR export) for this date.</p>
          </EmptyState>
        ) : (
          <>
            <EncounterTimeline administrations={encounter.administrations} timeZone={organization.timeZone} />
            <details className="no-print" style={{ marginTop: "var(--space-3)" }}>
              <summary>Administrations as a table</summary>
              <DataTable
                caption="Administrations"
                rows={encounter.administrations}
                rowKey={(row) => String(row.id)}
                columns={[
                  { key: "drug", header: "Drug", cell: (row) => row.drug },
                  { key: "hcpcs", header: "HCPCS", isMono: true, cell: (row) => row.hcpcs ?? "—" },
                  { key: "category", header: "Category", cell: (row) => row.category },
                  { key: "route", header: "Route", cell: (row) => ROUTE_LABELS[row.route] ?? row.route },
                  { key: "start", header: "Start", isMono: true, cell: (row) => row.startLocal.replace("T", " ") },
                  {
                    key: "stop",
                    header: "Stop",
                    isMono: true,
                    cell: (row) => (row.stopLocal ? row.stopLocal.replace("T", " ") : <span className="est-note">not documented</span>),
                  },
                  { key: "site", header: "IV site", isSecondary: true, cell: (row) => row.ivSite ?? "—" },
                  { key: "nurse", header: "Nurse", isSecondary: true, cell: (row) => row.nurse ?? "—" },
                ]}
              />
            </details>
          </>
        )}
      </Card>

      <div className="compare-grid">
        <Card title="Should bill" description="Canonical lines from the coding engine, with the rule-book sections they rest on">
          <ShouldBillList lines={encounter.codedLines} marks={marks.coded} />
        </Card>
        <Card title="Billed" description="Claim lines as adjudicated: billed / allowed / paid, CARC and RARC codes">
          <BilledList lines={encounter.claimLines} marks={marks.billed} />
        </Card>
      </div>

      <Card
        title="Findings"
        description="Each difference, its cause and its value"
        className="encounter-section"
        footer={hasEstimate ? <span>Documentation values are estimates (est.): the practice&apos;s median duration for the drug and route.</span> : undefined}
      >
        <DataTable<TEncounterFinding>
          caption="Findings for this encounter"
          rows={encounter.findings}
          rowKey={(row) => String(row.id)}
          empty={<EmptyState variant="inline" title="No findings — what was billed matches what should have been." />}
          columns={[
            { key: "kind", header: "Kind", cell: (row) => findingKindLabel(row.kind) },
            { key: "cause", header: "Cause", cell: (row) => <CauseOrText cause={row.cause} /> },
            { key: "code", header: "Code", isMono: true, cell: (row) => (row.code ? <span title={codeLabel(row.code)}>{row.code}</span> : "—") },
            { key: "units", header: "Units", align: "right", cell: (row) => row.units },
            { key: "value", header: "Value", align: "right", cell: (row) => <FindingValue valueCents={row.valueCents} isEstimate={row.isEstimate} /> },
            { key: "source", header: "Source", cell: (row) => <ValueSource source={row.valueSource} /> },
            {
              key: "status",
              header: "Status",
              cell: (row) => (
                <a href={`#finding-work-${row.id}`} className="finding-status-link" title="Its work: status, assignee, due date, notes">
                  <span className="finding-status" data-status={workOf(row).status}>
                    {FINDING_STATUS_LABELS[workOf(row).status]}
                  </span>
                </a>
              ),
            },
            { key: "explanation", header: "Why", cell: (row) => <span className="line-explanation" style={{ margin: 0 }}>{row.explanation}</span> },
          ]}
        />
      </Card>

      {encounter.findings.length > 0 || vanishedWork.length > 0 ? (
        <Card
          title="Finding work"
          description={mayWork ? "Status, assignee and due date of each finding, with its notes beside it; every change is saved at once and audited" : "Status, assignee and due date of each finding, with its notes (read-only for your role)"}
          className="encounter-section"
        >
          <div className="finding-work-list">
            {encounter.findings.map((finding) => (
              <FindingWorkPanel
                key={finding.id}
                finding={{ id: finding.id, title: findingTitle(finding), valueCents: finding.valueCents, filingDeadline: finding.filingDeadline }}
                work={workOf(finding)}
                notes={findingWork.notes.get(finding.id) ?? []}
                members={findingWork.members}
                mayWork={mayWork}
              />
            ))}
          </div>
          {vanishedWork.length > 0 ? (
            <section className="finding-work-vanished" aria-labelledby="finding-work-vanished-title">
              <h3 id="finding-work-vanished-title" className="finding-work-title">
                No longer found
              </h3>
              <p className="muted">The current analysis no longer finds these; their outcome and work are kept.</p>
              <ul className="finding-work-vanished-list">
                {vanishedWork.map((work) => (
                  <li key={work.workId} data-testid={`vanished-work-${work.workId}`}>
                    <span className="finding-work-vanished-head">
                      <strong>{findingTitle(work)}</strong> <WorkStatusPill status={work.status} />
                      {work.assigneeEmail ? <span className="muted"> · {work.assigneeEmail}</span> : null}
                      {work.notes > 0 ? <span className="muted"> · {work.notes === 1 ? "1 note" : `${work.notes} notes`}</span> : null}
                    </span>
                    <RecoveryLine work={work} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </Card>
      ) : null}

      <Card title="Claim adjudication" description="Each claim for this encounter, versions netted" className="encounter-section">
        <DataTable
          caption="Claims for this encounter"
          rows={claims}
          rowKey={(row) => row.claimId}
          empty={<EmptyState variant="inline" title="No claims matched to this encounter yet." />}
          columns={[
            { key: "claim", header: "Claim", isMono: true, cell: (row) => row.claimId },
            { key: "payer", header: "Payer", cell: (row) => row.payer },
            { key: "status", header: "Status", cell: (row) => row.status },
            { key: "versions", header: "Versions", align: "right", cell: (row) => row.versions },
            { key: "lines", header: "Lines", align: "right", cell: (row) => row.lines },
            { key: "billed", header: "Billed", align: "right", cell: (row) => formatCents(row.billedCents) },
            { key: "paid", header: "Paid", align: "right", cell: (row) => formatCents(row.paidCents) },
            { key: "paidDate", header: "Paid on", cell: (row) => (row.paidDate ? formatDate(row.paidDate) : "—") },
          ]}
        />
      </Card>
    </>
  );
}
