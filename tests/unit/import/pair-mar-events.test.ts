import { describe, expect, test } from "vitest";
import type { MarActionKind } from "@/lib/import/normalize-mar-action";
import { pairMarEvents, type MarEvent } from "@/lib/import/pair-mar-events";

const T0 = Date.UTC(2025, 2, 4, 14, 0); // 09:00 in New York
const at = (minutes: number) => {
  const ms = T0 + minutes * 60_000;
  const local = new Date(ms - 5 * 3_600_000).toISOString().slice(0, 16);
  return { at: ms, local };
};

let line = 1;
function ev(orderKey: string, kind: MarActionKind, minutes: number, extra: Partial<MarEvent> = {}): MarEvent {
  line++;
  return { line, id: `L${line}`, orderKey, kind, action: kind, time: at(minutes), drug: "Rituximab", route: "iv_infusion", ...extra };
}

/** [id, start min, stop min | null, route] for compact assertions. */
const shape = (r: ReturnType<typeof pairMarEvents>) =>
  r.administrations.map((a) => [a.id, (a.start.at - T0) / 60_000, a.stop ? (a.stop.at - T0) / 60_000 : null, a.route]);

describe("pairMarEvents", () => {
  test("new bag → completed is one interval", () => {
    line = 1;
    const r = pairMarEvents([ev("O1", "start", 0), ev("O1", "end", 90)]);
    expect(shape(r)).toEqual([["L2", 0, 90, "iv_infusion"]]);
    expect(r.errors).toEqual([]);
  });

  test("pause / restart: paused time is excluded (two intervals of the same drug)", () => {
    line = 1;
    const r = pairMarEvents([ev("O1", "start", 0), ev("O1", "end", 80), ev("O1", "restart", 155), ev("O1", "end", 320)]);
    expect(shape(r)).toEqual([
      ["L2", 0, 80, "iv_infusion"],
      ["L4", 155, 320, "iv_infusion"],
    ]);
  });

  test("a rate change does not end the interval", () => {
    line = 1;
    const r = pairMarEvents([ev("O1", "start", 0), ev("O1", "continue", 30), ev("O1", "continue", 60), ev("O1", "end", 120)]);
    expect(shape(r)).toEqual([["L2", 0, 120, "iv_infusion"]]);
    expect(r.warnings).toEqual([]);
  });

  test("the next bag ends the running one", () => {
    line = 1;
    const r = pairMarEvents([ev("O3", "start", 0, { drug: "NS" }), ev("O3", "start", 45, { drug: "NS" }), ev("O3", "end", 100, { drug: "NS" })]);
    expect(shape(r)).toEqual([
      ["L2", 0, 45, "iv_infusion"],
      ["L3", 45, 100, "iv_infusion"],
    ]);
  });

  test("an interval with no end is an administration with no stop", () => {
    line = 1;
    const r = pairMarEvents([ev("O1", "start", 0), ev("O1", "continue", 30)]);
    expect(shape(r)).toEqual([["L2", 0, null, "iv_infusion"]]);
  });

  test("push / bolus are instantaneous pushes and do not disturb a running infusion", () => {
    line = 1;
    const r = pairMarEvents([
      ev("O1", "start", 0, { drug: "NS", route: "iv_infusion" }),
      ev("O1", "push", 10, { drug: "NS" }),
      ev("O2", "push", 5, { drug: "Ondansetron", route: undefined }),
      ev("O1", "end", 60, { drug: "NS" }),
    ]);
    expect(shape(r)).toEqual([
      ["L2", 0, 60, "iv_infusion"],
      ["L4", 5, 5, "iv_push"],
      ["L3", 10, 10, "iv_push"],
    ]);
  });

  test("Given on a push or SC/IM order is instantaneous", () => {
    line = 1;
    const r = pairMarEvents([ev("O5", "start", 0, { drug: "Denosumab", route: "injection" }), ev("O6", "start", 3, { drug: "Dex", route: "iv_push" })]);
    expect(shape(r)).toEqual([
      ["L2", 0, 0, "injection"],
      ["L3", 3, 3, "iv_push"],
    ]);
  });

  test("events are paired in time order whatever the file order; other orders are separate", () => {
    line = 1;
    const r = pairMarEvents([ev("O1", "end", 60), ev("O2", "start", 10, { drug: "NS" }), ev("O1", "start", 0), ev("O2", "end", 50, { drug: "NS" })]);
    expect(shape(r)).toEqual([
      ["L4", 0, 60, "iv_infusion"],
      ["L3", 10, 50, "iv_infusion"],
    ]);
  });

  test("an end with nothing running → END_WITHOUT_START on its line", () => {
    line = 1;
    const r = pairMarEvents([ev("O1", "end", 0), ev("O1", "start", 10), ev("O1", "end", 70), ev("O1", "end", 80)]);
    expect(shape(r)).toEqual([["L3", 10, 70, "iv_infusion"]]);
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([
      [2, "END_WITHOUT_START"],
      [5, "END_WITHOUT_START"],
    ]);
  });

  test("a rate change with nothing running starts an interval, with a warning", () => {
    line = 1;
    const r = pairMarEvents([ev("O1", "continue", 0), ev("O1", "end", 60)]);
    expect(shape(r)).toEqual([["L2", 0, 60, "iv_infusion"]]);
    expect(r.warnings.map((w) => w.code)).toEqual(["MAR_RATE_CHANGE_WITHOUT_START"]);
  });

  test("restart while running is ignored; ignore-kind actions are ignored", () => {
    line = 1;
    const r = pairMarEvents([ev("O1", "start", 0), ev("O1", "restart", 20), ev("O1", "ignore", 25), ev("O1", "end", 60)]);
    expect(shape(r)).toEqual([["L2", 0, 60, "iv_infusion"]]);
  });

  test("order facts missing on the starting event come from the order's other events", () => {
    line = 1;
    const r = pairMarEvents([
      ev("O1", "start", 0, { drug: undefined, route: undefined, hcpcs: undefined }),
      ev("O1", "end", 60, { drug: "Oxaliplatin", hcpcs: "J9263", route: "iv_infusion", ivSite: "Port", category: "chemo" }),
    ]);
    expect(r.administrations[0]).toMatchObject({ drug: "Oxaliplatin", hcpcs: "J9263", route: "iv_infusion", ivSite: "Port", category: "chemo" });
  });
});
