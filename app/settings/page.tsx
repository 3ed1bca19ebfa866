import type { Metadata } from "next";
import Link from "next/link";
import { uploadDrugCatalogAction, uploadFeeScheduleAction } from "./actions";
import { DrugCatalogList, FeeRateList, PayerFilingList, PracticeDetails, ReadOnlyNote, RulesList } from "./read-only-settings";
import { AnalysisStatusNotice } from "@/components/settings/analysis-status-notice";
import { DeletePracticeForm } from "@/components/settings/delete-practice-form";
import { DrugCatalogTable } from "@/components/settings/drug-catalog-table";
import { FeeRateTable } from "@/components/settings/fee-rate-table";
import { OrganizationForm } from "@/components/settings/organization-form";
import { PayerFilingForm } from "@/components/settings/payer-filing-form";
import { RulesForm } from "@/components/settings/rules-form";
import { UploadForm } from "@/components/settings/upload-form";
import { Card, DemoBadge, EmptyState } from "@/components/ui";
import { requirePageAccess } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { listPayerSettings } from "@/lib/db/analysis/payer-settings";
import {
  defaultRuleSettings,
  getOrganizationSettings,
  listDrugCatalogEntries,
  listFeeScheduleRates,
  listKnownPayers,
  RULE_OPTIONS,
} from "@/lib/db/settings";
import { COMMON_US_TIME_ZONES } from "@/lib/time-zones";
import "@/components/settings/settings.css";
import "@/components/findings/findings.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const access = await requirePageAccess("settings.view");
  const current = access.organization;
  if (!current) {
    return (
      <>
        <h1>Settings</h1>
        <EmptyState title="No practice yet — add one on the imports page." action={<Link href="/imports" className="button">Go to imports</Link>} />
      </>
    );
  }
  // Forms only for roles whose actions would accept them (the actions check again).
  const mayEditPractice = can(current.role, "practice.edit");
  const mayEditRules = can(current.role, "rules.edit");
  const mayDeletePractice = can(current.role, "practice.delete");
  const { db } = getDb();
  const [organization, payerSettings, knownPayers, rates, catalog] = await Promise.all([
    getOrganizationSettings(db, current.id),
    listPayerSettings(db, current.id),
    listKnownPayers(db, current.id),
    listFeeScheduleRates(db, current.id),
    listDrugCatalogEntries(db, current.id),
  ]);
  if (!organization) throw new Error("The current practice was not found.");

  return (
    <>
      <div className="page-header">
        <h1>Settings</h1>
        <div className="page-header-meta">
          <span>{organization.name}</span>
          {organization.isDemo ? <DemoBadge /> : null}
        </div>
      </div>
      <p className="page-intro">How this practice&apos;s encounters are coded and valued. Changes that move the numbers recompute every week in the background.</p>
      <AnalysisStatusNotice organizationId={organization.id} initialStatus={organization.analysis.status} />

      <Card title="Practice" description="Name, time zone, setting, weeks and the default timely-filing window" className="settings-section">
        {mayEditPractice ? (
          <OrganizationForm
            name={organization.name}
            timeZone={organization.timeZone}
            setting={organization.setting}
            weekStartsOn={organization.weekStartsOn}
            timelyFilingDays={organization.timelyFilingDays}
            uploadRetentionDays={organization.uploadRetentionDays}
            timeZones={COMMON_US_TIME_ZONES}
          />
        ) : (
          <>
            <PracticeDetails
              name={organization.name}
              timeZone={organization.timeZone}
              setting={organization.setting}
              weekStartsOn={organization.weekStartsOn}
              timelyFilingDays={organization.timelyFilingDays}
            />
            <ReadOnlyNote>Only an owner of this practice can change its details.</ReadOnlyNote>
          </>
        )}
      </Card>

      <Card
        title="Coding rules"
        description="Where the rule book leaves a choice, the practice decides. Sections refer to coding-rules.md."
        className="settings-section"
      >
        {mayEditRules ? (
          <RulesForm options={RULE_OPTIONS} values={organization.rules} defaults={defaultRuleSettings()} />
        ) : (
          <>
            <RulesList options={RULE_OPTIONS} values={organization.rules} />
            <ReadOnlyNote>Your role ({current.role}) can read these settings; an owner or billing manager can change them.</ReadOnlyNote>
          </>
        )}
      </Card>

      <div className="settings-grid">
        <Card title="Timely filing by payer" description="Days after the date of service a payer accepts a corrected claim (rebill candidates)">
          {mayEditRules ? (
            <PayerFilingForm rows={payerSettings} knownPayers={knownPayers} defaultDays={organization.timelyFilingDays} />
          ) : (
            <PayerFilingList rows={payerSettings} defaultDays={organization.timelyFilingDays} />
          )}
        </Card>
        <Card title="Drug catalog overrides" description="Category by HCPCS or drug name, over the built-in catalog (spec §3.6)">
          {mayEditRules ? (
            <>
              <DrugCatalogTable entries={catalog.rows} total={catalog.total} />
              <UploadForm
                action={uploadDrugCatalogAction}
                label="Upload a drug catalog CSV"
                help="Columns: hcpcs and/or drug, category (chemo, therapeutic, hydration). Same HCPCS or name replaces."
                testId="drug-catalog-upload"
              />
            </>
          ) : (
            <DrugCatalogList rows={catalog.rows} total={catalog.total} />
          )}
        </Card>
      </div>

      <Card title="Fee schedule" description="Contracted rate per unit by payer and code (* = any payer), used when paid history is thin (spec §5.3)" className="settings-section">
        {mayEditRules ? (
          <>
            <FeeRateTable rates={rates.rows} total={rates.total} />
            <UploadForm
              action={uploadFeeScheduleAction}
              label="Upload a fee schedule CSV"
              help="Columns: payer, cpt, rate (dollars per unit), effective_from, effective_to (optional). Same payer, code and start date replaces."
              testId="fee-schedule-upload"
            />
          </>
        ) : (
          <FeeRateList rows={rates.rows} total={rates.total} />
        )}
      </Card>

      {mayDeletePractice ? (
        <Card title="Delete this practice" description="Danger zone: removes the practice's data from this install" className="settings-section danger-zone">
          <DeletePracticeForm name={organization.name} />
        </Card>
      ) : null}
    </>
  );
}
