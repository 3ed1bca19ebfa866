import { z } from "zod";
import { requireApiAccess, type TOrganizationAccess } from "@/lib/auth/access";
import { auditActor } from "@/lib/auth/audit-context";
import { refuseForeignRequest } from "@/lib/auth/route";
import { getDb, recordAuditEvent } from "@/lib/db";
import { deleteSavedView, SAVED_VIEW_NAME_MAX, SavedViewError, saveView } from "@/lib/db/findings";
import { OPTIONAL_FINDING_COLUMNS } from "@/lib/db/findings/finding-list-query";
import { apiError, apiJson, apiValidationError, withInternalErrors } from "@/lib/http/api-error";

export const dynamic = "force-dynamic";

const ZSaveView = z.object({
  name: z.string().trim().min(1, "give the view a name").max(SAVED_VIEW_NAME_MAX, `at most ${SAVED_VIEW_NAME_MAX} characters`),
  /** The worklist's search string ("cause=coding&sort=value"); canonicalized before it is stored. */
  query: z.string().max(2_000),
  /** The optional columns shown: a list, or comma-joined as in the URL's `cols`. */
  columns: z.union([z.array(z.enum(OPTIONAL_FINDING_COLUMNS)).max(OPTIONAL_FINDING_COLUMNS.length), z.string().max(200)]),
});

const ZViewId = z.coerce.number().int().positive().max(2_147_483_647);

async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  try {
    return { ok: true, value: await request.json() };
  } catch {
    return { ok: false, response: apiError(400, "invalid_json", "The request body must be JSON.") };
  }
}

async function recordViewEvent(access: TOrganizationAccess, action: "findings.view_saved" | "findings.view_deleted", viewId: number, detail?: Record<string, unknown>) {
  // Ids only: a view's name is free text and may name a patient.
  await recordAuditEvent(getDb().db, {
    ...(await auditActor(access)),
    organizationId: access.organization.id,
    action,
    subjectType: "saved_view",
    subjectId: String(viewId),
    ...(detail ? { detail } : {}),
  });
}

/**
 * POST /api/findings/views — saves the signed-in person's view of the findings worklist in their
 * current practice: JSON `{ name, query, columns }` → 201 `{ view }` (200 when it replaced their
 * view of that name). Any role that may see the findings: a view is personal. The practice and the
 * person come from the checked session, never from the body.
 */
export const POST = withInternalErrors("POST /api/findings/views", async function POST(request: Request) {
  const refused = refuseForeignRequest(request, { bodyTypes: ["application/json"] });
  if (refused) return refused;
  const access = await requireApiAccess("findings.view");
  if (access instanceof Response) return access;

  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = ZSaveView.safeParse(body.value);
  if (!parsed.success) return apiValidationError(parsed.error, "saved view");

  try {
    const saved = await saveView(getDb().db, { organizationId: access.organization.id, userId: access.user.id, ...parsed.data });
    await recordViewEvent(access, "findings.view_saved", saved.view.id, { replaced: saved.replaced });

    return apiJson({ view: saved.view }, saved.replaced ? 200 : 201);
  } catch (error) {
    if (error instanceof SavedViewError) return apiError(error.code === "organization_not_found" ? 404 : 400, error.code, error.message);
    throw error;
  }
});

/**
 * DELETE /api/findings/views?id=… (or JSON `{ id }`) — deletes one of the signed-in person's saved
 * views in their current practice: 204, or 404 when they have no such view there (another
 * person's or another practice's id included).
 */
export const DELETE = withInternalErrors("DELETE /api/findings/views", async function DELETE(request: Request) {
  const idInUrl = new URL(request.url).searchParams.get("id");
  const refused = refuseForeignRequest(request, idInUrl === null ? { bodyTypes: ["application/json"] } : {});
  if (refused) return refused;
  const access = await requireApiAccess("findings.view");
  if (access instanceof Response) return access;

  let rawId: unknown = idInUrl;
  if (idInUrl === null) {
    const body = await readJson(request);
    if (!body.ok) return body.response;
    rawId = (body.value as { id?: unknown } | null)?.id;
  }
  const id = ZViewId.safeParse(rawId);
  if (!id.success) return apiValidationError(id.error, "saved view id");

  const deleted = await deleteSavedView(getDb().db, { organizationId: access.organization.id, userId: access.user.id, id: id.data });
  if (!deleted) return apiError(404, "saved_view_not_found", "No such saved view of yours in this practice — reload the page.");
  await recordViewEvent(access, "findings.view_deleted", id.data);

  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
