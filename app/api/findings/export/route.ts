import type { NextRequest } from "next/server";
import { requireApiAccess } from "@/lib/auth/access";
import { refuseForeignRequest } from "@/lib/auth/route";
import { findingKindLabel, valueSourceInfo } from "@/components/findings/finding-labels";
import { todayInTimeZone } from "@/components/findings/today-in-time-zone";
import { neutralizeCsvCell } from "@/lib/cli/neutralize-csv-cell";
import type { WeekStartsOn } from "@/lib/analysis/week-bucket";
import { getDb } from "@/lib/db";
import { toRebillSort } from "@/components/findings/rebill-table";
import { recordAuditEvent } from "@/lib/db/audit-events";
import { auditActor } from "@/lib/auth/audit-context";
import { findRebillCandidates, type StoredRebillCandidate } from "@/lib/db/analysis/rebill";
import { iterateFindingsForExport, parseFindingListQuery, type TFindingExportRow, type TFindingListQuery } from "@/lib/db/findings";
import { claimReasons } from "@/lib/dashboard/code-label";
import { getOrganizationSettings } from "@/lib/db/settings";
import type { DatabaseTarget, Db } from "@/lib/db";
import { apiError, withInternalErrors } from "@/lib/http/api-error";
import { createPatientLabeler, patientLabelCaption, type TPatientLabel, type TStoredPatient } from "@/lib/security/patient-labels";

export const dynamic = "force-dynamic";

const BATCH_SIZE = 1000;

const REBILL_HEADER = [
  "days_left",
  "filing_deadline",
  "date_of_service",
  "encounter_id",
  "patient",
  "claim_id",
  "payer",
  "value",
  "findings",
  "corrected_lines",
];

const HEADER = [
  "date_of_service",
  "encounter_id",
  "patient",
  "kind",
  "kind_label",
  "cause",
  "code",
  "units",
  "value",
  "is_estimate",
  "value_source",
  "payer",
  "site",
  "nurse",
  "claim_id",
  "filing_deadline",
  "explanation",
  // What the payer said about the finding's claim line: CARC group-reason and RARC codes, then the
  // same codes with DripAudit's own short words ("CO-16 · …"), each "; "-separated.
  "reasons",
  "reason_labels",
];

const VALUE_COLUMN = HEADER.indexOf("value");

function dollars(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);

  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** One CSV line; every text cell goes through neutralizeCsvCell (formula injection, quoting). */
type TLabelPatient = (stored: TStoredPatient) => TPatientLabel | null;

function toCsvLine(row: TFindingExportRow, labelPatient: TLabelPatient): string {
  const { reasons } = row;
  const { codes, labels } = reasons ? claimReasons(reasons.adjustments, reasons.remarks) : { codes: [], labels: [] };
  const cells: (string | number)[] = [
    row.dateOfService,
    row.encounterLabel ?? "",
    patientCell(labelPatient(row)),
    row.kind,
    findingKindLabel(row.kind),
    row.cause,
    row.code ?? "",
    row.units,
    // A plain number (e.g. -25.00) cannot run as a formula, so amounts are written as numbers, unprefixed.
    dollars(row.valueCents),
    row.isEstimate ? "yes" : "no",
    row.valueSource === "reference" ? "reference rate" : valueSourceInfo(row.valueSource).label.toLowerCase(),
    row.payer ?? "",
    row.site ?? "",
    row.nurse ?? "",
    row.claimId ?? "",
    row.filingDeadline ?? "",
    row.explanation,
    codes.join("; "),
    labels.join("; "),
  ];

  return cells.map((cell, index) => (index === VALUE_COLUMN ? cell : neutralizeCsvCell(cell))).join(",");
}

/** The MRN, or "Patient key …" where it does not open; empty when the row has no patient. */
function patientCell(label: TPatientLabel | null): string {
  return label ? patientLabelCaption(label) : "";
}

function toRebillCsvLine(candidate: StoredRebillCandidate, labelPatient: TLabelPatient): string {
  const findings = candidate.findings.map((finding) => `${findingKindLabel(finding.kind)}${finding.code ? ` ${finding.code}` : ""}${finding.units > 1 ? ` x${finding.units}` : ""}`).join("; ");
  const lines = candidate.correctedLines.map((line) => `${line.code}${line.modifiers.length ? `-${line.modifiers.join("-")}` : ""} x${line.units}`).join("; ");

  return [
    String(candidate.daysLeft),
    neutralizeCsvCell(candidate.filingDeadline),
    neutralizeCsvCell(candidate.dateOfService),
    neutralizeCsvCell(candidate.externalEncounterId),
    neutralizeCsvCell(patientCell(labelPatient(candidate))),
    neutralizeCsvCell(candidate.claimId ?? ""),
    neutralizeCsvCell(candidate.payer ?? ""),
    dollars(candidate.valueCents),
    neutralizeCsvCell(findings),
    neutralizeCsvCell(lines),
  ].join(",");
}

/** Rebill candidates a page at a time (their set is grouped and paged in SQL by findRebillCandidates). */
async function* iterateRebillLines(
  db: Db,
  target: DatabaseTarget,
  organizationId: string,
  analysisVersion: number,
  query: Omit<TFindingListQuery, "limit">,
  asOf: string,
  labelPatient: TLabelPatient,
): AsyncGenerator<string[]> {
  const limit = 500;
  for (let offset = 0; ; offset += limit) {
    const page = await findRebillCandidates(
      db,
      organizationId,
      analysisVersion,
      { asOf, ...(query.filters.payer ? { payer: query.filters.payer } : {}), offset, limit, sort: toRebillSort(query.sort) },
      target.provider === "sqlite" ? { sqlite: target } : {},
    );
    if (page.candidates.length > 0) yield page.candidates.map((candidate) => toRebillCsvLine(candidate, labelPatient));
    if (page.candidates.length < limit) return;
  }
}

async function* iterateFindingLines(
  db: Db,
  target: DatabaseTarget,
  organizationId: string,
  analysisVersion: number,
  query: Omit<TFindingListQuery, "limit">,
  labelPatient: TLabelPatient,
): AsyncGenerator<string[]> {
  for await (const batch of iterateFindingsForExport(db, target, organizationId, analysisVersion, query, { batchSize: BATCH_SIZE })) {
    yield batch.map((row) => toCsvLine(row, labelPatient));
  }
}

/**
 * GET /api/findings/export?<worklist filters> — the current worklist filter and order as CSV
 * (with `view=rebill`, the rebill candidates with days left and the corrected line set),
 * streamed: rows are read in batches of 1,000 (iterateFindingsForExport) and written as they come,
 * so a million-row export never sits in memory. Cells that a spreadsheet would run as a formula
 * are neutralized.
 * Writes an AuditEvent `findings.exported` with the filters and the row count when the stream ends
 * (or is cancelled). Needs findings.export in the current practice.
 */
export const GET = withInternalErrors("GET /api/findings/export", async function GET(request: NextRequest) {
  const refused = refuseForeignRequest(request);
  if (refused) return refused;
  const access = await requireApiAccess("findings.export");
  if (access instanceof Response) return access;
  const { db, target } = getDb();
  const organization = await getOrganizationSettings(db, access.organization.id);
  if (!organization) return apiError(404, "organization_not_found", "That practice does not exist (any more) — reload the page.");

  const { limit: _limit, after: _after, before: _before, page: _page, ...query } = parseFindingListQuery(
    request.nextUrl.searchParams,
    organization.weekStartsOn as WeekStartsOn,
  );
  const today = todayInTimeZone(organization.timeZone);
  const isRebill = Boolean(query.filters.rebill);
  const labelPatient = createPatientLabeler(organization.id, access.role);
  // Every batch reads the version published when the export started, even if a recompute publishes meanwhile.
  const batches = isRebill
    ? iterateRebillLines(db, target, organization.id, organization.analysisVersion, query, today, labelPatient)
    : iterateFindingLines(db, target, organization.id, organization.analysisVersion, query, labelPatient);
  const encoder = new TextEncoder();
  let rowCount = 0;
  let isAudited = false;
  const actor = await auditActor(access);
  const audit = async (status: "complete" | "cancelled" | "failed") => {
    if (isAudited) return;
    isAudited = true;
    await recordAuditEvent(db, {
      ...actor,
      organizationId: organization.id,
      action: "findings.exported",
      subjectType: "findings",
      detail: { view: isRebill ? "rebill" : "findings", filters: query.filters, sort: query.sort, direction: query.direction, rowCount, status },
    }).catch((error: unknown) => console.error("findings export: audit event not written", error));
  };

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // BOM so Excel reads UTF-8; then the header.
      controller.enqueue(encoder.encode(`\uFEFF${(isRebill ? REBILL_HEADER : HEADER).join(",")}\r\n`));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          await audit("complete");
          controller.close();

          return;
        }
        rowCount += next.value.length;
        controller.enqueue(encoder.encode(next.value.join("\r\n") + "\r\n"));
      } catch (error) {
        await audit("failed");
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
      await audit("cancelled");
    },
  });

  const stamp = todayInTimeZone(organization.timeZone);
  const fileName = `findings-${organization.slug}-${query.filters.rebill ? "rebill-" : ""}${stamp}.csv`;

  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
