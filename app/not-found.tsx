import Link from "next/link";

export default function NotFound() {
  return (
    <div className="panel empty-state">
      <p>Page not found.</p>
      <p>
        The address may be mistyped, or the page may not exist yet. <Link href="/">Back to the overview</Link>.
      </p>
    </div>
  );
}
