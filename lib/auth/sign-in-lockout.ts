/**
 * The failed sign-in lockout: 5 failures for one email or from one address within 15 minutes
 * pause sign-in for that email or address until the oldest of them is 15 minutes old. Pure, with
 * the failure times read by the caller.
 */
export const SIGN_IN_LOCKOUT = { maxFailures: 5, windowMs: 15 * 60_000 } as const;

export type TLockoutState = { locked: boolean; triesLeft: number; message: string };

function minutesUntil(failures: Date[], now: Date): number {
  const oldestCounted = failures[failures.length - SIGN_IN_LOCKOUT.maxFailures] ?? failures[0] ?? now;
  const ms = oldestCounted.getTime() + SIGN_IN_LOCKOUT.windowMs - now.getTime();

  return Math.max(1, Math.ceil(ms / 60_000));
}

/**
 * @example lockoutState({ byEmail: [t1, t2], byAddress: [t1, t2] }, now).message
 * //=> "Wrong email or password — 3 tries left before a 15-minute pause."
 */
export function lockoutState(failures: { byEmail: Date[]; byAddress: Date[] }, now: Date): TLockoutState {
  const worst = failures.byEmail.length >= failures.byAddress.length ? failures.byEmail : failures.byAddress;
  const triesLeft = Math.max(0, SIGN_IN_LOCKOUT.maxFailures - worst.length);
  if (triesLeft === 0) {
    const minutes = minutesUntil(worst, now);
    return { locked: true, triesLeft, message: `Too many failed sign-ins — try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }
  const tries = `${triesLeft} ${triesLeft === 1 ? "try" : "tries"} left`;

  return { locked: false, triesLeft, message: `Wrong email or password — ${tries} before a 15-minute pause.` };
}
