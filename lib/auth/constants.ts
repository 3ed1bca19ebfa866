/** Names shared by proxy.ts and lib/auth (kept free of server-only imports so the proxy can load them). */
export const SESSION_COOKIE_PREFIX = "dripaudit";

/** Set by proxy.ts on every request: the path and query a page was asked for (sign-in's `next`). */
export const REQUEST_PATH_HEADER_NAME = "x-dripaudit-path";

/** File in the data folder that holds the generated auth secret when DRIPAUDIT_AUTH_SECRET is unset. */
export const AUTH_SECRET_FILE = "auth.secret";
