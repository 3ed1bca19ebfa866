"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatAxisValue, formatTooltipValue, type TValueFormat } from "./chart-format";
import { ChartLegend } from "./chart-legend";
import type { TChartSeries } from "./chart-series";
import { ChartEmpty } from "./chart-states";

export type THorizontalBarRow = { id: string; label: string; values: Record<string, number> };

export type HorizontalBarChartProps = {
  /** Rows top to bottom (sort on the server). */
  rows: readonly THorizontalBarRow[];
  /** Stacked segments, left first. One series = plain bars. */
  series: readonly TChartSeries[];
  format: TValueFormat;
  ariaLabel: string;
  emptyMessage?: string;
  /** Width of the label column in px. */
  labelWidth?: number;
  /** Hide the legend (one obvious series). */
  hideLegend?: boolean;
};

type TooltipPayloadItem = { dataKey?: string | number; value?: number | string; payload?: Record<string, unknown> };

/** Horizontal bars (codes, payers, sites …): readable long labels, value axis at the bottom. */
export function HorizontalBarChart({ rows, series, format, ariaLabel, emptyMessage = "Nothing to show for these filters.", labelWidth = 150, hideLegend = false }: HorizontalBarChartProps) {
  const height = Math.max(120, rows.length * 30 + 40);
  if (rows.length === 0) return <ChartEmpty height={160} message={emptyMessage} />;
  const data = rows.map((row) => ({ id: row.id, label: row.label, ...row.values }));

  return (
    <div className="chart" role="img" aria-label={ariaLabel}>
      {hideLegend ? null : <ChartLegend bars={series} />}
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }} barCategoryGap="22%">
          <defs>
            {series
              .filter((item) => item.isHatched)
              .map((item) => (
                <pattern key={item.key} id={`hhatch-${item.key}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                  <rect width="6" height="6" fill={item.color} fillOpacity={0.35} />
                  <line x1="0" y1="0" x2="0" y2="6" stroke={item.color} strokeWidth="3" />
                </pattern>
              ))}
          </defs>
          <CartesianGrid stroke="#e2e8f0" horizontal={false} />
          <XAxis
            type="number"
            tickFormatter={(value: number) => formatAxisValue(value, format)}
            tick={{ fontSize: 12, fill: "#475569" }}
            tickLine={false}
            axisLine={{ stroke: "#cbd5e1" }}
          />
          <YAxis
            type="category"
            dataKey="label"
            width={labelWidth}
            tick={{ fontSize: 12, fill: "#0f172a" }}
            tickLine={false}
            axisLine={false}
            interval={0}
          />
          <Tooltip
            cursor={{ fill: "rgba(15, 23, 42, 0.05)" }}
            isAnimationActive={false}
            content={(props) => {
              const payload = props.payload as readonly TooltipPayloadItem[] | undefined;
              if (!props.active || !payload?.length) return null;
              const total = payload.reduce((sum, item) => sum + Number(item.value ?? 0), 0);

              return (
                <div className="chart-tooltip">
                  <p className="chart-tooltip-title">{String(props.label ?? "")}</p>
                  <table>
                    <tbody>
                      {payload.map((item) => {
                        const config = series.find((entry) => entry.key === item.dataKey);

                        return (
                          <tr key={String(item.dataKey)}>
                            <td>{config?.label ?? String(item.dataKey)}</td>
                            <td className="num">{formatTooltipValue(Number(item.value ?? 0), format)}</td>
                          </tr>
                        );
                      })}
                      {payload.length > 1 ? (
                        <tr className="chart-tooltip-total">
                          <td>Total</td>
                          <td className="num">{formatTooltipValue(total, format)}</td>
                        </tr>
                      ) : null}
                    </tbody>
                  </table>
                </div>
              );
            }}
          />
          {series.map((item) => (
            <Bar
              key={item.key}
              dataKey={item.key}
              name={item.label}
              stackId="stack"
              fill={item.isHatched ? `url(#hhatch-${item.key})` : item.color}
              stroke={item.isHatched ? item.color : undefined}
              strokeWidth={item.isHatched ? 0.5 : 0}
              isAnimationActive={false}
              maxBarSize={20}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
