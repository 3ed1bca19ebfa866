import { CAUSE_COLORS, CAUSE_SOFT_COLORS, LEAKAGE_CAUSES, type TLeakageCause } from "@/lib/dashboard/causes";
import type { TWeeklyLeakagePoint } from "@/lib/dashboard/summarize-rollups";
import type { TDenialsData } from "@/lib/db/dashboard";
import { formatDollars, formatDollarsCompact } from "@/lib/format/format-money";
import { formatHours } from "@/lib/format/format-hours";
import { formatPercent } from "@/lib/format/format-percent";
import { formatWeekLabel, formatWeekRange } from "@/lib/format/format-week";
import { causeLabel } from "@/lib/report/report-words";
import { niceTicks, weekLabelEvery } from "./chart-scale";

/*
 * The report's weekly charts as plain SVG (Recharts renders nothing with renderToStaticMarkup):
 * a fixed viewBox that scales to the page, vector in the PDF, no script.
 */

const WIDTH = 960;
const MARGIN = { top: 14, right: 70, bottom: 50, left: 76 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const LEAKAGE_HEIGHT = 330;
const RATE_HEIGHT = 250;
const LINE_COLOR = "#0f172a";
const GRID_COLOR = "#e2e8f0";
const AXIS_TEXT = "#475569";

/** Vertical geometry of a chart of the given height (all charts share the width and margins). */
type TPlot = { top: number; height: number; bottom: number };

function plotOf(height: number): TPlot {
  const plotHeight = height - MARGIN.top - MARGIN.bottom;

  return { top: MARGIN.top, height: plotHeight, bottom: MARGIN.top + plotHeight };
}

function bandOf(weeks: number) {
  const band = PLOT_WIDTH / Math.max(weeks, 1);

  return { band, barWidth: Math.max(band * 0.7, 1), center: (index: number) => MARGIN.left + band * (index + 0.5) };
}

/** Week labels along the bottom (Monday dates), the year under the first label and where it changes. */
function WeekAxis({ weeks, plot }: { weeks: readonly string[]; plot: TPlot }) {
  const every = weekLabelEvery(weeks.length);
  const { center } = bandOf(weeks.length);
  let lastYear = "";

  return (
    <g className="report-chart-x">
      <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={plot.bottom} y2={plot.bottom} stroke="#94a3b8" />
      {weeks.map((weekStart, index) => {
        if (index % every !== 0) return null;
        const year = weekStart.slice(0, 4);
        const showYear = year !== lastYear;
        lastYear = year;

        return (
          <g key={weekStart}>
            <line x1={center(index)} x2={center(index)} y1={plot.bottom} y2={plot.bottom + 4} stroke="#94a3b8" />
            <text x={center(index)} y={plot.bottom + 18} textAnchor="middle" fontSize="12" fill={AXIS_TEXT}>
              {formatWeekLabel(weekStart)}
            </text>
            {showYear ? (
              <text x={center(index)} y={plot.bottom + 33} textAnchor="middle" fontSize="11" fill={AXIS_TEXT}>
                {year}
              </text>
            ) : null}
          </g>
        );
      })}
    </g>
  );
}

function YAxis({ ticks, format, side, title, plot }: { ticks: readonly number[]; format: (value: number) => string; side: "left" | "right"; title: string; plot: TPlot }) {
  const top = ticks[ticks.length - 1] ?? 1;
  const y = (value: number) => plot.bottom - (value / top) * plot.height;
  const x = side === "left" ? MARGIN.left - 8 : WIDTH - MARGIN.right + 8;
  const titleX = side === "left" ? 16 : WIDTH - 12;

  return (
    <g className={`report-chart-y report-chart-y-${side}`}>
      {ticks.map((tick) => (
        <g key={tick}>
          {side === "left" ? <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke={GRID_COLOR} /> : null}
          <text x={x} y={y(tick) + 4} textAnchor={side === "left" ? "end" : "start"} fontSize="12" fill={AXIS_TEXT}>
            {format(tick)}
          </text>
        </g>
      ))}
      <text
        x={titleX}
        y={plot.top + plot.height / 2}
        textAnchor="middle"
        fontSize="12"
        fill={AXIS_TEXT}
        transform={`rotate(${side === "left" ? -90 : 90} ${titleX} ${plot.top + plot.height / 2})`}
      >
        {title}
      </text>
    </g>
  );
}

function fillOf(cause: TLeakageCause): string {
  return cause === "documentation" ? "url(#report-hatch-documentation)" : CAUSE_COLORS[cause];
}

function weekTitle(week: TWeeklyLeakagePoint): string {
  const parts = LEAKAGE_CAUSES.map((cause) => `${causeLabel(cause)} ${formatDollars(week[cause])}`).join(", ");

  return `${formatWeekRange(week.weekStart)}: ${formatDollars(week.leakageCents)} (${parts}); ${formatHours(week.lostAddOnHours, { unit: "hours" })} of lost add-on time`;
}

/** Legend in words beside the colours and patterns (colour is never the only signal). */
export function CauseLegend({ withLine }: { withLine?: string }) {
  return (
    <ul className="report-legend" aria-label="Legend">
      {LEAKAGE_CAUSES.map((cause) => (
        <li key={cause} className={`report-cause-${cause}`}>
          <span className="report-swatch" aria-hidden="true" />
          {causeLabel(cause)}
        </li>
      ))}
      {withLine ? (
        <li>
          <span className="report-swatch-line" aria-hidden="true" />
          {withLine}
        </li>
      ) : null}
    </ul>
  );
}

/**
 * Leakage per week stacked by cause (coding, documentation hatched as an estimate, payer) with lost
 * add-on hours as a line on the right axis: the overview's chart, same numbers (overview.weekly).
 * One group per week, zero weeks drawn as a zero mark on the baseline, never a gap.
 */
export function WeeklyLeakageChart({ weekly }: { weekly: readonly TWeeklyLeakagePoint[] }) {
  if (weekly.length === 0) return <p className="report-empty">No weeks in this period.</p>;
  const dollarTicks = niceTicks(Math.max(...weekly.map((week) => week.leakageCents)), 4, 100);
  const hourTicks = niceTicks(Math.max(...weekly.map((week) => week.lostAddOnHours)), dollarTicks.length - 1, 1);
  const dollarTop = dollarTicks[dollarTicks.length - 1] ?? 1;
  const hourTop = hourTicks[hourTicks.length - 1] ?? 1;
  const plot = plotOf(LEAKAGE_HEIGHT);
  const { barWidth, center } = bandOf(weekly.length);
  const height = (cents: number) => (cents / dollarTop) * plot.height;
  const hourY = (hours: number) => plot.bottom - (hours / hourTop) * plot.height;
  const linePath = weekly.map((week, index) => `${index === 0 ? "M" : "L"}${center(index).toFixed(1)} ${hourY(week.lostAddOnHours).toFixed(1)}`).join(" ");

  return (
    <figure className="report-chart" data-testid="report-weekly-chart">
      <CauseLegend withLine="Lost add-on hours (right axis)" />
      <svg
        viewBox={`0 0 ${WIDTH} ${LEAKAGE_HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`Leakage per week by cause over ${weekly.length} weeks, with lost add-on hours per week`}
        preserveAspectRatio="xMidYMid meet"
      >
        <defs>
          <pattern id="report-hatch-documentation" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill={CAUSE_SOFT_COLORS.documentation} />
            <rect width="2.5" height="6" fill={CAUSE_COLORS.documentation} />
          </pattern>
        </defs>
        <YAxis ticks={dollarTicks} format={formatDollarsCompact} side="left" title="Leakage per week" plot={plot} />
        <YAxis ticks={hourTicks} format={(hours) => formatHours(hours, { unit: "none" })} side="right" title="Lost add-on hours" plot={plot} />
        {weekly.map((week, index) => {
          const x = center(index) - barWidth / 2;
          let base = plot.bottom;

          return (
            <g key={week.weekStart} className="report-chart-week" data-week={week.weekStart}>
              <title>{weekTitle(week)}</title>
              {week.leakageCents === 0 ? <rect className="report-chart-zero" x={x} y={plot.bottom - 1.5} width={barWidth} height={1.5} fill="#94a3b8" /> : null}
              {LEAKAGE_CAUSES.map((cause) => {
                if (week[cause] <= 0) return null;
                const barHeight = height(week[cause]);
                base -= barHeight;

                return (
                  <rect
                    key={cause}
                    data-cause={cause}
                    x={x}
                    y={base}
                    width={barWidth}
                    height={barHeight}
                    fill={fillOf(cause)}
                    stroke={cause === "documentation" ? CAUSE_COLORS.documentation : "none"}
                    strokeWidth={cause === "documentation" ? 0.75 : 0}
                  />
                );
              })}
            </g>
          );
        })}
        <path className="report-chart-line" d={linePath} fill="none" stroke={LINE_COLOR} strokeWidth="2" strokeLinejoin="round" />
        {weekly.length <= 30
          ? weekly.map((week, index) => <circle key={week.weekStart} cx={center(index)} cy={hourY(week.lostAddOnHours)} r="3" fill="#fff" stroke={LINE_COLOR} strokeWidth="1.5" />)
          : null}
        <WeekAxis weeks={weekly.map((week) => week.weekStart)} plot={plot} />
      </svg>
    </figure>
  );
}

/** The weekly denial rate (denied ÷ billed lines) as a line; weeks without claim lines leave a gap. */
export function WeeklyDenialRateChart({ weekly }: { weekly: TDenialsData["weekly"] }) {
  if (weekly.length === 0) return <p className="report-empty">No weeks in this period.</p>;
  const rates = weekly.map((week) => week.lineRate);
  const ticks = niceTicks(Math.max(0, ...rates.map((rate) => rate ?? 0)), 4, 0.005);
  const top = ticks[ticks.length - 1] ?? 1;
  // Whole percentages unless a tick needs a decimal (2.5%).
  const decimals = ticks.every((tick) => Number.isInteger(Math.round(tick * 10_000) / 100)) ? 0 : 1;
  const plot = plotOf(RATE_HEIGHT);
  const { center } = bandOf(weekly.length);
  const y = (rate: number) => plot.bottom - (rate / top) * plot.height;
  let path = "";
  let isDrawing = false;
  rates.forEach((rate, index) => {
    if (rate === null) {
      isDrawing = false;
      return;
    }
    path += `${isDrawing ? "L" : "M"}${center(index).toFixed(1)} ${y(rate).toFixed(1)} `;
    isDrawing = true;
  });

  return (
    <figure className="report-chart" data-testid="report-denial-chart">
      <svg viewBox={`0 0 ${WIDTH} ${RATE_HEIGHT}`} width="100%" role="img" aria-label={`Denial rate per week over ${weekly.length} weeks`} preserveAspectRatio="xMidYMid meet">
        <YAxis ticks={ticks} format={(rate) => formatPercent(rate, decimals)} side="left" title="Denied lines" plot={plot} />
        <path d={path.trim()} fill="none" stroke={CAUSE_COLORS.payer} strokeWidth="2" strokeLinejoin="round" />
        {weekly.map((week, index) =>
          week.lineRate === null ? null : (
            <circle key={week.weekStart} className="report-chart-point" cx={center(index)} cy={y(week.lineRate)} r={weekly.length <= 30 ? 3 : 1.5} fill={CAUSE_COLORS.payer}>
              <title>{`${formatWeekRange(week.weekStart)}: ${formatPercent(week.lineRate)} of lines denied (${week.deniedLines} of ${week.lines})`}</title>
            </circle>
          ),
        )}
        <WeekAxis weeks={weekly.map((week) => week.weekStart)} plot={plot} />
      </svg>
    </figure>
  );
}
