/**
 * `claims <file.csv|file.835>`: reads a claims CSV (spec §3.3) or an X12 835 remittance (§3.4)
 * and prints the normalized claim lines (spec §6). No database.
 */
import type { ClaimLine, ClaimsIssue } from "../import/claims/claim-line";
import { formatCents } from "../import/claims/parse-cents";
import { readClaimsFile } from "../import/claims/read-claims-file";
import { isImportFileError } from "../import/import-file-error";
import { describeAmbiguous, type AmbiguousColumn } from "../import/map-columns";
import { parseColumnMapping } from "../import/parse-column-mapping";
import { CliUsageError, type CliCommand, type CliIo } from "./cli-command";
import { createOutputWriter } from "./create-output-writer";
import { neutralizeCsvCell } from "./neutralize-csv-cell";
import { assertChoice, parseCommandArgs } from "./parse-command-args";

const MAX_STDERR_ITEMS = 20;

const HELP = `Usage: npm run --silent cli -- claims <file.csv|file.835> [more files…] [options]

Reads claims and prints one normalized entry per service line (spec §6). A claims CSV (one row per
claim service line, §3.3) and an X12 835 remittance (005010X221A1, §3.4) are told apart by content.
Claim versions (original, reversal, replacement) are printed as read, not netted.

Options:
  --format json|csv                  output format (default json)
  --map <file.json | canonical=Header,…>   explicit column mapping for a claims CSV (wins over header synonyms)
  -h, --help                         show this help

Output (stdout), JSON:
  {"lines":[{"claimId","patientId","dateOfService","payer","code","modifiers":[],"billedUnits","paidUnits",
   "billedCents","allowedCents","paidCents","adjustments":[{"group","reason","amountCents","quantity"}],
   "remarks":[],"status"}],"warnings":[{"code","message","line"?,…}],"errors":[{"code","message","line"?,"column"?,…}]}
  Dates are YYYY-MM-DD, money is integer cents, claim-level-only adjudications have "code": null.
  With several files, lines follow file order and warnings/errors carry "file".
CSV: claim_id,patient_id,date_of_service,payer,code,modifiers,billed_units,paid_units,billed,allowed,paid,
  adjustments,remarks,status (modifiers and remarks ";"-separated, adjustments "CO-45:12.50;PR-2:3.00", money in
  dollars; cells starting with = + - @ tab or CR are prefixed with '). Warnings and errors go to stderr.

Exit status: 0 on success (row errors are reported in "errors"); 1 when a file is unreadable, empty,
binary, not a claims file, a truncated 835, or misses a required column (the message lists the file's
headers and the unmapped columns).`;

type Issue = ClaimsIssue & { file?: string };

function lineJson(l: ClaimLine): string {
  return JSON.stringify({
    claimId: l.claimId,
    patientId: l.patientId,
    dateOfService: l.dateOfService,
    payer: l.payer,
    code: l.code,
    modifiers: l.modifiers,
    billedUnits: l.billedUnits,
    paidUnits: l.paidUnits,
    billedCents: l.billedCents,
    allowedCents: l.allowedCents,
    paidCents: l.paidCents,
    adjustments: l.adjustments.map((a) => ({ group: a.group, reason: a.reason, amountCents: a.amountCents, quantity: a.quantity })),
    remarks: l.remarks,
    status: l.status,
  });
}

function issueJson(issue: Issue): string {
  const { fatal: _fatal, details: _details, ...rest } = issue;
  return JSON.stringify(rest);
}

/** A file-level problem as one line; missing columns list the headers and what is unmapped. */
function fatalMessage(file: string, issue: ClaimsIssue): string {
  if (issue.code === "MISSING_COLUMNS" && issue.details) {
    const { headers, unmapped, ambiguous } = issue.details as { headers?: string[]; unmapped?: string[]; ambiguous?: AmbiguousColumn[] };
    const shown = (headers ?? []).length > 0 ? headers!.map((h) => JSON.stringify(h)).join(", ") : "(none)";
    const unsure = ambiguous && ambiguous.length > 0 ? `; ${describeAmbiguous(ambiguous)}` : "";
    return `${file}: missing required column(s): ${(unmapped ?? []).join(", ")}${unsure}; file headers: ${shown} (use --map canonical=Header)`;
  }
  return issue.message.includes(file) ? issue.message : `${file}: ${issue.message}`;
}

const TRUNCATION_CODES = new Set(["TRUNCATED", "NOT_X12", "BAD_ISA"]);

async function runClaims(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: "string" },
    map: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new CliUsageError("claims needs a claims CSV or 835 file (see claims --help)");
  const format = assertChoice("format", values.format, ["json", "csv"] as const, "json");
  let map: Record<string, string> | undefined;
  if (values.map !== undefined) {
    try {
      map = await parseColumnMapping(values.map);
    } catch (error) {
      if (isImportFileError(error)) throw new CliUsageError(error.message);
      throw error;
    }
  }

  const lines: ClaimLine[] = [];
  const warnings: Issue[] = [];
  const errors: Issue[] = [];
  const multi = positionals.length > 1;
  for (const file of positionals) {
    const result = await readClaimsFile(file, { file, ...(map ? { map } : {}) });
    const fatal = result.errors.find((e) => e.fatal) ?? (result.format === "x12-835" ? [...result.errors, ...result.warnings].find((e) => TRUNCATION_CODES.has(e.code)) : undefined);
    if (fatal) throw new CliUsageError(fatalMessage(file, fatal));
    io.stderr.write(
      `claims: ${file}: ${result.format === "x12-835" ? "X12 835" : "claims CSV"}, ${result.lines.length} line(s), ${result.warnings.length} warning(s), ${result.errors.length} error(s)\n`,
    );
    for (const l of result.lines) lines.push(l);
    for (const w of result.warnings) warnings.push(multi ? { ...w, file } : w);
    for (const e of result.errors) errors.push(multi ? { ...e, file } : e);
  }

  const out = createOutputWriter(io.stdout);
  if (format === "json") {
    await out.write(`{"lines":[`);
    for (let i = 0; i < lines.length; i++) await out.write(`${i === 0 ? "" : ","}${lineJson(lines[i]!)}`);
    await out.write(`],"warnings":[${warnings.map(issueJson).join(",")}],"errors":[${errors.map(issueJson).join(",")}]}\n`);
  } else {
    await out.write("claim_id,patient_id,date_of_service,payer,code,modifiers,billed_units,paid_units,billed,allowed,paid,adjustments,remarks,status\r\n");
    for (const l of lines) {
      const cells = [
        l.claimId, l.patientId, l.dateOfService, l.payer, l.code ?? "", l.modifiers.join(";"), l.billedUnits, l.paidUnits, formatCents(l.billedCents),
        l.allowedCents === null ? "" : formatCents(l.allowedCents), formatCents(l.paidCents),
        l.adjustments.map((a) => `${a.group}-${a.reason}:${formatCents(a.amountCents)}`).join(";"), l.remarks.join(";"), l.status,
      ];
      await out.write(`${cells.map(neutralizeCsvCell).join(",")}\r\n`);
    }
    for (const [label, list] of [["warning", warnings], ["error", errors]] as const) {
      for (const issue of list.slice(0, MAX_STDERR_ITEMS)) io.stderr.write(`claims: ${label}: ${issue.file ? `${issue.file}: ` : ""}${issue.message}\n`);
      if (list.length > MAX_STDERR_ITEMS) io.stderr.write(`claims: … ${list.length - MAX_STDERR_ITEMS} more ${label}(s)\n`);
    }
  }
  await out.flush();
  return 0;
}

export const claimsCommand: CliCommand = {
  name: "claims",
  summary: "normalize claim lines from a claims CSV or an X12 835 remittance (no database)",
  help: HELP,
  run: runClaims,
};
