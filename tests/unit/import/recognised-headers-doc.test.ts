/**
 * docs/imports.md lists every header the readers recognise, per canonical column: the section
 * between the recognised-headers markers is generated from the column specs and must equal them.
 * `UPDATE_DOCS=1` rewrites it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { getImportColumnSpecs, KIND_TITLES, renderRecognisedHeaders } from "@/lib/import/import-column-specs";

const DOC = join(__dirname, "../../../docs/imports.md");
const START = "<!-- recognised-headers:start -->";
const END = "<!-- recognised-headers:end -->";

test("docs/imports.md lists the recognised headers exactly as the code has them", () => {
  const doc = readFileSync(DOC, "utf8");
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  expect(from, "markers missing in docs/imports.md").toBeGreaterThan(-1);
  expect(to).toBeGreaterThan(from);
  const expected = `${START}\n${renderRecognisedHeaders()}${END}`;
  const actual = doc.slice(from, to + END.length);
  if (process.env.UPDATE_DOCS === "1" && actual !== expected) {
    writeFileSync(DOC, doc.slice(0, from) + expected + doc.slice(to + END.length));
    return;
  }
  expect(actual, "run UPDATE_DOCS=1 npx vitest run tests/unit/import/recognised-headers-doc.test.ts").toBe(expected);
});

test("every synonym of every kind appears in the doc, in its column's row", () => {
  const doc = readFileSync(DOC, "utf8");
  for (const [kind, specs] of Object.entries(getImportColumnSpecs()) as [keyof typeof KIND_TITLES, ReturnType<typeof getImportColumnSpecs>["claims"]][]) {
    const start = doc.indexOf(`### ${KIND_TITLES[kind]}\n`);
    expect(start, kind).toBeGreaterThan(-1);
    const next = doc.indexOf("\n### ", start + 4);
    const section = doc.slice(start, next === -1 ? undefined : next).split("\n");
    for (const spec of specs) {
      const row = section.find((line) => line.startsWith(`| \`${spec.name}\` |`));
      expect(row, `${kind}.${spec.name}`).toBeDefined();
      for (const synonym of spec.synonyms) expect(row, `${kind}.${spec.name}: ${synonym}`).toContain(`\`${synonym.replace(/\|/g, "\\|")}\``);
    }
  }
});
