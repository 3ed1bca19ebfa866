/**
 * Header comparison key: lower case, with spaces, underscores and punctuation removed, so that
 * `Encounter ID`, `encounter_id`, ` ENCOUNTER-ID ` and `Encounter #ID` all compare equal.
 * @example normalizeHeader(" Date of Service ") //=> "dateofservice"
 */
export function normalizeHeader(header: string): string {
  return header.replace(/^\uFEFF/, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}
