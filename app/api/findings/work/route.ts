import { z } from "zod";
import { requireApiAccess } from "@/lib/auth/access";
import { auditActor } from "@/lib/auth/audit-context";
import { refuseForeignRequest } from "@/lib/auth/route";
import { getDb } from "@/lib/db";
import { getPublishedAnalysisVersion } from "@/lib/db/analysis";
import { addFindingNote, assignFindings, changeFindingStatus, FindingWorkError, setFindingDueDate } from "@/lib/db/findings";
import { apiError, apiJson, apiValidationError, withInternalErrors } from "@/lib/http/api-error";
import { loadPatientIdKeyFromEnv } from "@/lib/security/patient-id-seal";
import { DISMISS_REASONS, PERSON_STATUSES, WORK_TEXT_MAX } from "@/lib/worklist/finding-workflow";

export const dynamic = "force-dynamic";

/** A bulk action's selection: finding ids of the published analysis (a worklist page holds at most a few hundred). */
const ZFindingIds = z.array(z.number().int().positive()).min(1).max(1_000);

const ZWork = z.discriminatedUnion("op", [
  z.object({
    op: z.literal("status"),
    findingIds: ZFindingIds,
    status: z.enum(PERSON_STATUSES),
    dismissReason: z.enum(DISMISS_REASONS).optional(),
    dismissNote: z.string().max(WORK_TEXT_MAX).optional(),
    recoveredCents: z.number().int().min(0).max(1_000_000_000).optional(),
  }),
  z.object({ op: z.literal("assign"), findingIds: ZFindingIds, assigneeUserId: z.string().min(1).max(64).nullable() }),
  z.object({ op: z.literal("due"), findingIds: ZFindingIds, dueDate: z.iso.date().nullable() }),
  z.object({ op: z.literal("note"), findingId: z.number().int().positive(), text: z.string().max(WORK_TEXT_MAX) }),
]);

/**
 * POST /api/findings/work — the finding workflow (lib/worklist/finding-workflow.ts) on findings of
 * the current practice's published analysis. JSON, one of:
 * - `{ op: "status", findingIds, status, dismissReason?, dismissNote?, recoveredCents? }` → `{ changed, refused }`
 *   (a bulk move: findings that may not make it are listed with the reason, the others move);
 * - `{ op: "assign", findingIds, assigneeUserId | null }` → `{ changed, refused }` (400 when the
 *   assignee is not a member of the practice);
 * - `{ op: "due", findingIds, dueDate: "YYYY-MM-DD" | null }` → `{ changed, refused }`;
 * - `{ op: "note", findingId, text }` → `{ noteId }`.
 * Needs findings.work. Every change is an audit event; dismissal words and notes are sealed at rest.
 */
export const POST = withInternalErrors("POST /api/findings/work", async function POST(request: Request) {
  const refused = refuseForeignRequest(request, { bodyTypes: ["application/json"] });
  if (refused) return refused;
  const access = await requireApiAccess("findings.work");
  if (access instanceof Response) return access;

  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return apiError(400, "invalid_json", "The request body must be JSON.");
  }
  const parsed = ZWork.safeParse(raw);
  if (!parsed.success) return apiValidationError(parsed.error, "finding work");

  const { db } = getDb();
  const organizationId = access.organization.id;
  const analysisVersion = await getPublishedAnalysisVersion(db, organizationId);
  if (analysisVersion === null) return apiError(404, "organization_not_found", "That practice does not exist (any more) — reload the page.");
  const actor = await auditActor(access);
  const work = parsed.data;
  try {
    switch (work.op) {
      case "status":
        return apiJson(
          await changeFindingStatus({
            db,
            organizationId,
            analysisVersion,
            findingIds: work.findingIds,
            actor,
            change: {
              status: work.status,
              ...(work.dismissReason ? { dismissReason: work.dismissReason } : {}),
              ...(work.dismissNote ? { dismissNote: work.dismissNote } : {}),
              ...(work.recoveredCents !== undefined ? { recoveredCents: work.recoveredCents } : {}),
            },
            sealKey: loadPatientIdKeyFromEnv(),
          }),
        );
      case "assign":
        return apiJson(await assignFindings({ db, organizationId, analysisVersion, findingIds: work.findingIds, actor, assigneeUserId: work.assigneeUserId }));
      case "due":
        return apiJson(await setFindingDueDate({ db, organizationId, analysisVersion, findingIds: work.findingIds, actor, dueDate: work.dueDate }));
      case "note":
        return apiJson({ noteId: await addFindingNote({ db, organizationId, analysisVersion, findingId: work.findingId, actor, text: work.text, sealKey: loadPatientIdKeyFromEnv() }) });
    }
  } catch (error) {
    if (error instanceof FindingWorkError) return apiError(error.code === "not_found" ? 404 : 400, error.code, error.message);
    throw error;
  }
});
