/** What the /setup server action answers (fed to useActionState). */
export type TSetupState = {
  ok: boolean;
  message?: string;
  /** The field the message is about, for aria-invalid and focus. */
  field?: "name" | "email" | "password" | "passwordAgain";
  /** What was typed (never the passwords), so a refusal keeps the form filled in. */
  values?: { name: string; email: string };
};

export const INITIAL_SETUP_STATE: TSetupState = { ok: true };
