/**
 * A set of strings kept as 64-bit fingerprints (two independent 32-bit hashes) in typed arrays:
 * 8 bytes a slot, at most 70% of slots used (12–23 bytes a member), instead of a string plus a Set
 * entry, so remembering every encounter id of a 1 GB file takes 32 MB (48 MB while growing). `has` is exact for members; for a non-member it is
 * wrong (true) only on a fingerprint collision, with probability about n² / 2⁶⁴ over n members
 * (below one in a million for 2,500,000 ids).
 */
export type FingerprintSet = {
  /** Adds the string; returns false when it (or a colliding fingerprint) was already there. */
  add(value: string): boolean;
  has(value: string): boolean;
  readonly size: number;
};

function hashA(value: string): number {
  // FNV-1a over UTF-16 code units.
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function hashB(value: string): number {
  // Murmur3-style mixing with another seed: independent of hashA.
  let h = 0x9747b28c ^ value.length;
  for (let i = 0; i < value.length; i++) {
    let k = Math.imul(value.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // Never 0: a zero pair marks an empty slot.
  return (h | 1) >>> 0;
}

export function createFingerprintSet(initialCapacity = 1 << 12): FingerprintSet {
  let capacity = 1 << Math.max(4, Math.ceil(Math.log2(initialCapacity)));
  let first = new Uint32Array(capacity);
  let second = new Uint32Array(capacity);
  let size = 0;

  const slotOf = (a: number, b: number, firsts: Uint32Array, seconds: Uint32Array, mask: number): number => {
    let slot = a & mask;
    while (seconds[slot] !== 0 && (firsts[slot] !== a || seconds[slot] !== b)) slot = (slot + 1) & mask;
    return slot;
  };

  const grow = (): void => {
    const oldFirst = first;
    const oldSecond = second;
    capacity *= 2;
    first = new Uint32Array(capacity);
    second = new Uint32Array(capacity);
    const mask = capacity - 1;
    for (let i = 0; i < oldSecond.length; i++) {
      if (oldSecond[i] === 0) continue;
      const slot = slotOf(oldFirst[i]!, oldSecond[i]!, first, second, mask);
      first[slot] = oldFirst[i]!;
      second[slot] = oldSecond[i]!;
    }
  };

  return {
    add(value) {
      const a = hashA(value);
      const b = hashB(value);
      const slot = slotOf(a, b, first, second, capacity - 1);
      if (second[slot] !== 0) return false;
      first[slot] = a;
      second[slot] = b;
      size++;
      if (size * 10 > capacity * 7) grow();
      return true;
    },
    has(value) {
      const slot = slotOf(hashA(value), hashB(value), first, second, capacity - 1);
      return second[slot] !== 0;
    },
    get size() {
      return size;
    },
  };
}
