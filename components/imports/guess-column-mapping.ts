/**
 * First guess for the column-mapping form: for each canonical column, the file header that the
 * importer would match by name or synonym (same comparison as lib/import/map-columns), else "".
 * Pure, for the client.
 */
export type TColumnSpecView = { name: string; required: boolean; synonyms: string[] };

/** Same key as lib/import/normalize-header: lower case, letters and digits only, BOM dropped. */
export function headerKey(header: string): string {
  return header.replace(/^\uFEFF/, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * @example guessColumnMapping(["Visit ID", "Medication"], [{ name: "encounter_id", required: false, synonyms: ["Visit ID"] }])
 * //=> { encounter_id: "Visit ID" }
 */
export function guessColumnMapping(headers: readonly string[], specs: readonly TColumnSpecView[]): Record<string, string> {
  const keys = headers.map(headerKey);
  const taken = new Set<number>();
  const mapping: Record<string, string> = {};
  for (const spec of specs) {
    mapping[spec.name] = "";
    for (const candidate of [spec.name, ...spec.synonyms].map(headerKey)) {
      const index = keys.findIndex((key, i) => key === candidate && !taken.has(i));
      if (index === -1) continue;
      taken.add(index);
      mapping[spec.name] = headers[index] ?? "";
      break;
    }
  }

  return mapping;
}

/** The canonical names the importer reported as unmapped (`"encounter_id or date_of_service"` counts both). */
export function unmappedNames(unmapped: readonly string[]): Set<string> {
  return new Set(unmapped.flatMap((entry) => entry.split(/\s+or\s+/).map((name) => name.trim())));
}

/** Only the chosen entries, ready to send: `{ canonical: "Header" }`. */
export function toMappingPayload(selection: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(selection).filter(([, header]) => header !== ""));
}
