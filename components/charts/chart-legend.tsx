import type { TChartSeries } from "./chart-series";

/** A legend in HTML (readable, wraps, prints): a swatch or a line per series, with its label. */
export function ChartLegend({ bars = [], lines = [] }: { bars?: readonly TChartSeries[]; lines?: readonly TChartSeries[] }) {
  return (
    <ul className="chart-legend">
      {bars.map((series) => (
        <li key={series.key}>
          <span
            className="legend-swatch"
            aria-hidden="true"
            style={
              series.isHatched
                ? { background: `repeating-linear-gradient(135deg, ${series.color} 0 3px, #fff 3px 5px)`, border: `1px solid ${series.color}` }
                : { background: series.color }
            }
          />
          {series.label}
        </li>
      ))}
      {lines.map((series) => (
        <li key={series.key}>
          <span className="legend-line" aria-hidden="true" style={{ borderTopColor: series.color, borderTopStyle: series.isDashed ? "dashed" : "solid" }} />
          {series.label}
        </li>
      ))}
    </ul>
  );
}
