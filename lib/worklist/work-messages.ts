/**
 * The words people read about the finding workflow: dismissal reasons and why a move was refused
 * (the worklist's bulk bar and the encounter page's work panel say the same things).
 */
import { FINDING_STATUS_LABELS, type TDismissReason, type TFindingStatus, type TStatusChangeCheck } from "./finding-workflow";

export const DISMISS_REASON_LABELS: Readonly<Record<TDismissReason, string>> = {
  not_worth_it: "Not worth the rework",
  past_filing_limit: "Past the filing limit",
  payer_policy: "Payer policy",
  documentation_unavailable: "Documentation unavailable",
  coded_correctly: "Coded correctly",
  other: "Other (say why)",
};

export type TWorkRefusalReason = Exclude<TStatusChangeCheck, { ok: true }>["reason"] | "not_found";

/**
 * Why POST /api/findings/work left a finding as it was, as a sentence; `from` names the status
 * the move was refused from (a bulk change, which spans statuses, leaves it out).
 *
 * @example describeWorkRefusal("not_allowed", "rebilled") //=> "That move is not allowed from Rebilled."
 */
export function describeWorkRefusal(reason: TWorkRefusalReason, from?: TFindingStatus): string {
  switch (reason) {
    case "not_allowed":
      return `That move is not allowed from ${from ? FINDING_STATUS_LABELS[from] : "their current status"}.`;
    case "dismiss_reason_required":
      return "Choose why the finding is dismissed.";
    case "dismiss_note_required":
      return "A dismissal for another reason needs a few words on why.";
    case "dismiss_reason_unexpected":
      return "Only a dismissal takes a reason.";
    case "recovered_amount_required":
      return "A partial recovery needs the amount that was paid.";
    case "recovered_amount_unexpected":
      return "Only a recovery takes an amount.";
    case "not_found":
      return "This finding is no longer in the current analysis — reload the page.";
  }
}

/** What a failed request says when its body has no message of its own (a proxy's page, a crash). */
export function describeWorkFailure(httpStatus: number | null): string {
  if (httpStatus === null) return "Not saved: the server could not be reached. Check the connection and try again.";
  if (httpStatus === 401) return "Not saved: your session has ended — sign in again.";
  if (httpStatus === 403) return "Not saved: your role may not work findings in this practice.";

  return `Not saved: the server answered ${httpStatus}. Try again.`;
}

/** What POST /api/findings/work answers a bulk change with, or its error. */
export type TWorkResponse = { changed: number[]; refused: { findingId: number; reason: TWorkRefusalReason }[] } | { error?: { code: string; message: string } };

/** One sentence per refusal reason of a bulk change, with how many findings it held back, e.g. "2 not changed: …". */
export function describeRefusals(refused: readonly { reason: TWorkRefusalReason }[]): string {
  const counts = new Map<TWorkRefusalReason, number>();
  for (const { reason } of refused) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => `${count} not changed: ${describeWorkRefusal(reason)}`).join(" ");
}

