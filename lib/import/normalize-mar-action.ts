/**
 * MAR action spellings → what the event means for pairing into intervals (spec §3.2).
 */
export type MarActionKind =
  /** A new bag or first start: begins an interval (and ends a running one: "next bag"). */
  | "start"
  /** Restart after a pause: begins an interval; no effect when one is already running. */
  | "restart"
  /** Rate change: the interval continues. */
  | "continue"
  /** Paused / Stopped / Completed: ends the running interval. */
  | "end"
  /** Push / bolus: an instantaneous push. */
  | "push"
  /** Documentation-only actions (Held, Refused, Not Given, Due, Canceled): ignored. */
  | "ignore";

/** Default synonyms (compared lower case, spaces/punctuation ignored). Extend with `createMarActionNormalizer`. */
export const DEFAULT_MAR_ACTIONS: Readonly<Record<MarActionKind, readonly string[]>> = {
  start: ["New Bag", "Given", "Started", "Start", "Begin", "Begun", "Hung", "New Syringe", "Infusion Started", "Started During Downtime", "Bag Hung"],
  restart: ["Restarted", "Restart", "Resumed", "Resume", "Unpaused"],
  continue: ["Rate Change", "Rate Changed", "Rate Verify", "Rate Verified", "Titrated", "Rate/Dose Change", "Dose Change", "Continued", "Continue", "Infusion Verify", "Bag Change", "Same Bag"],
  end: ["Paused", "Pause", "Stopped", "Stop", "Completed", "Complete", "Discontinued", "D/C", "DC", "Infusion Complete", "Finished", "Ended", "End", "Bag Removed", "Held - Paused"],
  push: ["Push", "Bolus", "IV Push", "Given - Push", "Bolus from Bag", "Bolus from Syringe", "Injection", "Injected"],
  ignore: ["Held", "Refused", "Not Given", "Due", "Canceled", "Cancelled", "Missed", "See Alternative", "Pending", "Verified"],
};

function actionKey(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/**
 * Builds an action normaliser from the defaults plus extra synonyms (which win on conflict).
 * @example createMarActionNormalizer({ end: ["Hold"] })("hold") //=> "end"
 */
export function createMarActionNormalizer(
  extra: Partial<Record<MarActionKind, readonly string[]>> = {},
): (raw: string) => MarActionKind | undefined {
  const byKey = new Map<string, MarActionKind>();
  for (const source of [DEFAULT_MAR_ACTIONS, extra]) {
    for (const [kind, spellings] of Object.entries(source) as [MarActionKind, readonly string[] | undefined][]) {
      for (const s of spellings ?? []) byKey.set(actionKey(s), kind);
    }
  }
  return (raw) => byKey.get(actionKey(raw));
}

/**
 * Normalises a MAR action with the default synonyms.
 * @example normalizeMarAction("NEW BAG") //=> "start"
 */
export const normalizeMarAction = createMarActionNormalizer();
