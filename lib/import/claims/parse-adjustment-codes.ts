/**
 * Parses the claims-CSV adjustment notation `GROUP-REASON:amount[:quantity]`, several entries
 * separated by `;` (or `|`, or `,`/space before the next `GROUP-REASON`):
 * `"CO-45:12.50;CO-97:30.00"`, `"PR-1:$1,000.00"`, `"CO45:(5.00)"`, `"OA-23"` (no amount → 0 cents).
 * A reason without a group (`"45:10"`) keeps group `""`.
 */
import type { ClaimAdjustment } from "./claim-line";
import { parseCents } from "./parse-cents";

export type ParseAdjustmentCodesResult =
  | { ok: true; adjustments: ClaimAdjustment[] }
  | { ok: false; message: string; raw: string };

const GROUPS = new Set(["CO", "PR", "OA", "PI", "CR"]);
const SPLIT = /\s*[;|]\s*|,\s*(?=[A-Za-z]{2}\s*-?\s*[A-Za-z0-9]{1,5}\s*(?:[:=]|$|[;,|]))|\s+(?=[A-Za-z]{2}-[A-Za-z0-9]{1,5}\b)/;
const ENTRY = /^(?:([A-Za-z]{2})\s*-\s*)?([A-Za-z0-9]{1,5})(?:\s*[:=]\s*(.*))?$/;
const GLUED = /^(CO|PR|OA|PI|CR)([A-Za-z0-9]{1,4})(?:\s*[:=]\s*(.*))?$/i;

/**
 * @example parseAdjustmentCodes("CO-45:12.50;CO-97:30.00")
 * //=> { ok: true, adjustments: [{ group: "CO", reason: "45", amountCents: 1250, quantity: null }, { group: "CO", reason: "97", amountCents: 3000, quantity: null }] }
 */
export function parseAdjustmentCodes(text: string): ParseAdjustmentCodesResult {
  const adjustments: ClaimAdjustment[] = [];
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, adjustments };
  for (const piece of trimmed.split(SPLIT)) {
    const entry = piece.trim();
    if (entry === "") continue;
    const m = GLUED.exec(entry) ?? ENTRY.exec(entry);
    if (!m) return { ok: false, message: `adjustment '${entry}' is not GROUP-REASON:amount (e.g. CO-45:12.50)`, raw: entry };
    const group = (m[1] ?? "").toUpperCase();
    if (group !== "" && !GROUPS.has(group)) {
      return { ok: false, message: `adjustment '${entry}' has unknown group '${group}' (CO, PR, OA, PI or CR)`, raw: entry };
    }
    let amountText = (m[3] ?? "").trim();
    let quantity: number | null = null;
    const withQuantity = /^(.*?)\s*:\s*(-?\d+(?:\.\d+)?)$/.exec(amountText);
    if (withQuantity) {
      amountText = withQuantity[1]!;
      quantity = Number(withQuantity[2]);
    }
    let amountCents = 0;
    if (amountText !== "") {
      const cents = parseCents(amountText);
      if (cents === undefined) return { ok: false, message: `adjustment '${entry}' has amount '${amountText}' that is not a number`, raw: entry };
      amountCents = cents;
    }
    adjustments.push({ group, reason: m[2]!.toUpperCase(), amountCents, quantity });
  }
  return { ok: true, adjustments };
}
