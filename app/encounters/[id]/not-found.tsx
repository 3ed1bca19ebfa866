import Link from "next/link";

export default function EncounterNotFound() {
  return (
    <div className="panel empty-state">
      <p>Encounter not found.</p>
      <p>
        It may belong to another practice, or it was replaced by a later import. <Link href="/findings">Back to the findings</Link>.
      </p>
    </div>
  );
}
