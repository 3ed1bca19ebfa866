/**
 * The worklist's reads keep their intended plans on SQLite without planner statistics (what users
 * have: the product never runs ANALYZE there). Such plans do not depend on the row counts, so a
 * small practice shows what a 1M-encounter one gets; there, the plans this suite rules out cost
 * 0.6–8 s per read (issue [10/12] load bench):
 * - a page's rows read by id walked the (organizationId, weekStart) index over the whole practice;
 * - a kind filter without a cause under the kind sort walked an index that cannot use the kind;
 * - the rebill view's finding, encounter and administration reads by encounter id walked
 *   (organizationId, …) indexes instead of the id ones.
 */
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import type { Db, SqliteTarget } from "@/lib/db";
import { findRebillCandidates } from "@/lib/db/analysis/rebill";
import { findFindingsPage, parseFindingListQuery } from "@/lib/db/findings";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { importSyntheticPractice } from "@/tests/helpers/synthetic-practice";
import { createSqliteTestDatabase, type TTestDatabase } from "@/tests/helpers/test-databases";

let testDb: TTestDatabase;
let organizationId: string;
let analysisVersion: number;
const loggingClient = (url: string) => new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }), log: [{ emit: "event", level: "query" }] });
let logged: ReturnType<typeof loggingClient>;
let raw: Database.Database;
const queries: { sql: string; params: unknown[] }[] = [];

beforeAll(async () => {
  testDb = createSqliteTestDatabase();
  const practice = await importSyntheticPractice(testDb, { slug: "plans", seed: 7, weeks: 4 });
  organizationId = practice.organizationId;
  analysisVersion = (await recomputeOrganization(organizationId, { target: testDb.target, db: practice.db })).version;
  await practice.dispose();
  logged = loggingClient(testDb.target.url);
  logged.$on("query", (event) => queries.push({ sql: event.query, params: JSON.parse(event.params) as unknown[] }));
  raw = new Database((testDb.target as SqliteTarget).filePath, { readonly: true });
}, 120_000);

afterAll(async () => {
  raw?.close();
  await logged?.$disconnect();
  await testDb?.dispose();
});

/** The plan of every query `read` sent, keyed by the table it reads. */
async function plansOf(read: (db: Db) => Promise<unknown>): Promise<{ table: string; sql: string; plan: string }[]> {
  queries.length = 0;
  await read(logged as unknown as Db);
  return queries.map(({ sql, params }) => ({
    table: /FROM [`"]?(?:main[`"]?\.[`"]?)?(\w+)/.exec(sql)?.[1] ?? "",
    sql,
    plan: (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join(" / "),
  }));
}

test("no statistics: the plans below are SQLite's defaults", () => {
  expect(raw.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`).get()).toEqual({ n: 0 });
});

test("a worklist page reads its rows by primary key", async () => {
  const plans = await plansOf((db) => findFindingsPage(db, organizationId, analysisVersion, parseFindingListQuery(new URLSearchParams(""))));
  const byId = plans.filter((entry) => entry.table === "Finding" && /`id` IN \(/.test(entry.sql));
  expect(byId).toHaveLength(1);
  expect(byId[0]!.plan).toMatch(/USING INTEGER PRIMARY KEY/);
});

test("a kind filter with no cause, under the kind sort, seeks the kind in the kind page index", async () => {
  const query = parseFindingListQuery(new URLSearchParams("site=North&kind=missed_sequential&sort=kind"));
  const [walk] = await plansOf((db) => findFindingsPage(db, organizationId, analysisVersion, query));
  expect(walk!.plan).toMatch(/USING (COVERING )?INDEX Finding_page_kind_idx \(organizationId=\? AND cause=\? AND kind=\?\)/);
  expect(walk!.plan).not.toMatch(/TEMP B-TREE/);
});

test("the rebill view reads its page's findings, encounters and administrations by encounter id", async () => {
  const plans = await plansOf(async (db) => {
    const page = await findRebillCandidates(db, organizationId, analysisVersion, { asOf: "2000-01-01", limit: 5 });
    expect(page.candidates.length).toBeGreaterThan(0);
  });
  const expected = { Finding: /INDEX Finding_encounterId_organizationId_idx \(encounterId=\?\)/, Encounter: /INTEGER PRIMARY KEY/, Administration: /INDEX Administration_encounterId_idx \(encounterId=\?\)/ };
  for (const [table, plan] of Object.entries(expected)) {
    const reads = plans.filter((entry) => entry.table === table && /IN \(/.test(entry.sql));
    expect(reads, table).toHaveLength(1);
    expect(reads[0]!.plan, table).toMatch(plan);
  }
});
