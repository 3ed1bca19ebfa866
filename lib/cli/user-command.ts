/**
 * `user add`: creates a person with a role, headless (first owner without the /setup page, scripted
 * installs). The same createAccount as Settings → Users, so the same checks: role, duplicate email,
 * password policy. Applies pending migrations first, like `import`, so it works before the first start.
 */
import type { Readable } from "node:stream";
import { createAuth } from "../auth/auth-server";
import { AUTH_SECRET_FILE } from "../auth/constants";
import { createAccount, createSetupLink, isAccountError } from "../auth/accounts";
import { markInstallOwner } from "../db/auth-records";
import { recordAuditEvent, MEMBERSHIP_ROLES, type TMembershipRole } from "../db";
import { getEnv } from "../env";
import { loadDataDirSecret } from "../security/data-dir-secret";
import { CliUsageError, type CliCommand, type CliIo } from "./cli-command";
import { findPracticeByName, listPracticesForCli, openCliDatabase } from "./cli-database";
import { assertChoice, parseCommandArgs } from "./parse-command-args";

const HELP = `Usage: npm run --silent cli -- user add --email <address> --name <name> --role ${MEMBERSHIP_ROLES.join("|")} [--org <practice>] [--password-stdin] [--format text|json]

Adds a person to the database (DATABASE_URL, else the SQLite file in DRIPAUDIT_DATA_DIR) with one role:
  owner       everything, including users, practice deletion and the audit log
  billing     imports, findings, exports, rules, fee schedule, drug catalog, timely filing
  consultant  what billing may, in each practice they are a member of (and may add practices)
  viewer      dashboards, findings and encounter pages; no exports, imports or settings changes
Pending migrations are applied first, so this also creates the first owner before the app ever ran.

Options:
  --email <address>     sign-in email (unique on this install)
  --name <name>         the person's name as the header shows it
  --role <role>         ${MEMBERSHIP_ROLES.join(", ")}
  --org <practice>      the practice (by name) to join; without it, every practice on this install
  --password-stdin      read the password from stdin (one trailing newline is dropped); at least 12
                        characters and not a common password. Without it, the result is a one-time
                        setup link (valid 72 h) with which the person chooses their own password.
  --format text|json    output format (default text)
  -h, --help            show this help

Examples:
  printf '%s\\n' "$OWNER_PASSWORD" | npm run --silent cli -- user add --email ana@example.org --name "Ana Ruiz" --role owner --password-stdin
  npm run --silent cli -- user add --email bo@example.org --name "Bo Chen" --role billing --org "Riverside Infusion"

Output (stdout): one line naming the account, its role and practices (and the setup link when no
password was given); with --format json: {"user":{"id","email","name","role"},"organizations":[{"id",
"name"}],"setupLink":{"url","expiresAt"}|null}.

Exit status: 0 when the account was created; 1 on a bad role, a duplicate email, a weak password, an
unknown practice or other invalid input (the message on stderr says which).`;

/** All of stdin as text, without one trailing newline (as `printf '%s\n'` and `echo` add). */
async function readSecretFromStdin(stdin: Readable | undefined, stderr: CliIo["stderr"]): Promise<string> {
  if (!stdin) throw new CliUsageError("--password-stdin needs the password on stdin");
  if ((stdin as { isTTY?: boolean }).isTTY) stderr.write("user add: type the password, press Enter, then Ctrl-D (it is shown as you type: prefer a pipe)\n");
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));

  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

/** The address people open, for the setup link: the public URL, else the local default. */
function baseUrlOf(env: ReturnType<typeof getEnv>): string {
  return env.DRIPAUDIT_PUBLIC_URL?.replace(/\/$/, "") ?? `http://127.0.0.1:${env.PORT}`;
}

async function runUserAdd(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    org: { type: "string" },
    "password-stdin": { type: "boolean" },
    format: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument ${JSON.stringify(positionals[0])} (see user add --help)`);
  if (!values.email?.trim()) throw new CliUsageError("user add needs --email <address>");
  if (!values.name?.trim()) throw new CliUsageError("user add needs --name <name>");
  if (!values.role) throw new CliUsageError(`user add needs --role ${MEMBERSHIP_ROLES.join("|")}`);
  const role = assertChoice("role", values.role, MEMBERSHIP_ROLES, "viewer") satisfies TMembershipRole;
  const format = assertChoice("format", values.format, ["text", "json"] as const, "text");
  const orgName = values.org?.trim();
  if (values.org !== undefined && !orgName) throw new CliUsageError("--org needs a practice name");
  const password = values["password-stdin"] ? await readSecretFromStdin(io.stdin, io.stderr) : undefined;
  if (password === "") throw new CliUsageError("--password-stdin read an empty password: pipe the password into the command");

  const { env, target, db } = await openCliDatabase(io, "user add");
  try {
    let secret: string;
    try {
      secret = loadDataDirSecret({ secret: env.DRIPAUDIT_AUTH_SECRET, dataDir: env.dataDir, fileName: AUTH_SECRET_FILE });
    } catch (error) {
      throw new CliUsageError(error instanceof Error ? error.message : String(error));
    }
    const practices = await listPracticesForCli({ db, target });
    const joined = orgName === undefined ? practices : [findPracticeByName(practices, orgName, "omit --org")];

    const auth = createAuth({ db, provider: target.provider, secret, publicUrl: env.DRIPAUDIT_PUBLIC_URL });
    let userId: string;
    try {
      ({ userId } = await createAccount(auth, db, {
        email: values.email,
        name: values.name,
        role,
        password,
        organizationIds: orgName === undefined ? "all" : joined.map((p) => p.id),
      }));
    } catch (error) {
      if (isAccountError(error)) throw new CliUsageError(error.message);
      throw error;
    }
    // An owner of every practice owns the install: the demo still loading, and practices added later without a creator.
    if (role === "owner" && orgName === undefined) await markInstallOwner(db, userId);
    const setupLink = password === undefined ? await createSetupLink(auth, userId) : null;
    // The operator at the server's console is no account: the trail names the command instead of a user and address.
    for (const organizationId of joined.length === 0 ? [null] : joined.map((p) => p.id)) {
      const event = { organizationId, userId: null, actorEmail: null, address: "cli", subjectType: "user", subjectId: userId } as const;
      await recordAuditEvent(db, { ...event, action: "users.added", detail: { role, newAccount: true, via: "cli" } });
      if (setupLink) await recordAuditEvent(db, { ...event, action: "users.password_link_issued", detail: { expiresAt: setupLink.expiresAt.toISOString(), via: "cli" } });
    }
    const setupUrl = setupLink ? `${baseUrlOf(env)}${setupLink.path}` : null;
    const email = values.email.trim().toLowerCase();
    const name = values.name.trim();
    if (joined.length === 0 && !(role === "owner" && orgName === undefined)) {
      io.stderr.write("user add: there are no practices yet, so the account is a member of none until a practice is added or an owner adds them in Settings → Users\n");
    }

    if (format === "json") {
      io.stdout.write(
        `${JSON.stringify({
          user: { id: userId, email, name, role },
          organizations: joined.map((p) => ({ id: p.id, name: p.name })),
          setupLink: setupLink ? { url: setupUrl, expiresAt: setupLink.expiresAt.toISOString() } : null,
        })}\n`,
      );
    } else {
      const installOwner = role === "owner" && orgName === undefined;
      const where = joined.length > 0 ? joined.map((p) => p.name).join(", ") : installOwner ? "this install (no practice yet; joins the demo when it is ready)" : "no practice yet";
      io.stdout.write(`Added ${name} <${email}> as ${role} of ${where}.\n`);
      if (setupUrl) io.stdout.write(`Setup link (valid until ${setupLink!.expiresAt.toISOString()}, hand it over in person): ${setupUrl}\n`);
    }
    return 0;
  } finally {
    await db.$disconnect();
  }
}

async function runUserCommand(args: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === undefined || subcommand === "--help" || subcommand === "-h") {
    (subcommand === undefined ? io.stderr : io.stdout).write(`${HELP}\n`);
    return subcommand === undefined ? 1 : 0;
  }
  if (subcommand !== "add") throw new CliUsageError(`unknown subcommand ${JSON.stringify(subcommand)}; use: user add (see user --help)`);

  return runUserAdd(rest, io);
}

export const userCommand: CliCommand = {
  name: "user",
  summary: "add a person (owner, billing, consultant or viewer) who signs in to the app",
  help: HELP,
  run: runUserCommand,
};
