/**
 * Thin wrapper over `node:util` `parseArgs` that turns its errors into `CliUsageError` (exit 1)
 * and checks enumerated option values.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliUsageError } from "./cli-command";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * @example parseCommandArgs(["a.csv", "--format", "csv"], { format: { type: "string" } })
 * //=> { values: { format: "csv" }, positionals: ["a.csv"] }
 */
export function parseCommandArgs<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliUsageError(message.replace(/\. To specify a positional argument.*$/s, "").split("\n")[0]!);
  }
}

/** Checks that an option value is one of `allowed`; returns it typed. */
export function assertChoice<T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliUsageError(`invalid --${option} ${JSON.stringify(value)}: expected ${allowed.join(" or ")}`);
}
