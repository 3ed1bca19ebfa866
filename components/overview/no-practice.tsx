import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * The signed-in user has no practice: either none exists yet (the demo was cleared, or never
 * loaded) and they may add one, or they belong to none and an owner must add them.
 */
export function NoPracticeYet({ title, canAddPractice }: { title: string; canAddPractice: boolean }) {
  if (!canAddPractice) {
    return (
      <>
        <h1>{title}</h1>
        <EmptyState title="You are not a member of any practice yet">
          <p>Ask an owner of your practice to add you in Settings → Users, then reload this page.</p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <h1>{title}</h1>
      <EmptyState
        title="No practice yet — add one, then import sessions and claims"
        action={
          <Link href="/imports" className="button button-primary">
            Add a practice
          </Link>
        }
      >
        <p>Sessions come from your EHR&apos;s infusion or MAR export; claims from a claims CSV or an 835 remittance file.</p>
      </EmptyState>
    </>
  );
}
