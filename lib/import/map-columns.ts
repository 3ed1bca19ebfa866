/**
 * Column mapping: finds, for each canonical column of a file kind, the index of the file's header
 * that holds it. Headers match case-insensitively after trimming and ignoring spaces, underscores and
 * punctuation (`normalizeHeader`), against the canonical name and its synonyms; an explicit mapping
 * (`--map`, or a mapping saved in the UI) takes precedence.
 */
import { ImportFileError } from "./import-file-error";
import { normalizeHeader } from "./normalize-header";

export type ColumnSpec = {
  /** snake_case canonical name, e.g. `date_of_service`. */
  name: string;
  required?: boolean;
  /** Other header spellings, most likely first (the canonical name itself is always accepted). */
  synonyms?: readonly string[];
};

/** Canonical name → 0-based column index in the file. Unmapped columns are absent. */
export type ColumnMap = Record<string, number>;

/** Canonical name → file header, as given by the user. */
export type ExplicitColumnMapping = Record<string, string>;

export type MapColumnsResult = {
  columns: ColumnMap;
  /** Canonical names whose header appeared more than once (the first one was used). */
  duplicates: string[];
  /** Explicit mapping entries that named an unknown canonical column (ignored). */
  unknownMappings: string[];
};

export type MapColumnsOptions = {
  explicit?: ExplicitColumnMapping;
  /**
   * Groups of columns of which at least one must be mapped, e.g. `[["encounter_id", "date_of_service"]]`
   * for "encounter_id, or patient_id + date_of_service".
   */
  requireOneOf?: readonly (readonly string[])[];
  /** File name for the error message. */
  label?: string;
};

/**
 * Maps headers to canonical columns. Throws `ImportFileError("MISSING_COLUMNS")` listing the file's
 * headers and the required columns still unmapped.
 * @example
 * mapColumns(["Visit ID", "Medication"], [{ name: "encounter_id", synonyms: ["Visit ID"] }, { name: "drug", synonyms: ["Medication"] }]).columns
 * //=> { encounter_id: 0, drug: 1 }
 */
export function mapColumns(headers: readonly string[], specs: readonly ColumnSpec[], options: MapColumnsOptions = {}): MapColumnsResult {
  const keys = headers.map(normalizeHeader);
  const columns: ColumnMap = {};
  const duplicates: string[] = [];
  const unknownMappings: string[] = [];
  const specNames = new Set(specs.map((s) => s.name));
  const explicitMisses: string[] = [];

  const explicit = options.explicit ?? {};
  for (const [canonical, header] of Object.entries(explicit)) {
    if (!specNames.has(canonical)) {
      unknownMappings.push(canonical);
      continue;
    }
    const exact = headers.findIndex((h) => h.trim() === header.trim());
    const index = exact !== -1 ? exact : keys.indexOf(normalizeHeader(header));
    if (index === -1) explicitMisses.push(`${canonical}=${header}`);
    else columns[canonical] = index;
  }

  const taken = new Set(Object.values(columns));
  for (const spec of specs) {
    if (columns[spec.name] !== undefined) continue;
    const candidates = [spec.name, ...(spec.synonyms ?? [])].map(normalizeHeader);
    for (const candidate of candidates) {
      const index = keys.findIndex((k, i) => k === candidate && !taken.has(i));
      if (index === -1) continue;
      columns[spec.name] = index;
      taken.add(index);
      if (keys.indexOf(candidate, index + 1) !== -1) duplicates.push(spec.name);
      break;
    }
  }

  const unmapped = specs.filter((s) => s.required && columns[s.name] === undefined).map((s) => s.name);
  for (const group of options.requireOneOf ?? []) {
    if (!group.some((name) => columns[name] !== undefined)) unmapped.push(group.join(" or "));
  }
  if (unmapped.length > 0) {
    const label = options.label ? `${options.label}: ` : "";
    const shown = headers.length > 0 ? headers.map((h) => JSON.stringify(h)).join(", ") : "(none)";
    const misses = explicitMisses.length > 0 ? `; --map headers not found: ${explicitMisses.join(", ")}` : "";
    throw new ImportFileError(
      "MISSING_COLUMNS",
      `${label}missing required column(s): ${unmapped.join(", ")}; file headers: ${shown}${misses} (use --map canonical=Header)`,
      { headers: [...headers], unmapped, explicitMisses },
    );
  }
  return { columns, duplicates, unknownMappings };
}

/**
 * Builds an `isHeaderRow` predicate for `readCsvRows`: a row is the header when at least
 * `minMatches` of its cells are known column names or synonyms (or explicitly mapped headers).
 * @example createHeaderDetector([{ name: "drug" }, { name: "route" }])(["Drug", "Route"]) //=> true
 */
export function createHeaderDetector(
  specs: readonly ColumnSpec[],
  options: { minMatches?: number; explicit?: ExplicitColumnMapping } = {},
): (cells: string[]) => boolean {
  const known = new Set<string>();
  for (const spec of specs) {
    known.add(normalizeHeader(spec.name));
    for (const synonym of spec.synonyms ?? []) known.add(normalizeHeader(synonym));
  }
  for (const header of Object.values(options.explicit ?? {})) known.add(normalizeHeader(header));
  const minMatches = options.minMatches ?? Math.min(2, specs.length);
  return (cells) => {
    let matches = 0;
    for (const cell of cells) {
      if (known.has(normalizeHeader(cell)) && ++matches >= minMatches) return true;
    }
    return false;
  };
}
