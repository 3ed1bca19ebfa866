export default function FindingsLoading() {
  return (
    <>
      <h1>Findings</h1>
      <div className="panel loading" role="status" aria-live="polite">
        <div className="skeleton" style={{ width: "30%" }} />
        <div className="skeleton" style={{ width: "90%" }} />
        <div className="skeleton" style={{ width: "90%" }} />
        <div className="skeleton" style={{ width: "90%" }} />
        <span className="muted">Loading findings…</span>
      </div>
    </>
  );
}
