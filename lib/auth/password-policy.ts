import { dictionary } from "@zxcvbn-ts/language-common";

/** NIST SP 800-63B: length over composition rules, and a check against known-breached passwords. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

let commonPasswords: Set<string> | undefined;

/** The ~49,000 most common passwords of public breach corpora (zxcvbn-ts's list), lower case. */
function getCommonPasswords(): Set<string> {
  commonPasswords ??= new Set(dictionary["passwords-common"].map((password) => password.toLowerCase()));

  return commonPasswords;
}

/**
 * Why a new password is refused, or null when it is acceptable. A common word padded with digits
 * or symbols ("Password2024!") counts as common: the padding is the first thing cracking tools try.
 *
 * @example passwordProblem("letmein") //=> "Use at least 12 characters."
 */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, "");
  const common = getCommonPasswords();
  if (common.has(lower) || (core.length >= 4 && common.has(core)) || /^(.)\1+$/.test(lower)) {
    return "This password is on the list of common passwords — choose a phrase only you would use.";
  }
  const localPart = context.email?.split("@")[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lower.includes(localPart)) return "The password must not contain your email address.";

  return null;
}
