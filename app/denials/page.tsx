import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AddOnDenials, DenialsByPayer, DenialsByReason, DenialsKpis, DenialsTrend, UnitCutsAndRecoupments } from "@/components/denials/denials-panels";
import { DashboardHeader } from "@/components/overview/overview-header";
import { NoPracticeYet } from "@/components/overview/no-practice";
import { KpiRowSkeleton, PanelSkeleton } from "@/components/overview/overview-skeletons";
import { AnalysisStatusBanner } from "@/components/ui/analysis-status-banner";
import { DashboardFilterBar } from "@/components/ui/dashboard-filter-bar";
import { DemoBadge } from "@/components/ui/demo-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterChips } from "@/components/ui/filter-chips";
import { buildDatePresets } from "@/lib/dashboard/date-presets";
import { canCreatePractice, requirePageAccess } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { loadDashboardContext, loadFilterOptions } from "@/lib/dashboard/load-dashboard";
import { resolveWindow } from "@/lib/dashboard/resolve-window";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Denials" };

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DenialsPage({ searchParams }: PageProps) {
  const access = await requirePageAccess("dashboard.view");
  const context = await loadDashboardContext(access.organization, await searchParams);
  if (!context) return <NoPracticeYet title="Denials" canAddPractice={await canCreatePractice(access)} />;
  const mayImport = access.role !== null && can(access.role, "imports.create");
  const { organization, filters } = context;
  const options = await loadFilterOptions(context);
  const period = resolveWindow(filters, options.firstDate, options.lastDate, organization.weekStartsOn);

  return (
    <>
      <DashboardHeader title="Denials" organization={organization} window={period} />
      <AnalysisStatusBanner status={organization.analysisStatus} error={organization.analysisError} isDemoLoading={organization.isDemo && organization.analyzedAt === null} />
      {options.firstDate === null ? (
        <EmptyState
          title="No claims imported yet — import an 835 or a claims CSV"
          action={
            mayImport ? (
              <Link href="/imports" className="button button-primary">
                Import files
              </Link>
            ) : undefined
          }
        >
          <p>Denials are read from claim lines and their adjustments, netted across claim versions.</p>
          {organization.isDemo ? (
            <p>
              <DemoBadge /> The demo practice is still loading: reload in a moment.
            </p>
          ) : null}
        </EmptyState>
      ) : (
        <>
          <DashboardFilterBar filters={filters} options={options} hide={["cause"]} presets={buildDatePresets(options.lastDate, organization.weekStartsOn)} />
          <FilterChips filters={filters} basePath="/denials" />
          <Suspense fallback={<KpiRowSkeleton />}>
            <DenialsKpis context={context} />
          </Suspense>
          <Suspense
            fallback={
              <div className="dashboard-grid dashboard-grid-2">
                <PanelSkeleton title="Denial rate per week" height={240} />
                <PanelSkeleton title="Dollars denied per week" height={240} />
              </div>
            }
          >
            <DenialsTrend context={context} />
          </Suspense>
          <div className="dashboard-grid">
            <Suspense fallback={<PanelSkeleton title="By payer" />}>
              <DenialsByPayer context={context} />
            </Suspense>
          </div>
          <div className="dashboard-grid dashboard-grid-2">
            <Suspense fallback={<PanelSkeleton title="By reason" />}>
              <DenialsByReason context={context} />
            </Suspense>
            <Suspense fallback={<PanelSkeleton title="Add-on denials" />}>
              <AddOnDenials context={context} />
            </Suspense>
          </div>
          <div className="dashboard-grid dashboard-grid-2">
            <Suspense fallback={<PanelSkeleton title="Unit cuts and recoupments" />}>
              <UnitCutsAndRecoupments context={context} />
            </Suspense>
          </div>
        </>
      )}
    </>
  );
}
