/**
 * Published worked examples (coding journals and payer pages quoted in the rule book) run through
 * the `recode` command exactly as a user runs it. The fixture names each case's source section in
 * tests/fixtures/worked-examples/expected.json.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Writable } from "node:stream";
import { beforeAll, describe, expect, test } from "vitest";
import { runCli } from "@/lib/cli/run-cli";

const FIXTURES = resolve(__dirname, "../../fixtures/worked-examples");

type Expected = { codes: string[]; warnings?: string[]; modifiersOnSecond?: string[]; why: string };
type RecodeOutput = {
  encounters: { encounterId: string; lines: { code: string; units: number; modifiers: string[]; explanation: string }[]; warnings: { code: string }[] }[];
  errors: unknown[];
};

const expected = JSON.parse(readFileSync(resolve(FIXTURES, "expected.json"), "utf8")) as Record<string, Expected | string>;
const cases = Object.entries(expected).filter((entry): entry is [string, Expected] => typeof entry[1] !== "string");

function sink() {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, read: () => text };
}

let output: RecodeOutput;

beforeAll(async () => {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(["recode", resolve(FIXTURES, "sessions.csv"), "--tz", "America/New_York"], {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: {},
  });
  expect(code, stderr.read()).toBe(0);
  output = JSON.parse(stdout.read()) as RecodeOutput;
});

describe("worked examples through `recode`", () => {
  test("every row is read and every case is coded", () => {
    expect(output.errors).toEqual([]);
    expect(output.encounters.map((encounter) => encounter.encounterId).sort()).toEqual(cases.map(([id]) => id).sort());
  });

  test.each(cases)("%s: %j", (id, want) => {
    const encounter = output.encounters.find((candidate) => candidate.encounterId === id)!;
    const units = new Map<string, number>();
    for (const line of encounter.lines) units.set(line.code, (units.get(line.code) ?? 0) + line.units);
    const wantUnits = new Map<string, number>();
    for (const entry of want.codes) {
      const [code, count] = entry.split(":") as [string, string];
      wantUnits.set(code, (wantUnits.get(code) ?? 0) + Number(count));
    }
    expect(Object.fromEntries(units), want.why).toEqual(Object.fromEntries(wantUnits));
    if (want.codes.length > 0) expect(encounter.lines[0]?.code).toBe(want.codes[0]?.split(":")[0]);
    for (const line of encounter.lines) expect(line.explanation).toMatch(/§\d/);
    for (const warning of want.warnings ?? []) expect(encounter.warnings.map((w) => w.code)).toContain(warning);
    if (want.modifiersOnSecond) expect(encounter.lines[1]?.modifiers).toEqual(want.modifiersOnSecond);
  });
});
