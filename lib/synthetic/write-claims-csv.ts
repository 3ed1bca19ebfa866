/**
 * Claims CSV rows (spec §3.3): one row per claim service line, written per check run. Amounts are
 * spelled the ways exports spell them (`1234.56`, `$1,234.56`, `(12.00)`), modifiers with mixed
 * separators, adjustments as `CO-45:12.50;PR-2:3.00`.
 */
import type { Prng } from "./create-prng";
import { csvRow } from "./file-sink";
import type { Practice } from "./practice";
import type { ClaimVersion, RemittanceRun } from "./types";

export const CLAIMS_HEADER = ["claim_id", "encounter_id", "patient_id", "date_of_service", "payer", "cpt", "modifiers", "units", "billed_amount", "allowed_amount", "paid_amount", "paid_units", "adjustment_codes", "remark_codes", "claim_status", "paid_date", "claim_frequency"];

/** Plain dollars, e.g. `-12.50`. */
export function dollars(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** `$1,234.56` or `($12.00)` for negatives. */
function fancyDollars(cents: number): string {
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = `$${whole}.${String(abs % 100).padStart(2, "0")}`;
  return cents < 0 ? `(${text})` : text;
}

function usDate(iso: string): string {
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
}

const STATUS_TEXT: Record<ClaimVersion["status"], string> = { "1": "Paid", "4": "Denied", "22": "Reversed" };

export function claimsCsvRows(run: RemittanceRun, practice: Practice, rng: Prng): string {
  let out = "";
  const payer = practice.payers[run.payerIndex]!.name;
  for (const claim of run.claims) {
    const fancy = rng.chance(0.15);
    const money = (cents: number) => (fancy ? fancyDollars(cents) : dollars(cents));
    const dos = rng.chance(0.1) ? usDate(claim.dateOfService) : claim.dateOfService;
    const separator = rng.pick([";", " ", ","]);
    for (const line of claim.lines) {
      out += csvRow([
        claim.claimId,
        claim.showEncounterId ? claim.encounterId : "",
        claim.patient.id,
        dos,
        payer,
        line.code,
        line.modifiers.join(separator),
        String(line.units),
        money(line.billedCents),
        money(line.allowedCents),
        money(line.paidCents),
        String(line.paidUnits),
        line.adjustments.map((a) => `${a.group}-${a.reason}:${dollars(a.amountCents)}`).join(";"),
        line.remarks.join(";"),
        STATUS_TEXT[claim.status],
        run.paymentDate,
        claim.frequency,
      ]);
    }
  }
  return out;
}
