/**
 * Reads the `--map` argument: a JSON file (`{"encounter_id": "Visit Number", …}`) or inline pairs
 * (`encounter_id=Visit Number,drug=Medication Name`). The same shape as a mapping saved in the UI.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { ExplicitColumnMapping } from "./map-columns";
import { ImportFileError } from "./import-file-error";

const ZColumnMapping = z.record(z.string().min(1), z.string().min(1));

/**
 * Parses inline `canonical=Header` pairs (comma-separated).
 * @example parseInlineColumnMapping("drug=Med Name,start=Given At") //=> { drug: "Med Name", start: "Given At" }
 */
export function parseInlineColumnMapping(text: string): ExplicitColumnMapping {
  const mapping: ExplicitColumnMapping = {};
  for (const part of text.split(",")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    const key = eq === -1 ? "" : part.slice(0, eq).trim();
    const value = eq === -1 ? "" : part.slice(eq + 1).trim();
    if (!key || !value) {
      throw new ImportFileError("BAD_MAPPING", `invalid --map entry ${JSON.stringify(part.trim())}: expected canonical=Header`);
    }
    mapping[key] = value;
  }
  return mapping;
}

/**
 * Parses a `--map` value: inline pairs (anything with `=`), else a path to a JSON file. Throws
 * `ImportFileError("BAD_MAPPING")`.
 */
export async function parseColumnMapping(arg: string): Promise<ExplicitColumnMapping> {
  // Inline pairs always contain "="; anything else is a path to a JSON file.
  const looksLikeFile = !arg.includes("=");
  if (!looksLikeFile) return parseInlineColumnMapping(arg);
  let text: string;
  try {
    text = await readFile(arg.trim(), "utf8");
  } catch (error) {
    throw new ImportFileError("BAD_MAPPING", `cannot read --map file ${arg}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportFileError("BAD_MAPPING", `--map file ${arg} is not valid JSON`);
  }
  const parsed = ZColumnMapping.safeParse(json);
  if (!parsed.success) {
    throw new ImportFileError("BAD_MAPPING", `--map file ${arg} must be a JSON object of "canonical": "Header" strings`);
  }
  return parsed.data;
}
