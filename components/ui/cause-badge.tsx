import { CAUSE_LABELS, CAUSE_SHORT_LABELS, type TBadgeTone } from "@/lib/dashboard/causes";
import "./ui.css";

export type CauseBadgeProps = {
  cause: TBadgeTone;
  /** "short" (tables, default) or "long" ("Documentation (est.)", "Compliance exposure"). */
  variant?: "short" | "long";
  /** Overrides the text; the colour still follows the cause. */
  label?: string;
};

/**
 * The cause as a coloured pill with its word (colour is never the only signal): coding blue,
 * documentation amber, payer rose, compliance slate, ok green.
 */
export function CauseBadge({ cause, variant = "short", label }: CauseBadgeProps) {
  const text = label ?? (variant === "long" ? CAUSE_LABELS[cause] : CAUSE_SHORT_LABELS[cause]);

  return (
    <span className={`badge badge-${cause} cause-badge`} data-cause={cause}>
      <span className={`cause-mark cause-mark-${cause}`} aria-hidden="true" />
      {text}
    </span>
  );
}
