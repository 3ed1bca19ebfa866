import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { GET as getReportFile } from "@/app/api/reports/jobs/[jobId]/file/route";
import { GET as getReportJob } from "@/app/api/reports/jobs/[jobId]/route";
import { POST as postReport } from "@/app/api/reports/route";
import ReportsPage from "@/app/reports/page";
import { whenRecomputesIdle } from "@/lib/analysis/recompute-triggers";
import { getDb } from "@/lib/db";
import { createChildReportRunner, createReportJobRegistry, type TReportJobView } from "@/lib/report/report-jobs";
import { ReportDownloads } from "@/components/reports/report-downloads";
import { elementText, settle } from "@/tests/helpers/app-assertions";
import { appRequest, actAs, type TIdentity } from "@/tests/helpers/next-request-context";
import { addPerson, pointAppAt, seedPractice, signIn, type TPractice } from "@/tests/helpers/tenant-practices";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("@/tests/helpers/next-request-context")).nextHeadersModule);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, unstable_cache: <T>(fn: T) => fn }));

const providers = await resolveTestProviders();
const params = <T>(value: T) => ({ params: Promise.resolve(value) });
const ALL_SECTIONS = ["summary", "causes", "trend", "breakdowns", "documentation", "denials", "findings", "rebill", "methodology"];

/** Whether a page's element tree renders `component` anywhere. */
function containsElement(node: unknown, component: unknown): boolean {
  if (Array.isArray(node)) return node.some((child) => containsElement(child, component));
  if (!node || typeof node !== "object") return false;
  const element = node as { type?: unknown; props?: Record<string, unknown> };
  if (element.type === component) return true;
  return Object.values(element.props ?? {}).some((value) => containsElement(value, component));
}

/**
 * The Reports screen's background jobs end to end in-process: the route handlers with real
 * sessions, the real report process (node + tsx, the same generateReport as the CLI) against a
 * real SQLite file and PostgreSQL, the files it writes, and the audit trail.
 */
describe.each(providers)("report jobs on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let restore: () => Promise<void>;
  let alpha: TPractice;
  let bravo: TPractice;
  let owner: TIdentity;
  let viewer: TIdentity;
  let stranger: TIdentity;
  let folder: string;

  async function startReport(identity: TIdentity, body: Record<string, unknown>): Promise<Response> {
    return postReport(appRequest(identity, "/api/reports", { method: "POST", body: { filters: {}, sections: ALL_SECTIONS, deidentify: true, ...body } }));
  }

  async function finished(identity: TIdentity, jobId: string): Promise<TReportJobView> {
    for (let attempt = 0; attempt < 600; attempt++) {
      const response = await getReportJob(appRequest(identity, `/api/reports/jobs/${jobId}`), params({ jobId }));
      expect(response.status).toBe(200);
      const job = (await response.json()) as TReportJobView;
      if (job.state === "finished") return job;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error("the report job did not finish in 120 s");
  }

  async function download(identity: TIdentity, jobId: string): Promise<Response> {
    return getReportFile(appRequest(identity, `/api/reports/jobs/${jobId}/file`), params({ jobId }));
  }

  async function auditActions(organizationId: string): Promise<{ action: string; detail: unknown }[]> {
    return getDb().db.auditEvent.findMany({ where: { organizationId, action: { startsWith: "reports." } }, orderBy: { id: "asc" }, select: { action: true, detail: true } });
  }

  beforeAll(async () => {
    testDb = await create();
    restore = await pointAppAt(testDb);
    alpha = await seedPractice("ALPHA", "Alpha Infusion Center");
    bravo = await seedPractice("BRAVO", "Bravo Oncology Partners");
    await addPerson("owner@alpha.test", "owner", [alpha.id]);
    await addPerson("viewer@alpha.test", "viewer", [alpha.id]);
    await addPerson("owner@bravo.test", "owner", [bravo.id]);
    owner = { sessionCookie: await signIn("owner@alpha.test"), organizationSlug: alpha.slug };
    viewer = { sessionCookie: await signIn("viewer@alpha.test"), organizationSlug: alpha.slug };
    stranger = { sessionCookie: await signIn("owner@bravo.test"), organizationSlug: bravo.slug };
    folder = mkdtempSync(path.join(tmpdir(), "dripaudit-report-jobs-"));
    (globalThis as { dripauditReportJobs?: unknown }).dripauditReportJobs = createReportJobRegistry({ runner: createChildReportRunner(), folder, db: () => getDb().db });
  }, 120_000);

  afterAll(async () => {
    delete (globalThis as { dripauditReportJobs?: unknown }).dripauditReportJobs;
    await whenRecomputesIdle();
    await restore?.();
    await testDb?.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  test("an owner's identified HTML report: built in the background, downloaded once, two audit events without PHI", async () => {
    const started = await startReport(owner, { format: "html", deidentify: false });
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as TReportJobView;
    const job = await finished(owner, jobId);
    expect(job.outcome).toMatchObject({ status: "done" });
    expect(job.progress).toEqual({ fraction: 1, label: "Ready" });

    const file = await download(owner, jobId);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/^text\/html/);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="dripaudit-report-[^"]+\.html"$/);
    const html = await file.text();
    expect(html).toContain("Alpha Infusion Center");
    expect(html).toContain(alpha.patientId);
    // The owner's arithmetic from the rollups, not from a findings list the HTML report does not load.
    expect(html).toMatch(/of lost add-on time a week ×/);
    for (const secret of bravo.secrets) expect(html).not.toContain(secret);

    const events = await auditActions(alpha.id);
    expect(events.map((event) => event.action)).toEqual(["reports.generated", "reports.downloaded"]);
    expect(events[0]?.detail).toMatchObject({ format: "html" });
    expect(JSON.stringify(events)).not.toContain(alpha.patientId);
  }, 120_000);

  test("a de-identified workbook has no patient id in any cell", async () => {
    const started = await startReport(owner, { format: "xlsx", deidentify: true });
    const { jobId } = (await started.json()) as TReportJobView;
    expect((await finished(owner, jobId)).outcome).toMatchObject({ status: "done" });
    const file = await download(owner, jobId);
    expect(file.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(expect.arrayContaining(["Summary", "Weekly", "Findings", "Rebill", "Denials"]));
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? "")))));
    expect(cells.join("\n")).not.toContain(alpha.patientId);
  }, 120_000);

  test("a PDF is a PDF", async () => {
    const started = await startReport(owner, { format: "pdf", sections: ["summary", "trend"] });
    const { jobId } = (await started.json()) as TReportJobView;
    expect((await finished(owner, jobId)).outcome).toMatchObject({ status: "done" });
    const bytes = Buffer.from(await (await download(owner, jobId)).arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  }, 120_000);

  test("an empty period fails its job with a plain message", async () => {
    const started = await startReport(owner, { format: "html", filters: { from: "2001-01-01", to: "2001-01-31" } });
    const { jobId } = (await started.json()) as TReportJobView;
    const job = await finished(owner, jobId);
    expect(job.outcome).toMatchObject({ status: "failed", message: expect.stringMatching(/No encounters/) });
    expect((await download(owner, jobId)).status).toBe(404);
  }, 120_000);

  test("without a session the answer is 401, whatever the body", async () => {
    const anonymous: TIdentity = { sessionCookie: null };
    expect((await postReport(appRequest(anonymous, "/api/reports", { method: "POST", body: {} }))).status).toBe(401);
    expect((await startReport({ sessionCookie: "dripaudit.session_token=forged.value" }, { format: "pdf" })).status).toBe(401);
  });

  test("a viewer may preview (de-identified, no downloads) but not build", async () => {
    expect((await startReport(viewer, { format: "pdf" })).status).toBe(403);
    actAs(viewer);
    const page = await settle(() => ReportsPage({ searchParams: Promise.resolve({ deidentified: "0" }) }));
    expect(page.digest).toBeNull();
    expect(elementText(page.result)).not.toContain(alpha.patientId);
    expect(containsElement(page.result, ReportDownloads)).toBe(false);
  });

  test("another practice's member: the job and its file are not found; naming the practice is refused", async () => {
    const started = await startReport(owner, { format: "html" });
    const { jobId } = (await started.json()) as TReportJobView;
    await finished(owner, jobId);
    expect((await getReportJob(appRequest(stranger, `/api/reports/jobs/${jobId}`), params({ jobId }))).status).toBe(404);
    expect((await download(stranger, jobId)).status).toBe(404);
    expect((await startReport(stranger, { format: "html", organizationId: alpha.id })).status).toBe(404);
  }, 120_000);

  test("the preview shows patient ids only when asked, and that preview is an audit event", async () => {
    const before = (await auditActions(alpha.id)).filter((event) => event.action === "reports.previewed").length;
    actAs(owner);
    const deidentified = await settle(() => ReportsPage({ searchParams: Promise.resolve({}) }));
    expect(elementText(deidentified.result)).not.toContain(alpha.patientId);
    expect(containsElement(deidentified.result, ReportDownloads)).toBe(true);
    actAs(owner);
    const identified = await settle(() => ReportsPage({ searchParams: Promise.resolve({ deidentified: "0", period: "all" }) }));
    expect(elementText(identified.result)).toContain(alpha.patientId);
    const after = (await auditActions(alpha.id)).filter((event) => event.action === "reports.previewed").length;
    expect(after).toBe(before + 1);
  });
});
