/**
 * Two real practices on the app's database (getDb(): DATABASE_URL), imported through the real
 * import path and analyzed, plus accounts signed in through better-auth: what the auth suites
 * (cross-tenant, role matrix) call the app's pages, route handlers and actions with.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import { createAccount } from "@/lib/auth/accounts";
import { getAuth } from "@/lib/auth/auth-server";
import { createOrganization, getDb } from "@/lib/db";
import type { TMembershipRole } from "@/lib/db/types";
import { runImport } from "@/lib/import/run-import";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import type { TTestDatabase } from "./test-databases";

export const TEST_PASSWORD = "saline drip at nine";

const ENV_KEYS = ["DATABASE_URL", "DRIPAUDIT_DATA_DIR", "DRIPAUDIT_AUTH_SECRET", "DRIPAUDIT_PATIENT_KEY_SECRET", "DRIPAUDIT_PUBLIC_URL", "__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS"] as const;

/** Points the app (getDb, getAuth, getEnv) at a migrated test database; returns the undo. */
export async function pointAppAt(testDb: TTestDatabase): Promise<() => Promise<void>> {
  const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-auth-"));
  await migrateDeploy(testDb.target);
  process.env.DATABASE_URL = testDb.databaseUrl;
  process.env.DRIPAUDIT_DATA_DIR = dataDir;
  process.env.DRIPAUDIT_AUTH_SECRET = "a".repeat(48);
  process.env.DRIPAUDIT_PATIENT_KEY_SECRET = "p".repeat(48);
  delete process.env.DRIPAUDIT_PUBLIC_URL;
  // next.config.js turns on experimental.authInterrupts; forbidden() reads this at run time.
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

  return async () => {
    await getDb().db.$disconnect();
    for (const key of ENV_KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}

export type TPractice = {
  id: string;
  name: string;
  slug: string;
  /** Internal encounter id (the /encounters/[id] route). */
  encounterId: number;
  /** The sessions import, which has a row error. */
  batchId: number;
  feeRateId: number;
  /** The MRN of the encounter's patient as imported (stored sealed). */
  patientId: string;
  /** Strings that must never appear in another practice's answers. */
  secrets: string[];
};

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A practice with one chemo encounter (190 minutes, billed one 96415 of two: a coding finding and a
 * rebill candidate), one bad session row (an import error) and a fee schedule rate. `tag` makes
 * every identifier unique to the practice (e.g. "BRAVO" → encounter BRAVO-ENC-1, patient BRAVO-PAT-1).
 */
export async function seedPractice(tag: string, name: string): Promise<TPractice> {
  const { db } = getDb();
  const organization = await createOrganization(db, { name, timeZone: "America/New_York", setting: "facility" });
  const date = isoDaysAgo(20);
  const dir = mkdtempSync(path.join(os.tmpdir(), `dripaudit-${tag.toLowerCase()}-`));
  try {
    const sessions = path.join(dir, `${tag}-sessions.csv`);
    writeFileSync(
      sessions,
      [
        "encounter_id,patient_id,drug,hcpcs,category,route,start,stop,iv_site,primary_reason,date_of_service,site,nurse,payer,setting",
        `${tag}-ENC-1,${tag}-PAT-1,Oxaliplatin,J9263,chemo,IV,${date}T09:00,${date}T12:10,port,,${date},${tag}-SITE,RN ${tag},Medicare,`,
        `${tag}-ENC-2,${tag}-PAT-2,Oxaliplatin,J9263,chemo,IV,not-a-time,${date}T12:10,port,,${date},${tag}-SITE,RN ${tag},Medicare,`,
      ].join("\n") + "\n",
    );
    const claims = path.join(dir, `${tag}-claims.csv`);
    writeFileSync(
      claims,
      [
        "claim_id,encounter_id,patient_id,date_of_service,payer,cpt,modifiers,units,billed_amount,allowed_amount,paid_amount,paid_units,adjustment_codes,remark_codes,claim_status,paid_date,claim_frequency",
        `${tag}-CLM-1,${tag}-ENC-1,${tag}-PAT-1,${date},Medicare,96413,,1,450.00,300.00,240.00,1,CO-45:150.00,,,${date},1`,
        `${tag}-CLM-1,${tag}-ENC-1,${tag}-PAT-1,${date},Medicare,96415,,1,100.00,80.00,60.00,1,CO-45:20.00,,,${date},1`,
      ].join("\n") + "\n",
    );
    const sessionsOutcome = await runImport({ organizationId: organization.id, filePath: sessions, fileName: path.basename(sessions), kind: "sessions", analyze: false });
    const claimsOutcome = await runImport({ organizationId: organization.id, filePath: claims, fileName: path.basename(claims), kind: "claims", analyze: false });
    if (sessionsOutcome.batchId === null || claimsOutcome.status !== "succeeded") {
      throw new Error(`seeding ${tag} failed: ${sessionsOutcome.message} / ${claimsOutcome.message}`);
    }
    await recomputeOrganization(organization.id, { weeks: "all", db });
    const encounter = await db.encounter.findFirstOrThrow({ where: { organizationId: organization.id, externalEncounterId: `${tag}-ENC-1` } });
    const rate = await db.feeScheduleRate.create({ data: { organizationId: organization.id, payer: `${tag}-PAYER`, code: "96413", rateCents: 31_337, effectiveFrom: "2020-01-01" } });

    return {
      id: organization.id,
      name,
      slug: organization.slug,
      encounterId: encounter.id,
      batchId: sessionsOutcome.batchId,
      feeRateId: rate.id,
      patientId: `${tag}-PAT-1`,
      secrets: [name, organization.id, tag, encounter.patientKey, ...(encounter.patientIdSealed ? [encounter.patientIdSealed] : [])],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Creates an account with a password and the role in the given practices. */
export async function addPerson(email: string, role: TMembershipRole, organizationIds: string[]): Promise<string> {
  const { userId } = await createAccount(getAuth(), getDb().db, { email, name: email.split("@")[0] ?? email, role, password: TEST_PASSWORD, organizationIds });

  return userId;
}

/** Signs in through better-auth's email endpoint; returns the `name=value` of the session cookie. */
export async function signIn(email: string): Promise<string> {
  const response = await getAuth().api.signInEmail({
    body: { email, password: TEST_PASSWORD },
    headers: new Headers({ host: "localhost:3000", "x-forwarded-for": "127.0.0.9" }),
    asResponse: true,
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email} failed: HTTP ${response.status} ${await response.text()}`);
  const cookie = (response.headers.getSetCookie?.() ?? [response.headers.get("set-cookie") ?? ""]).find((line) => line.includes("session_token="));
  const pair = cookie?.split(";")[0];
  if (!pair) throw new Error(`sign-in of ${email} set no session cookie`);

  return pair;
}
