import { formatDollars, formatWeekLabel } from "@/lib/format";

const WIDTH = 100;
const HEIGHT = 28;
const PAD = 3;

/**
 * A practice's recent weekly leakage as a tiny inline SVG line (server-rendered, no script, no
 * animation). Empty weeks are zeros, drawn on the baseline. Its text alternative names the span and
 * the highest and latest week, so the shape is never the only signal.
 */
export function Sparkline({ weeks }: { weeks: readonly { weekStart: string; leakageCents: number }[] }) {
  if (weeks.length === 0) return <span className="muted">—</span>;
  const values = weeks.map((week) => Math.max(0, week.leakageCents));
  const max = Math.max(1, ...values);
  const step = weeks.length > 1 ? (WIDTH - 2 * PAD) / (weeks.length - 1) : 0;
  const points = values.map((value, index) => ({
    x: weeks.length > 1 ? PAD + index * step : WIDTH / 2,
    y: HEIGHT - PAD - (value / max) * (HEIGHT - 2 * PAD),
  }));
  const line = points.map((point) => `${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(" ");
  const area = `${PAD},${HEIGHT - PAD} ${line} ${points[points.length - 1]!.x.toFixed(1)},${HEIGHT - PAD}`;
  const last = points[points.length - 1]!;
  const first = weeks[0]!.weekStart;
  const latest = weeks[weeks.length - 1]!;
  const label = `Leakage per week, ${weeks.length} ${weeks.length === 1 ? "week" : "weeks"} from ${formatWeekLabel(first)}: highest ${formatDollars(Math.max(...values))}, latest ${formatDollars(latest.leakageCents)}`;

  return (
    <svg className="sparkline" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} data-testid="portfolio-sparkline" data-weeks={weeks.length}>
      <title>{label}</title>
      <line className="sparkline-base" x1={PAD} x2={WIDTH - PAD} y1={HEIGHT - PAD} y2={HEIGHT - PAD} />
      {weeks.length > 1 ? <polygon className="sparkline-area" points={area} /> : null}
      {weeks.length > 1 ? <polyline className="sparkline-line" points={line} /> : null}
      <circle className="sparkline-dot" cx={last.x.toFixed(1)} cy={last.y.toFixed(1)} r={2} />
    </svg>
  );
}
