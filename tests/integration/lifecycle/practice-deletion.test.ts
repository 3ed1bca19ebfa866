/**
 * Deleting a practice (Settings → Delete this practice): an owner who types the name exactly
 * deletes every row of the practice's data on both databases — every model of
 * prisma/schema.prisma with an organizationId is counted, read from the schema so that a model
 * added later is covered, and every model but the install-wide ones must have an organizationId
 * (in both schemas), so a new practice table cannot go uncounted — except its audit trail, which keeps its rows and gains
 * "practice.deleted". Another practice's rows are untouched.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { deletePracticeAction } from "@/app/settings/practice-actions";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import { whenRecomputesIdle } from "@/lib/analysis/recompute-triggers";
import { getDb } from "@/lib/db";
import { setPayerTimelyFilingDays } from "@/lib/db/analysis/payer-settings";
import { recordAuditEvent } from "@/lib/db/audit-events";
import { deletePracticeData } from "@/lib/db/practice-deletion";
import { runImport } from "@/lib/import/run-import";
import { ORGANIZATION_COOKIE } from "@/lib/auth/access";
import { settle } from "@/tests/helpers/app-assertions";
import { actAs, cookiesSetInRequest } from "@/tests/helpers/next-request-context";
import { addPerson, pointAppAt, seedPractice, signIn, type TPractice } from "@/tests/helpers/tenant-practices";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("@/tests/helpers/next-request-context")).nextHeadersModule);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, unstable_cache: <T>(fn: T) => fn }));

const providers = await resolveTestProviders();

const SCHEMAS = { sqlite: "prisma/schema.prisma", postgresql: "prisma/postgres/schema.prisma" } as const;

/**
 * Install-wide models (sign-in, users, the install itself) and the practice row itself: the only
 * models allowed to have no organizationId. Any other model must carry one, so a new practice table
 * cannot escape the row counts below by leaving it out.
 */
const INSTALL_WIDE_MODELS = ["Organization", "User", "Session", "Account", "Verification", "TwoFactor", "SignInFailure", "InstallSetup"];

/** Every model of a schema file, with whether it has an organizationId field. */
function schemaModels(file: string): { name: string; practiceScoped: boolean }[] {
  const schema = readFileSync(path.resolve(file), "utf8");
  return [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map((match) => ({ name: match[1]!, practiceScoped: /^\s+organizationId\s/m.test(match[2]!) }));
}

/** Every model of the schema with an organizationId field. */
function practiceModels(file: string = SCHEMAS.sqlite): string[] {
  return schemaModels(file)
    .filter((model) => model.practiceScoped)
    .map((model) => model.name);
}

type TCounter = { count: (args: { where: { organizationId: string } }) => Promise<number> };

async function countRows(organizationId: string): Promise<Record<string, number>> {
  const delegates = getDb().db as unknown as Record<string, TCounter>;
  const counts: Record<string, number> = {};
  for (const model of practiceModels()) {
    const delegate = delegates[model.charAt(0).toLowerCase() + model.slice(1)];
    if (!delegate) throw new Error(`no Prisma delegate for ${model}`);
    counts[model] = await delegate.count({ where: { organizationId } });
  }

  return counts;
}

const EMPTY_STATE = { ok: true };

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

/**
 * seedPractice (sessions with a row error, claims, analysis) plus what else a practice holds: a
 * mapped sessions import from a named source (ColumnMapping), an 835 with a PLB recoupment
 * (ProviderAdjustment), a denied claim line (denial rollups), fee schedule and drug catalog
 * imports, a payer filing window, members with a saved view and an audit event; then the full recompute.
 */
async function seedFullPractice(tag: string, name: string): Promise<TPractice> {
  const practice = await seedPractice(tag, name);
  const { db } = getDb();
  const dir = mkdtempSync(path.join(os.tmpdir(), `dripaudit-delete-${tag.toLowerCase()}-`));
  try {
    const date = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const files = {
      sessions: path.join(dir, "ehr-sessions.csv"),
      claims: path.join(dir, "denied-claims.csv"),
      fees: path.join(dir, "fees.csv"),
      catalog: path.join(dir, "catalog.csv"),
    };
    writeFileSync(
      files.sessions,
      [
        "encounter_id,patient_id,drug,hcpcs,category,route,start,stop,iv_site,primary_reason,date_of_service,site,nurse,payer,setting",
        `${tag}-ENC-9,${tag}-PAT-9,Normal saline,J7050,hydration,IV,${date}T08:00,${date}T10:00,arm,,${date},${tag}-SITE,RN ${tag},Aetna,`,
      ].join("\n") + "\n",
    );
    writeFileSync(
      files.claims,
      [
        "claim_id,encounter_id,patient_id,date_of_service,payer,cpt,modifiers,units,billed_amount,allowed_amount,paid_amount,paid_units,adjustment_codes,remark_codes,claim_status,paid_date,claim_frequency",
        `${tag}-CLM-9,${tag}-ENC-9,${tag}-PAT-9,${date},Aetna,96360,,1,200.00,0.00,0.00,0,CO-50:200.00,N115,denied,${date},1`,
      ].join("\n") + "\n",
    );
    writeFileSync(files.fees, `payer,cpt,rate,effective_from\nAetna,96360,150.00,2020-01-01\n`);
    writeFileSync(files.catalog, `hcpcs,drug,category\nJ9999,${tag} trial drug,chemo\n`);
    const remit = path.resolve("tests/fixtures/x12-835/linuxforhealth-x12/medicare-part-a.835");
    const imports = [
      { filePath: files.sessions, kind: "sessions" as const, sourceName: `${tag} EHR` },
      { filePath: files.claims, kind: "claims" as const },
      { filePath: remit, kind: "remittance_835" as const },
      { filePath: files.fees, kind: "fee_schedule" as const },
      { filePath: files.catalog, kind: "drug_catalog" as const },
    ];
    for (const file of imports) {
      const outcome = await runImport({ organizationId: practice.id, fileName: path.basename(file.filePath), analyze: false, ...file });
      if (outcome.status !== "succeeded") throw new Error(`seeding ${tag}: ${file.kind} ${outcome.status} — ${outcome.message}`);
    }
    await recomputeOrganization(practice.id, { weeks: "all", db });
    await setPayerTimelyFilingDays(db, practice.id, "Aetna", 90);
    const work = await db.findingWork.create({ data: { organizationId: practice.id, externalEncounterId: `${tag}-ENC-9`, kind: "denied_line", code: "96360", status: "appealed" } });
    await db.findingNote.create({ data: { organizationId: practice.id, workId: work.id, authorEmail: `billing@${tag.toLowerCase()}.test`, textSealed: "pid1:sealed" } });
    const viewerId = await addPerson(`viewer@${tag.toLowerCase()}.test`, "viewer", [practice.id]);
    await db.savedView.create({ data: { organizationId: practice.id, userId: viewerId, name: "Coding", query: "cause=coding", columns: "patient" } });
    await recordAuditEvent(db, { organizationId: practice.id, userId: null, actorEmail: null, address: null, action: "settings.rules.updated", subjectType: "organization", subjectId: practice.id });

    return practice;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(providers)("deleting a practice on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let restore: () => Promise<void>;
  let doomed: TPractice;
  let kept: TPractice;
  let ownerCookie: string;

  beforeAll(async () => {
    testDb = await create();
    restore = await pointAppAt(testDb);
    doomed = await seedFullPractice("DOOMED", "Doomed Infusion Center");
    kept = await seedFullPractice("KEPT", "Kept Infusion Center");
    await addPerson("owner@doomed.test", "owner", [doomed.id, kept.id]);
    ownerCookie = await signIn("owner@doomed.test");
  });

  afterAll(async () => {
    await whenRecomputesIdle();
    await restore?.();
    await testDb?.dispose();
  });

  test("every model but the install-wide ones is practice-scoped, the same in both schemas", () => {
    for (const file of Object.values(SCHEMAS)) {
      const unscoped = schemaModels(file).filter((model) => !model.practiceScoped).map((model) => model.name);
      expect(unscoped.sort(), `${file}: a model without organizationId is never counted here`).toEqual([...INSTALL_WIDE_MODELS].sort());
    }
    expect(practiceModels(SCHEMAS.postgresql).sort()).toEqual(practiceModels(SCHEMAS.sqlite).sort());
  });

  test("the schema's practice models are the ones the deletion knows (and every one has rows before)", async () => {
    const models = practiceModels();
    expect(models.length).toBeGreaterThanOrEqual(20);
    expect(models).toContain("Membership");
    expect(models).toContain("AuditEvent");
    const before = await countRows(doomed.id);
    const empty = Object.entries(before).filter(([, count]) => count === 0);
    expect(empty, "seed every practice model so the deletion test proves something").toEqual([]);
  });

  test("a confirmation that is not exactly the name deletes nothing", async () => {
    const before = await countRows(doomed.id);
    for (const confirmation of ["", "doomed infusion center", "Doomed Infusion Center ", "Doomed"]) {
      actAs({ sessionCookie: ownerCookie, organizationSlug: doomed.slug });
      const answer = await settle(() => deletePracticeAction(EMPTY_STATE, form({ confirmation })));
      expect(answer.digest).toBeNull();
      expect(answer.result).toMatchObject({ ok: false, fieldErrors: { confirmation: expect.any(String) } });
    }
    expect(await countRows(doomed.id)).toEqual(before);
  });

  test("the owner types the name: no row of the practice is left but its audit trail; the other practice is untouched", async () => {
    const keptBefore = await countRows(kept.id);
    const auditBefore = await getDb().db.auditEvent.count({ where: { organizationId: doomed.id } });
    expect(auditBefore).toBeGreaterThan(0);

    actAs({ sessionCookie: ownerCookie, organizationSlug: doomed.slug });
    const answer = await settle(() => deletePracticeAction(EMPTY_STATE, form({ confirmation: "Doomed Infusion Center" })));
    expect(answer.digest).toMatch(/^NEXT_REDIRECT;[a-z]+;\/;/);
    expect(cookiesSetInRequest().get(ORGANIZATION_COOKIE)).toBe("");

    const after = await countRows(doomed.id);
    const { AuditEvent: auditAfter, ...rest } = after;
    expect(Object.entries(rest).filter(([, count]) => count > 0)).toEqual([]);
    expect(auditAfter).toBe(auditBefore + 1);
    expect(await getDb().db.organization.count({ where: { id: doomed.id } })).toBe(0);
    const event = await getDb().db.auditEvent.findFirstOrThrow({ where: { organizationId: doomed.id, action: "practice.deleted" } });
    expect(event).toMatchObject({ subjectType: "organization", subjectId: doomed.id, actorEmail: "owner@doomed.test" });
    expect(JSON.stringify(event.detail)).not.toContain("DOOMED-PAT");

    expect(await countRows(kept.id)).toEqual(keptBefore);
  });

  test("deleting a practice that is gone deletes nothing", async () => {
    expect(await deletePracticeData(getDb().db, doomed.id)).toEqual({ deleted: false, rows: {} });
  });
});
