import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { BUILD_HASH_FILE, buildIfChanged, computeBuildHash, readBuildHash } from "@/lib/server/build-if-changed.mjs";

let root: string;

function write(relative: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), content);
}

/** Stands in for `next build`: writes .next/BUILD_ID (as Next does) and counts its runs. */
function fakeBuild(status = 0) {
  const runs: string[] = [];
  const build = (buildRoot: string): number => {
    runs.push(buildRoot);
    if (status === 0) write(".next/BUILD_ID", `build-${runs.length}`);
    return status;
  };
  return { build, runs };
}

const quiet = () => {};
const env = { NODE_ENV: "production" };
const hashOf = (options: { env?: Record<string, string | undefined> } = {}) => computeBuildHash({ root, env, nodeVersion: "v20.0.0", ...options });

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "dripaudit-build-hash-"));
  write("app/page.tsx", "export default function Page() { return null; }\n");
  write("components/ui/button.tsx", "export const Button = 1;\n");
  write("lib/coding/index.ts", "export const ENGINE_VERSION = '1';\n");
  write("package.json", "{}\n");
  write("package-lock.json", "{}\n");
  write("next.config.js", "module.exports = {};\n");
  write("prisma/schema.prisma", "model A { id Int @id }\n");
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("computeBuildHash", () => {
  test("is a stable sha256 of the same tree", () => {
    expect(hashOf()).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf()).toBe(hashOf());
  });

  test.each([
    ["an app file's content", "app/page.tsx"],
    ["a component", "components/ui/button.tsx"],
    ["a lib module", "lib/coding/index.ts"],
    ["package.json", "package.json"],
    ["the lock file", "package-lock.json"],
    ["next.config.js", "next.config.js"],
    ["the Prisma schema", "prisma/schema.prisma"],
  ])("changes with %s", (_what, file) => {
    const before = hashOf();
    write(file, `${readFileSync(path.join(root, file), "utf8")}// edit\n`);
    expect(hashOf()).not.toBe(before);
  });

  test("changes when a file is added, removed or renamed (paths count, not only contents)", () => {
    const before = hashOf();
    write("lib/new-module.ts", "export {};\n");
    const added = hashOf();
    expect(added).not.toBe(before);
    rmSync(path.join(root, "lib/new-module.ts"));
    expect(hashOf()).toBe(before);
    write("lib/renamed.ts", readFileSync(path.join(root, "lib/coding/index.ts"), "utf8"));
    rmSync(path.join(root, "lib/coding/index.ts"));
    expect(hashOf()).not.toBe(before);
  });

  test("changes when an optional input appears (public/, proxy.ts, .env)", () => {
    for (const file of ["public/logo.svg", "proxy.ts", ".env"]) {
      const before = hashOf();
      write(file, "x\n");
      expect(hashOf(), file).not.toBe(before);
    }
  });

  test("ignores what does not go into the build: node_modules, .next, .git, tests, docs", () => {
    const before = hashOf();
    write("node_modules/next/package.json", "{}\n");
    write("lib/node_modules/x.js", "1\n");
    write(".next/BUILD_ID", "abc\n");
    write(".git/HEAD", "ref\n");
    write("tests/unit/a.test.ts", "test\n");
    write("docs/operations.md", "# ops\n");
    expect(hashOf()).toBe(before);
  });

  test("counts NODE_ENV and NEXT_PUBLIC_* variables, not the rest of the environment", () => {
    const before = hashOf();
    expect(hashOf({ env: { ...env, PORT: "4000", DRIPAUDIT_DATA_DIR: "/tmp/x" } })).toBe(before);
    expect(hashOf({ env: { NODE_ENV: "development" } })).not.toBe(before);
    expect(hashOf({ env: { ...env, NEXT_PUBLIC_BRAND: "x" } })).not.toBe(before);
  });

  test("counts the Node version", () => {
    expect(computeBuildHash({ root, env, nodeVersion: "v22.12.0" })).not.toBe(hashOf());
  });
});

describe("buildIfChanged", () => {
  const run = (build: (root: string) => number, options: { always?: boolean; log?: (line: string) => void } = {}) =>
    buildIfChanged({ root, env, build, log: quiet, ...options });

  test("a fresh checkout (no build, no hash) builds and records the hash", () => {
    const { build, runs } = fakeBuild();
    const lines: string[] = [];
    const result = run(build, { log: (line) => lines.push(line) });
    expect(lines).toEqual([`DripAudit: no complete build recorded, building (hash ${result.hash.slice(0, 12)}).`]);
    expect(result).toMatchObject({ built: true, status: 0 });
    expect(runs).toEqual([root]);
    expect(readFileSync(path.join(root, BUILD_HASH_FILE), "utf8").trim()).toBe(result.hash);
    expect(readBuildHash(root)).toBe(computeBuildHash({ root, env }));
  });

  test("nothing changed: skips the build and says so", () => {
    const { build, runs } = fakeBuild();
    run(build);
    const lines: string[] = [];
    const again = run(build, { log: (line) => lines.push(line) });
    expect(again.built).toBe(false);
    expect(runs).toHaveLength(1);
    expect(lines).toEqual([`DripAudit: build up to date (hash ${again.hash.slice(0, 12)}), skipping next build.`]);
  });

  test("a changed source file builds again", () => {
    const { build, runs } = fakeBuild();
    run(build);
    write("components/ui/button.tsx", "export const Button = 2;\n");
    const lines: string[] = [];
    expect(run(build, { log: (line) => lines.push(line) }).built).toBe(true);
    expect(runs).toHaveLength(2);
    expect(lines[0]).toMatch(/^DripAudit: sources changed since the last build, building \(hash [0-9a-f]{12}\)\.$/);
  });

  test("a hash without a build (.next/BUILD_ID gone) builds", () => {
    const { build, runs } = fakeBuild();
    run(build);
    rmSync(path.join(root, ".next/BUILD_ID"));
    expect(readBuildHash(root)).toBeNull();
    expect(run(build).built).toBe(true);
    expect(runs).toHaveLength(2);
  });

  test("a failed build leaves no hash (and removes the old one), so the next start builds again", () => {
    const ok = fakeBuild();
    run(ok.build);
    write("app/page.tsx", "syntax error\n");
    const failed = fakeBuild(1);
    expect(run(failed.build)).toMatchObject({ built: true, status: 1 });
    expect(existsSync(path.join(root, BUILD_HASH_FILE))).toBe(false);
    const retry = fakeBuild(1);
    run(retry.build);
    expect(retry.runs).toHaveLength(1);
  });

  test("a file edited while the build runs is not recorded as built", () => {
    const lines: string[] = [];
    const result = run(
      () => {
        write(".next/BUILD_ID", "x");
        write("lib/coding/index.ts", "export const ENGINE_VERSION = '2';\n");
        return 0;
      },
      { log: (line) => lines.push(line) },
    );
    expect(result.status).toBe(0);
    expect(existsSync(path.join(root, BUILD_HASH_FILE))).toBe(false);
    expect(lines.at(-1)).toBe("DripAudit: sources changed during the build; the next start builds again.");
  });

  test("always (npm run build) builds even when up to date, and records the hash", () => {
    const { build, runs } = fakeBuild();
    run(build);
    const result = run(build, { always: true });
    expect(result.built).toBe(true);
    expect(runs).toHaveLength(2);
    expect(readBuildHash(root)).toBe(result.hash);
  });
});
