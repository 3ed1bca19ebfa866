/** What every Settings server action returns (fed to useActionState). */
export type TSettingsActionState = {
  ok: boolean;
  message?: string;
  /** Field name → first error message. */
  fieldErrors?: Record<string, string>;
  /** Upload row errors (1-based file lines), at most the first 50. */
  rowErrors?: { line: number; column: string | null; message: string }[];
  /** True when the change queued a recompute of the practice's numbers. */
  recomputing?: boolean;
};

export const INITIAL_ACTION_STATE: TSettingsActionState = { ok: true };
