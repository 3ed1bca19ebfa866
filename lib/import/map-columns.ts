/**
 * Column mapping: finds, for each canonical column of a file kind, the index of the file's header
 * that holds it. Headers match case-insensitively after trimming and ignoring spaces, underscores and
 * punctuation (`normalizeHeader`), against the canonical name and its synonyms; an explicit mapping
 * (`--map`, or a mapping saved in the UI) takes precedence.
 *
 * Ambiguity is never guessed. A spec with `tiers` ranks its synonyms: the canonical name first,
 * then each tier in order; the first rank any header of the file matches decides, and when two
 * different headers match at that rank (`Insurance` and `Carrier` for the payer) the column is
 * ambiguous: left unmapped, reported in `ambiguous`, and, when required, a `MISSING_COLUMNS` error
 * that names the candidates, so the user is asked (`--map`, or the mapping form). A spec without
 * `tiers` keeps the plain order of `synonyms` (the first one found wins).
 */
import { ImportFileError } from "./import-file-error";
import { normalizeHeader } from "./normalize-header";

export type ColumnSpec = {
  /** snake_case canonical name, e.g. `date_of_service`. */
  name: string;
  required?: boolean;
  /** Other header spellings, most likely first (the canonical name itself is always accepted). */
  synonyms?: readonly string[];
  /**
   * `synonyms` grouped by strength, strongest first (together they hold exactly `synonyms`). Two
   * headers of the same tier are ambiguous; a weaker tier is only looked at when no header of a
   * stronger one is in the file (so `Patient`, often the patient's name, only counts when there is
   * no account number or MRN). Built by `column()`.
   */
  tiers?: readonly (readonly string[])[];
};

/**
 * A column spec with ranked synonyms (see `ColumnSpec.tiers`).
 * @example column("payer", [["Insurance", "Carrier"], ["Financial Class"]], { required: true }).synonyms
 * //=> ["Insurance", "Carrier", "Financial Class"]
 */
export function column(name: string, tiers: readonly (readonly string[])[], options: { required?: boolean } = {}): ColumnSpec {
  return { name, ...(options.required ? { required: true } : {}), synonyms: tiers.flat(), tiers };
}

/** A column two or more headers could be, none chosen. */
export type AmbiguousColumn = { column: string; headers: string[] };

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
  /** Columns left unmapped because several headers could be them (optional columns; required ones throw). */
  ambiguous: AmbiguousColumn[];
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
  const ambiguous: AmbiguousColumn[] = [];
  for (const spec of specs) {
    if (columns[spec.name] !== undefined) continue;
    for (const rank of rankedNames(spec)) {
      const found = new Map<string, number>();
      for (const candidate of rank) {
        const index = keys.findIndex((k, i) => k === candidate && !taken.has(i));
        if (index !== -1 && !found.has(candidate)) found.set(candidate, index);
      }
      if (found.size === 0) continue;
      if (found.size > 1) {
        ambiguous.push({ column: spec.name, headers: [...found.values()].sort((a, b) => a - b).map((i) => headers[i]!.trim()) });
        break;
      }
      const [candidate, index] = [...found][0]!;
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
  const ambiguousRequired = ambiguous.filter((a) => unmapped.some((u) => u.split(" or ").includes(a.column)));
  if (unmapped.length > 0) {
    const label = options.label ? `${options.label}: ` : "";
    const shown = headers.length > 0 ? headers.map((h) => JSON.stringify(h)).join(", ") : "(none)";
    const misses = explicitMisses.length > 0 ? `; --map headers not found: ${explicitMisses.join(", ")}` : "";
    const unsure = ambiguousRequired.length > 0 ? `; ${describeAmbiguous(ambiguousRequired)}` : "";
    throw new ImportFileError(
      "MISSING_COLUMNS",
      `${label}missing required column(s): ${unmapped.join(", ")}${unsure}; file headers: ${shown}${misses} (use --map canonical=Header)`,
      { headers: [...headers], unmapped, explicitMisses, ambiguous: ambiguousRequired },
    );
  }
  return { columns, duplicates, unknownMappings, ambiguous };
}

/**
 * The names a spec's column is recognised by, by rank: the canonical name (with any synonym that
 * normalizes to it) first, then each tier, or each synonym on its own when the spec has no tiers.
 * Normalized (`normalizeHeader`).
 */
function rankedNames(spec: ColumnSpec): string[][] {
  const own = normalizeHeader(spec.name);
  const groups = spec.tiers ?? (spec.synonyms ?? []).map((s) => [s]);
  const ranks = [[own]];
  for (const group of groups) {
    const names = group.map(normalizeHeader).filter((n) => n !== own);
    if (names.length > 0) ranks.push(names);
  }
  return ranks;
}

/**
 * One sentence per ambiguous column, for messages.
 * @example describeAmbiguous([{ column: "payer", headers: ["Insurance", "Carrier"] }])
 * //=> 'payer is ambiguous: "Insurance" and "Carrier" could each be it, none was guessed'
 */
export function describeAmbiguous(list: readonly AmbiguousColumn[]): string {
  return list
    .map((a) => {
      const names = a.headers.map((h) => JSON.stringify(h));
      const shown = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : names.join("");
      return `${a.column} is ambiguous: ${shown} could each be it, none was guessed`;
    })
    .join("; ");
}

/** Every header name a spec recognises: the canonical name and all its synonyms. */
export function knownHeaderNames(spec: ColumnSpec): string[] {
  return [spec.name, ...(spec.synonyms ?? [])];
}

/**
 * `isHeaderRow` for files whose header must hold the required columns: the first row in which
 * every required column (and one column of each `requireOneOf` group) has a cell that is its name,
 * one of its synonyms or its explicitly mapped header. Ambiguous cells count (mapping reports them).
 * @example createRequiredHeaderDetector([{ name: "cpt", required: true, synonyms: ["CPT Code"] }])(["CPT Code"]) //=> true
 */
export function createRequiredHeaderDetector(
  specs: readonly ColumnSpec[],
  options: { explicit?: ExplicitColumnMapping; requireOneOf?: readonly (readonly string[])[] } = {},
): (cells: string[]) => boolean {
  const namesOf = new Map<string, Set<string>>();
  for (const spec of specs) {
    const names = new Set(knownHeaderNames(spec).map(normalizeHeader));
    const explicit = options.explicit?.[spec.name];
    if (explicit !== undefined) names.add(normalizeHeader(explicit));
    namesOf.set(spec.name, names);
  }
  const required = specs.filter((s) => s.required).map((s) => s.name);
  const groups = options.requireOneOf ?? [];
  return (cells) => {
    if (required.length === 0 && groups.length === 0) return false;
    const keys = new Set(cells.map(normalizeHeader));
    const has = (name: string) => {
      for (const n of namesOf.get(name) ?? []) if (keys.has(n)) return true;
      return false;
    };
    return required.every(has) && groups.every((group) => group.some(has));
  };
}

/**
 * How many cells of a row are known column names (to pick the likeliest header row when none holds
 * every required column).
 */
export function createHeaderScorer(specs: readonly ColumnSpec[], explicit?: ExplicitColumnMapping): (cells: string[]) => number {
  const known = new Set<string>();
  for (const spec of specs) for (const name of knownHeaderNames(spec)) known.add(normalizeHeader(name));
  for (const header of Object.values(explicit ?? {})) known.add(normalizeHeader(header));
  return (cells) => {
    let n = 0;
    for (const cell of cells) if (known.has(normalizeHeader(cell))) n++;
    return n;
  };
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
