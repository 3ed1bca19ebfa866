import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseColumnMapping, parseInlineColumnMapping } from "@/lib/import/parse-column-mapping";

const dir = mkdtempSync(join(tmpdir(), "map-"));

describe("parseColumnMapping", () => {
  test("inline pairs", async () => {
    expect(await parseColumnMapping("encounter_id=Visit Number, drug = Medication Name")).toEqual({
      encounter_id: "Visit Number",
      drug: "Medication Name",
    });
  });

  test("a JSON file", async () => {
    const path = join(dir, "m.json");
    writeFileSync(path, JSON.stringify({ start: "Given At", stop: "Ended At" }));
    expect(await parseColumnMapping(path)).toEqual({ start: "Given At", stop: "Ended At" });
  });

  test.each([
    ["drug=Med,route", /canonical=Header/],
    ["=Header", /canonical=Header/],
    ["drug=", /canonical=Header/],
  ])("bad inline %j → BAD_MAPPING", (arg, message) => {
    expect(() => parseInlineColumnMapping(arg)).toThrow(message);
  });

  test("missing file, bad JSON, wrong shape → BAD_MAPPING", async () => {
    await expect(parseColumnMapping(join(dir, "none.json"))).rejects.toMatchObject({ code: "BAD_MAPPING" });
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{nope");
    await expect(parseColumnMapping(bad)).rejects.toMatchObject({ code: "BAD_MAPPING" });
    const wrong = join(dir, "wrong.json");
    writeFileSync(wrong, JSON.stringify({ drug: 3 }));
    await expect(parseColumnMapping(wrong)).rejects.toMatchObject({ code: "BAD_MAPPING" });
  });
});
