import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { GET as getAuditExport } from "@/app/api/audit/export/route";
import { GET as getFindingsExport } from "@/app/api/findings/export/route";
import { POST as postImport } from "@/app/api/imports/route";
import EncounterPage from "@/app/encounters/[id]/page";
import { savePayerFilingAction } from "@/app/settings/actions";
import AuditPage from "@/app/settings/audit/page";
import { changeRoleAction } from "@/app/settings/users/actions";
import { whenRecomputesIdle } from "@/lib/analysis/recompute-triggers";
import { getAuth } from "@/lib/auth/auth-server";
import { getDb, recordAuditEvent } from "@/lib/db";
import { iterateAuditEvents, listAuditEvents } from "@/lib/db/audit-events";
import { getImportJobs } from "@/lib/import/import-jobs";
import { elementText, FORBIDDEN_DIGEST, settle } from "@/tests/helpers/app-assertions";
import { APP_ORIGIN, appRequest, enterRequest, type TIdentity } from "@/tests/helpers/next-request-context";
import { addPerson, pointAppAt, seedPractice, signIn, TEST_PASSWORD, type TPractice } from "@/tests/helpers/tenant-practices";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("@/tests/helpers/next-request-context")).nextHeadersModule);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, unstable_cache: <T>(fn: T) => fn }));

const providers = await resolveTestProviders();

/**
 * The addresses the server in front reports for the browsers under test, one set per database:
 * better-auth allows 3 sign-ins per address in 10 s, across the two runs of this process.
 */
const ADDRESSES: Record<string, { client: string; twoFactor: string }> = {
  sqlite: { client: "203.0.113.7", twoFactor: "198.51.100.23" },
  postgresql: { client: "203.0.113.8", twoFactor: "198.51.100.24" },
};
let ADDRESS = "";
const OWNER = "olivia@alpha.test";

type TEvent = {
  id: number;
  organizationId: string | null;
  userId: string | null;
  actorEmail: string | null;
  address: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: unknown;
};

function authRequest(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${APP_ORIGIN}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", host: "localhost:3000", origin: APP_ORIGIN, "x-forwarded-for": ADDRESS, ...headers },
    body: JSON.stringify(body),
  });
}

function sessionCookieOf(response: Response): string | null {
  const line = response.headers.getSetCookie().find((cookie) => cookie.includes("session_token="));

  return line?.split(";")[0] ?? null;
}

/** A page render or server action as this identity, coming from ADDRESS. */
function actFrom(identity: TIdentity): void {
  const cookies = [identity.sessionCookie, identity.organizationSlug ? `dripaudit_org=${identity.organizationSlug}` : null].filter(Boolean);
  enterRequest({ host: "localhost:3000", "x-forwarded-for": ADDRESS, ...(cookies.length ? { cookie: cookies.join("; ") } : {}) });
}

async function lastEventId(): Promise<number> {
  return (await getDb().db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
}

async function eventsAfter(id: number): Promise<TEvent[]> {
  return getDb().db.auditEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" } });
}

/** Runs `step` and returns the one event it wrote (fails when it wrote none or several). */
async function onlyEventOf(step: () => Promise<unknown>): Promise<TEvent> {
  const before = await lastEventId();
  await step();
  const events = await eventsAfter(before);
  expect(events.map((event) => event.action)).toHaveLength(1);

  return events[0]!;
}

/** The rows the Audit screen's table shows (found in the page's element tree). */
function tableRows(node: unknown): { action: string }[] {
  if (Array.isArray(node)) return node.flatMap(tableRows);
  if (!node || typeof node !== "object") return [];
  const props = (node as { props?: { caption?: unknown; rows?: { action: string }[]; children?: unknown } }).props;
  if (!props) return [];
  if (props.caption === "Audit events, newest first") return props.rows ?? [];

  return tableRows(props.children);
}

/** Splits CSV text into rows of cells (quotes, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') (cell += '"'), index++;
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") row.push(cell), (cell = "");
    else if (char === "\n") row.push(cell.replace(/\r$/, "")), rows.push(row), (row = []), (cell = "");
    else cell += char;
  }
  if (cell || row.length) rows.push([...row, cell]);

  return rows;
}

/**
 * The audit trail (issue 11): sign-in, failed sign-in, sign-out, an encounter view, an export and
 * a settings change each leave exactly one event naming the user, the practice (none for the
 * install-level sign-in events), the client address and the subject — never a patient id; the
 * owners' Audit screen lists them (and nothing of another practice), others get 403; the CSV
 * export is formula-safe.
 */
describe.each(providers)("audit trail on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  let restore: () => Promise<void>;
  let alpha: TPractice;
  let bravo: TPractice;
  let ownerId: string;
  let owner: TIdentity;
  let billing: TIdentity;
  let viewer: TIdentity;
  /** The patient ids and keys of the seeded practices: no audit row may carry one. */
  let phi: string[];

  const params = <T>(value: T) => ({ params: Promise.resolve(value) });
  const expectNoPhi = (event: unknown) => {
    const text = JSON.stringify(event);
    for (const value of phi) expect(text).not.toContain(value);
  };

  beforeAll(async () => {
    ADDRESS = ADDRESSES[name]!.client;
    testDb = await create();
    restore = await pointAppAt(testDb);
    alpha = await seedPractice("ALPHA", "Alpha Infusion Center");
    bravo = await seedPractice("BRAVO", "Bravo Oncology Partners");
    ownerId = await addPerson(OWNER, "owner", [alpha.id]);
    await addPerson("bill@alpha.test", "billing", [alpha.id]);
    await addPerson("vera@alpha.test", "viewer", [alpha.id]);
    await addPerson("bob@bravo.test", "owner", [bravo.id]);
    billing = { sessionCookie: await signIn("bill@alpha.test"), organizationSlug: alpha.slug };
    viewer = { sessionCookie: await signIn("vera@alpha.test"), organizationSlug: alpha.slug };
    await signIn("bob@bravo.test");
    const encounters = await getDb().db.encounter.findMany({ select: { patientKey: true } });
    phi = ["ALPHA-PAT-1", "ALPHA-PAT-2", "BRAVO-PAT-1", "BRAVO-PAT-2", ...encounters.map((encounter) => encounter.patientKey)];
  });

  afterAll(async () => {
    await getImportJobs().idle();
    await whenRecomputesIdle();
    await restore?.();
    await testDb?.dispose();
  });

  test("a sign-in is one auth.signed_in event: the user, no practice, the address", async () => {
    let cookie: string | null = null;
    const event = await onlyEventOf(async () => {
      const response = await getAuth().handler(authRequest("/sign-in/email", { email: OWNER, password: TEST_PASSWORD }));
      expect(response.status).toBe(200);
      cookie = sessionCookieOf(response);
    });
    expect(cookie).not.toBeNull();
    owner = { sessionCookie: cookie, organizationSlug: alpha.slug };
    expect(event).toMatchObject({ action: "auth.signed_in", organizationId: null, userId: ownerId, actorEmail: OWNER, address: ADDRESS, subjectType: "user", subjectId: ownerId });
  });

  test("a failed sign-in is one auth.sign_in_failed event with the email as typed and the account it names", async () => {
    const event = await onlyEventOf(async () => {
      const response = await getAuth().handler(authRequest("/sign-in/email", { email: "Olivia@Alpha.test", password: "not the password at all" }));
      expect(response.status).toBe(401);
    });
    expect(event).toMatchObject({ action: "auth.sign_in_failed", organizationId: null, userId: ownerId, actorEmail: "Olivia@Alpha.test", address: ADDRESS, detail: { reason: "wrong_email_or_password" } });

    const unknown = await onlyEventOf(async () => {
      expect((await getAuth().handler(authRequest("/sign-in/email", { email: "nobody@nowhere.test", password: "not the password at all" }))).status).toBe(401);
    });
    expect(unknown).toMatchObject({ action: "auth.sign_in_failed", userId: null, actorEmail: "nobody@nowhere.test", address: ADDRESS });
  });

  test("viewing an encounter page is one encounter.viewed event with the encounter's id as subject", async () => {
    const event = await onlyEventOf(async () => {
      actFrom(owner);
      await EncounterPage(params({ id: String(alpha.encounterId) }));
    });
    expect(event).toMatchObject({ action: "encounter.viewed", organizationId: alpha.id, userId: ownerId, actorEmail: OWNER, address: ADDRESS, subjectType: "encounter", subjectId: String(alpha.encounterId) });
    expectNoPhi(event);

    // Another practice's encounter is "not found" and no view.
    const before = await lastEventId();
    actFrom(owner);
    await settle(() => EncounterPage(params({ id: String(bravo.encounterId) })));
    expect(await eventsAfter(before)).toEqual([]);
  });

  test("a findings export is one findings.exported event when the file is complete", async () => {
    const event = await onlyEventOf(async () => {
      const response = await getFindingsExport(appRequest(owner, "/api/findings/export", { headers: { "x-forwarded-for": ADDRESS } }));
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("\r\n");
    });
    expect(event).toMatchObject({ action: "findings.exported", organizationId: alpha.id, userId: ownerId, actorEmail: OWNER, address: ADDRESS, subjectType: "findings" });
    expect(event.detail).toMatchObject({ status: "complete" });
    expectNoPhi(event);
  });

  test("an upload is one import.created event naming the uploader, their address and the batch", async () => {
    const date = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const csv = [
      "claim_id,encounter_id,patient_id,date_of_service,payer,cpt,modifiers,units,billed_amount,allowed_amount,paid_amount,paid_units,adjustment_codes,remark_codes,claim_status,paid_date,claim_frequency",
      `ALPHA-CLM-9,ALPHA-ENC-9,ALPHA-PAT-9,${date},Medicare,96413,,1,450.00,300.00,240.00,1,,,,${date},1`,
    ].join("\n");
    phi.push("ALPHA-PAT-9");
    const event = await onlyEventOf(async () => {
      const started = await postImport(
        appRequest(owner, "/api/imports", {
          method: "POST",
          body: `${csv}\n`,
          contentType: "application/octet-stream",
          headers: { "x-file-name": "claims-december.csv", "x-import-kind": "claims", "x-forwarded-for": ADDRESS },
        }),
      );
      expect(started.status).toBe(202);
      await getImportJobs().idle();
    });
    const batch = await getDb().db.importBatch.findFirstOrThrow({ where: { organizationId: alpha.id, fileName: "claims-december.csv" } });
    expect(event).toMatchObject({ action: "import.created", organizationId: alpha.id, userId: ownerId, actorEmail: OWNER, address: ADDRESS, subjectType: "ImportBatch", subjectId: String(batch.id) });
    expectNoPhi(event);
  });

  test("a settings change is one settings.* event naming the practice", async () => {
    const filing = new FormData();
    filing.set("payer", ' =HYPERLINK("http://evil.test","Medicare")');
    filing.set("timelyFilingDays", "90");
    const event = await onlyEventOf(async () => {
      actFrom(owner);
      expect(await savePayerFilingAction({ ok: true, message: "" }, filing)).toMatchObject({ ok: true });
    });
    expect(event).toMatchObject({ action: "settings.payer_filing.updated", organizationId: alpha.id, userId: ownerId, actorEmail: OWNER, address: ADDRESS, subjectType: "organization", subjectId: alpha.id });
    expectNoPhi(event);
  });

  test("a role change is one users.role_changed event with the person as subject and both roles", async () => {
    // The recompute the settings change queued holds SQLite's write lock for a while (busy waits are another part of issue 11).
    await whenRecomputesIdle();
    const veraId = (await getDb().db.user.findUniqueOrThrow({ where: { email: "vera@alpha.test" } })).id;
    const form = new FormData();
    form.set("organizationId", alpha.id);
    form.set("userId", veraId);
    form.set("role", "consultant");
    const event = await onlyEventOf(async () => {
      actFrom(owner);
      expect(await changeRoleAction({ ok: true, message: "" }, form)).toMatchObject({ ok: true });
    });
    expect(event).toMatchObject({ action: "users.role_changed", organizationId: alpha.id, userId: ownerId, actorEmail: OWNER, address: ADDRESS, subjectType: "user", subjectId: veraId, detail: { from: "viewer", to: "consultant" } });
    form.set("role", "viewer");
    actFrom(owner);
    expect(await changeRoleAction({ ok: true, message: "" }, form)).toMatchObject({ ok: true });
  });

  test("the Audit screen lists the practice's events and its members' sign-ins, nothing of another practice", async () => {
    actFrom(owner);
    const page = await settle(() => AuditPage({ searchParams: Promise.resolve({}) }));
    expect(page.digest).toBeNull();
    const text = elementText(page.result);
    for (const action of ["auth.signed_in", "auth.sign_in_failed", "encounter.viewed", "findings.exported", "settings.payer_filing.updated"]) expect(text).toContain(action);
    expect(text).toContain(ADDRESS);
    expect(text).toContain(OWNER);
    expect(text).toContain("bill@alpha.test");
    expect(text).not.toContain("bob@bravo.test");
    expect(text).not.toContain("nobody@nowhere.test");
    expect(text).not.toContain(bravo.id);

    actFrom(owner);
    expect(tableRows(page.result).length).toBeGreaterThan(5);
    const filtered = (await settle(() => AuditPage({ searchParams: Promise.resolve({ action: "encounter.viewed", user: ownerId }) }))).result;
    expect(tableRows(filtered).map((row) => row.action)).toEqual(["encounter.viewed"]);
    actFrom(owner);
    const today = new Date().toISOString().slice(0, 10);
    const todays = (await settle(() => AuditPage({ searchParams: Promise.resolve({ from: "2000-01-01", to: today, action: "encounter.viewed" }) }))).result;
    expect(tableRows(todays)).toHaveLength(1);
    actFrom(owner);
    const future = (await settle(() => AuditPage({ searchParams: Promise.resolve({ from: "2999-01-01" }) }))).result;
    expect(tableRows(future)).toEqual([]);
    expect(elementText(future)).toContain("No event matches the filter");
  });

  test("pages and the export's keyset reader walk the same trail, newest first", async () => {
    const { db } = getDb();
    const all = await listAuditEvents(db, { organizationId: alpha.id, pageSize: 500 });
    expect(all.total).toBeGreaterThan(6);
    const second = await listAuditEvents(db, { organizationId: alpha.id, pageSize: 3, page: 2 });
    expect(second).toMatchObject({ page: 2, pageSize: 3, total: all.total, pageCount: Math.ceil(all.total / 3) });
    expect(second.rows.map((row) => row.id)).toEqual(all.rows.slice(3, 6).map((row) => row.id));
    expect((await listAuditEvents(db, { organizationId: alpha.id, pageSize: 3, page: 9_999 })).page).toBe(Math.ceil(all.total / 3));
    const streamed: number[] = [];
    for await (const batch of iterateAuditEvents(db, { organizationId: alpha.id }, { batchSize: 2 })) streamed.push(...batch.map((row) => row.id));
    expect(streamed).toEqual(all.rows.map((row) => row.id));
  });

  test("billing and viewer get 403 from the Audit screen and its export", async () => {
    for (const identity of [billing, viewer]) {
      actFrom(identity);
      expect((await settle(() => AuditPage({ searchParams: Promise.resolve({}) }))).digest).toBe(FORBIDDEN_DIGEST);
      expect((await getAuditExport(appRequest(identity, "/api/audit/export"))).status).toBe(403);
    }
    expect((await getAuditExport(appRequest({ sessionCookie: null }, "/api/audit/export"))).status).toBe(401);
  });

  test("the CSV export holds the trail, records audit.exported, and no cell can start a formula", async () => {
    const { db } = getDb();
    await recordAuditEvent(db, {
      organizationId: alpha.id,
      userId: ownerId,
      actorEmail: "\u00A0=cmd|' /C calc'!A0",
      address: "＝1+1",
      action: "import_errors.exported",
      subjectType: "ImportBatch",
      subjectId: "@SUM(A1)",
      detail: { fileName: "-2+3.csv" },
    });
    let body = "";
    const event = await onlyEventOf(async () => {
      const response = await getAuditExport(appRequest(owner, "/api/audit/export", { headers: { "x-forwarded-for": ADDRESS } }));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
      body = await response.text();
    });
    expect(event).toMatchObject({ action: "audit.exported", organizationId: alpha.id, userId: ownerId, actorEmail: OWNER, address: ADDRESS });

    const rows = parseCsv(body.replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual(["time", "time_utc", "user", "address", "action", "practice_id", "subject_type", "subject_id", "detail"]);
    const actions = rows.slice(1).map((row) => row[4]);
    expect(actions[0]).toBe("audit.exported");
    for (const action of ["auth.signed_in", "auth.sign_in_failed", "encounter.viewed", "findings.exported", "settings.payer_filing.updated", "import_errors.exported"]) expect(actions).toContain(action);
    expect(body).not.toContain("bob@bravo.test");
    for (const row of rows) {
      for (const cell of row) expect(cell, cell).not.toMatch(/^[\s\u00A0]*[=+\-@＝＋－＠]/);
    }
    const hostile = rows.find((row) => row[4] === "import_errors.exported")!;
    expect(hostile.slice(2, 4)).toEqual(["'\u00A0=cmd|' /C calc'!A0", "'＝1+1"]);
    expect(hostile[7]).toBe("'@SUM(A1)");
    expect(rows.find((row) => row[4] === "settings.payer_filing.updated")![8]).toMatch(/^\{.*HYPERLINK/);
  });

  test("a two-factor sign-in is one auth.signed_in event, written when the code is right; turning two-factor on is its own event", async () => {
    const email = "tia@alpha.test";
    // Its own address: better-auth allows 3 sign-ins per address in 10 s, and the tests above used them.
    const address = ADDRESSES[name]!.twoFactor;
    const from = { "x-forwarded-for": address };
    const userId = await addPerson(email, "viewer", [alpha.id]);
    const signInResponse = await getAuth().handler(authRequest("/sign-in/email", { email, password: TEST_PASSWORD }, from));
    const sessionCookie = sessionCookieOf(signInResponse)!;
    const enable = await getAuth().handler(authRequest("/two-factor/enable", { password: TEST_PASSWORD }, { ...from, cookie: sessionCookie }));
    const { totpURI } = (await enable.json()) as { totpURI: string };
    const secret = new TextDecoder().decode(base32.decode(new URL(totpURI).searchParams.get("secret")!));
    const enabled = await onlyEventOf(async () => {
      const response = await getAuth().handler(authRequest("/two-factor/verify-totp", { code: await createOTP(secret).totp() }, { ...from, cookie: sessionCookie }));
      expect(response.status).toBe(200);
    });
    expect(enabled).toMatchObject({ action: "account.two_factor_enabled", organizationId: null, userId, actorEmail: email, address });

    let challengeCookie = "";
    const before = await lastEventId();
    const challenge = await getAuth().handler(authRequest("/sign-in/email", { email, password: TEST_PASSWORD }, from));
    expect(await challenge.json()).toMatchObject({ twoFactorRedirect: true });
    challengeCookie = challenge.headers.getSetCookie().find((cookie) => cookie.includes("two_factor="))!.split(";")[0]!;
    expect(await eventsAfter(before)).toEqual([]);

    const wrong = await onlyEventOf(async () => {
      expect((await getAuth().handler(authRequest("/two-factor/verify-totp", { code: "000000" === (await createOTP(secret).totp()) ? "111111" : "000000" }, { ...from, cookie: challengeCookie }))).status).toBe(401);
    });
    expect(wrong).toMatchObject({ action: "auth.sign_in_failed", organizationId: null, userId, actorEmail: email, address, detail: { reason: "wrong_two_factor_code" } });

    const signedIn = await onlyEventOf(async () => {
      const response = await getAuth().handler(authRequest("/two-factor/verify-totp", { code: await createOTP(secret).totp() }, { ...from, cookie: challengeCookie }));
      expect(response.status).toBe(200);
    });
    expect(signedIn).toMatchObject({ action: "auth.signed_in", organizationId: null, userId, actorEmail: email, address, detail: { method: "password_and_two_factor" } });
  });

  test("a sign-out is one auth.signed_out event", async () => {
    const event = await onlyEventOf(async () => {
      const response = await getAuth().handler(authRequest("/sign-out", {}, { cookie: owner.sessionCookie! }));
      expect(response.status).toBe(200);
    });
    expect(event).toMatchObject({ action: "auth.signed_out", organizationId: null, userId: ownerId, actorEmail: OWNER, address: ADDRESS, subjectId: ownerId });
  });

  test("no audit row holds a patient id or key", async () => {
    const events = await getDb().db.auditEvent.findMany();
    expect(events.length).toBeGreaterThan(8);
    for (const event of events) expectNoPhi(event);
  });
});
