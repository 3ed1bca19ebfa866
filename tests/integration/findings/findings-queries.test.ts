import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { getEncounterDetail } from "@/lib/db/encounters";
import {
  countFindings,
  findFindingsPage,
  iterateFindings,
  parseFindingListQuery,
  type TFindingListQuery,
  type TFindingRow,
} from "@/lib/db/findings";
import { recordAuditEvent } from "@/lib/db/audit-events";
import {
  deleteFeeScheduleRate,
  getOrganizationSettings,
  listFeeScheduleRates,
  saveDrugCatalogEntries,
  saveFeeScheduleRates,
  updateRuleSettings,
  defaultRuleSettings,
  listDrugCatalogEntries,
} from "@/lib/db/settings";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";
import { publishedVersion } from "@/tests/helpers/published-version";

const providers = await resolveTestProviders();

const KINDS = [
  ["missed_addon_hours", "coding", "96415"],
  ["missing_stop_time", "documentation", "96366"],
  ["denied_line", "payer", "96413"],
  ["overcoded_units", "compliance", "96361"],
] as const;
const PAYERS = ["Aetna", "Medicare", null, "Cigna"] as const;

type TSeed = { organizationId: string; otherOrganizationId: string; encounterIds: number[] };

/** 120 findings over 30 encounters in one organization, 10 in another, with ties on every sort column. */
async function seed(db: Db, suffix: string): Promise<TSeed> {
  const organization = await db.organization.create({ data: { name: "Worklist Practice", slug: `worklist-${suffix}` } });
  const other = await db.organization.create({ data: { name: "Other Practice", slug: `other-${suffix}` } });
  const encounterIds: number[] = [];
  for (let index = 0; index < 30; index++) {
    const day = String(1 + (index % 10)).padStart(2, "0");
    const encounter = await db.encounter.create({
      data: {
        organizationId: organization.id,
        externalEncounterId: `E${index}`,
        patientKey: `k${index}`,
        patientIdSealed: `MRN-${index}`,
        dateOfService: `2025-03-${day}`,
        weekStart: "2025-03-03",
        site: index % 2 ? "North" : "South",
        payer: PAYERS[index % 4] ?? null,
      },
    });
    encounterIds.push(encounter.id);
    // Three hours of oxaliplatin: the encounter page recodes it to 96413 + 96415×2.
    await db.administration.create({
      data: {
        organizationId: organization.id,
        encounterId: encounter.id,
        drug: "Oxaliplatin",
        hcpcs: "J9263",
        category: "chemo",
        route: "iv_infusion",
        startAt: new Date(`${encounter.dateOfService}T14:00:00Z`),
        stopAt: new Date(`${encounter.dateOfService}T17:00:00Z`),
        startLocal: `${encounter.dateOfService}T09:00`,
        stopLocal: `${encounter.dateOfService}T12:00`,
        sourceLine: index + 2,
      },
    });
    await db.codedLine.createMany({
      data: [
        { organizationId: organization.id, encounterId: encounter.id, engineVersion: "t", code: "96413", units: 1, dateOfService: encounter.dateOfService, weekStart: "2025-03-03", position: 0, explanation: "first hour (§3.1)" },
        { organizationId: organization.id, encounterId: encounter.id, engineVersion: "t", code: "96415", units: 2, modifiers: "", dateOfService: encounter.dateOfService, weekStart: "2025-03-03", position: 1, explanation: "two more hours (§3.2)" },
      ],
    });
  }
  const rows = [];
  for (let index = 0; index < 120; index++) {
    const [kind, cause, code] = KINDS[index % 4]!;
    const encounterIndex = index % 30;
    const day = String(1 + (encounterIndex % 10)).padStart(2, "0");
    rows.push({
      organizationId: organization.id,
      encounterId: encounterIds[encounterIndex]!,
      kind,
      cause,
      code,
      units: 1 + (index % 3),
      valueCents: [15_000, 0, -2_500, 15_000, 7_000][index % 5]!,
      valueSource: cause === "documentation" ? "none" : "reference",
      isEstimate: cause === "documentation",
      explanation: index % 7 === 0 ? "=cmd|' /C calc'!A0" : `finding ${index}`,
      dateOfService: `2025-03-${day}`,
      weekStart: "2025-03-03",
      payer: PAYERS[encounterIndex % 4] ?? null,
      site: encounterIndex % 2 ? "North" : "South",
      setting: "facility",
      claimId: `C${encounterIndex}`,
      filingDeadline: index % 8 < 4 ? "2099-01-01" : "2020-01-01",
    });
  }
  await db.finding.createMany({ data: rows });
  const otherEncounter = await db.encounter.create({
    data: { organizationId: other.id, externalEncounterId: "E0", patientKey: "x", dateOfService: "2025-03-01", weekStart: "2025-02-24", payer: "Aetna" },
  });
  await db.finding.createMany({
    data: Array.from({ length: 10 }, (_, index) => ({
      organizationId: other.id,
      encounterId: otherEncounter.id,
      kind: "missed_addon_hours",
      cause: "coding",
      code: "96415",
      units: 1,
      valueCents: 99_999,
      valueSource: "reference",
      explanation: `other ${index}`,
      dateOfService: "2025-03-01",
      weekStart: "2025-02-24",
      payer: "Aetna",
      claimId: "OTHER",
      filingDeadline: "2099-01-01",
    })),
  });

  return { organizationId: organization.id, otherOrganizationId: other.id, encounterIds };
}

/** Walks every page forward and returns the ids in order. */
async function walkForward(db: Db, organizationId: string, query: TFindingListQuery): Promise<{ ids: number[]; rows: TFindingRow[]; pages: number }> {
  const rows: TFindingRow[] = [];
  let pages = 0;
  let next = query;
  for (;;) {
    const page = await findFindingsPage(db, organizationId, await publishedVersion(db, organizationId), next);
    pages++;
    rows.push(...page.rows);
    if (!page.nextCursor) break;
    next = { ...query, after: page.nextCursor };
    delete next.before;
  }

  return { ids: rows.map((row) => row.id), rows, pages };
}

function compareNullable(a: string | null, b: string | null, direction: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;

  return a < b ? -direction : direction;
}

describe.each(providers)("findings worklist queries on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let seeded: TSeed;
  let all: TFindingRow[];

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    seeded = await seed(db, name);
    all = (await walkForward(db, seeded.organizationId, { ...parseFindingListQuery({}), limit: 1000 })).rows;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
  });

  test("a list is scoped to the organization: another organization's findings never appear", async () => {
    expect(all).toHaveLength(120);
    expect(all.some((row) => row.explanation.startsWith("other"))).toBe(false);
    const other = await walkForward(db, seeded.otherOrganizationId, parseFindingListQuery({}));
    expect(other.rows).toHaveLength(10);
    expect(other.rows.every((row) => row.claimId === "OTHER")).toBe(true);
  });

  test.each([
    ["date", "desc"],
    ["date", "asc"],
    ["value", "desc"],
    ["value", "asc"],
    ["kind", "asc"],
    ["kind", "desc"],
    ["cause", "asc"],
    ["cause", "desc"],
    ["payer", "asc"],
    ["payer", "desc"],
  ] as const)("sort %s %s pages through every row exactly once, in order", async (sort, dir) => {
    const query = { ...parseFindingListQuery({ sort, dir }), limit: 7 };
    const walked = await walkForward(db, seeded.organizationId, query);
    expect(walked.pages).toBe(Math.ceil(120 / 7));
    expect(new Set(walked.ids).size).toBe(120);
    const sign = dir === "asc" ? 1 : -1;
    const expected = [...all].sort((a, b) => {
      const byKey =
        sort === "date"
          ? compareNullable(a.dateOfService, b.dateOfService, sign)
          : sort === "value"
            ? (a.valueCents - b.valueCents) * sign
            : sort === "kind" || sort === "cause"
                ? compareNullable(a.cause, b.cause, sign) || compareNullable(a.kind, b.kind, sign)
                : compareNullable(a.payer, b.payer, sign);

      return byKey || (a.id - b.id) * sign;
    });
    expect(walked.ids).toEqual(expected.map((row) => row.id));
  });

  test.each(["payer", "value", "kind"])("previous pages mirror next pages (keyset backwards), sort %s (payer crosses NULLs)", async (sort) => {
    const query = { ...parseFindingListQuery({ sort }), limit: 9 };
    const forward: number[][] = [];
    const cursors = [];
    let next: TFindingListQuery = query;
    for (;;) {
      const page = await findFindingsPage(db, seeded.organizationId, await publishedVersion(db, seeded.organizationId), next);
      forward.push(page.rows.map((row) => row.id));
      cursors.push(page);
      if (!page.nextCursor) break;
      next = { ...query, after: page.nextCursor };
    }
    // From the last page, walk back with `before` to the first.
    let page = cursors.at(-1)!;
    for (let index = forward.length - 2; index >= 0; index--) {
      expect(page.previousCursor).not.toBeNull();
      page = await findFindingsPage(db, seeded.organizationId, await publishedVersion(db, seeded.organizationId), { ...query, before: page.previousCursor! });
      expect(page.rows.map((row) => row.id)).toEqual(forward[index]);
    }
    expect(page.previousCursor).toBeNull();
  });

  test.each(["asc", "desc"] as const)("a payer filter under the payer sort (%s) pages through that payer's rows by id, both ways", async (dir) => {
    const query = { ...parseFindingListQuery({ payer: "Medicare", sort: "payer", dir }), limit: 4 };
    const walked = await walkForward(db, seeded.organizationId, query);
    const expected = all.filter((row) => row.payer === "Medicare").map((row) => row.id).sort((a, b) => (dir === "asc" ? a - b : b - a));
    expect(expected.length).toBeGreaterThan(8);
    expect(walked.ids).toEqual(expected);

    const version = await publishedVersion(db, seeded.organizationId);
    let page = await findFindingsPage(db, seeded.organizationId, version, query);
    while (page.nextCursor) page = await findFindingsPage(db, seeded.organizationId, version, { ...query, after: page.nextCursor });
    const backward: number[] = [...page.rows.map((row) => row.id)];
    while (page.previousCursor) {
      page = await findFindingsPage(db, seeded.organizationId, version, { ...query, before: page.previousCursor });
      backward.unshift(...page.rows.map((row) => row.id));
    }
    expect(backward).toEqual(expected);
  });

  test("filters: cause, kind, code, payer, site, estimate and dates", async () => {
    const filtered = async (params: Record<string, string>) => (await walkForward(db, seeded.organizationId, parseFindingListQuery(params))).rows;
    expect((await filtered({ cause: "coding" })).every((row) => row.cause === "coding")).toBe(true);
    expect(await filtered({ cause: "coding" })).toHaveLength(30);
    expect((await filtered({ kind: "denied_line" })).map((row) => row.kind)).toEqual(Array(30).fill("denied_line"));
    expect((await filtered({ code: "96366" })).every((row) => row.code === "96366" && row.isEstimate)).toBe(true);
    expect(await filtered({ estimate: "yes" })).toHaveLength(30);
    expect(await filtered({ estimate: "no" })).toHaveLength(90);
    expect((await filtered({ payer: "Medicare" })).every((row) => row.payer === "Medicare")).toBe(true);
    expect((await filtered({ site: "North" })).every((row) => row.site === "North")).toBe(true);
    // Dates snap to whole weeks (Monday starts): Mar 4 → week of Mar 3 – Mar 9.
    const week = await filtered({ from: "2025-03-04", to: "2025-03-04" });
    expect(week.every((row) => row.dateOfService >= "2025-03-03" && row.dateOfService <= "2025-03-09")).toBe(true);
    expect(week.length).toBe(all.filter((row) => row.dateOfService >= "2025-03-03" && row.dateOfService <= "2025-03-09").length);

  });

  test("the count and the dollar sum are exact under the cap; above it the count is capped", async () => {
    const count = async (organizationId: string, params: Record<string, string>, options?: { cap: number }) =>
      countFindings(db, organizationId, await publishedVersion(db, organizationId), parseFindingListQuery(params), options);
    const sumOf = async (organizationId: string, params: Record<string, string>) =>
      (await walkForward(db, organizationId, parseFindingListQuery(params))).rows.reduce((sum, row) => sum + row.valueCents, 0);
    expect(await count(seeded.organizationId, {})).toEqual({ count: 120, capped: false, valueCents: await sumOf(seeded.organizationId, {}) });
    expect(await count(seeded.organizationId, {}, { cap: 50 })).toMatchObject({ count: 50, capped: true });
    expect(await count(seeded.organizationId, { cause: "payer" })).toEqual({ count: 30, capped: false, valueCents: await sumOf(seeded.organizationId, { cause: "payer" }) });
    expect(await count(seeded.otherOrganizationId, {})).toEqual({ count: 10, capped: false, valueCents: await sumOf(seeded.otherOrganizationId, {}) });
  });

  test("iterateFindings yields every row in batches, in the list's order", async () => {
    const batches: number[] = [];
    const ids: number[] = [];
    const { limit: _limit, ...query } = parseFindingListQuery({ sort: "value" });
    for await (const batch of iterateFindings(db, seeded.organizationId, await publishedVersion(db, seeded.organizationId), query, { batchSize: 25 })) {
      batches.push(batch.length);
      ids.push(...batch.map((row) => row.id));
    }
    expect(batches).toEqual([25, 25, 25, 25, 20]);
    expect(ids).toEqual((await walkForward(db, seeded.organizationId, { ...parseFindingListQuery({ sort: "value" }), limit: 1000 })).ids);
  });

  test("encounter detail is organization-scoped", async () => {
    const detail = await getEncounterDetail(db, seeded.organizationId, await publishedVersion(db, seeded.organizationId), seeded.encounterIds[0]!);
    expect(detail?.externalEncounterId).toBe("E0");
    expect(detail?.codedLines.map((line) => `${line.code}×${line.units}`)).toEqual(["96413×1", "96415×2"]);
    expect(detail?.findings).toHaveLength(4);
    expect(await getEncounterDetail(db, seeded.otherOrganizationId, await publishedVersion(db, seeded.otherOrganizationId), seeded.encounterIds[0]!)).toBeNull();
    expect(await getEncounterDetail(db, seeded.organizationId, await publishedVersion(db, seeded.organizationId), -1)).toBeNull();
  });

  test("settings: rule options round-trip, fee schedule and catalog replace by key, deletes stay in the organization", async () => {
    const changes = await updateRuleSettings(db, seeded.organizationId, { ...defaultRuleSettings(), midnightRule: "calendarDay" });
    expect(changes).toEqual({ midnightRule: ["encounter", "calendarDay"] });
    expect((await getOrganizationSettings(db, seeded.organizationId))?.rules.midnightRule).toBe("calendarDay");

    await saveFeeScheduleRates(db, seeded.organizationId, [{ payer: "*", code: "96413", rateCents: 15_000, effectiveFrom: "2025-01-01" }]);
    const second = await saveFeeScheduleRates(db, seeded.organizationId, [
      { payer: "*", code: "96413", rateCents: 16_000, effectiveFrom: "2025-01-01" },
      { payer: "Aetna", code: "96415", rateCents: 4_000, effectiveFrom: "2025-01-01", effectiveTo: "2025-12-31" },
    ]);
    expect(second).toEqual({ rows: 2, replaced: 1 });
    const rates = await listFeeScheduleRates(db, seeded.organizationId);
    expect(rates.total).toBe(2);
    expect(rates.rows.map((rate) => [rate.payer, rate.code, rate.rateCents])).toEqual([
      ["*", "96413", 16_000],
      ["Aetna", "96415", 4_000],
    ]);
    expect(await deleteFeeScheduleRate(db, seeded.otherOrganizationId, rates.rows[0]!.id)).toBeNull();
    expect((await listFeeScheduleRates(db, seeded.organizationId)).total).toBe(2);

    await saveDrugCatalogEntries(db, seeded.organizationId, [{ hcpcs: "j1745", category: "chemo" }, { drug: "Magnesium", category: "hydration" }]);
    await saveDrugCatalogEntries(db, seeded.organizationId, [{ hcpcs: "J1745", category: "therapeutic" }]);
    const catalog = await listDrugCatalogEntries(db, seeded.organizationId);
    expect(catalog.rows.map((row) => [row.hcpcs, row.drug, row.category])).toEqual([
      [null, "magnesium", "hydration"],
      ["J1745", null, "therapeutic"],
    ].sort((a, b) => (name === "postgresql" ? (a[0] === null ? 1 : -1) : a[0] === null ? -1 : 1)));

    await recordAuditEvent(db, { organizationId: seeded.organizationId, userId: null, actorEmail: null, address: null, action: "settings.updated", detail: { changes } });
    expect(await db.auditEvent.count({ where: { organizationId: seeded.organizationId, action: "settings.updated" } })).toBe(1);
  });
});
