/**
 * Plain-words labels for import kinds and statuses, shared by the server pages and the uploader.
 * Pure (no server imports) so client components can use it.
 */
export const IMPORT_KIND_OPTIONS = [
  { kind: "sessions", label: "Sessions (one row per administration)" },
  { kind: "mar", label: "MAR events (one row per action)" },
  { kind: "claims", label: "Claims CSV" },
  { kind: "remittance_835", label: "835 remittance" },
  { kind: "fee_schedule", label: "Fee schedule" },
  { kind: "drug_catalog", label: "Drug catalog" },
] as const;

export type TImportKindName = (typeof IMPORT_KIND_OPTIONS)[number]["kind"];

const SHORT_KIND_LABELS: Record<string, string> = {
  sessions: "Sessions",
  mar: "MAR events",
  claims: "Claims",
  remittance_835: "835 remittance",
  fee_schedule: "Fee schedule",
  drug_catalog: "Drug catalog",
};

/** Short label of a kind, e.g. "835 remittance"; unknown kinds are shown as given. */
export function importKindLabel(kind: string | null | undefined): string {
  if (!kind) return "—";

  return SHORT_KIND_LABELS[kind] ?? kind;
}

/** Badge word and CSS modifier for a batch or outcome status; the word is always shown (never colour alone). */
export function importStatusBadge(status: string): { label: string; className: string } {
  switch (status) {
    case "succeeded":
      return { label: "Imported", className: "badge-ok" };
    case "duplicate":
      return { label: "Already imported", className: "badge-neutral" };
    case "needs_mapping":
      return { label: "Needs column mapping", className: "badge-documentation" };
    case "failed":
      return { label: "Failed", className: "badge-payer" };
    case "running":
      return { label: "Running", className: "badge-coding" };
    case "pending":
      return { label: "Waiting", className: "badge-neutral" };
    default:
      return { label: status, className: "badge-neutral" };
  }
}
