import type { NextRequest } from "next/server";
import { requireApiAccess } from "@/lib/auth/access";
import { refuseForeignRequest } from "@/lib/auth/route";
import { findingKindLabel } from "@/components/findings/finding-labels";
import { todayInTimeZone } from "@/components/findings/today-in-time-zone";
import { neutralizeCsvCell } from "@/lib/cli/neutralize-csv-cell";
import type { WeekStartsOn } from "@/lib/analysis/week-bucket";
import { getDb } from "@/lib/db";
import { toRebillSort } from "@/components/findings/rebill-table";
import { recordAuditEvent } from "@/lib/db/audit-events";
import { auditActor } from "@/lib/auth/audit-context";
import { findRebillCandidates, type StoredRebillCandidate } from "@/lib/db/analysis/rebill";
import { parseFindingListQuery, type TFindingListQuery } from "@/lib/db/findings";
import { csvDollars, csvPatientCell, FINDING_CSV_HEADER } from "@/lib/export/finding-csv";
import { iterateFindingCsvBatches } from "@/lib/export/finding-csv-batches";
import { getOrganizationSettings } from "@/lib/db/settings";
import type { DatabaseTarget, Db } from "@/lib/db";
import { apiError, withInternalErrors } from "@/lib/http/api-error";
import { createPatientLabeler, type TPatientLabel, type TStoredPatient } from "@/lib/security/patient-labels";

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

type TLabelPatient = (stored: TStoredPatient) => TPatientLabel | null;

function toRebillCsvLine(candidate: StoredRebillCandidate, labelPatient: TLabelPatient): string {
  const findings = candidate.findings.map((finding) => `${findingKindLabel(finding.kind)}${finding.code ? ` ${finding.code}` : ""}${finding.units > 1 ? ` x${finding.units}` : ""}`).join("; ");
  const lines = candidate.correctedLines.map((line) => `${line.code}${line.modifiers.length ? `-${line.modifiers.join("-")}` : ""} x${line.units}`).join("; ");

  return [
    String(candidate.daysLeft),
    neutralizeCsvCell(candidate.filingDeadline),
    neutralizeCsvCell(candidate.dateOfService),
    neutralizeCsvCell(candidate.externalEncounterId),
    neutralizeCsvCell(csvPatientCell(labelPatient(candidate))),
    neutralizeCsvCell(candidate.claimId ?? ""),
    neutralizeCsvCell(candidate.payer ?? ""),
    csvDollars(candidate.valueCents),
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
): AsyncGenerator<{ text: string; rows: number }> {
  const limit = 500;
  for (let offset = 0; ; offset += limit) {
    const page = await findRebillCandidates(
      db,
      organizationId,
      analysisVersion,
      { asOf, ...(query.filters.payer ? { payer: query.filters.payer } : {}), offset, limit, sort: toRebillSort(query.sort) },
      target.provider === "sqlite" ? { sqlite: target } : {},
    );
    if (page.candidates.length > 0) yield { text: page.candidates.map((candidate) => toRebillCsvLine(candidate, labelPatient)).join("\r\n"), rows: page.candidates.length };
    if (page.candidates.length < limit) return;
  }
}

/**
 * GET /api/findings/export?<worklist filters> — the current worklist filter and order as CSV
 * (with `view=rebill`, the rebill candidates with days left and the corrected line set),
 * streamed: rows are read and formatted in batches of 1,000 (iterateFindingCsvBatches; on SQLite
 * on a reader thread) and written as they come,
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
  // Every batch reads the version published when the export started, even if a recompute publishes meanwhile.
  const batches = isRebill
    ? iterateRebillLines(db, target, organization.id, organization.analysisVersion, query, today, createPatientLabeler(organization.id, access.role))
    : iterateFindingCsvBatches(db, target, organization.id, organization.analysisVersion, query, { role: access.role }, { batchSize: BATCH_SIZE });
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
      controller.enqueue(encoder.encode(`\uFEFF${(isRebill ? REBILL_HEADER : FINDING_CSV_HEADER).join(",")}\r\n`));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          await audit("complete");
          controller.close();

          return;
        }
        rowCount += next.value.rows;
        controller.enqueue(encoder.encode(`${next.value.text}\r\n`));
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
