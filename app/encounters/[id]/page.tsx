import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { compareLines } from "@/components/encounter/compare-lines";
import { EncounterTimeline } from "@/components/encounter/encounter-timeline";
import { BilledList, CauseOrText, ShouldBillList } from "@/components/encounter/encounter-lines";
import { codeLabel } from "@/components/encounter/code-label";
import { findingKindLabel } from "@/components/findings/finding-labels";
import { FindingValue, ValueSource } from "@/components/findings/finding-value";
import { Card, DataTable, DemoBadge, EmptyState } from "@/components/ui";
import { requirePageAccess } from "@/lib/auth/access";
import { auditActor } from "@/lib/auth/audit-context";
import { getDb, recordAuditEvent } from "@/lib/db";
import { getPublishedAnalysisVersion } from "@/lib/db/analysis/analysis-version";
import { getEncounterDetail, type TEncounterClaimLine, type TEncounterFinding } from "@/lib/db/encounters";
import { formatCents, formatDate } from "@/lib/format";
import { createPatientLabeler } from "@/lib/security/patient-labels";
import "@/components/encounter/encounter.css";
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

export default async function EncounterPage({ params }: TProps) {
  const access = await requirePageAccess("encounter.view");
  const { id } = await params;
  const encounterId = Number(id);
  // Another practice's encounter is "not found" (never "forbidden"): ids must not tell what exists elsewhere.
  const organization = access.organization;
  if (!organization || !/^\d{1,12}$/.test(id)) notFound();
  const { db } = getDb();
  const analysisVersion = await getPublishedAnalysisVersion(db, organization.id);
  const encounter = analysisVersion === null ? null : await getEncounterDetail(db, organization.id, analysisVersion, encounterId);
  if (!encounter) notFound();
  await recordAuditEvent(db, { ...(await auditActor(access)), organizationId: organization.id, action: "encounter.viewed", subjectType: "encounter", subjectId: String(encounter.id) });

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
            { key: "explanation", header: "Why", cell: (row) => <span className="line-explanation" style={{ margin: 0 }}>{row.explanation}</span> },
          ]}
        />
      </Card>

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
