/**
 * Our own words for finding kinds and value sources (spec §5.2, §5.3; ui-guide §10), shared by
 * the worklist, the encounter page and the CSV export.
 */
export const FINDING_KIND_LABELS: Readonly<Record<string, string>> = {
  missed_addon_hours: "Lost add-on hours",
  missed_sequential: "Missed sequential service",
  missed_concurrent: "Missed concurrent infusion",
  missed_initial: "Missed initial service",
  wrong_initial: "Wrong initial service",
  missed_service: "Missed service",
  addon_without_primary: "Add-on without primary",
  missing_stop_time: "Missing stop time",
  denied_line: "Denied line",
  unit_cut: "Units cut",
  recoupment: "Recoupment",
  overcoded_units: "Over-coded units",
  unsupported_line: "Unsupported line",
};

/** Kinds in the order the filter lists them (by cause, then as in spec §5.2). */
export const FINDING_KINDS = Object.keys(FINDING_KIND_LABELS);

export function findingKindLabel(kind: string): string {
  return FINDING_KIND_LABELS[kind] ?? kind.replace(/_/g, " ");
}

export const VALUE_SOURCE_LABELS: Readonly<Record<string, { label: string; tooltip: string }>> = {
  own_paid_median: { label: "Paid median", tooltip: "Median paid per unit by this payer for this code over the last 12 months" },
  fee_schedule: { label: "Fee schedule", tooltip: "Your fee schedule rate for this payer and code" },
  reference: { label: "Reference", tooltip: "reference rate: built-in national rate, used when there is no paid history or fee schedule" },
  none: { label: "—", tooltip: "No value" },
};

export function valueSourceInfo(source: string): { label: string; tooltip: string } {
  return VALUE_SOURCE_LABELS[source] ?? { label: source, tooltip: source };
}
