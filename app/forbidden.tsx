import Link from "next/link";

/** 403: the signed-in user's role in the current practice does not allow this page. */
export default function Forbidden() {
  return (
    <div className="panel empty-state">
      <p>Your role in this practice does not include this page.</p>
      <p>
        If you need it, ask an owner of the practice to change your role, or switch to another practice in the header.{" "}
        <Link href="/">Back to the overview</Link>.
      </p>
    </div>
  );
}
