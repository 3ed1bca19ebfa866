/**
 * One meaning per colour (ui-guide §3), shared by badges, charts and legends. The hex values mirror
 * the `--color-cause-*` tokens in app/globals.css (SVG fills in Recharts cannot read CSS variables).
 */
export const CAUSES = ["coding", "documentation", "payer", "compliance"] as const;
export type TCause = (typeof CAUSES)[number];

/** The causes that add up to leakage; compliance exposure is never added to it (spec §5.2). */
export const LEAKAGE_CAUSES = ["coding", "documentation", "payer"] as const;
export type TLeakageCause = (typeof LEAKAGE_CAUSES)[number];

export type TBadgeTone = TCause | "ok";

export const CAUSE_LABELS: Readonly<Record<TBadgeTone, string>> = {
  coding: "Coding",
  documentation: "Documentation (est.)",
  payer: "Payer",
  compliance: "Compliance exposure",
  ok: "OK",
};

/** Short labels for tight spaces (badges in tables). */
export const CAUSE_SHORT_LABELS: Readonly<Record<TBadgeTone, string>> = {
  coding: "Coding",
  documentation: "Documentation",
  payer: "Payer",
  compliance: "Compliance",
  ok: "OK",
};

export const CAUSE_COLORS: Readonly<Record<TBadgeTone, string>> = {
  coding: "#2563eb",
  documentation: "#b45309",
  payer: "#e11d48",
  compliance: "#475569",
  ok: "#15803d",
};

export const CAUSE_SOFT_COLORS: Readonly<Record<TBadgeTone, string>> = {
  coding: "#dbeafe",
  documentation: "#fef3c7",
  payer: "#ffe4e6",
  compliance: "#e2e8f0",
  ok: "#dcfce7",
};

export function isCause(value: unknown): value is TCause {
  return typeof value === "string" && (CAUSES as readonly string[]).includes(value);
}
