/**
 * The command registry. Add a command by writing `lib/cli/<name>-command.ts` exporting a
 * `CliCommand` and listing it here.
 */
import { analyzeCommand } from "./analyze-command";
import { backupCommand } from "./backup-command";
import type { CliCommand } from "./cli-command";
import { claimsCommand } from "./claims-command";
import { dbCommand } from "./db-copy-command";
import { importCommand } from "./import-command";
import { recodeCommand } from "./recode-command";
import { reportCommand } from "./report-command";
import { restoreCommand } from "./restore-command";
import { userCommand } from "./user-command";

export const CLI_COMMANDS: readonly CliCommand[] = [recodeCommand, claimsCommand, analyzeCommand, importCommand, reportCommand, userCommand, backupCommand, restoreCommand, dbCommand];
