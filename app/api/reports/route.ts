import { requireApiAccess, requireApiUser } from "@/lib/auth/access";
import { auditActor } from "@/lib/auth/audit-context";
import { can } from "@/lib/auth/permissions";
import { refuseForeignRequest } from "@/lib/auth/route";
import { parseDashboardFilters } from "@/lib/dashboard/filters";
import { getDb } from "@/lib/db";
import { getDashboardOrganization } from "@/lib/db/dashboard";
import { getReportBranding } from "@/lib/db/users";
import { apiError, apiJson, apiValidationError, withInternalErrors } from "@/lib/http/api-error";
import { todayInTimeZone } from "@/components/findings/today-in-time-zone";
import { ZReportJobBody } from "@/lib/report/report-options";
import { getReportJobs } from "@/lib/report/report-jobs";

export const dynamic = "force-dynamic";

/**
 * POST /api/reports — `{ format, filters, sections, deidentify, organizationId? }` → 202 with the
 * report job (TReportJobView); the browser polls /api/reports/jobs/{jobId}, then downloads
 * /api/reports/jobs/{jobId}/file. The practice is the current one, or `organizationId` when it is
 * one of the user's; the role there must allow reports.export. A role that may not see patient ids
 * gets a de-identified report whatever it asks for.
 */
export const POST = withInternalErrors("POST /api/reports", async function POST(request: Request) {
  const refused = refuseForeignRequest(request, { bodyTypes: ["application/json"] });
  if (refused) return refused;
  // Who asks comes first: nobody learns what a valid body looks like without a session.
  const signedIn = await requireApiUser();
  if (signedIn instanceof Response) return signedIn;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return apiError(400, "invalid_json", "The request body must be JSON.");
  }
  const parsed = ZReportJobBody.safeParse(body);
  if (!parsed.success) return apiValidationError(parsed.error, "report");
  const access = await requireApiAccess("reports.export", { organizationId: parsed.data.organizationId });
  if (access instanceof Response) return access;

  const { db } = getDb();
  const organization = await getDashboardOrganization(db, access.organization.id);
  if (!organization) return apiError(404, "organization_not_found", "No such practice among yours — reload the page.");
  const mayIdentifyPatients = can(access.role, "patients.identify");
  const branding = await getReportBranding(db, access.user.id);
  const now = new Date();
  const job = getReportJobs().start({
    request: {
      organizationId: organization.id,
      filters: parseDashboardFilters(parsed.data.filters as Record<string, string | undefined>, organization.weekStartsOn),
      sections: parsed.data.sections,
      deidentify: parsed.data.deidentify || !mayIdentifyPatients,
      preparedBy: { ...branding, userName: access.user.name },
      asOf: todayInTimeZone(organization.timeZone, now),
      generatedAt: now.toISOString(),
    },
    format: parsed.data.format,
    mayIdentifyPatients,
    userId: access.user.id,
    actor: await auditActor(access),
  });

  return apiJson(job, 202);
});
