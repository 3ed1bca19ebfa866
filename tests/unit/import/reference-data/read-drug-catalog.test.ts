import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { readDrugCatalog } from "@/lib/import/read-drug-catalog";

const csv = (text: string) => Readable.from([text]);

describe("readDrugCatalog (spec §3.6)", () => {
  test("hcpcs and/or drug name with a category spelling", async () => {
    const result = await readDrugCatalog(
      csv(["HCPCS,Drug Name,Category", "j0897,Denosumab,Chemotherapy", ",Potassium chloride 20 mEq,hydration", "J1745,,therapeutic"].join("\n")),
    );
    expect(result.errors).toEqual([]);
    expect(result.entries).toEqual([
      { hcpcs: "J0897", drug: "Denosumab", category: "chemo" },
      { drug: "Potassium chloride 20 mEq", category: "hydration" },
      { hcpcs: "J1745", category: "therapeutic" },
    ]);
  });

  test("rows with no key or an unknown category are row errors", async () => {
    const result = await readDrugCatalog(csv(["hcpcs,drug,category", ",,chemo", "J9999,X,vitamin", "J9998,Y,"].join("\n")));
    expect(result.errors.map(({ line, column, code }) => ({ line, column, code }))).toEqual([
      { line: 2, column: "hcpcs", code: "MISSING_VALUE" },
      { line: 3, column: "category", code: "BAD_CATEGORY" },
      { line: 4, column: "category", code: "MISSING_VALUE" },
    ]);
    expect(result.entries).toEqual([]);
  });

  test("a file with neither hcpcs nor drug column is rejected", async () => {
    await expect(readDrugCatalog(csv("name2,category\nX,chemo\n"))).rejects.toMatchObject({ code: "MISSING_COLUMNS" });
  });
});
