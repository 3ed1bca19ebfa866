import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/setup-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { getDb } from "@/lib/db";
import { hasAnyUser } from "@/lib/db/auth-records";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up" };

/** First run only: once any account exists, people sign in instead. */
export default async function SetupPage() {
  if (await hasAnyUser(getDb().db)) redirect("/sign-in");

  return (
    <AuthCard
      title="Set up DripAudit"
      intro="This creates the owner of this install: you can add the other people of your practice afterwards. The demo practice is already loaded behind it, so you land on its overview."
    >
      <SetupForm minPasswordLength={MIN_PASSWORD_LENGTH} />
    </AuthCard>
  );
}
