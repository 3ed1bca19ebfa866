export default function ImportsLoading() {
  return (
    <>
      <h1>Imports</h1>
      <div className="panel loading" role="status" aria-live="polite">
        <div className="skeleton" style={{ width: "35%" }} />
        <div className="skeleton" style={{ width: "80%", height: 96 }} />
        <div className="skeleton" style={{ width: "60%" }} />
        <span className="muted">Loading imports…</span>
      </div>
    </>
  );
}
