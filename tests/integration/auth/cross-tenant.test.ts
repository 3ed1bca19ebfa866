import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { GET as getImportErrorsCsv } from "@/app/api/imports/[batchId]/errors.csv/route";
import { POST as postImportMapping } from "@/app/api/imports/jobs/[jobId]/mapping/route";
import { GET as getImportJob } from "@/app/api/imports/jobs/[jobId]/route";
import { POST as postImport } from "@/app/api/imports/route";
import { GET as getFindingsExport } from "@/app/api/findings/export/route";
import { POST as postFindingWork } from "@/app/api/findings/work/route";
import { DELETE as deleteSavedView, POST as postSavedView } from "@/app/api/findings/views/route";
import { renderToStaticMarkup } from "react-dom/server";
import { FindingsTable } from "@/components/findings/findings-table";
import { POST as postCurrentOrganization } from "@/app/api/organizations/current/route";
import { GET as getAnalysisStatus } from "@/app/api/settings/analysis-status/route";
import EncounterPage from "@/app/encounters/[id]/page";
import FindingsPage from "@/app/findings/page";
import ImportResultPage from "@/app/imports/[batchId]/page";
import { deleteFeeRateAction, savePayerFilingAction, saveRulesAction, updateFeeRateAction } from "@/app/settings/actions";
import { whenRecomputesIdle } from "@/lib/analysis/recompute-triggers";
import { getDb } from "@/lib/db";
import { getImportJobs } from "@/lib/import/import-jobs";
import { elementText, NOT_FOUND_DIGEST, settle } from "@/tests/helpers/app-assertions";
import { actAs, appRequest, type TIdentity } from "@/tests/helpers/next-request-context";
import { addPerson, pointAppAt, seedPractice, signIn, type TPractice } from "@/tests/helpers/tenant-practices";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";
import { findElement } from "@/tests/helpers/find-element";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("@/tests/helpers/next-request-context")).nextHeadersModule);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, unstable_cache: <T>(fn: T) => fn }));

const providers = await resolveTestProviders();

/**
 * Tenant isolation (issue 10): a member of practice A who asks for practice B's records — by id in
 * the URL, by a forged practice cookie, by a practice id in a header or body — gets "not found"
 * (or their own practice's data) and never anything of B.
 */
describe.each(providers)("cross-tenant isolation on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let restore: () => Promise<void>;
  let alpha: TPractice;
  let bravo: TPractice;
  /** Alice: owner of A only, with a cookie that claims B as her current practice. */
  let alice: TIdentity;
  let bob: TIdentity;

  const params = <T>(value: T) => ({ params: Promise.resolve(value) });
  const expectNothingOfBravo = (text: string) => {
    for (const secret of bravo.secrets) expect(text).not.toContain(secret);
  };

  beforeAll(async () => {
    testDb = await create();
    restore = await pointAppAt(testDb);
    alpha = await seedPractice("ALPHA", "Alpha Infusion Center");
    bravo = await seedPractice("BRAVO", "Bravo Oncology Partners");
    await addPerson("alice@alpha.test", "owner", [alpha.id]);
    await addPerson("bob@bravo.test", "owner", [bravo.id]);
    alice = { sessionCookie: await signIn("alice@alpha.test"), organizationSlug: bravo.slug };
    bob = { sessionCookie: await signIn("bob@bravo.test"), organizationSlug: bravo.slug };
  });

  afterAll(async () => {
    await getImportJobs().idle();
    await whenRecomputesIdle();
    await restore?.();
    await testDb?.dispose();
  });

  test("B's encounter page is not found for A's member; A's own renders", async () => {
    actAs(alice);
    const foreign = await settle(() => EncounterPage(params({ id: String(bravo.encounterId) })));
    expect(foreign.digest).toBe(NOT_FOUND_DIGEST);

    actAs(alice);
    const own = await settle(() => EncounterPage(params({ id: String(alpha.encounterId) })));
    expect(own.digest).toBeNull();
    const text = elementText(own.result);
    expect(text).toContain("ALPHA-ENC-1");
    expectNothingOfBravo(text);
  });

  test("B's import result page is not found", async () => {
    actAs(alice);
    const foreign = await settle(() => ImportResultPage({ ...params({ batchId: String(bravo.batchId) }), searchParams: Promise.resolve({}) }));
    expect(foreign.digest).toBe(NOT_FOUND_DIGEST);
  });

  test("B's import errors CSV is 404 with nothing of B; A's own downloads", async () => {
    const foreign = await getImportErrorsCsv(appRequest(alice, `/api/imports/${bravo.batchId}/errors.csv`), params({ batchId: String(bravo.batchId) }));
    expect(foreign.status).toBe(404);
    expectNothingOfBravo(await foreign.text());

    const own = await getImportErrorsCsv(appRequest(alice, `/api/imports/${alpha.batchId}/errors.csv`), params({ batchId: String(alpha.batchId) }));
    expect(own.status).toBe(200);
    const csv = await own.text();
    expect(csv).toContain("ALPHA-ENC-2");
    expectNothingOfBravo(csv);
  });

  test("an import job of B is 404 to A's member, also for its column mapping; an upload into B is refused", async () => {
    const started = await postImport(
      appRequest(bob, "/api/imports", {
        method: "POST",
        body: "encounter_id,who\nBRAVO-ENC-9,x\n",
        contentType: "application/octet-stream",
        headers: { "x-file-name": "bravo-unknown.csv", "x-organization-id": bravo.id },
      }),
    );
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as { jobId: string };
    await getImportJobs().idle();

    const asBob = await getImportJob(appRequest(bob, `/api/imports/jobs/${jobId}`), params({ jobId }));
    expect(asBob.status).toBe(200);

    const asAlice = await getImportJob(appRequest(alice, `/api/imports/jobs/${jobId}`), params({ jobId }));
    expect(asAlice.status).toBe(404);
    expectNothingOfBravo(await asAlice.text());

    for (const organizationId of [bravo.id, alpha.id]) {
      const mapping = await postImportMapping(
        appRequest(alice, `/api/imports/jobs/${jobId}/mapping`, { method: "POST", body: { organizationId, kind: "sessions", mapping: { encounter_id: "encounter_id" } } }),
        params({ jobId }),
      );
      expect(mapping.status).toBe(404);
      expectNothingOfBravo(await mapping.text());
    }

    const batchesBefore = await getDb().db.importBatch.count({ where: { organizationId: bravo.id } });
    const intoBravo = await postImport(
      appRequest(alice, "/api/imports", {
        method: "POST",
        body: "encounter_id\nX\n",
        contentType: "application/octet-stream",
        headers: { "x-file-name": "sneaky.csv", "x-organization-id": bravo.id },
      }),
    );
    expect(intoBravo.status).toBe(404);
    expectNothingOfBravo(await intoBravo.text());
    await getImportJobs().idle();
    expect(await getDb().db.importBatch.count({ where: { organizationId: bravo.id } })).toBe(batchesBefore);
  });

  test("the findings export and the rebill export under B's cookie hold only A's rows", async () => {
    for (const query of ["", "?view=rebill"]) {
      const response = await getFindingsExport(appRequest(alice, `/api/findings/export${query}`));
      expect(response.status).toBe(200);
      const csv = await response.text();
      expect(csv).toContain("ALPHA-ENC-1");
      expectNothingOfBravo(csv);
    }
  });

  test("finding work under B's cookie cannot touch B's findings: they resolve to nothing, no work row is written", async () => {
    const { db } = getDb();
    const bravoFinding = await db.finding.findFirstOrThrow({ where: { organizationId: bravo.id }, select: { id: true } });
    const moved = await postFindingWork(appRequest(alice, "/api/findings/work", { method: "POST", body: { op: "status", findingIds: [bravoFinding.id], status: "dismissed", dismissReason: "not_worth_it" } }));
    expect(moved.status).toBe(200);
    expect(await moved.json()).toEqual({ changed: [], refused: [{ findingId: bravoFinding.id, reason: "not_found" }] });
    const note = await postFindingWork(appRequest(alice, "/api/findings/work", { method: "POST", body: { op: "note", findingId: bravoFinding.id, text: "hello" } }));
    expect(note.status).toBe(404);
    expectNothingOfBravo(await note.text());
    expect(await db.findingWork.count({ where: { organizationId: bravo.id } })).toBe(0);

    // The same request on A's own finding works, and A's worklist shows it.
    const alphaFinding = await db.finding.findFirstOrThrow({ where: { organizationId: alpha.id }, select: { id: true } });
    const own = await postFindingWork(appRequest(alice, "/api/findings/work", { method: "POST", body: { op: "status", findingIds: [alphaFinding.id], status: "dismissed", dismissReason: "not_worth_it" } }));
    expect(await own.json()).toEqual({ changed: [alphaFinding.id], refused: [] });
    actAs(alice);
    const page = await settle(() => FindingsPage({ searchParams: Promise.resolve({}) }));
    expect(page.digest).toBeNull();
    const table = findElement(page.result, FindingsTable);
    expect(table).not.toBeNull();
    const html = renderToStaticMarkup(table!);
    expect(html).toContain("Dismissed");
    expectNothingOfBravo(html);
  });

  test("saved views under B's cookie: B's view cannot be deleted, a new one lands in A, the page lists only A's own", async () => {
    const { db } = getDb();
    const bobs = await postSavedView(appRequest(bob, "/api/findings/views", { method: "POST", body: { name: "Bravo payer view", query: "payer=BRAVO-PAYER", columns: [] } }));
    expect(bobs.status).toBe(201);
    const bobsId = ((await bobs.json()) as { view: { id: number } }).view.id;

    const deleted = await deleteSavedView(appRequest(alice, `/api/findings/views?id=${bobsId}`, { method: "DELETE" }));
    expect(deleted.status).toBe(404);
    expectNothingOfBravo(await deleted.text());
    expect(await db.savedView.count({ where: { id: bobsId } })).toBe(1);

    const saved = await postSavedView(appRequest(alice, "/api/findings/views", { method: "POST", body: { name: "Mine", query: "cause=coding", columns: ["payer"] } }));
    expect(saved.status).toBe(201);
    const savedId = ((await saved.json()) as { view: { id: number } }).view.id;
    expect(await db.savedView.findUniqueOrThrow({ where: { id: savedId }, select: { organizationId: true } })).toEqual({ organizationId: alpha.id });

    actAs(alice);
    const page = await settle(() => FindingsPage({ searchParams: Promise.resolve({}) }));
    expect(page.digest).toBeNull();
    const text = elementText(page.result);
    expect(text).toContain("Mine");
    expect(text).not.toContain("Bravo payer view");
    expectNothingOfBravo(text);
  });

  test("the rebill view under B's cookie shows A's candidates only", async () => {
    actAs(alice);
    const page = await settle(() => FindingsPage({ searchParams: Promise.resolve({ view: "rebill" }) }));
    expect(page.digest).toBeNull();
    const text = elementText(page.result);
    expect(text).toContain("ALPHA-ENC-1");
    expectNothingOfBravo(text);
  });

  test("settings actions cannot touch B: B's fee rate is 'no longer exists', B's settings stay as they were", async () => {
    const { db } = getDb();
    const bravoBefore = await db.organization.findUniqueOrThrow({ where: { id: bravo.id }, select: { ruleSettings: true } });

    actAs(alice);
    const deleteForm = new FormData();
    deleteForm.set("id", String(bravo.feeRateId));
    expect(await deleteFeeRateAction({ ok: true, message: "" }, deleteForm)).toMatchObject({ ok: false });

    actAs(alice);
    const updateForm = new FormData();
    for (const [key, value] of Object.entries({ id: String(bravo.feeRateId), payer: "Hijacked", code: "96413", rate: "1.00", effectiveFrom: "2020-01-01", effectiveTo: "" })) updateForm.set(key, value);
    const updated = await updateFeeRateAction({ ok: true, message: "" }, updateForm);
    expect(updated).toMatchObject({ ok: false });
    expectNothingOfBravo(JSON.stringify(updated));

    actAs(alice);
    const filing = new FormData();
    filing.set("payer", "Medicare");
    filing.set("timelyFilingDays", "99");
    expect(await savePayerFilingAction({ ok: true, message: "" }, filing)).toMatchObject({ ok: true });

    actAs(alice);
    expect(await saveRulesAction({ ok: true, message: "" }, new FormData())).toBeDefined();

    expect(await db.feeScheduleRate.findUnique({ where: { id: bravo.feeRateId } })).toMatchObject({ payer: "BRAVO-PAYER", rateCents: 31_337 });
    expect(await db.payerSetting.count({ where: { organizationId: bravo.id } })).toBe(0);
    expect(await db.payerSetting.count({ where: { organizationId: alpha.id, payer: "Medicare", timelyFilingDays: 99 } })).toBe(1);
    expect(await db.organization.findUniqueOrThrow({ where: { id: bravo.id }, select: { ruleSettings: true } })).toEqual(bravoBefore);
    expect(await db.auditEvent.count({ where: { organizationId: bravo.id, action: { startsWith: "settings." } } })).toBe(0);
  });

  test("B's slug cannot become A's member's current practice, and a forged cookie falls back to A", async () => {
    const switched = await postCurrentOrganization(appRequest(alice, "/api/organizations/current", { method: "POST", body: { slug: bravo.slug } }));
    expect(switched.status).toBe(404);
    expectNothingOfBravo(await switched.text());

    const status = await getAnalysisStatus(appRequest(alice, "/api/settings/analysis-status"));
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ organizationId: alpha.id });
  });
});

