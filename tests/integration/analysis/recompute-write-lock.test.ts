/**
 * The recompute never keeps other writers waiting (issue [10/12]): a settings save, with its
 * audit event, during a recompute returns in well under a second, even when every write
 * transaction of the recompute is made artificially slow. With the former design (the whole
 * recompute in one transaction) the save waited for the whole recompute, or failed once the
 * SQLite busy timeout (10 s) ran out.
 *
 * The slowness is synchronous CPU work inside each of the recompute's write transactions, as a
 * big week's inserts would be; the recompute here takes several seconds.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import { recordAuditEvent, type Db } from "@/lib/db";
import { updateOrganizationProfile } from "@/lib/db/settings";
import { importSyntheticPractice } from "@/tests/helpers/synthetic-practice";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const providers = await resolveTestProviders();
const SLOW_TRANSACTION_MS = 150;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(providers)("recompute write lock on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let organizationId: string;

  beforeAll(async () => {
    testDb = await create();
    ({ db, organizationId } = await importSyntheticPractice(testDb, { slug: "lock", seed: 11, weeks: 8 }));
    await recomputeOrganization(organizationId, { target: testDb.target, db });
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
  });

  test("settings saves during an artificially slow recompute each return in under 1 s", async () => {
    let transactions = 0;
    const recompute = recomputeOrganization(organizationId, {
      target: testDb.target,
      db,
      weeks: "all",
      insideWriteTransaction: async () => {
        transactions++;
        const until = performance.now() + SLOW_TRANSACTION_MS;
        while (performance.now() < until) {
          // a slow write: the event loop is not free until the transaction commits
        }
      },
    });
    let finished = false;
    void recompute.finally(() => {
      finished = true;
    });

    const saves: number[] = [];
    let name = 0;
    while (!finished) {
      const started = performance.now();
      const changes = await updateOrganizationProfile(db, organizationId, {
        name: `Lock Clinic ${++name}`,
        timeZone: "America/New_York",
        setting: "facility",
        weekStartsOn: 1,
        timelyFilingDays: 365,
        uploadRetentionDays: 7,
      });
      await recordAuditEvent(db, { userId: null, actorEmail: "owner@lock.test", address: "127.0.0.1", organizationId, action: "settings.organization.updated", subjectType: "organization", subjectId: organizationId, detail: { changes } });
      saves.push(performance.now() - started);
      await sleep(10);
    }
    const result = await recompute;

    // The recompute really was slow and really overlapped the saves.
    expect(transactions).toBeGreaterThan(8);
    expect(result.durationMs).toBeGreaterThan(transactions * SLOW_TRANSACTION_MS);
    expect(saves.length).toBeGreaterThan(5);
    expect(Math.max(...saves)).toBeLessThan(1_000);
    // No write transaction of the recompute lasted much longer than its slow part.
    expect(result.longestWriteMs).toBeLessThan(SLOW_TRANSACTION_MS + 250);
  });
});
