export default function PracticesLoading() {
  return (
    <>
      <h1>Practices</h1>
      <div className="panel loading" role="status" aria-live="polite">
        <div className="skeleton" style={{ width: "90%" }} />
        <div className="skeleton" style={{ width: "90%" }} />
        <div className="skeleton" style={{ width: "90%" }} />
        <span className="muted">Loading your practices…</span>
      </div>
    </>
  );
}
