import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { TwoFactorSettings } from "@/components/auth/two-factor-settings";
import { ReportBrandingForm } from "@/components/account/report-branding-form";
import { Card } from "@/components/ui";
import { ROLE_LABELS } from "@/components/users/role-labels";
import { requireSignedInPage } from "@/lib/auth/access";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { getDb } from "@/lib/db";
import { getReportBranding } from "@/lib/db/users";
import { MAX_FIRM_NAME_LENGTH, MAX_LOGO_BYTES } from "@/lib/report/report-branding";
import { saveReportBrandingAction } from "./actions";
import "@/components/auth/auth.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireSignedInPage();
  const params = await searchParams;
  const requiringPractices = access.organizations.filter((organization) => organization.requireTwoFactor);
  const branding = await getReportBranding(getDb().db, access.user.id);
  const mustTurnOn = !access.user.twoFactorEnabled && (params.twoFactorRequired === "1" || Boolean(access.organization?.requireTwoFactor));

  return (
    <>
      <div className="page-header">
        <h1>Your account</h1>
        <div className="page-header-meta">
          <span>{access.user.email}</span>
        </div>
      </div>
      {mustTurnOn ? (
        <div className="auth-notice" role="alert" data-testid="two-factor-required">
          <strong>{requiringPractices.length === 1 ? `${requiringPractices[0]?.name} requires` : "Your practice requires"} two-factor sign-in.</strong> Turn it on below
          to continue: until then, its pages stay closed to you.
        </div>
      ) : null}
      <p className="page-intro">
        Signed in as {access.user.name}.{" "}
        {access.organizations.length > 0
          ? `Your practices: ${access.organizations.map((organization) => `${organization.name} (${ROLE_LABELS[organization.role].toLowerCase()})`).join(", ")}.`
          : "You are not a member of any practice yet — ask an owner to add you."}
      </p>
      <div className="account-grid">
        <Card title="Password" description="Changing it signs out your other browsers.">
          <ChangePasswordForm minPasswordLength={MIN_PASSWORD_LENGTH} />
        </Card>
        <Card title="Two-factor sign-in" description="A 6-digit code from an authenticator app at each sign-in (TOTP).">
          <TwoFactorSettings isEnabled={access.user.twoFactorEnabled} isRequired={requiringPractices.length > 0} />
        </Card>
        <Card title="Report branding" description="Your firm on the cover of the client reports you build.">
          <ReportBrandingForm
            action={saveReportBrandingAction}
            firmName={branding.firmName}
            logoDataUrl={branding.logoDataUrl}
            maxFirmNameLength={MAX_FIRM_NAME_LENGTH}
            maxLogoKb={MAX_LOGO_BYTES / 1024}
          />
        </Card>
      </div>
    </>
  );
}
