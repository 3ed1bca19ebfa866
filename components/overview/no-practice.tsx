import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

/** No organization at all yet (the demo was cleared, or never loaded). */
export function NoPracticeYet({ title }: { title: string }) {
  return (
    <>
      <h1>{title}</h1>
      <EmptyState
        title="No encounters yet — import sessions and claims"
        action={
          <Link href="/imports" className="button button-primary">
            Import files
          </Link>
        }
      >
        <p>Sessions come from your EHR&apos;s infusion or MAR export; claims from a claims CSV or an 835 remittance file.</p>
      </EmptyState>
    </>
  );
}
