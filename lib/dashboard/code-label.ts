import { CODES } from "@/lib/coding/codes";
import { CARC_LABELS } from "./carc-labels";
import { RARC_LABELS } from "./rarc-labels";

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

/** A CARC group + reason as a code: "CO-16" (for keys and code columns). */
export function carcCode(group: string, reason: string): string {
  return `${group}-${reason}`;
}

/** Our own short words for a CARC reason code (whatever its group), or null when we have none. */
export function carcMeaning(reason: string): string | null {
  return CARC_LABELS.get(reason.trim().toUpperCase()) ?? null;
}

/**
 * A CARC group + reason as shown everywhere: the code, then our own short words for it (never the
 * X12 description text); an unknown reason shows the code alone.
 *
 * @example
 * carcLabel("CO", "16") //=> "CO-16 · Claim info missing or wrong (see remark code)"
 * carcLabel("CO", "999") //=> "CO-999"
 */
export function carcLabel(group: string, reason: string): string {
  const meaning = carcMeaning(reason);

  return meaning ? `${carcCode(group, reason)}${LABEL_SEPARATOR}${meaning}` : carcCode(group, reason);
}

/** Our own short words for a RARC remark code, or null when we have none. */
export function rarcMeaning(code: string): string | null {
  return RARC_LABELS.get(code.trim().toUpperCase()) ?? null;
}

/**
 * A RARC remark code with our own short words for it; an unknown code shows the code alone.
 *
 * @example
 * rarcLabel("N290") //=> "N290 · Rendering provider ID missing or not valid"
 */
export function rarcLabel(code: string): string {
  const meaning = rarcMeaning(code);

  return meaning ? `${code}${LABEL_SEPARATOR}${meaning}` : code;
}

/**
 * A claim line's reasons as codes ("CO-16", "N290") and as labels (code and our words), each once,
 * adjustments first, in the order given.
 *
 * @example
 * claimReasons([{ group: "CO", reason: "16" }], ["N290"]).codes //=> ["CO-16", "N290"]
 */
export function claimReasons(adjustments: readonly { group: string; reason: string }[], remarks: readonly string[]): { codes: string[]; labels: string[] } {
  const labels = new Map<string, string>();
  for (const { group, reason } of adjustments) labels.set(carcCode(group, reason), carcLabel(group, reason));
  for (const code of remarks) labels.set(code, rarcLabel(code));

  return { codes: [...labels.keys()], labels: [...labels.values()] };
}

/** Between a code and its words in carcLabel / rarcLabel. */
export const LABEL_SEPARATOR = " · ";
