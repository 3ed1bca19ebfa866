import type { Delimiters } from "./x12-types";

export type Composite = {
  parts: string[];
  /** True when the composite used `>` while ISA16 declared `:` (or the reverse). */
  swappedSeparator: boolean;
};

/**
 * Splits a composite element (e.g. SVC01 `HC:96413:59`). Real files sometimes use `>` although
 * ISA16 declares `:` (and the reverse): when the declared separator is absent and the other one is
 * present, the other one is used and `swappedSeparator` is set.
 *
 * @example splitComposite("HC>96413>59", { component: ":", ... }) //=> { parts: ["HC","96413","59"], swappedSeparator: true }
 */
export function splitComposite(value: string, delimiters: Pick<Delimiters, "component">): Composite {
  const declared = delimiters.component;
  if (value.includes(declared)) return { parts: value.split(declared).map((p) => p.trim()), swappedSeparator: false };
  const other = declared === ":" ? ">" : declared === ">" ? ":" : null;
  if (other !== null && value.includes(other)) {
    return { parts: value.split(other).map((p) => p.trim()), swappedSeparator: true };
  }
  return { parts: [value.trim()], swappedSeparator: false };
}
