/**
 * Category spellings → the engine's `Category`.
 */
import type { Category } from "../coding/types";

const CATEGORY_BY_KEY: Record<string, Category> = {};
for (const s of [
  "chemo", "chemotherapy", "antineoplastic", "antineoplastics", "complex", "highly complex", "chemo/complex",
  "chemotherapy/complex", "complex biologic", "highly complex biologic", "oncology", "chemo biologic",
]) CATEGORY_BY_KEY[categoryKey(s)] = "chemo";
for (const s of [
  "therapeutic", "ther", "therapy", "prophylactic", "diagnostic", "tpd", "therapeutic/prophylactic/diagnostic",
  "drug", "non-chemo", "nonchemo", "supportive", "premed", "pre-med", "premedication",
]) CATEGORY_BY_KEY[categoryKey(s)] = "therapeutic";
for (const s of ["hydration", "hyd", "fluid", "fluids", "ivf", "iv fluids", "hydration fluid"]) CATEGORY_BY_KEY[categoryKey(s)] = "hydration";

function categoryKey(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/**
 * Normalises a category spelling. Returns `undefined` for an empty or unrecognised value (the
 * caller decides: empty → let the engine derive it; unrecognised → `BAD_CATEGORY`).
 * @example normalizeCategory("Chemotherapy") //=> "chemo"
 */
export function normalizeCategory(raw: string): Category | undefined {
  const key = categoryKey(raw);
  return key === "" ? undefined : CATEGORY_BY_KEY[key];
}
