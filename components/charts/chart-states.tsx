/** Loading placeholder for a chart (a Suspense fallback): grey bars of fixed heights. */
export function ChartSkeleton({ height = 260, label = "Loading chart…" }: { height?: number; label?: string }) {
  const heights = [40, 65, 50, 80, 60, 72, 45, 90, 70, 55, 62, 78];

  return (
    <div className="chart-skeleton" style={{ height }} role="status" aria-live="polite">
      {heights.map((value, index) => (
        <span key={index} style={{ height: `${value}%` }} />
      ))}
      <span className="visually-hidden">{label}</span>
    </div>
  );
}

/** What a chart shows when it has nothing to draw, in plain words. */
export function ChartEmpty({ height = 260, message }: { height?: number; message: string }) {
  return (
    <div className="chart-empty" style={{ height }}>
      {message}
    </div>
  );
}
