import { CODES } from "@/lib/coding/codes";

/** Our own short label for a code ("Chemo infusion, first hour"); never licensed descriptor text. */
export function codeLabel(code: string): string {
  const known = CODES.get(code)?.label;
  if (known) return known;

  return /^J\d{4}/.test(code) ? "Drug supplied (HCPCS)" : "Other service";
}
