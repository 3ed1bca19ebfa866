import { spawnSync } from "node:child_process";
import path from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";

// Signing in the way a person or a script does: an account made with `npm run cli -- user add`
// (password on stdin), then ONE POST to better-auth's standard /api/auth/sign-in/email; the session
// cookie it sets goes into a cookie jar (a Cookie header) or a browser context.
const ROOT = path.resolve(import.meta.dirname, "../../..");

export type TAccount = { email: string; name: string; role: "owner" | "billing" | "consultant" | "viewer"; password: string; org?: string };

export const E2E_OWNER: TAccount = { email: "erin.owner@e2e.test", name: "Erin Owner", role: "owner", password: "saline drip at nine sharp" };

/** `npm run --silent cli -- user add … --password-stdin` against the app's data folder; returns stdout. */
export function addUserWithCli(dataDir: string, account: TAccount, extraEnv: Record<string, string> = {}): string {
  const env: NodeJS.ProcessEnv = { ...process.env, DRIPAUDIT_DATA_DIR: dataDir, ...extraEnv };
  if (!("DATABASE_URL" in extraEnv)) delete env.DATABASE_URL;
  const args = ["user", "add", "--email", account.email, "--name", account.name, "--role", account.role, "--password-stdin", ...(account.org ? ["--org", account.org] : [])];
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "lib/cli/main.ts"), ...args], {
    cwd: ROOT,
    env,
    input: `${account.password}\n`,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`user add ${account.email} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);

  return result.stdout;
}

/** The name=value pairs a response sets, as one Cookie header value (empty when none). */
export function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!.trim())
    .filter((pair) => !/=$/.test(pair))
    .join("; ");
}

/** Merges Cookie header values; later values win for the same name. */
export function mergeCookies(...headers: string[]): string {
  const jar = new Map<string, string>();
  for (const header of headers) {
    for (const pair of header.split(";").map((part) => part.trim()).filter(Boolean)) {
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** One POST to /api/auth/sign-in/email (JSON, Origin of the app); returns the Cookie header for later requests. */
export async function signInWithPassword(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: baseUrl },
    body: JSON.stringify({ email, password }),
    redirect: "manual",
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`sign-in as ${email} answered ${response.status}: ${body}`);
  const cookie = cookiesOf(response);
  if (!cookie.includes("dripaudit.session_token=")) throw new Error(`sign-in as ${email} set no session cookie: ${response.headers.getSetCookie().join(" | ")}`);

  return cookie;
}

/** Puts the cookies of a Cookie header into a browser context for the app's origin. */
export async function addCookiesToContext(context: BrowserContext, baseUrl: string, cookie: string): Promise<void> {
  const cookies = cookie
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl, httpOnly: true, sameSite: "Lax" as const };
    });
  await context.addCookies(cookies);
}

/** A new browser context holding the session cookie. */
export async function newSignedInContext(browser: Browser, baseUrl: string, cookie: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await addCookiesToContext(context, baseUrl, cookie);

  return context;
}

/** Like browser.newPage(options), signed in; closing the page closes its context. */
export async function newSignedInPage(browser: Browser, baseUrl: string, cookie: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await newSignedInContext(browser, baseUrl, cookie, options);
  const page = await context.newPage();
  page.once("close", () => void context.close().catch(() => {}));

  return page;
}

/** `user add` an owner (every practice) and sign them in: the Cookie header of their session. */
export async function addOwnerAndSignIn(baseUrl: string, dataDir: string, account: TAccount = E2E_OWNER): Promise<string> {
  addUserWithCli(dataDir, account);

  return signInWithPassword(baseUrl, account.email, account.password);
}
