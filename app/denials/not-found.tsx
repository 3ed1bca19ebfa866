import Link from "next/link";

export default function DenialsNotFound() {
  return (
    <div className="panel empty-state">
      <p>Nothing here.</p>
      <p>
        This denials view does not exist. <Link href="/denials">Back to denials</Link> or <Link href="/">the overview</Link>.
      </p>
    </div>
  );
}
