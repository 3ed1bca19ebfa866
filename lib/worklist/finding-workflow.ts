/**
 * The finding workflow (issue [11/12]): the statuses a billing team moves a finding through, which
 * moves a person may make, and which the data makes by itself. Pure: no database, clock or env.
 *
 * A finding's work is keyed by what survives a recompute (the encounter as the practice knows it,
 * the finding's kind and code: `findingWorkKey`), not by the Finding row, which every recompute
 * rewrites.
 */

/** Statuses a person sets. */
export const PERSON_STATUSES = ["open", "in_progress", "rebilled", "appealed", "recovered", "partially_recovered", "denied_again", "dismissed"] as const;

/** Every status; `resolved_by_data` is set only by a recompute that no longer finds the finding. */
export const FINDING_STATUSES = [...PERSON_STATUSES, "resolved_by_data"] as const;

export type TFindingStatus = (typeof FINDING_STATUSES)[number];
export type TPersonStatus = (typeof PERSON_STATUSES)[number];

/** Our short words for each status, as the worklist and the encounter page show them. */
export const FINDING_STATUS_LABELS: Readonly<Record<TFindingStatus, string>> = {
  open: "Open",
  in_progress: "In progress",
  rebilled: "Rebilled",
  appealed: "Appealed",
  recovered: "Recovered",
  partially_recovered: "Partly recovered",
  denied_again: "Denied again",
  dismissed: "Dismissed",
  resolved_by_data: "Resolved by data",
};

/** Why a finding is not worked: a short list, plus free text. */
export const DISMISS_REASONS = ["not_worth_it", "past_filing_limit", "payer_policy", "documentation_unavailable", "coded_correctly", "other"] as const;
export type TDismissReason = (typeof DISMISS_REASONS)[number];

/** Statuses whose work is done: no due date is pending, and they leave the open recoverable value. */
export const CLOSED_STATUSES: ReadonlySet<TFindingStatus> = new Set(["recovered", "dismissed", "resolved_by_data"]);

/** Statuses waiting on the payer: a later remittance for the encounter decides them (recovery detection). */
export const AWAITING_PAYER_STATUSES: ReadonlySet<TFindingStatus> = new Set(["rebilled", "appealed"]);

/**
 * Which status a person may move a finding to from each status. Recovery outcomes may be set by
 * hand too (a payment the practice saw before its 835 was imported); `resolved_by_data` is the
 * recompute's alone, and reopening is the way back from any closed status.
 */
const PERSON_MOVES: Record<TFindingStatus, readonly TPersonStatus[]> = {
  open: ["in_progress", "rebilled", "appealed", "dismissed"],
  in_progress: ["open", "rebilled", "appealed", "dismissed"],
  rebilled: ["in_progress", "appealed", "recovered", "partially_recovered", "denied_again", "dismissed"],
  appealed: ["in_progress", "rebilled", "recovered", "partially_recovered", "denied_again", "dismissed"],
  recovered: ["open"],
  partially_recovered: ["rebilled", "appealed", "recovered", "dismissed", "open"],
  denied_again: ["rebilled", "appealed", "dismissed", "in_progress", "open"],
  dismissed: ["open"],
  resolved_by_data: [],
};

export function isFindingStatus(value: string): value is TFindingStatus {
  return (FINDING_STATUSES as readonly string[]).includes(value);
}

export function isPersonStatus(value: string): value is TPersonStatus {
  return (PERSON_STATUSES as readonly string[]).includes(value);
}

export function isDismissReason(value: string): value is TDismissReason {
  return (DISMISS_REASONS as readonly string[]).includes(value);
}

/** Whether a person may move a finding from `from` to `to` (staying put is not a move). */
export function canMoveFinding(from: TFindingStatus, to: TPersonStatus): boolean {
  return PERSON_MOVES[from].includes(to);
}

/** The statuses a person may pick next, for the status menu. */
export function nextPersonStatuses(from: TFindingStatus): readonly TPersonStatus[] {
  return PERSON_MOVES[from];
}

/**
 * A requested status change, as the worklist and the encounter page send it. `recoveredCents` is
 * what a person saw paid (a payment seen before its 835 was imported): optional for recovered (the
 * finding's value), required for partially recovered.
 */
export type TStatusChange = { status: TPersonStatus; dismissReason?: TDismissReason; dismissNote?: string; recoveredCents?: number };

/** Statuses that carry a recovered amount. */
export const RECOVERED_STATUSES: ReadonlySet<TFindingStatus> = new Set(["recovered", "partially_recovered"]);

export type TStatusChangeCheck =
  | { ok: true }
  | { ok: false; reason: "not_allowed" | "dismiss_reason_required" | "dismiss_note_required" | "dismiss_reason_unexpected" | "recovered_amount_required" | "recovered_amount_unexpected" };

/** Longest free text kept with a dismissal or a note (characters). */
export const WORK_TEXT_MAX = 2_000;

/**
 * Whether `change` may be applied to a finding in status `from`: the move must be allowed, a
 * dismissal needs a reason ("other" needs words), and only a dismissal carries one.
 */
export function checkStatusChange(from: TFindingStatus, change: TStatusChange): TStatusChangeCheck {
  if (!canMoveFinding(from, change.status)) return { ok: false, reason: "not_allowed" };
  if (change.recoveredCents !== undefined && !RECOVERED_STATUSES.has(change.status)) return { ok: false, reason: "recovered_amount_unexpected" };
  if (change.status === "partially_recovered" && change.recoveredCents === undefined) return { ok: false, reason: "recovered_amount_required" };
  if (change.status !== "dismissed") return change.dismissReason || change.dismissNote ? { ok: false, reason: "dismiss_reason_unexpected" } : { ok: true };
  if (!change.dismissReason) return { ok: false, reason: "dismiss_reason_required" };
  if (change.dismissReason === "other" && !change.dismissNote?.trim()) return { ok: false, reason: "dismiss_note_required" };

  return { ok: true };
}

/** What identifies a finding across recomputes: its encounter (the source's id), kind and code. */
export type TFindingIdentity = { externalEncounterId: string; kind: string; code: string | null };

/** The stored key of a finding's work; a finding without a code keys on "". */
export function findingWorkKey(identity: TFindingIdentity): { externalEncounterId: string; kind: string; code: string } {
  return { externalEncounterId: identity.externalEncounterId, kind: identity.kind, code: identity.code ?? "" };
}

/**
 * Outcomes a recompute leaves alone when their finding is gone: a person's dismissal, a payer's
 * payment or second denial (a denied correction turns a missed add-on into a denied line: the
 * first finding is gone, the money is not recovered).
 */
export const KEPT_WHEN_VANISHED: ReadonlySet<TFindingStatus> = new Set(["dismissed", "recovered", "partially_recovered", "denied_again", "resolved_by_data"]);

/**
 * What a recompute does to a work record, given whether the new analysis still produces its
 * finding: a vanished finding still being worked (or not yet) is resolved by data; one that comes
 * back after that starts open again. Everything else is left as the person set it.
 */
export function reconcileAfterRecompute(status: TFindingStatus, stillFound: boolean): TFindingStatus {
  if (!stillFound) return KEPT_WHEN_VANISHED.has(status) ? status : "resolved_by_data";
  return status === "resolved_by_data" ? "open" : status;
}
