import { describe, expect, test } from "vitest";
import { createResultCache } from "@/lib/db/dashboard/result-cache";

describe("createResultCache (dashboard results by data version)", () => {
  test("computes once per key and shares a pending result", async () => {
    const cache = createResultCache<number>(4);
    let calls = 0;
    const compute = async () => {
      calls += 1;
      return 42;
    };
    const [a, b] = await Promise.all([cache.get("k", compute), cache.get("k", compute)]);
    expect([a, b, calls]).toEqual([42, 42, 1]);
    await cache.get("k", compute);
    expect(calls).toBe(1);
  });

  test("a new data version is a new key", async () => {
    const cache = createResultCache<string>(4);
    expect(await cache.get("org|v1", async () => "old")).toBe("old");
    expect(await cache.get("org|v2", async () => "new")).toBe("new");
  });

  test("failures are not cached; the least recently used entry goes first", async () => {
    const cache = createResultCache<number>(2);
    await expect(cache.get("bad", async () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    await Promise.resolve();
    expect(await cache.get("bad", async () => 1)).toBe(1);
    await cache.get("a", async () => 2);
    await cache.get("bad", async () => 99); // touch: "a" is now the oldest
    await cache.get("c", async () => 3);
    expect(cache.size).toBe(2);
    expect(await cache.get("a", async () => 20)).toBe(20);
  });
});
