/**
 * X12 835 (005010X221A1) remittance files: one file per payer per month, one transaction (ST/SE)
 * per weekly check run. Every balancing identity holds: per line SVC02 − Σ CAS = SVC03, per claim
 * CLP03 − Σ CAS = CLP04, per transaction Σ CLP04 − Σ PLB = BPR02; SE01, GE01 and IEA01 count right.
 */
import { dollars } from "./write-claims-csv";
import type { Practice } from "./practice";
import type { AdjudicatedLine, ClaimVersion, RemittanceRun } from "./types";

export const PRACTICE_NAME = "SYNTHETIC INFUSION PARTNERS";
export const PRACTICE_NPI = "1999999984";
const PRACTICE_TAX_ID = "990000001";

function amount(cents: number): string {
  return dollars(cents);
}

function x12Date(iso: string): string {
  return iso.replace(/-/g, "");
}

function segment(...elements: (string | number)[]): string {
  let end = elements.length;
  while (end > 1 && elements[end - 1] === "") end--;
  return `${elements.slice(0, end).join("*")}~\n`;
}

function casSegments(adjustments: AdjudicatedLine["adjustments"]): string[] {
  const byGroup = new Map<string, AdjudicatedLine["adjustments"][number][]>();
  for (const a of adjustments) byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), a]);
  const out: string[] = [];
  for (const [group, list] of byGroup) {
    for (let i = 0; i < list.length; i += 6) {
      const triplets = list.slice(i, i + 6).flatMap((a) => [a.reason, amount(a.amountCents), a.quantity === undefined ? "" : String(a.quantity)]);
      out.push(segment("CAS", group, ...triplets));
    }
  }
  return out;
}

function claimSegments(claim: ClaimVersion, practice: Practice): string[] {
  const payer = practice.payers[claim.payerIndex]!;
  const charge = claim.lines.reduce((s, l) => s + l.billedCents, 0);
  const paid = claim.lines.reduce((s, l) => s + l.paidCents, 0);
  const patient = claim.lines.reduce((s, l) => s + l.adjustments.filter((a) => a.group === "PR").reduce((t, a) => t + a.amountCents, 0), 0);
  const dos = x12Date(claim.dateOfService);
  const out = [
    segment("CLP", claim.claimId, claim.status, amount(charge), amount(paid), patient === 0 ? "" : amount(patient), payer.filingIndicator, claim.payerControlNumber, "11", claim.frequency),
    segment("NM1", "QC", "1", claim.patient.lastName, claim.patient.firstName, "", "", "", "MI", claim.patient.id),
    segment("DTM", "232", dos),
    segment("DTM", "233", dos),
  ];
  for (const line of claim.lines) {
    const composite = ["HC", line.code, ...line.modifiers].join(":");
    out.push(segment("SVC", composite, amount(line.billedCents), amount(line.paidCents), "", String(line.paidUnits), "", line.paidUnits === line.units ? "" : String(line.units)));
    out.push(segment("DTM", "472", dos));
    out.push(...casSegments(line.adjustments));
    out.push(segment("REF", "6R", line.lineControlNumber));
    if (line.allowedCents !== 0 || line.paidCents !== 0) out.push(segment("AMT", "B6", amount(line.allowedCents)));
    for (const remark of line.remarks) out.push(segment("LQ", "HE", remark));
  }
  return out;
}

/** The ST…SE transaction of one check run. */
export function transaction835(run: RemittanceRun, practice: Practice, controlNumber: string): string {
  const payer = practice.payers[run.payerIndex]!;
  const paidTotal = run.claims.reduce((s, c) => s + c.lines.reduce((t, l) => t + l.paidCents, 0), 0);
  const plbTotal = run.providerAdjustments.reduce((s, p) => s + p.amountCents, 0);
  const payment = paidTotal - plbTotal;
  const date = x12Date(run.paymentDate);
  const payerTaxId = `1${String(run.payerIndex + 1).padStart(9, "0")}`;
  const trace = `${payer.id.slice(0, 4)}${date}${run.payerIndex}`;
  const segments: string[] = [segment("ST", "835", controlNumber)];
  segments.push(
    payment > 0
      ? segment("BPR", "I", amount(payment), "C", "ACH", "CCP", "01", "011000015", "DA", "123456789", payerTaxId, "", "01", "021000021", "DA", "987654321", date)
      : segment("BPR", "H", amount(payment), "C", "NON", "", "", "", "", "", "", "", "", "", "", "", date),
    segment("TRN", "1", trace, payerTaxId),
    segment("DTM", "405", date),
    segment("N1", "PR", payer.name),
    segment("N3", "PO BOX 1000"),
    segment("N4", "ANYTOWN", "NY", "10001"),
    segment("N1", "PE", PRACTICE_NAME, "XX", PRACTICE_NPI),
    segment("REF", "TJ", PRACTICE_TAX_ID),
  );
  if (run.claims.length > 0) {
    segments.push(segment("LX", "1"));
    for (const claim of run.claims) segments.push(...claimSegments(claim, practice));
  }
  for (const plb of run.providerAdjustments) {
    segments.push(segment("PLB", PRACTICE_NPI, `${run.paymentDate.slice(0, 4)}1231`, `${plb.reason}:${plb.claimId}`, amount(plb.amountCents)));
  }
  segments.push(segment("SE", String(segments.length + 1), controlNumber));
  return segments.join("");
}

/** ISA + GS header of one file. */
export function envelopeStart(payerIndex: number, practice: Practice, fileDate: string, control: number): string {
  const payer = practice.payers[payerIndex]!;
  const pad = (text: string, n: number) => text.slice(0, n).padEnd(n, " ");
  const yymmdd = x12Date(fileDate).slice(2);
  const isa = ["ISA", "00", pad("", 10), "00", pad("", 10), "ZZ", pad(payer.id, 15), "ZZ", pad("SYNTHINFUSION", 15), yymmdd, "0600", "^", "00501", String(control).padStart(9, "0"), "0", "P", ":"].join("*");
  return `${isa}~\n${segment("GS", "HP", payer.id, "SYNTHINFUSION", x12Date(fileDate), "0600", String(control), "X", "005010X221A1")}`;
}

export function envelopeEnd(transactions: number, control: number): string {
  return segment("GE", String(transactions), String(control)) + segment("IEA", "1", String(control).padStart(9, "0"));
}
