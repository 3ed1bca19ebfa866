import { describe, expect, test } from "vitest";
import { adm, codes, run, summary, warningCodes } from "./helpers";

describe("§4.1 facility hierarchy picks exactly one initial", () => {
  test.each([
    [
      "§4.1 chemo infusion outranks a therapeutic infusion that started earlier",
      () => [adm("ondansetron", "therapeutic", "iv_infusion", "09:00", "09:30"), adm("carboplatin", "chemo", "iv_infusion", "09:30", "10:30")],
      ["96413", "96367"],
    ],
    [
      "§4.1 chemo push outranks a therapeutic infusion",
      () => [adm("hydrocortisone", "therapeutic", "iv_infusion", "09:00", "09:40"), adm("vincristine", "chemo", "iv_push", "09:45")],
      ["96409", "96367"],
    ],
    [
      "§4.1 therapeutic infusion outranks a push given first (a pre-medication becomes the add-on)",
      () => [adm("diphenhydramine", "therapeutic", "iv_push", "09:00"), adm("iron sucrose", "therapeutic", "iv_infusion", "09:10", "09:50")],
      ["96365", "96375"],
    ],
    [
      "§4.1 NOR-CHEMO: a push outranks hydration (no 96374 with 96360)",
      () => [adm("normal saline", "hydration", "iv_infusion", "09:00", "10:00"), adm("ondansetron", "therapeutic", "iv_push", "10:05")],
      ["96374", "96361"],
    ],
    [
      "§4.1 hydration alone is the initial",
      () => [adm("normal saline", "hydration", "iv_infusion", "09:00", "10:00")],
      ["96360"],
    ],
    [
      "§6 Rheumatologist: diphenhydramine push before infliximab → 96413 + 96375",
      () => [adm("diphenhydramine", undefined, "iv_push", "09:00"), adm("infliximab", undefined, "iv_infusion", "09:15", "11:15", { hcpcs: "J1745" })],
      ["96413", "96375", "96415"],
    ],
  ] as const)("%s", (_name, build, expected) => {
    expect(codes(build())).toEqual(expected);
  });

  test("§8.2 step 5 / §13.9: infliximab with complexBiologics=therapeutic → 96365 + 96366 + 96375", () => {
    const adms = [adm("diphenhydramine", undefined, "iv_push", "09:00"), adm("infliximab", undefined, "iv_infusion", "09:15", "11:15", { hcpcs: "J1745" })];
    expect(codes(adms, { complexBiologics: "therapeutic" })).toEqual(["96365", "96366", "96375"]);
  });
});

describe("spec §4 ties in rank", () => {
  test("same rank: the one that started first is initial", () => {
    const r = run([adm("drug b", "therapeutic", "iv_infusion", "10:00", "11:00"), adm("drug a", "therapeutic", "iv_infusion", "09:00", "09:50")]);
    expect(summary(r)).toEqual(["96365", "96367"]);
    expect(r.lines[0]!.explanation).toContain("drug a 09:00–09:50");
    expect(r.lines[0]!.explanation).toContain("started first (spec §4)");
  });

  test("same rank, same start: the longer one is initial; its overlap makes the other concurrent", () => {
    const r = run([adm("drug a", "therapeutic", "iv_infusion", "09:00", "09:40"), adm("drug b", "therapeutic", "iv_infusion", "09:00", "11:00")]);
    expect(summary(r)).toEqual(["96365", "96366", "96368"]);
    expect(r.lines[0]!.explanation).toContain("drug b 09:00–11:00");
    expect(r.lines[0]!.explanation).toContain("ran longer (spec §4)");
  });
});

describe("§4.2 professional setting: documented primary reason", () => {
  const visit = () => [
    adm("normal saline", "hydration", "iv_infusion", "09:00", "11:00", { primaryReason: true }),
    adm("ondansetron", "therapeutic", "iv_push", "09:30"),
  ];
  test.each([
    ["§4.2 office with hydration as the primary reason → 96360 + 96361 + 96375", "professional", ["96360", "96361", "96375"]],
    ["§4.2 facility ignores primaryReason → 96374 + 96361×2", "facility", ["96374", "96361x2"]],
  ] as const)("%s", (_name, setting, expected) => {
    expect(codes(visit(), { setting })).toEqual(expected);
  });

  test("§4.2 professional without a primary reason falls back to the hierarchy", () => {
    const r = run(
      [adm("normal saline", "hydration", "iv_infusion", "09:00", "11:00"), adm("ondansetron", "therapeutic", "iv_push", "09:30")],
      { setting: "professional" },
    );
    expect(summary(r)).toEqual(["96374", "96361x2"]);
    expect(r.lines[0]!.explanation).toContain("no primary reason documented");
  });

  test("§4.2 professional: a push documented as primary outranks an infusion → 96374 + 96367", () => {
    const adms = () => [
      adm("ketorolac", "therapeutic", "iv_push", "09:00", undefined, { primaryReason: true }),
      adm("iron sucrose", "therapeutic", "iv_infusion", "09:10", "09:50"),
    ];
    expect(codes(adms(), { setting: "professional" })).toEqual(["96374", "96367"]);
    expect(codes(adms(), { setting: "facility" })).toEqual(["96365", "96375"]);
  });
});

describe("§4.3 a second initial only on a separate IV access site", () => {
  test.each([
    ["XU", "96365-XU"],
    ["59", "96365-59"],
  ] as const)("§4.3 separate sites → second initial with modifier %s and a documentation warning", (mod, second) => {
    const r = run(
      [
        adm("cisplatin", "chemo", "iv_infusion", "09:00", "10:00", { ivSite: "L forearm" }),
        adm("magnesium", "therapeutic", "iv_infusion", "09:00", "10:00", { ivSite: "R hand" }),
      ],
      { separateSiteModifier: mod },
    );
    expect(summary(r)).toEqual(["96413", second]);
    expect(warningCodes(r)).toEqual(["SECOND_SITE_NEEDS_DOCUMENTATION"]);
    expect(r.warnings[0]!.administrationId).toBe(r.lines[1]!.administrationIds[0]);
  });

  test("§4.3 same site (or no site documented) → one initial, the rest secondary", () => {
    expect(
      codes([
        adm("cisplatin", "chemo", "iv_infusion", "09:00", "10:00", { ivSite: "L forearm" }),
        adm("magnesium", "therapeutic", "iv_infusion", "10:00", "11:00"),
      ]),
    ).toEqual(["96413", "96367"]);
  });

  test("§4.3 the second-site initial is listed right after the first initial, before add-ons (spec §6)", () => {
    const r = run([
      adm("cisplatin", "chemo", "iv_infusion", "09:00", "11:00", { ivSite: "A" }),
      adm("ondansetron", "therapeutic", "iv_push", "08:50", undefined, { ivSite: "B" }),
      adm("dexamethasone", "therapeutic", "iv_push", "08:55", undefined, { ivSite: "B" }),
    ]);
    expect(summary(r)).toEqual(["96413", "96374-XU", "96375", "96415"]);
  });
});
