/**
 * Saved views of the findings worklist (issue [11/12]) on both databases: save, list, replace by
 * name, delete; a view is its owner's only — another person's or another practice's view is never
 * listed and cannot be deleted — and it goes with the practice, with the person's membership and
 * with the account. Then the route (POST / DELETE /api/findings/views) and the page's Views bar.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { DELETE as deleteView, POST as postView } from "@/app/api/findings/views/route";
import FindingsPage from "@/app/findings/page";
import { ColumnsForm } from "@/components/findings/columns-form";
import { SavedViewsBar, type TSavedViewLink } from "@/components/findings/saved-views-bar";
import { createOrganization, getDb } from "@/lib/db";
import { deleteSavedView, listSavedViews, SAVED_VIEWS_PER_USER_MAX, SavedViewError, saveView } from "@/lib/db/findings";
import { deletePracticeData } from "@/lib/db/practice-deletion";
import { removeMember } from "@/lib/db/users";
import { settle } from "@/tests/helpers/app-assertions";
import { actAs, appRequest, type TIdentity } from "@/tests/helpers/next-request-context";
import { addPerson, pointAppAt, signIn } from "@/tests/helpers/tenant-practices";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";
import { findElement } from "@/tests/helpers/find-element";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("@/tests/helpers/next-request-context")).nextHeadersModule);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, unstable_cache: <T>(fn: T) => fn }));

const providers = await resolveTestProviders();


describe.each(providers)("saved views on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let restore: () => Promise<void>;
  let alphaId: string;
  let bravoId: string;
  let billingId: string;
  let viewerId: string;
  let bravoOwnerId: string;
  let billing: TIdentity;
  let viewer: TIdentity;

  const db = () => getDb().db;
  const view = (organizationId: string, userId: string, name: string, query = "", columns = "patient,source,payer,status") => ({ organizationId, userId, name, query, columns });

  beforeAll(async () => {
    testDb = await create();
    restore = await pointAppAt(testDb);
    const alpha = await createOrganization(db(), { name: "Alpha Infusion", timeZone: "America/New_York", setting: "facility" });
    const bravo = await createOrganization(db(), { name: "Bravo Oncology", timeZone: "America/New_York", setting: "facility" });
    alphaId = alpha.id;
    bravoId = bravo.id;
    billingId = await addPerson("billing@alpha.test", "billing", [alphaId, bravoId]);
    viewerId = await addPerson("viewer@alpha.test", "viewer", [alphaId]);
    bravoOwnerId = await addPerson("owner@bravo.test", "owner", [bravoId]);
    billing = { sessionCookie: await signIn("billing@alpha.test"), organizationSlug: alpha.slug };
    viewer = { sessionCookie: await signIn("viewer@alpha.test"), organizationSlug: alpha.slug };
  });

  afterAll(async () => {
    await restore?.();
    await testDb?.dispose();
  });

  test("save and list: the query is stored canonical, the columns as known names in table order", async () => {
    const saved = await saveView(db(), view(alphaId, billingId, "  Coding,   largest first ", "?dir=desc&sort=value&cause=coding&after=abc&size=20&bogus=1", "payer,patient,nonsense"));
    expect(saved.replaced).toBe(false);
    expect(saved.view).toMatchObject({ name: "Coding, largest first", query: "cause=coding&sort=value", columns: ["patient", "payer"] });
    await saveView(db(), view(alphaId, billingId, "aetna", "payer=Aetna"));
    expect((await listSavedViews(db(), alphaId, billingId)).map((row) => [row.name, row.query, row.columns])).toEqual([
      ["aetna", "payer=Aetna", ["patient", "source", "payer", "status"]],
      ["Coding, largest first", "cause=coding&sort=value", ["patient", "payer"]],
    ]);
  });

  test("saving under a name already used replaces that view (same id, new query and columns)", async () => {
    const before = (await listSavedViews(db(), alphaId, billingId)).find((row) => row.name === "aetna");
    const saved = await saveView(db(), view(alphaId, billingId, "aetna", "payer=Aetna&sort=payer", ""));
    expect(saved.replaced).toBe(true);
    expect(saved.view).toMatchObject({ id: before?.id, query: "payer=Aetna&sort=payer", columns: [] });
    expect((await listSavedViews(db(), alphaId, billingId)).filter((row) => row.name === "aetna")).toHaveLength(1);
  });

  test("the same name in another practice or of another person is another view", async () => {
    await saveView(db(), view(bravoId, billingId, "aetna", "payer=Aetna"));
    await saveView(db(), view(alphaId, viewerId, "aetna", "payer=Aetna"));
    expect((await listSavedViews(db(), alphaId, billingId)).map((row) => row.name)).toEqual(["aetna", "Coding, largest first"]);
    expect((await listSavedViews(db(), bravoId, billingId)).map((row) => row.query)).toEqual(["payer=Aetna"]);
    expect((await listSavedViews(db(), alphaId, viewerId)).map((row) => row.name)).toEqual(["aetna"]);
    expect(await listSavedViews(db(), bravoId, bravoOwnerId)).toEqual([]);
  });

  test("delete: only the person's own view in that practice; another's id is not found and stays", async () => {
    const own = await saveView(db(), view(alphaId, billingId, "to delete"));
    const viewersView = (await listSavedViews(db(), alphaId, viewerId))[0]!;
    const inBravo = (await listSavedViews(db(), bravoId, billingId))[0]!;

    expect(await deleteSavedView(db(), { organizationId: alphaId, userId: billingId, id: viewersView.id })).toBe(false);
    expect(await deleteSavedView(db(), { organizationId: alphaId, userId: billingId, id: inBravo.id })).toBe(false);
    expect(await deleteSavedView(db(), { organizationId: bravoId, userId: bravoOwnerId, id: inBravo.id })).toBe(false);
    expect(await db().savedView.count({ where: { id: { in: [viewersView.id, inBravo.id] } } })).toBe(2);

    expect(await deleteSavedView(db(), { organizationId: alphaId, userId: billingId, id: own.view.id })).toBe(true);
    expect(await deleteSavedView(db(), { organizationId: alphaId, userId: billingId, id: own.view.id })).toBe(false);
    expect((await listSavedViews(db(), alphaId, billingId)).map((row) => row.name)).not.toContain("to delete");
  });

  test("names are 1 to 60 characters, and a person keeps at most SAVED_VIEWS_PER_USER_MAX views in a practice", async () => {
    await expect(saveView(db(), view(alphaId, billingId, "   "))).rejects.toMatchObject({ code: "invalid_name" });
    await expect(saveView(db(), view(alphaId, billingId, "x".repeat(61)))).rejects.toBeInstanceOf(SavedViewError);
    await expect(saveView(db(), view("no-such-practice", billingId, "x"))).rejects.toMatchObject({ code: "organization_not_found" });

    const person = await db().user.create({ data: { email: "many@alpha.test", name: "Many" } });
    await db().savedView.createMany({ data: Array.from({ length: SAVED_VIEWS_PER_USER_MAX }, (_, index) => ({ organizationId: alphaId, userId: person.id, name: `view ${index}`, query: "", columns: "" })) });
    await expect(saveView(db(), view(alphaId, person.id, "one more"))).rejects.toMatchObject({ code: "too_many_views" });
    expect((await saveView(db(), view(alphaId, person.id, "view 7", "cause=coding"))).replaced).toBe(true);
    await db().user.delete({ where: { id: person.id } });
    expect(await db().savedView.count({ where: { userId: person.id } })).toBe(0);
  });

  test("removing a person from a practice deletes their views there, not elsewhere", async () => {
    const person = await addPerson("leaver@alpha.test", "billing", [alphaId, bravoId]);
    await saveView(db(), view(alphaId, person, "mine"));
    await saveView(db(), view(bravoId, person, "mine"));
    expect(await removeMember(db(), { organizationId: alphaId, userId: person })).toMatchObject({ ok: true });
    expect(await db().savedView.count({ where: { userId: person, organizationId: alphaId } })).toBe(0);
    expect(await db().savedView.count({ where: { userId: person, organizationId: bravoId } })).toBe(1);
  });

  describe("the route", () => {
    const post = (identity: TIdentity, body: unknown, contentType?: string) =>
      postView(appRequest(identity, "/api/findings/views", { method: "POST", body, ...(contentType ? { contentType } : {}) }));

    test("POST saves for the signed-in person in their current practice (201, then 200 when it replaces), with an audit event of ids only", async () => {
      const created = await post(viewer, { name: "Patient view", query: "cause=payer&sort=value&cursor=1", columns: ["status", "patient"] });
      expect(created.status).toBe(201);
      const { view: saved } = (await created.json()) as { view: { id: number; name: string; query: string; columns: string[] } };
      expect(saved).toMatchObject({ name: "Patient view", query: "cause=payer&sort=value", columns: ["patient", "status"] });
      expect(await db().savedView.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ organizationId: alphaId, userId: viewerId, columns: "patient,status" });

      const replaced = await post(viewer, { name: "Patient view", query: "", columns: "payer" });
      expect(replaced.status).toBe(200);
      expect(await replaced.json()).toMatchObject({ view: { id: saved.id, query: "", columns: ["payer"] } });

      const events = await db().auditEvent.findMany({ where: { organizationId: alphaId, action: "findings.view_saved", subjectId: String(saved.id) }, orderBy: { id: "asc" } });
      expect(events.map((event) => [event.userId, event.subjectType, event.detail])).toEqual([
        [viewerId, "saved_view", { replaced: false }],
        [viewerId, "saved_view", { replaced: true }],
      ]);
      expect(JSON.stringify(events)).not.toContain("Patient view");
    });

    test("POST ignores a practice or person named in the body", async () => {
      const response = await post(billing, { name: "sneaky", query: "", columns: [], organizationId: bravoId, userId: bravoOwnerId });
      expect(response.status).toBe(201);
      expect(await db().savedView.findFirstOrThrow({ where: { name: "sneaky" } })).toMatchObject({ organizationId: alphaId, userId: billingId });
    });

    test("POST refuses what is not a view: 400 for a body that is not JSON, 422 naming the bad field", async () => {
      const notJson = await post(billing, "{name:", "application/json");
      expect(notJson.status).toBe(400);
      expect(await notJson.json()).toMatchObject({ error: { code: "invalid_json" } });
      for (const [body, field] of [
        [{ name: "", query: "", columns: [] }, "name"],
        [{ name: "x".repeat(61), query: "", columns: [] }, "name"],
        [{ name: "ok", columns: [] }, "query"],
        [{ name: "ok", query: "", columns: ["secret"] }, "columns"],
      ] as const) {
        const response = await post(billing, body);
        expect(response.status, JSON.stringify(body)).toBe(422);
        expect(((await response.json()) as { error: { message: string } }).error.message).toContain(field);
      }
      expect((await post(billing, { name: "ok", query: "", columns: [] }, "text/plain")).status).toBe(415);
    });

    test("DELETE by ?id= or JSON { id }: 204 for the person's own view, 404 for another's (which stays), 422 without an id", async () => {
      const bravoOwner: TIdentity = { sessionCookie: await signIn("owner@bravo.test"), organizationSlug: (await db().organization.findUniqueOrThrow({ where: { id: bravoId } })).slug };
      const foreign = await saveView(db(), view(bravoId, bravoOwnerId, "bravo's"));
      const colleagues = (await listSavedViews(db(), alphaId, viewerId))[0]!;
      for (const id of [foreign.view.id, colleagues.id]) {
        const response = await deleteView(appRequest(billing, `/api/findings/views?id=${id}`, { method: "DELETE" }));
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject({ error: { code: "saved_view_not_found" } });
      }
      expect(await db().savedView.count({ where: { id: { in: [foreign.view.id, colleagues.id] } } })).toBe(2);

      const first = await saveView(db(), view(alphaId, billingId, "first"));
      const second = await saveView(db(), view(alphaId, billingId, "second"));
      const byUrl = await deleteView(appRequest(billing, `/api/findings/views?id=${first.view.id}`, { method: "DELETE" }));
      expect(byUrl.status).toBe(204);
      const byBody = await deleteView(appRequest(billing, "/api/findings/views", { method: "DELETE", body: { id: second.view.id } }));
      expect(byBody.status).toBe(204);
      expect(await db().savedView.count({ where: { id: { in: [first.view.id, second.view.id] } } })).toBe(0);
      expect(await db().auditEvent.count({ where: { action: "findings.view_deleted", subjectId: { in: [String(first.view.id), String(second.view.id)] } } })).toBe(2);

      expect((await deleteView(appRequest(billing, "/api/findings/views?id=abc", { method: "DELETE" }))).status).toBe(422);
      expect((await deleteView(appRequest(billing, "/api/findings/views", { method: "DELETE", body: {} }))).status).toBe(422);
      expect((await deleteView(appRequest(bravoOwner, `/api/findings/views?id=${foreign.view.id}`, { method: "DELETE" }))).status).toBe(204);
    });

    test("signed out: 401 for both methods", async () => {
      const anonymous: TIdentity = { sessionCookie: null };
      expect((await post(anonymous, { name: "x", query: "", columns: [] })).status).toBe(401);
      expect((await deleteView(appRequest(anonymous, "/api/findings/views?id=1", { method: "DELETE" }))).status).toBe(401);
    });
  });

  test("the findings page lists the person's views, marks the one it shows, and offers the Columns form", async () => {
    await saveView(db(), view(alphaId, billingId, "Coding, largest first", "cause=coding&sort=value", "patient,payer"));
    actAs(billing);
    const page = await settle(() => FindingsPage({ searchParams: Promise.resolve({ sort: "value", cause: "coding", cols: "payer,patient", size: "20" }) }));
    expect(page.digest).toBeNull();
    const bar = findElement(page.result, SavedViewsBar);
    const links = (bar?.props as { views: TSavedViewLink[] } | undefined)?.views ?? [];
    expect(links.map((link) => [link.name, link.href, link.isCurrent])).toEqual([
      ["aetna", "/findings?payer=Aetna&sort=payer&cols=none", false],
      ["Coding, largest first", "/findings?cause=coding&sort=value&cols=patient,payer", true],
      ["sneaky", "/findings?cols=none", false],
    ]);
    expect(bar?.props).toMatchObject({ current: { query: "cause=coding&sort=value", columns: ["patient", "payer"] } });
    expect(findElement(page.result, ColumnsForm)).not.toBeNull();

    actAs(billing);
    const rebill = await settle(() => FindingsPage({ searchParams: Promise.resolve({ view: "rebill" }) }));
    expect(findElement(rebill.result, SavedViewsBar)).toBeNull();
  });

  test("deleting the practice deletes its saved views, and only its", async () => {
    const inBravo = await db().savedView.count({ where: { organizationId: bravoId } });
    expect(inBravo).toBeGreaterThan(0);
    const alphaBefore = await db().savedView.count({ where: { organizationId: alphaId } });
    const deletion = await deletePracticeData(db(), bravoId);
    expect(deletion.rows.SavedView).toBe(inBravo);
    expect(await db().savedView.count({ where: { organizationId: bravoId } })).toBe(0);
    expect(await db().savedView.count({ where: { organizationId: alphaId } })).toBe(alphaBefore);
  });
});
