import { parseCents } from "@/lib/import/claims/parse-cents";

/** The most a person may record as recovered, in cents (what POST /api/findings/work accepts). */
export const MAX_RECOVERED_CENTS = 1_000_000_000;

export type TDollarsInput = { ok: true; cents: number | null } | { ok: false; message: string };

/**
 * A dollars amount a person typed ("150", "1,234.56", "$12.5"), as integer cents read from the
 * string (never a float multiply); blank is `cents: null` (the caller decides what it means).
 * Unlike an imported file's amount, a typed one is refused rather than rounded when it carries
 * fractions of a cent, and it cannot be negative.
 *
 * @example parseDollarsInput("1,234.56") //=> { ok: true, cents: 123456 }
 * @example parseDollarsInput("") //=> { ok: true, cents: null }
 * @example parseDollarsInput("12.345") //=> { ok: false, message: "…" }
 */
export function parseDollarsInput(text: string): TDollarsInput {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, cents: null };
  if (/\.\d{3,}/.test(trimmed)) return { ok: false, message: "Enter dollars and cents: at most two digits after the point." };
  const cents = parseCents(trimmed);
  if (cents === undefined) return { ok: false, message: "Enter an amount in dollars, e.g. 150 or 1,234.56." };
  if (cents < 0) return { ok: false, message: "A recovered amount cannot be negative." };
  if (cents > MAX_RECOVERED_CENTS) return { ok: false, message: "That amount is too large for one finding." };

  return { ok: true, cents };
}
