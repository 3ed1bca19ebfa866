import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSignedInUser, safeNextPath } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { hasAnyUser } from "@/lib/db/auth-records";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : null);
  if (!(await hasAnyUser(getDb().db))) redirect("/setup");
  if (await getSignedInUser()) redirect(next);

  return (
    <AuthCard title="Sign in to DripAudit">
      <SignInForm next={next} />
    </AuthCard>
  );
}
