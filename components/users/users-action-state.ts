/** What every Settings → Users server action answers (fed to useActionState). */
export type TUsersActionState = {
  ok: boolean;
  message?: string;
  /** A one-time password link to hand over (shown once: it is not stored in readable form). */
  link?: { url: string; expiresAt: string; forName: string };
};

export const INITIAL_USERS_ACTION_STATE: TUsersActionState = { ok: true };
