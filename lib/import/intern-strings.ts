/**
 * String interning for values kept after a chunk is parsed. A cell sliced out of a 1 MB chunk can
 * keep the whole chunk alive (V8 sliced strings), so values that outlive the row (drug, site,
 * nurse, ids) are copied once and shared: memory stays bounded by the distinct values, not the file.
 */
export type StringInterner = (value: string) => string;

/**
 * @example const intern = createStringInterner(); intern("Oxaliplatin") === intern("Oxaliplatin") //=> true (one copy)
 */
export function createStringInterner(maxEntries = 200_000): StringInterner {
  const pool = new Map<string, string>();
  return (value) => {
    if (value.length < 13) return value; // V8 copies short substrings anyway
    const hit = pool.get(value);
    if (hit !== undefined) return hit;
    const copy = Buffer.from(value, "utf8").toString("utf8");
    if (pool.size < maxEntries) pool.set(copy, copy);
    return copy;
  };
}
