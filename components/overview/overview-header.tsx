import { DemoBadge } from "@/components/ui/demo-badge";
import type { TDashboardOrganization } from "@/lib/db/dashboard/get-dashboard-organization";
import type { AnalysisWindow } from "@/lib/analysis/annualize";
import { formatDateRange } from "@/lib/format/format-week";

/** Page title with the practice name and period (also the print header). */
export function DashboardHeader({ title, organization, window }: { title: string; organization: TDashboardOrganization; window?: AnalysisWindow | null }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      <div className="page-header-meta">
        <span className="page-header-practice">{organization.name}</span>
        {organization.isDemo ? <DemoBadge /> : null}
        {window ? <span data-testid="dashboard-period">{formatDateRange(window.from, window.to)}</span> : null}
      </div>
    </header>
  );
}
