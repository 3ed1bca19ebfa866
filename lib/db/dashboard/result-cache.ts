/**
 * A small LRU of dashboard results keyed by organization, data version and filters. What the
 * rollup reads see changes only when a recompute publishes (Organization.analysisVersion, part of
 * the data version with analyzedAt/updatedAt): a new version is a new key, so a cached result is
 * never stale. Pending promises
 * are shared (two panels asking at once run the queries once); a failure is not cached.
 */
export type TResultCache<T> = {
  get(key: string, compute: () => Promise<T>): Promise<T>;
  clear(): void;
  readonly size: number;
};

export function createResultCache<T>(maxEntries = 64): TResultCache<T> {
  const entries = new Map<string, Promise<T>>();

  return {
    get(key, compute) {
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);

        return hit;
      }
      const pending = compute();
      entries.set(key, pending);
      pending.catch(() => {
        if (entries.get(key) === pending) entries.delete(key);
      });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);

      return pending;
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
