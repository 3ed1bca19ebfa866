"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatWeekLabel, formatWeekRange } from "@/lib/format/format-week";
import { formatAxisValue, formatTooltipValue, type TValueFormat } from "./chart-format";
import { ChartLegend } from "./chart-legend";
import type { TChartSeries } from "./chart-series";
import { ChartEmpty } from "./chart-states";

export type TWeeklyRow = { weekStart: string } & Record<string, number | string>;

export type WeeklyChartProps = {
  /** One row per week, oldest first, every week present (zero-filled on the server). */
  data: readonly TWeeklyRow[];
  /** Bars, stacked in order (bottom first) when `isStacked`. */
  bars?: readonly TChartSeries[];
  /** Lines; on the right axis when `rightFormat` is given, else on the left. */
  lines?: readonly TChartSeries[];
  leftFormat: TValueFormat;
  rightFormat?: TValueFormat;
  leftLabel?: string;
  rightLabel?: string;
  isStacked?: boolean;
  height?: number;
  /** What the chart shows, for screen readers (the tables beside it carry the numbers). */
  ariaLabel: string;
  emptyMessage?: string;
  /** Adds a "Total" row to the tooltip for stacked bars. */
  showTotal?: boolean;
};

type TooltipPayloadItem = { dataKey?: string | number; value?: number | string; color?: string };

function WeeklyTooltip({
  active,
  payload,
  label,
  series,
  formatOf,
  showTotal,
  totalFormat,
}: {
  active?: boolean;
  payload?: readonly TooltipPayloadItem[];
  label?: string | number;
  series: readonly TChartSeries[];
  formatOf: (key: string) => TValueFormat;
  showTotal: boolean;
  totalFormat: TValueFormat;
}) {
  if (!active || !payload?.length || typeof label !== "string") return null;
  const byKey = new Map(payload.map((item) => [String(item.dataKey), Number(item.value ?? 0)]));
  const barTotal = series.filter((item) => formatOf(item.key) === totalFormat && !item.isDashed).reduce((sum, item) => sum + (byKey.get(item.key) ?? 0), 0);

  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">Week of {formatWeekRange(label)}</p>
      <table>
        <tbody>
          {[...series].reverse().map((item) =>
            byKey.has(item.key) ? (
              <tr key={item.key}>
                <td>
                  <span className="legend-swatch" style={{ background: item.color, width: 8, height: 8, marginRight: 6 }} aria-hidden="true" />
                  {item.label}
                </td>
                <td className="num">{formatTooltipValue(byKey.get(item.key) ?? 0, formatOf(item.key))}</td>
              </tr>
            ) : null,
          )}
          {showTotal ? (
            <tr className="chart-tooltip-total">
              <td>Total</td>
              <td className="num">{formatTooltipValue(barTotal, totalFormat)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Weeks left to right (Monday-date labels, full range in the tooltip) with bars and/or lines on up
 * to two axes. No animation (calm, stable screenshots); every week is drawn, empty ones as zero.
 */
export function WeeklyChart({
  data,
  bars = [],
  lines = [],
  leftFormat,
  rightFormat,
  leftLabel,
  rightLabel,
  isStacked = false,
  height = 280,
  ariaLabel,
  emptyMessage = "No weeks in this range.",
  showTotal = false,
}: WeeklyChartProps) {
  if (data.length === 0) return <ChartEmpty height={height} message={emptyMessage} />;
  const hasRight = Boolean(rightFormat);
  const formatOf = (key: string): TValueFormat => (hasRight && lines.some((line) => line.key === key) ? rightFormat! : leftFormat);

  return (
    <div className="chart" role="img" aria-label={ariaLabel}>
      <ChartLegend bars={bars} lines={lines} />
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data as TWeeklyRow[]} margin={{ top: 8, right: hasRight ? 4 : 12, bottom: 4, left: 4 }} barCategoryGap="12%">
          <defs>
            {bars
              .filter((series) => series.isHatched)
              .map((series) => (
                <pattern key={series.key} id={`hatch-${series.key}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                  <rect width="6" height="6" fill={series.color} fillOpacity={0.35} />
                  <line x1="0" y1="0" x2="0" y2="6" stroke={series.color} strokeWidth="3" />
                </pattern>
              ))}
          </defs>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="weekStart"
            tickFormatter={(value: string) => formatWeekLabel(value)}
            interval="preserveStart"
            tick={{ fontSize: 12, fill: "#475569" }}
            tickLine={false}
            axisLine={{ stroke: "#cbd5e1" }}
            minTickGap={18}
          />
          <YAxis
            yAxisId="left"
            tickFormatter={(value: number) => formatAxisValue(value, leftFormat)}
            tick={{ fontSize: 12, fill: "#475569" }}
            tickLine={false}
            axisLine={false}
            width={56}
            label={leftLabel ? { value: leftLabel, angle: -90, position: "insideLeft", offset: 10, style: { fontSize: 12, fill: "#475569", textAnchor: "middle" } } : undefined}
          />
          {hasRight ? (
            <YAxis
              yAxisId="right"
              orientation="right"
              tickFormatter={(value: number) => formatAxisValue(value, rightFormat!)}
              tick={{ fontSize: 12, fill: "#475569" }}
              tickLine={false}
              axisLine={false}
              width={48}
              label={rightLabel ? { value: rightLabel, angle: 90, position: "insideRight", offset: 10, style: { fontSize: 12, fill: "#475569", textAnchor: "middle" } } : undefined}
            />
          ) : null}
          <Tooltip
            cursor={{ fill: "rgba(15, 23, 42, 0.05)" }}
            isAnimationActive={false}
            content={(props) => (
              <WeeklyTooltip
                active={props.active}
                payload={props.payload as readonly TooltipPayloadItem[] | undefined}
                label={props.label as string | undefined}
                series={[...bars, ...lines]}
                formatOf={formatOf}
                showTotal={showTotal && bars.length > 1}
                totalFormat={leftFormat}
              />
            )}
          />
          {bars.map((series) => (
            <Bar
              key={series.key}
              yAxisId="left"
              dataKey={series.key}
              name={series.label}
              stackId={isStacked ? "stack" : undefined}
              fill={series.isHatched ? `url(#hatch-${series.key})` : series.color}
              stroke={series.isHatched ? series.color : undefined}
              strokeWidth={series.isHatched ? 0.5 : 0}
              isAnimationActive={false}
              maxBarSize={28}
            />
          ))}
          {lines.map((series) => (
            <Line
              key={series.key}
              yAxisId={hasRight ? "right" : "left"}
              dataKey={series.key}
              name={series.label}
              stroke={series.color}
              strokeWidth={2}
              strokeDasharray={series.isDashed ? "5 3" : undefined}
              dot={data.length <= 26 ? { r: 2.5, fill: series.color } : false}
              activeDot={{ r: 4 }}
              isAnimationActive={false}
              type="linear"
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
