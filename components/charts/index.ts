export { WeeklyChart, type WeeklyChartProps, type TWeeklyRow } from "./weekly-chart";
export { HorizontalBarChart, type HorizontalBarChartProps, type THorizontalBarRow } from "./horizontal-bar-chart";
export { ChartEmpty, ChartSkeleton } from "./chart-states";
export { ChartLegend } from "./chart-legend";
export type { TChartSeries } from "./chart-series";
export type { TValueFormat } from "./chart-format";
