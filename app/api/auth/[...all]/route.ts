import { toNextJsHandler } from "better-auth/next-js";
import { getSignedInUser } from "@/lib/auth/access";
import { getAuth } from "@/lib/auth/auth-server";
import { refuseForeignRequest } from "@/lib/auth/route";
import { withInternalErrors } from "@/lib/http/api-error";

export const dynamic = "force-dynamic";

/**
 * better-auth's endpoints at their default paths (POST /api/auth/sign-in/email, /sign-out,
 * /change-password, /reset-password, /two-factor/*, GET /api/auth/get-session …). Sign-up is off:
 * owners add people. Same Host and same-origin checks as every other handler; better-auth adds its
 * own origin check and rate limit. getSignedInUser() first, so that a session past the idle
 * timeout is deleted before better-auth's endpoints could honour it.
 */
const BODY_TYPES = ["application/json", "application/x-www-form-urlencoded"];

export const GET = withInternalErrors("GET /api/auth", async function GET(request: Request) {
  const refused = refuseForeignRequest(request);
  if (refused) return refused;
  await getSignedInUser();

  return toNextJsHandler(getAuth()).GET(request);
});

export const POST = withInternalErrors("POST /api/auth", async function POST(request: Request) {
  const refused = refuseForeignRequest(request, { bodyTypes: BODY_TYPES });
  if (refused) return refused;
  await getSignedInUser();

  return toNextJsHandler(getAuth()).POST(request);
});
