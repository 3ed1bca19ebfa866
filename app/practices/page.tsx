import type { Metadata } from "next";
import Link from "next/link";
import { splitPortfolioMemberships } from "@/components/portfolio/portfolio-access";
import { parsePortfolioSort, sortPortfolioRows } from "@/components/portfolio/portfolio-sort";
import { PortfolioTable } from "@/components/portfolio/portfolio-table";
import { EmptyState } from "@/components/ui/empty-state";
import { requireSignedInPage } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { loadPortfolioRows } from "@/lib/db/portfolio";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Practices" };

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const NOTICES: Record<string, string> = {
  gone: "That practice is not one of yours any more — the list below is up to date.",
  forbidden: "Your role in that practice cannot build reports — ask one of its owners.",
};

/**
 * The portfolio: every practice the signed-in user is a member of (their memberships, never a
 * request parameter), each with its overview's figures, sortable from the URL. For one practice or
 * none there is nothing to compare: the page says so and points to the overview.
 */
export default async function PracticesPage({ searchParams }: PageProps) {
  const access = await requireSignedInPage();
  const query = await searchParams;
  const sort = parsePortfolioSort(query);
  const notice = typeof query.notice === "string" ? NOTICES[query.notice] : undefined;

  if (access.organizations.length < 2) {
    return (
      <>
        <h1>Practices</h1>
        <EmptyState
          title={access.organizations.length === 0 ? "You are not a member of any practice yet" : "You work in one practice — its overview has all its figures"}
          action={
            <Link href="/" className="button">
              Go to the overview
            </Link>
          }
        >
          <p>This list compares practices side by side once you are a member of more than one; an owner of another practice can add you in Settings → Users.</p>
        </EmptyState>
      </>
    );
  }

  const { shown, needTwoFactor } = splitPortfolioMemberships(access);
  const rows = sortPortfolioRows(await loadPortfolioRows(getDb().db, shown), sort);

  return (
    <>
      <h1>Practices</h1>
      <p className="page-intro">
        Each practice&apos;s figures are those of its overview over all its data. Open a practice to see why; build a report to hand to its owner.
      </p>
      {notice ? (
        <p className="panel" role="status">
          {notice}
        </p>
      ) : null}
      <PortfolioTable rows={rows} sort={sort} />
      {needTwoFactor.length > 0 ? (
        <EmptyState title="Not shown: these practices require two-factor sign-in" variant="panel">
          <p>
            {needTwoFactor.map((organization) => organization.name).join(", ")} — turn on two-factor sign-in in <Link href="/account">your account</Link> to see
            their figures here.
          </p>
        </EmptyState>
      ) : null}
    </>
  );
}
