import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth/auth-server";
import { refuseForeignRequest } from "@/lib/auth/route";

export const dynamic = "force-dynamic";

/**
 * better-auth's endpoints at their default paths (POST /api/auth/sign-in/email, /sign-out,
 * /change-password, /reset-password, /two-factor/*, GET /api/auth/get-session …). Sign-up is off:
 * owners add people. Same Host and same-origin checks as every other handler; better-auth adds its
 * own origin check and rate limit.
 */
const BODY_TYPES = ["application/json", "application/x-www-form-urlencoded"];

export async function GET(request: Request) {
  return refuseForeignRequest(request) ?? toNextJsHandler(getAuth()).GET(request);
}

export async function POST(request: Request) {
  return refuseForeignRequest(request, { bodyTypes: BODY_TYPES }) ?? toNextJsHandler(getAuth()).POST(request);
}
