/**
 * The contract every CLI command implements. Commands live one per file (`<name>-command.ts`) and
 * are listed in `CLI_COMMANDS`; `runCli` dispatches to them.
 */
import type { Readable, Writable } from "node:stream";

export type CliIo = {
  /** The result only (JSON or CSV). */
  stdout: Writable;
  /** Diagnostics: notices, progress, error messages. */
  stderr: Writable;
  /** Input for commands that take a secret on stdin (`user add --password-stdin`); absent = none. */
  stdin?: Readable;
  /** Environment values the commands may use (read once by the entry point). */
  env: { TZ?: string | undefined };
};

export type CliCommand = {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  /** Runs the command; resolves to the exit code. Throw `CliUsageError` for invalid input (exit 1). */
  run(args: string[], io: CliIo): Promise<number>;
};

/** Invalid input or options: the CLI prints `message` on one line to stderr and exits 1. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliUsageError";
  }
}
