"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createFirstOwner, isAccountError } from "@/lib/auth/accounts";
import { getAuth } from "@/lib/auth/auth-server";
import { passwordProblem } from "@/lib/auth/password-policy";
import { requestAddress } from "@/lib/auth/request-address";
import { getDb, recordAuditEvent } from "@/lib/db";
import type { TSetupState } from "@/components/auth/setup-state";

/**
 * Creates the install's first owner and signs them in (nextCookies sets the session cookie from a
 * server action). Refused once any account exists — createFirstOwner also settles two concurrent
 * submissions.
 */
export async function createFirstOwnerAction(_previous: TSetupState, formData: FormData): Promise<TSetupState> {
  const name = String(formData.get("name") ?? "").trim();
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const again = String(formData.get("passwordAgain") ?? "");
  const values = { name, email };
  if (!name) return { ok: false, message: "Enter your name.", field: "name", values };
  if (!email) return { ok: false, message: "Enter your email address.", field: "email", values };
  const problem = passwordProblem(password, { email });
  if (problem) return { ok: false, message: problem, field: "password", values };
  if (password !== again) return { ok: false, message: "The two passwords differ — type the same password twice.", field: "passwordAgain", values };

  const auth = getAuth();
  try {
    const { userId } = await createFirstOwner(auth, getDb().db, { name, email, password });
    const address = requestAddress(await headers());
    await recordAuditEvent(getDb().db, { organizationId: null, userId, actorEmail: email, address, action: "users.added", subjectType: "user", subjectId: userId, detail: { role: "owner", firstOwner: true } });
  } catch (error) {
    if (isAccountError(error)) return { ok: false, message: error.message, values };
    throw error;
  }
  try {
    await auth.api.signInEmail({ body: { email, password }, headers: await headers() });
  } catch {
    // The account exists: signing in by hand still works.
    redirect("/sign-in");
  }
  redirect("/");
}
