import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPrismaClient, resolveDatabaseTarget, type Db } from "@/lib/db";
import { buildIfStale, ROOT, startFreshApp, waitForDemo, type TDemoApp } from "./helpers/demo-app";
import { addUserWithCli, E2E_OWNER, mergeCookies, signInWithPassword } from "./helpers/sign-in";

// Bounded at about 4× what it takes on CI's 2 cores (~50–65 s to start and load the demo, plus
// ~30 s when this file runs the build): a hang fails here within minutes, not after 15.
const DEMO_HOOK_TIMEOUT = 360_000;
/** The demo loads in ~50–65 s on CI (the start log's "demo practice ready"). */
const DEMO_LOAD_TIMEOUT = 240_000;

// Every page, route handler and server action of the built app, found from app/ and the build's
// action manifest (a route added later is covered without editing this file), answers a request
// without a session: pages → redirect to /sign-in, APIs → 401 JSON, actions → 401. Then the
// request guards and security headers with a valid session (issue 10, "Must show").
const APP_DIR = path.join(ROOT, "app");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
/** Pages anyone may open (the proxy's open paths); they must still answer without an error. */
const OPEN_PAGES = new Set(["/sign-in", "/setup", "/set-password"]);
const isOpenApi = (route: string) => route === "/api/health" || route.startsWith("/api/auth/");

type TRoute = { route: string; file: string; kind: "page" | "api"; methods: string[] };

/** A URL segment for an app/ folder name: groups and slots vanish, dynamic segments get a sample value. */
function urlSegment(folder: string): string | null {
  if (/^\(.*\)$/.test(folder) || folder.startsWith("@")) return null;
  if (/^\[\[?\.\.\..+\]\]?$/.test(folder)) return "sample/1";
  if (/^\[.+\]$/.test(folder)) return "1";

  return folder;
}

/** The HTTP methods a route.ts exports (function, const or re-export). */
function exportedMethods(source: string): string[] {
  return HTTP_METHODS.filter((method) =>
    new RegExp(`export\\s+(async\\s+)?function\\s+${method}\\b|export\\s+(const|let)\\s+${method}\\b|export\\s*\\{[^}]*\\b${method}\\b[^}]*\\}`).test(source),
  );
}

/** Every page.tsx and route.ts under app/ (private `_folders` are not routes). */
function discoverRoutes(dir = APP_DIR, segments: string[] = []): TRoute[] {
  const routes: TRoute[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith("_")) continue;
      const segment = urlSegment(entry.name);
      routes.push(...discoverRoutes(full, segment === null ? segments : [...segments, segment]));
      continue;
    }
    const route = `/${segments.join("/")}`;
    if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) routes.push({ route, file: path.relative(ROOT, full), kind: "page", methods: ["GET"] });
    if (/^route\.(ts|js)$/.test(entry.name)) routes.push({ route, file: path.relative(ROOT, full), kind: "api", methods: exportedMethods(readFileSync(full, "utf8")) });
  }

  return routes;
}

type TServerAction = { id: string; exportedName: string; filename: string; pages: string[] };

/** Every server action of the build, with the pages that load it. */
function discoverServerActions(): TServerAction[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as Record<
    "node" | "edge",
    Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>
  >;

  return [...Object.entries(manifest.node ?? {}), ...Object.entries(manifest.edge ?? {})].map(([id, entry]) => ({
    id,
    exportedName: entry.exportedName ?? "?",
    filename: entry.filename ?? "?",
    pages: Object.keys(entry.workers)
      .filter((worker) => worker.startsWith("app/") && worker.endsWith("/page"))
      .map((worker) => `/${worker.slice("app/".length, -"/page".length)}`.replace(/^\/$/, "/").replace(/\/\([^)]+\)/g, "") || "/"),
  }));
}

/** A state-changing request, first as JSON, then (if its handler wants another body type) as the upload stream. */
async function requestAsAnyBodyType(url: string, method: string, headers: Record<string, string>): Promise<Response> {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return fetch(url, { method, headers, redirect: "manual" });
  let response: Response | undefined;
  for (const [type, body] of [
    ["application/json", "{}"],
    ["application/octet-stream", "a,b\n"],
  ] as const) {
    response = await fetch(url, { method, headers: { ...headers, "Content-Type": type, "X-File-Name": "probe.csv" }, body, redirect: "manual" });
    if (response.status !== 415) return response;
  }

  return response!;
}

/** GET with a raw Host header (fetch does not let a caller set Host). */
function getWithHost(baseUrl: string, pathName: string, host: string): Promise<{ status: number; body: string }> {
  const url = new URL(pathName, baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname: url.hostname, port: url.port, path: url.pathname, method: "GET", headers: { Host: host } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

function expectSecurityHeaders(response: Response, what: string): void {
  const csp = response.headers.get("content-security-policy");
  expect(csp, `${what}: Content-Security-Policy`).toBeTruthy();
  expect(csp, what).not.toContain("unsafe-eval");
  expect(csp, what).toMatch(/frame-ancestors 'none'/);
  expect(csp, what).toMatch(/object-src 'none'/);
  expect(csp, what).toMatch(/base-uri 'self'/);
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), what).toBeTruthy();
  expect(response.headers.get("permissions-policy"), what).toBeTruthy();
  expect(response.headers.get("x-powered-by"), what).toBeNull();
}

describe("route coverage: no session → sign in / 401; guards and security headers", () => {
  let app: TDemoApp | undefined;
  let db: Db | undefined;
  let session = "";
  const routes = discoverRoutes();
  const pages = routes.filter((r) => r.kind === "page");
  const apis = routes.filter((r) => r.kind === "api");

  beforeAll(async () => {
    await buildIfStale();
    app = await startFreshApp();
    await waitForDemo(app, DEMO_LOAD_TIMEOUT);
    // With an account the answer is "sign in" (without one every page goes to /setup). Added once
    // the demo is there, so the owner is a member of it (the export and status checks need a practice).
    addUserWithCli(app.dataDir, E2E_OWNER);
    session = await signInWithPassword(app.baseUrl, E2E_OWNER.email, E2E_OWNER.password);
    db = createPrismaClient(resolveDatabaseTarget({ dataDir: app.dataDir }));
  }, DEMO_HOOK_TIMEOUT);

  afterAll(async () => {
    await db?.$disconnect();
    await app?.stop();
  });

  test("app/ has the routes this test is about (the walk works)", () => {
    expect(pages.map((r) => r.route)).toEqual(expect.arrayContaining(["/", "/findings", "/encounters/1", "/imports/1", "/settings", "/sign-in", "/setup"]));
    expect(apis.map((r) => r.route)).toEqual(expect.arrayContaining(["/api/health", "/api/demo", "/api/findings/export", "/api/imports", "/api/imports/1/errors.csv"]));
    for (const api of apis) expect(api.methods.length, `${api.file} exports no HTTP method`).toBeGreaterThan(0);
  });

  test("without a session every protected page redirects to /sign-in?next=<the page>", async () => {
    const problems: string[] = [];
    for (const { route, file } of pages) {
      const response = await fetch(`${app!.baseUrl}${route}`, { redirect: "manual" });
      if (OPEN_PAGES.has(route)) {
        if (response.status >= 500) problems.push(`${file}: open page answered ${response.status}`);
        continue;
      }
      const location = response.headers.get("location");
      const target = location ? new URL(location, app!.baseUrl) : null;
      if (![303, 307].includes(response.status) || target?.pathname !== "/sign-in") {
        problems.push(`${file} (${route}): ${response.status} → ${location ?? "no Location"}`);
      } else if (route !== "/" && target.searchParams.get("next") !== route) {
        problems.push(`${file} (${route}): next=${target.searchParams.get("next")}`);
      }
      await response.arrayBuffer();
    }
    expect(problems).toEqual([]);
  });

  test("a forged session cookie gets past the proxy's presence check, not past the pages and handlers", async () => {
    const forged = "dripaudit.session_token=forged.value";
    const problems: string[] = [];
    for (const { route, file, kind, methods } of [...pages, ...apis]) {
      if (OPEN_PAGES.has(route) || isOpenApi(route)) continue;
      for (const method of methods) {
        const response = await requestAsAnyBodyType(`${app!.baseUrl}${route}`, method, { cookie: forged });
        const body = method === "HEAD" ? "" : await response.text();
        if (kind === "api") {
          if (response.status !== 401) problems.push(`${method} ${route} (${file}): ${response.status}`);
          continue;
        }
        // A page that streams (loading.tsx) has sent 200 before it redirects: Next then redirects in the document.
        const location = response.headers.get("location") ?? /http-equiv="refresh" content="\d+;url=([^"]+)"/.exec(body)?.[1]?.replace(/&amp;/g, "&") ?? null;
        if (!location || new URL(location, app!.baseUrl).pathname !== "/sign-in") problems.push(`${route} (${file}): ${response.status} → ${location ?? "no redirect"}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("without a session every API (but /api/health and /api/auth/*) answers 401 JSON for each method it exports", async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const { route, file, methods } of apis) {
      if (isOpenApi(route)) continue;
      for (const method of methods) {
        const response = await requestAsAnyBodyType(`${app!.baseUrl}${route}`, method, {});
        checked++;
        if (response.status !== 401) {
          problems.push(`${method} ${route} (${file}): ${response.status}`);
          await response.arrayBuffer();
          continue;
        }
        if (method === "HEAD") continue;
        expect(response.headers.get("content-type"), `${method} ${route}`).toMatch(/^application\/json/);
        const body = (await response.json()) as { error?: { code?: string; message?: string } };
        if (!body.error?.message) problems.push(`${method} ${route}: 401 without an error message`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  test("/api/health stays open and says only ok / not ok", async () => {
    const response = await fetch(`${app!.baseUrl}/api/health`);
    expect(response.status).toBe(200);
    const body = JSON.stringify(await response.json());
    expect(body).not.toContain(app!.dataDir);
    expect(body).not.toMatch(/demo|riverside|patient/i);
  });

  test("without a session every server action of the build answers 401 (posted to / and to its own page)", async () => {
    const actions = discoverServerActions();
    expect(actions.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const action of actions) {
      const targets = ["/", ...action.pages.filter((page) => !OPEN_PAGES.has(page))];
      for (const target of targets) {
        const response = await fetch(`${app!.baseUrl}${target}`, {
          method: "POST",
          headers: { "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
          body: "[]",
          redirect: "manual",
        });
        if (response.status !== 401) problems.push(`${action.filename} ${action.exportedName} via ${target}: ${response.status}`);
        await response.arrayBuffer();
      }
    }
    expect(problems).toEqual([]);
  });

  test("a foreign Host header → 421 before any page or API runs", async () => {
    for (const pathName of ["/", "/api/health", "/sign-in", "/api/findings/export"]) {
      const response = await getWithHost(app!.baseUrl, pathName, "dripaudit.attacker.example");
      expect(response.status, pathName).toBe(421);
      expect(response.body).not.toContain("DripAudit</");
    }
    // The allowlisted loopback names still answer.
    const port = new URL(app!.baseUrl).port;
    await expect(getWithHost(app!.baseUrl, "/api/health", `localhost:${port}`)).resolves.toMatchObject({ status: 200 });
  });

  test("a foreign-Origin DELETE /api/demo with a valid session → 403, and the demo practice is still there", async () => {
    await expect(db!.organization.count({ where: { isDemo: true } })).resolves.toBe(1);
    const response = await fetch(`${app!.baseUrl}/api/demo`, { method: "DELETE", headers: { cookie: session, Origin: "https://attacker.example" }, redirect: "manual" });
    expect(response.status).toBe(403);
    await expect(response.json()).resolves.toMatchObject({ error: { code: expect.any(String) } });
    const crossSite = await fetch(`${app!.baseUrl}/api/demo`, { method: "DELETE", headers: { cookie: session, "Sec-Fetch-Site": "cross-site" }, redirect: "manual" });
    expect(crossSite.status).toBe(403);
    await expect(db!.organization.count({ where: { isDemo: true } })).resolves.toBe(1);
  });

  test("a text/plain JSON POST to /api/organizations with a valid session → 415, and no practice is created", async () => {
    const before = await db!.organization.count();
    const response = await fetch(`${app!.baseUrl}/api/organizations`, {
      method: "POST",
      headers: { cookie: session, "Content-Type": "text/plain" },
      body: JSON.stringify({ name: "Forged Practice", timeZone: "America/New_York", setting: "professional" }),
      redirect: "manual",
    });
    expect(response.status).toBe(415);
    await expect(db!.organization.count()).resolves.toBe(before);
    await expect(db!.organization.count({ where: { name: "Forged Practice" } })).resolves.toBe(0);
  });

  test("security headers on a page, an API answer, a 401 and a CSV download; no X-Powered-By", async () => {
    const page = await fetch(`${app!.baseUrl}/`, { headers: { cookie: session }, redirect: "manual" });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expectSecurityHeaders(page, "page /");
    const cookie = mergeCookies(session, page.headers.getSetCookie().map((line) => line.split(";")[0]!).join("; "));
    await page.arrayBuffer();

    const api = await fetch(`${app!.baseUrl}/api/settings/analysis-status`, { headers: { cookie } });
    expect(api.status).toBe(200);
    expect(api.headers.get("content-type")).toMatch(/^application\/json/);
    expectSecurityHeaders(api, "GET /api/settings/analysis-status");
    await api.arrayBuffer();

    const unauthenticated = await fetch(`${app!.baseUrl}/api/settings/analysis-status`);
    expect(unauthenticated.status).toBe(401);
    expectSecurityHeaders(unauthenticated, "401 from the proxy");

    const csv = await fetch(`${app!.baseUrl}/api/findings/export?cause=coding`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="findings-/);
    expectSecurityHeaders(csv, "CSV download");
    expect((await csv.text()).split("\n")[0]).toMatch(/^date_of_service,encounter_id,/);
  });
});
