/**
 * When a session ends. better-auth keeps the absolute lifetime (expiresAt = sign-in + 12 h, never
 * extended); the idle timeout is ours: Session.updatedAt records the last request and a session
 * unused for longer than the idle limit is deleted. Pure, so the rules have table tests.
 */
export const SESSION_ABSOLUTE_LIFETIME_SECONDS = 12 * 60 * 60;

/** Writing the last-activity time on every request would turn each page view into a write. */
export const SESSION_TOUCH_INTERVAL_MS = 30_000;

export type TSessionTimes = { createdAt: Date; lastActiveAt: Date; expiresAt: Date };

export type TSessionVerdict = "active" | "idle" | "expired";

export function judgeSession(times: TSessionTimes, now: Date, idleMinutes: number): TSessionVerdict {
  const nowMs = now.getTime();
  if (times.expiresAt.getTime() <= nowMs) return "expired";
  if (times.createdAt.getTime() + SESSION_ABSOLUTE_LIFETIME_SECONDS * 1000 <= nowMs) return "expired";
  if (times.lastActiveAt.getTime() + idleMinutes * 60_000 <= nowMs) return "idle";

  return "active";
}

/** Whether this request should record itself as the session's last activity. */
export function shouldTouchSession(lastActiveAt: Date, now: Date): boolean {
  return now.getTime() - lastActiveAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}
