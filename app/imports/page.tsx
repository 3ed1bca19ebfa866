import type { Metadata } from "next";
import { ImportHistory } from "@/components/imports/import-history";
import { CreateOrganizationForm } from "@/components/imports/create-organization-form";
import { ImportUploader } from "@/components/imports/import-uploader";
import { EmptyState } from "@/components/ui/empty-state";
import { canCreatePractice, requirePageAccess } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { listImportBatches } from "@/lib/db/import";
import { getEnv } from "@/lib/env";
import { getImportColumnSpecs } from "@/lib/import/import-column-specs";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Imports" };

const HISTORY_LIMIT = 100;

export default async function ImportsPage() {
  const access = await requirePageAccess("imports.view");
  const organization = access.organization;

  if (!organization) {
    return (
      <>
        <h1>Imports</h1>
        <p className="page-intro">Bring in your EHR’s infusion sessions, claims and 835 remittances to see what billing missed.</p>
        {(await canCreatePractice(access)) ? (
          <CreateOrganizationForm />
        ) : (
          <EmptyState title="You are not a member of any practice yet">
            <p>Ask an owner of your practice to add you in Settings → Users, then reload this page.</p>
          </EmptyState>
        )}
      </>
    );
  }

  const batches = await listImportBatches(organization.id, { limit: HISTORY_LIMIT });

  return (
    <>
      <h1>Imports</h1>
      <p className="page-intro">
        Sessions come from your EHR’s infusion or MAR export; claims from a claims CSV or an 835 remittance file. Re-importing the same file
        changes nothing.
      </p>
      {can(organization.role, "imports.create") ? (
        <div className="panel">
          <ImportUploader
            key={organization.id}
            organizationId={organization.id}
            organizationName={organization.name}
            columnSpecs={getImportColumnSpecs()}
            maxUploadMb={getEnv().DRIPAUDIT_MAX_UPLOAD_MB}
          />
        </div>
      ) : null}
      <ImportHistory
        batches={batches.map((batch) => ({
          id: batch.id,
          fileName: batch.fileName,
          kind: batch.kind,
          status: batch.status,
          rowsTotal: batch.rowsTotal,
          rowsImported: batch.rowsImported,
          rowsFailed: batch.rowsFailed,
          warningsCount: batch.warningsCount,
          createdAt: batch.createdAt.toISOString(),
        }))}
        timeZone={organization.timeZone}
        isTruncated={batches.length === HISTORY_LIMIT}
      />
    </>
  );
}
