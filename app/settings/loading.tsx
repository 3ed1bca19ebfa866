export default function SettingsLoading() {
  return (
    <>
      <h1>Settings</h1>
      <div className="panel loading" role="status" aria-live="polite">
        <div className="skeleton" style={{ width: "40%" }} />
        <div className="skeleton" style={{ width: "80%" }} />
        <div className="skeleton" style={{ width: "65%" }} />
        <span className="muted">Loading settings…</span>
      </div>
    </>
  );
}
