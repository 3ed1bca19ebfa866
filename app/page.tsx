import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { DashboardHeader } from "@/components/overview/overview-header";
import { NoPracticeYet } from "@/components/overview/no-practice";
import { OverviewChanges } from "@/components/overview/overview-changes";
import { OverviewKpis } from "@/components/overview/overview-kpis";
import { OverviewRecovery } from "@/components/overview/overview-recovery";
import { OverviewTrend } from "@/components/overview/overview-trend";
import { DocumentationByNurse, LeakageByCause, LeakageByCode, LeakageByPayer, LeakageBySite, TopDenialReasons } from "@/components/overview/overview-breakdowns";
import { KpiRowSkeleton, PanelSkeleton } from "@/components/overview/overview-skeletons";
import { AnalysisStatusBanner } from "@/components/ui/analysis-status-banner";
import { DashboardFilterBar } from "@/components/ui/dashboard-filter-bar";
import { DemoBanner } from "@/components/ui/demo-banner";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterChips } from "@/components/ui/filter-chips";
import { buildDatePresets } from "@/lib/dashboard/date-presets";
import { resolveWindow } from "@/lib/dashboard/resolve-window";
import { canCreatePractice, requirePageAccess } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { loadDashboardContext, loadFilterOptions } from "@/lib/dashboard/load-dashboard";
import { withFilters } from "@/lib/dashboard/filters";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OverviewPage({ searchParams }: PageProps) {
  const access = await requirePageAccess("dashboard.view");
  const context = await loadDashboardContext(access.organization, await searchParams);
  if (!context) return <NoPracticeYet title="Overview" canAddPractice={await canCreatePractice(access)} />;
  const mayImport = access.role !== null && can(access.role, "imports.create");
  const { organization, filters } = context;
  const options = await loadFilterOptions(context);
  const hasData = options.firstDate !== null;
  const isDemoLoading = organization.isDemo && organization.analyzedAt === null;
  const period = resolveWindow(filters, options.firstDate, options.lastDate, organization.weekStartsOn);

  return (
    <>
      <DashboardHeader title="Overview" organization={organization} window={period} />
      {organization.isDemo ? <DemoBanner canClear={access.role !== null && can(access.role, "demo.clear")} /> : null}
      <AnalysisStatusBanner status={organization.analysisStatus} error={organization.analysisError} isDemoLoading={isDemoLoading} />
      {!hasData && isDemoLoading ? (
        <KpiRowSkeleton />
      ) : !hasData ? (
        <EmptyState
          title="No encounters yet — import sessions and claims"
          action={
            mayImport ? (
              <Link href="/imports" className="button button-primary">
                Import files
              </Link>
            ) : undefined
          }
        >
          <p>
            {organization.analysisStatus === "idle"
              ? "Sessions come from your EHR's infusion or MAR export; claims from a claims CSV or an 835 remittance file."
              : "If you have just imported files, the analysis is still running: reload in a moment."}
          </p>
        </EmptyState>
      ) : (
        <>
          <DashboardFilterBar filters={filters} options={options} presets={buildDatePresets(options.lastDate, organization.weekStartsOn)} />
          <FilterChips filters={filters} basePath="/" />
          <p className="overview-report-link">
            <Link href={withFilters("/reports", filters)} data-testid="overview-report-link">
              Client report of this view →
            </Link>
          </p>
          <Suspense fallback={<KpiRowSkeleton />}>
            <OverviewKpis context={context} />
          </Suspense>
          <div className="dashboard-grid">
            <Suspense fallback={<PanelSkeleton title="Leakage per week" height={300} />}>
              <OverviewTrend context={context} />
            </Suspense>
          </div>
          <Suspense fallback={<PanelSkeleton title="Recovered revenue" height={240} />}>
            <OverviewRecovery context={context} />
          </Suspense>
          <Suspense fallback={<PanelSkeleton title="What changed" height={240} />}>
            <OverviewChanges context={context} searchParams={searchParams} />
          </Suspense>
          <div className="dashboard-grid dashboard-grid-2">
            <Suspense fallback={<PanelSkeleton title="Leakage by code" />}>
              <LeakageByCode context={context} />
            </Suspense>
            <div className="dashboard-stack">
              <Suspense fallback={<PanelSkeleton title="Leakage by payer" />}>
                <LeakageByPayer context={context} />
              </Suspense>
              <Suspense fallback={<PanelSkeleton title="Leakage by site" />}>
                <LeakageBySite context={context} />
              </Suspense>
            </div>
          </div>
          <div className="dashboard-grid dashboard-grid-2">
            <Suspense fallback={<PanelSkeleton title="Documentation gaps by nurse" />}>
              <DocumentationByNurse context={context} />
            </Suspense>
            <div className="dashboard-stack">
              <Suspense fallback={<PanelSkeleton title="Leakage by cause" />}>
                <LeakageByCause context={context} />
              </Suspense>
              <Suspense fallback={<PanelSkeleton title="Top denial reasons" />}>
                <TopDenialReasons context={context} />
              </Suspense>
            </div>
          </div>
        </>
      )}
    </>
  );
}
