export default function Loading() {
  return (
    <div className="panel loading" role="status" aria-live="polite">
      <div className="skeleton" style={{ width: "40%" }} />
      <div className="skeleton" style={{ width: "75%" }} />
      <div className="skeleton" style={{ width: "60%" }} />
      <span className="muted">Loading…</span>
    </div>
  );
}
