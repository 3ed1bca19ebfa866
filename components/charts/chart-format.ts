import { formatDollars, formatDollarsCompact } from "@/lib/format/format-money";
import { formatHours } from "@/lib/format/format-hours";
import { formatPercent } from "@/lib/format/format-percent";
import { formatCount } from "@/lib/format/format-count";

/**
 * How a chart shows its values. Charts are client components fed by server components, so they
 * take a format *name* (serializable), not a function.
 * - dollars: values are cents; axis `$12k`, tooltip `$1,234`
 * - hours: axis `12`, tooltip `12.5 h`
 * - percent: values are ratios (0.043); axis and tooltip `4.3%`
 * - count: whole numbers
 */
export type TValueFormat = "dollars" | "hours" | "percent" | "count";

export function formatAxisValue(value: number, format: TValueFormat): string {
  switch (format) {
    case "dollars":
      return formatDollarsCompact(value);
    case "hours":
      return formatHours(value, { unit: "none" });
    case "percent":
      return formatPercent(value, value !== 0 && Math.abs(value) < 0.1 ? 1 : 0);
    case "count":
      return formatCount(value);
  }
}

export function formatTooltipValue(value: number, format: TValueFormat): string {
  switch (format) {
    case "dollars":
      return formatDollars(value);
    case "hours":
      return formatHours(value);
    case "percent":
      return formatPercent(value);
    case "count":
      return formatCount(value);
  }
}
