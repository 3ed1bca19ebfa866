export default function EncounterLoading() {
  return (
    <div className="panel loading" role="status" aria-live="polite">
      <div className="skeleton" style={{ width: "35%" }} />
      <div className="skeleton" style={{ width: "100%", height: 120 }} />
      <div className="skeleton" style={{ width: "70%" }} />
      <span className="muted">Loading the encounter…</span>
    </div>
  );
}
