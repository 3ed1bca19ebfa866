/**
 * Stable sort for the engine's short lists (a handful of administrations, spans or fragments per
 * encounter). Insertion sort, because on such lists it runs several times faster than
 * Array.prototype.sort, which copies into a work array and calls the comparator through a generic
 * call V8 does not inline; long lists (unusual encounters) still go to the built-in sort. Both are
 * stable, so the order is the same either way.
 */

const INSERTION_SORT_MAX = 32;

/** Sorts `items` in place by `compare` (stable) and returns it. */
export function sortSmall<T>(items: T[], compare: (x: T, y: T) => number): T[] {
  const n = items.length;
  if (n > INSERTION_SORT_MAX) return items.sort(compare);
  for (let i = 1; i < n; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= 0 && compare(items[j]!, item) > 0) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }

  return items;
}
