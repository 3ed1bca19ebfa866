/**
 * Process entry of the command line: `npm run --silent cli -- <command> …` (package.json runs it
 * with tsx). The only place the CLI reads the process environment (TZ, for the default time zone).
 */
import { runCli } from "./run-cli";

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: { TZ: process.env.TZ } }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`dripaudit: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
