/**
 * Process entry of the command line: `npm run --silent cli -- <command> …` (package.json runs it
 * with tsx). The only place the CLI reads the process environment (TZ, for the default time zone).
 */
import type { CliIo } from "./cli-command";
import { PRIVATE_UMASK } from "../security/private-file-modes";
import { runCli } from "./run-cli";

// Whatever the CLI creates (the database and its WAL, secrets, backups) is readable by this user only.
process.umask(PRIVATE_UMASK);

const io: CliIo = {
  // A getter: stdin is opened only by a command that reads it (`user add --password-stdin`).
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: { TZ: process.env.TZ },
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`dripaudit: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
