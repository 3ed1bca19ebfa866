/**
 * Dispatches `argv` (without node and the script) to a command from `CLI_COMMANDS` and returns the
 * exit code. In-process entry for tests; `main.ts` is the process entry.
 */
import { CliUsageError, type CliCommand, type CliIo } from "./cli-command";
import { CLI_COMMANDS } from "./cli-commands";

function usage(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Usage: npm run --silent cli -- <command> [arguments] [options]",
    "",
    "DripAudit command line: results on stdout, diagnostics on stderr; exit 0 on success, 1 on invalid input.",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `npm run --silent cli -- <command> --help` for a command's options.",
  ].join("\n");
}

/**
 * @example await runCli(["recode", "sessions.csv"], { stdout: process.stdout, stderr: process.stderr, env: {} }) //=> 0
 */
export async function runCli(argv: string[], io: CliIo, commands: readonly CliCommand[] = CLI_COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? commands.find((c) => c.name === rest[0]) : undefined;
    (name === undefined ? io.stderr : io.stdout).write(`${topic ? topic.help : usage(commands)}\n`);
    return name === undefined ? 1 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`dripaudit: unknown command ${JSON.stringify(name)}; commands: ${commands.map((c) => c.name).join(", ")}\n`);
    return 1;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`${command.name}: ${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`${command.name}: unexpected error: ${message}\n`);
    return 2;
  }
}
