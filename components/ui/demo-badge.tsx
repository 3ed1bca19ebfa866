import "./ui.css";

/** Marks screens that show the synthetic demo practice. */
export function DemoBadge() {
  return (
    <span className="badge badge-demo" title="Synthetic demo practice: no real patients">
      demo data
    </span>
  );
}
