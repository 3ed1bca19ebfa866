import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { EXPIRED_LINK_MESSAGE } from "@/components/auth/auth-request";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { getAuth } from "@/lib/auth/auth-server";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Choose your password", referrer: "no-referrer" };

/** Whether a setup/reset token is still usable (without using it up: the form's POST does that). */
async function isLiveToken(token: string): Promise<boolean> {
  const context = await getAuth().$context;
  const verification = await context.internalAdapter.findVerificationValue(`reset-password:${token}`);

  return Boolean(verification && new Date(verification.expiresAt).getTime() > Date.now());
}

export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const token = typeof params.token === "string" ? params.token : "";
  const isLive = token.length > 0 && token.length <= 200 && (await isLiveToken(token));

  return (
    <AuthCard title="Choose your password" intro={isLive ? "An owner of your practice gave you this one-time link. Choose the password you will sign in to DripAudit with." : undefined}>
      {isLive ? (
        <SetPasswordForm token={token} minPasswordLength={MIN_PASSWORD_LENGTH} />
      ) : (
        <>
          <p className="auth-error" role="alert">
            {token ? EXPIRED_LINK_MESSAGE : "This page needs the one-time link an owner of your practice gave you — open that link instead."}
          </p>
          <p className="auth-links">
            <Link href="/sign-in">Go to sign in</Link>
          </p>
        </>
      )}
    </AuthCard>
  );
}
