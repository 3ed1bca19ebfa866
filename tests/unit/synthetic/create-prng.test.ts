import { describe, expect, test } from "vitest";
import { createPrng, hashString } from "@/lib/synthetic/create-prng";

describe("createPrng", () => {
  test("is a fixed sequence for a seed (pinned values)", () => {
    const rng = createPrng(42);
    expect([rng.next(), rng.next(), rng.next()]).toEqual([0.2521894918754697, 0.5062905540689826, 0.3733786270022392]);
    const week = createPrng(42, "week:3");
    expect([week.int(1, 1000), week.int(1, 1000)]).toEqual([147, 948]);
  });

  test("different seeds and labels give different sequences", () => {
    const a = createPrng(1, "x");
    const b = createPrng(2, "x");
    const c = createPrng(1, "y");
    const take = (r: ReturnType<typeof createPrng>) => [r.next(), r.next(), r.next()];
    const [sa, sb, sc] = [take(a), take(b), take(c)];
    expect(sa).not.toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  test("int stays in range and covers it; chance and weighted follow their probabilities", () => {
    const rng = createPrng(7);
    const seen = new Set<number>();
    let heads = 0;
    let heavy = 0;
    for (let i = 0; i < 20_000; i++) {
      const n = rng.int(3, 6);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
      seen.add(n);
      if (rng.chance(0.25)) heads++;
      if (rng.weighted([["a", 1], ["b", 3]] as const) === "b") heavy++;
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    expect(Math.abs(heads / 20_000 - 0.25)).toBeLessThan(0.015);
    expect(Math.abs(heavy / 20_000 - 0.75)).toBeLessThan(0.015);
  });

  test("hashString is FNV-1a", () => {
    expect(hashString("")).toBe(0x811c9dc5);
    expect(hashString("a")).toBe(0xe40c292c);
  });
});
