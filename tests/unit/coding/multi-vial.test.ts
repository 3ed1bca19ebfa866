import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { codeEncounter, DEFAULT_CODING_SETTINGS } from "@/lib/coding";
import type { Administration, CodingResult, CodingSettings, Route } from "@/lib/coding/types";
import { adm, codes, run, summary, warningCodes } from "./helpers";

/** One dose from several vials or syringes is one administration (rule book §16.3, §1a NOR-INIT; NOTES.md 24). */
describe("§16.3 multi-vial / multi-syringe doses", () => {
  test("the default joining gap is 0 min (touching or overlapping times only)", () => {
    expect(DEFAULT_CODING_SETTINGS.multiVialJoinGapMinutes).toBe(0);
  });

  test.each([
    [
      "two IM syringes of one dose, touching times → one 96372",
      () => [adm("Ceftriaxone", "therapeutic", "injection", "09:00", "09:01"), adm("Ceftriaxone", "therapeutic", "injection", "09:01", "09:02")],
      {},
      ["96372"],
    ],
    [
      "three syringes, overlapping and touching → one 96372",
      () => [
        adm("Ceftriaxone", "therapeutic", "injection", "09:00", "09:02"),
        adm("ceftriaxone ", "therapeutic", "injection", "09:01", "09:03"),
        adm("CEFTRIAXONE", "therapeutic", "injection", "09:03", "09:04"),
      ],
      {},
      ["96372"],
    ],
    [
      "same site documented on both → one 96372",
      () => [
        adm("Ceftriaxone", "therapeutic", "injection", "09:00", "09:01", { ivSite: "L gluteal" }),
        adm("Ceftriaxone", "therapeutic", "injection", "09:01", "09:02", { ivSite: "l gluteal " }),
      ],
      {},
      ["96372"],
    ],
    [
      "a dose split between two documented sites → two injections (HCPro/CPT Knowledge Base)",
      () => [
        adm("Fulvestrant", undefined, "injection", "09:00", undefined, { hcpcs: "J9395", ivSite: "L gluteal" }),
        adm("Fulvestrant", undefined, "injection", "09:00", undefined, { hcpcs: "J9395", ivSite: "R gluteal" }),
      ],
      {},
      ["96402x2"],
    ],
    [
      "untimed syringes one minute apart are not touching at gap 0 → two injections",
      () => [adm("Vitamin B12", "therapeutic", "injection", "09:00"), adm("Vitamin B12", "therapeutic", "injection", "09:01")],
      {},
      ["96372x2"],
    ],
    [
      "… and are one injection with a 2-min joining gap",
      () => [adm("Vitamin B12", "therapeutic", "injection", "09:00"), adm("Vitamin B12", "therapeutic", "injection", "09:01")],
      { multiVialJoinGapMinutes: 2 },
      ["96372"],
    ],
    [
      "two doses hours apart stay two injections (CPT Assistant Sept 2007 via HCPro: 1:31 and 3:40)",
      () => [adm("Ceftriaxone", "therapeutic", "injection", "01:31", "01:32"), adm("Ceftriaxone", "therapeutic", "injection", "03:40", "03:41")],
      { multiVialJoinGapMinutes: 15 },
      ["96372x2"],
    ],
    [
      "same HCPCS under two names joins (Zofran / ondansetron J2405)",
      () => [
        adm("Zofran", "therapeutic", "iv_push", "09:00", "09:01", { hcpcs: "J2405" }),
        adm("ondansetron", "therapeutic", "iv_push", "09:01", "09:02", { hcpcs: "j2405" }),
        adm("Zofran", "therapeutic", "injection", "11:00", undefined, { hcpcs: "J2405" }),
        adm("ondansetron HCl", "therapeutic", "injection", "11:00", undefined, { hcpcs: "J2405" }),
      ],
      {},
      ["96374", "96372"],
    ],
    [
      "different drugs touching are not joined → 96374 + 96375",
      () => [adm("ondansetron", "therapeutic", "iv_push", "09:00", "09:01"), adm("dexamethasone", "therapeutic", "iv_push", "09:01", "09:02")],
      {},
      ["96374", "96375"],
    ],
    [
      "same drug by push and by injection are not joined",
      () => [adm("ondansetron", "therapeutic", "iv_push", "09:00", "09:01"), adm("ondansetron", "therapeutic", "injection", "09:01", "09:02")],
      {},
      ["96374", "96372"],
    ],
    [
      "two syringes pushed after an infusion → one 96375",
      () => [
        adm("iron sucrose", "therapeutic", "iv_infusion", "09:00", "10:00"),
        adm("ondansetron", "therapeutic", "iv_push", "10:05", "10:06"),
        adm("ondansetron", "therapeutic", "iv_push", "10:06", "10:07"),
      ],
      {},
      ["96365", "96375"],
    ],
    [
      "§3.2 a real repeat >30 min after the joined push is still 96376 (facility)",
      () => [
        adm("ondansetron", "therapeutic", "iv_push", "09:00", "09:01"),
        adm("ondansetron", "therapeutic", "iv_push", "09:01", "09:02"),
        adm("ondansetron", "therapeutic", "iv_push", "09:45", "09:46"),
        adm("ondansetron", "therapeutic", "iv_push", "09:46", "09:47"),
      ],
      {},
      ["96374", "96376"],
    ],
    [
      "§3.2 a repeat is measured from the joined push's start (09:00 → 09:31 = 31 min)",
      () => [
        adm("morphine", "therapeutic", "iv_push", "09:00", "09:02"),
        adm("morphine", "therapeutic", "iv_push", "09:02", "09:04"),
        adm("morphine", "therapeutic", "iv_push", "09:31"),
      ],
      {},
      ["96374", "96376"],
    ],
    [
      "§1b chemo pushed from two syringes → one 96409",
      () => [adm("vincristine", "chemo", "iv_push", "09:00", "09:01"), adm("vincristine", "chemo", "iv_push", "09:01", "09:02")],
      {},
      ["96409"],
    ],
    [
      "§4.3 pushes at two documented IV sites are not joined",
      () => [
        adm("ondansetron", "therapeutic", "iv_push", "09:00", "09:01", { ivSite: "L hand" }),
        adm("ondansetron", "therapeutic", "iv_push", "09:01", "09:02", { ivSite: "R arm" }),
      ],
      {},
      ["96374", "96374-XU"],
    ],
  ] as const)("%s", (_name, build, overrides, expected) => {
    expect(codes([...build()] as Administration[], overrides as Partial<CodingSettings>)).toEqual(expected);
  });

  test("a joined push has no REPEAT_PUSH_NOT_BILLABLE warning and its explanation says why, with the § and the gap", () => {
    const r = run([adm("ondansetron", "therapeutic", "iv_push", "09:00", "09:01"), adm("ondansetron", "therapeutic", "iv_push", "09:01", "09:02")]);
    expect(summary(r)).toEqual(["96374"]);
    expect(warningCodes(r)).toEqual([]);
    expect(r.lines[0]!.administrationIds).toHaveLength(2);
    expect(r.lines[0]!.explanation).toContain("2 records of ondansetron 09:00–09:02 joined as one push");
    expect(r.lines[0]!.explanation).toContain("§16.3");
    expect(r.lines[0]!.explanation).toContain("joining gap 0 min");
  });

  test("without joining (gap 0, 3 min apart) the second push is a non-billable repeat; with a 5-min gap it is joined", () => {
    const build = () => [adm("morphine", "therapeutic", "iv_push", "09:00"), adm("morphine", "therapeutic", "iv_push", "09:03")];
    const apart = run(build());
    expect(summary(apart)).toEqual(["96374"]);
    expect(warningCodes(apart)).toEqual(["REPEAT_PUSH_NOT_BILLABLE"]);
    const joined = run(build(), { multiVialJoinGapMinutes: 5 });
    expect(summary(joined)).toEqual(["96374"]);
    expect(warningCodes(joined)).toEqual([]);
    expect(joined.lines[0]!.explanation).toContain("2 records of morphine 09:00–09:03 joined as one push");
    expect(joined.lines[0]!.explanation).toContain("at most 5 min apart; joining gap 5 min");
  });

  test("a joined injection's explanation names the records, the § and the gap", () => {
    const r = run([adm("Ceftriaxone", "therapeutic", "injection", "09:00", "09:01"), adm("Ceftriaxone", "therapeutic", "injection", "09:01", "09:02")]);
    expect(r.lines[0]!.explanation).toContain("2 records of Ceftriaxone 09:00–09:02 joined as one injection");
    expect(r.lines[0]!.explanation).toMatch(/§16\.3.*§1a/);
    expect(r.lines[0]!.explanation).toContain("joining gap 0 min");
  });

  test("an untimed pair at the same instant says 'at 09:00'", () => {
    const r = run([adm("Vitamin B12", "therapeutic", "injection", "09:00"), adm("Vitamin B12", "therapeutic", "injection", "09:00")]);
    expect(summary(r)).toEqual(["96372"]);
    expect(r.lines[0]!.explanation).toContain("2 records of Vitamin B12 at 09:00 joined as one injection");
  });

  test("professional: a joined push is one 96374 and no repeat warning", () => {
    const r = run([adm("ondansetron", "therapeutic", "iv_push", "09:00", "09:01"), adm("ondansetron", "therapeutic", "iv_push", "09:01", "09:02")], { setting: "professional" });
    expect(summary(r)).toEqual(["96374"]);
    expect(warningCodes(r)).toEqual([]);
  });
});

// ---- property: splitting one push or injection into N touching rows never changes the codes ----

const BASE = Date.UTC(2025, 2, 4, 6, 0);

function point(minute: number) {
  const at = BASE + minute * 60_000;

  return { at, local: new Date(at).toISOString().slice(0, 16) };
}

const DRUGS = [
  ["oxaliplatin", "chemo"], ["leucovorin", "therapeutic"], ["ondansetron", "therapeutic"], ["dexamethasone", "therapeutic"],
  ["normal saline", "hydration"], ["vincristine", "chemo"], ["leuprolide", undefined],
] as const;
const ROUTES: Route[] = ["iv_infusion", "iv_infusion", "iv_push", "iv_push", "injection", "subq_infusion"];

type Raw = { drug: number; route: number; start: number; duration: number | null; site: number };

const rawAdm: fc.Arbitrary<Raw> = fc.record({
  drug: fc.integer({ min: 0, max: DRUGS.length - 1 }),
  route: fc.integer({ min: 0, max: ROUTES.length - 1 }),
  start: fc.integer({ min: 0, max: 20 * 60 }),
  duration: fc.option(fc.integer({ min: -2, max: 200 }), { freq: 4 }),
  site: fc.integer({ min: 0, max: 4 }),
});

function build(raws: Raw[]): Administration[] {
  return raws.map((r, i) => {
    const [drug, category] = DRUGS[r.drug]!;
    const a: Administration = { id: `L${i + 2}`, drug, route: ROUTES[r.route]!, start: point(r.start) };
    if (category !== undefined) a.category = category;
    if (r.duration !== null) a.stop = point(r.start + r.duration);
    if (r.site >= 3) a.ivSite = r.site === 3 ? "A" : "B";

    return a;
  });
}

/** The row to split: a push or an injection, untimed or timed (1–60 min), ending before midnight. */
const targetArb = fc.record({
  drug: fc.integer({ min: 0, max: DRUGS.length - 1 }),
  route: fc.constantFrom<Route>("iv_push", "injection"),
  start: fc.integer({ min: 0, max: 16 * 60 }),
  duration: fc.option(fc.integer({ min: 1, max: 60 }), { freq: 3 }),
  site: fc.integer({ min: 0, max: 4 }),
  pieces: fc.integer({ min: 2, max: 5 }),
  cuts: fc.array(fc.integer({ min: 1, max: 59 }), { minLength: 4, maxLength: 4 }),
});

const settingsArb: fc.Arbitrary<CodingSettings> = fc.record({
  setting: fc.constantFrom("facility", "professional"),
  midnightRule: fc.constantFrom("encounter", "calendarDay"),
  missingStop: fc.constantFrom("push", "none"),
  separateSiteModifier: fc.constantFrom("XU", "59"),
  shortInfusion: fc.constantFrom("push", "discontinued53"),
  multiVialJoinGapMinutes: fc.integer({ min: 0, max: 5 }),
  repeatPushMinGapMinutes: fc.constantFrom(10, 30),
}) as fc.Arbitrary<CodingSettings>;

/** Split `a` into `n` rows whose times touch (timed) or coincide (untimed); the first keeps its id. */
function split(a: Administration, n: number, cuts: readonly number[]): Administration[] {
  if (a.stop === undefined) return Array.from({ length: n }, (_, k) => ({ ...a, id: k === 0 ? a.id : `${a.id}.${k}` }));
  const minutes = Math.round((a.stop.at - a.start.at) / 60_000);
  const parts = Math.min(n, minutes);
  const inner = [...new Set(cuts.map((c) => c % minutes).filter((c) => c > 0))].sort((x, y) => x - y).slice(0, parts - 1);
  const bounds = [0, ...inner, minutes];
  const startMinute = Math.round((a.start.at - BASE) / 60_000);
  const out: Administration[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    out.push({ ...a, id: k === 0 ? a.id : `${a.id}.${k}`, start: point(startMinute + bounds[k]!), stop: point(startMinute + bounds[k + 1]!) });
  }

  return out;
}

function lineCodes(r: CodingResult): string[] {
  return r.lines.map((l) => `${l.code}${l.modifiers.length > 0 ? `-${l.modifiers.join("-")}` : ""}x${l.units}@${l.dateOfService}`);
}

describe("§16.3 property (fast-check)", () => {
  test("splitting one push or injection into N touching rows never changes the codes", () => {
    fc.assert(
      fc.property(fc.array(rawAdm, { minLength: 0, maxLength: 7 }), targetArb, settingsArb, (raws, t, settings) => {
        const others = build(raws);
        const [drug, category] = DRUGS[t.drug]!;
        const target: Administration = { id: "L1", drug, route: t.route, start: point(t.start) };
        if (category !== undefined) target.category = category;
        if (t.duration !== null) target.stop = point(t.start + t.duration);
        if (t.site >= 3) target.ivSite = t.site === 3 ? "A" : "B";
        const whole = codeEncounter({ id: "E1", administrations: [target, ...others] }, settings);
        const pieces = split(target, t.pieces, t.cuts);
        const parted = codeEncounter({ id: "E1", administrations: [...pieces, ...others] }, settings);
        expect(lineCodes(parted)).toEqual(lineCodes(whole));
      }),
      { numRuns: 2000 },
    );
  });

  test("the split rows are all named on the joined line", () => {
    fc.assert(
      fc.property(targetArb, (t) => {
        const target: Administration = { id: "L1", drug: "ondansetron", category: "therapeutic", route: t.route, start: point(t.start) };
        if (t.duration !== null) target.stop = point(t.start + t.duration);
        const pieces = split(target, t.pieces, t.cuts);
        const r = codeEncounter({ id: "E1", administrations: pieces }, DEFAULT_CODING_SETTINGS);
        expect(r.lines).toHaveLength(1);
        expect([...r.lines[0]!.administrationIds].sort()).toEqual(pieces.map((p) => p.id).sort());
        if (pieces.length > 1) expect(r.lines[0]!.explanation).toContain(`${pieces.length} records of ondansetron`);
      }),
      { numRuns: 300 },
    );
  });
});
