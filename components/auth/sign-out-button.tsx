"use client";

import { useState } from "react";

/** Ends the session (better-auth's /sign-out) and loads the sign-in page. */
export function SignOutButton() {
  const [isPending, setIsPending] = useState(false);

  const signOut = async () => {
    setIsPending(true);
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}", credentials: "same-origin" }).catch(() => null);
    // Even when the call failed, the sign-in page shows whether the session is still there.
    window.location.assign("/sign-in");
  };

  return (
    <button type="button" className="button button-small" onClick={() => void signOut()} disabled={isPending}>
      {isPending ? "Signing out…" : "Sign out"}
    </button>
  );
}
