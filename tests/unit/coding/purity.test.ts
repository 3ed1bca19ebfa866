import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

const dir = join(__dirname, "../../../lib/coding");
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

describe("lib/coding stays pure (no I/O, clock, env, DB, React, Next, Intl)", () => {
  test.each(files)("%s", (file) => {
    const src = readFileSync(join(dir, file), "utf8");
    const imports = [...src.matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]!);
    for (const spec of imports) expect(spec.startsWith("./")).toBe(true);
    expect(src).not.toMatch(/process\.env|Date\.now\(|new Date\(|Intl\.|require\(/);
  });

  test("the engine files exist", () => {
    expect(files).toEqual(
      expect.arrayContaining(["index.ts", "types.ts", "codes.ts", "category.ts", "time-and-units.ts", "technique.ts", "hierarchy.ts", "hydration.ts", "sequential.ts", "concurrency.ts", "injections.ts", "subcutaneous.ts", "pumps-and-ports.ts", "midnight.ts", "modifiers.ts"]),
    );
  });
});
