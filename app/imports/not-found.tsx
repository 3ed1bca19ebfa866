import Link from "next/link";

export default function ImportNotFound() {
  return (
    <>
      <h1>Import not found</h1>
      <div className="panel empty-state">
        <p>There is no such import in this practice.</p>
        <p>
          It may belong to another practice (switch practice in the header), or the link may be mistyped.{" "}
          <Link href="/imports">Back to the imports</Link>.
        </p>
      </div>
    </>
  );
}
