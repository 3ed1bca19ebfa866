import "server-only";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { getDashboardOrganization, getDenialsDataCached, getFilterOptions, getOverviewDataCached, type TDashboardOrganization } from "@/lib/db/dashboard";
import { parseDashboardFilters, type DashboardFilters, type TSearchParamsInput } from "./filters";

export type TDashboardContext = { organization: TDashboardOrganization; filters: DashboardFilters };

/**
 * The checked current practice (from lib/auth's requirePageAccess, never a cookie read here) with
 * the dashboard's fields, and the filters from the URL snapped to its week start. Null when the
 * user has no practice yet.
 */
export async function loadDashboardContext(current: { id: string } | null, searchParams: TSearchParamsInput): Promise<TDashboardContext | null> {
  if (!current) return null;
  const organization = await getDashboardOrganization(getDb().db, current.id);
  if (!organization) return null;

  return { organization, filters: parseDashboardFilters(searchParams, organization.weekStartsOn) };
}

/**
 * Per-request memoized loaders: every panel of a page calls them inside its own Suspense boundary
 * and they share one database round of queries. Keys are primitives (React `cache` compares
 * arguments by identity), so filters travel as their JSON.
 */
const loadOverviewByKey = cache(async (organizationId: string, analysisVersion: number, dataVersion: string, filtersJson: string, weekStartsOn: number) =>
  getOverviewDataCached(
    getDb().db,
    { id: organizationId, analysisVersion, dataVersion, weekStartsOn: weekStartsOn as TDashboardOrganization["weekStartsOn"] },
    JSON.parse(filtersJson) as DashboardFilters,
  ),
);

const loadDenialsByKey = cache(async (organizationId: string, analysisVersion: number, dataVersion: string, filtersJson: string, weekStartsOn: number) =>
  getDenialsDataCached(
    getDb().db,
    { id: organizationId, analysisVersion, dataVersion, weekStartsOn: weekStartsOn as TDashboardOrganization["weekStartsOn"] },
    JSON.parse(filtersJson) as DashboardFilters,
  ),
);

const loadFilterOptionsByKey = cache(async (organizationId: string, analysisVersion: number) => getFilterOptions(getDb().db, organizationId, analysisVersion));

export function loadOverview({ organization, filters }: TDashboardContext) {
  return loadOverviewByKey(organization.id, organization.analysisVersion, organization.dataVersion, JSON.stringify(filters), organization.weekStartsOn);
}

export function loadDenials({ organization, filters }: TDashboardContext) {
  return loadDenialsByKey(organization.id, organization.analysisVersion, organization.dataVersion, JSON.stringify(filters), organization.weekStartsOn);
}

export function loadFilterOptions({ organization }: TDashboardContext) {
  return loadFilterOptionsByKey(organization.id, organization.analysisVersion);
}
