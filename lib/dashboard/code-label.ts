import { CODES } from "@/lib/coding/codes";

/**
 * Our own short label for a billing code (never a licensed descriptor): the code table's label,
 * "Claim level" for adjudications without a code, else the code itself.
 *
 * @example
 * codeLabel("96415") //=> "Chemo infusion, each extra hour"
 */
export function codeLabel(code: string | null | undefined): string {
  if (!code) return "Claim level";

  return CODES.get(code)?.label ?? code;
}

/** A CARC group + reason as shown everywhere: "CO-16" (codes only, never the CARC description). */
export function carcLabel(group: string, reason: string): string {
  return `${group}-${reason}`;
}
