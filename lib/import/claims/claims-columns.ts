/**
 * Canonical columns of the claims CSV (spec §3.3) and the header synonyms seen in practice-
 * management and clearinghouse exports.
 */
import type { ColumnSpec } from "../map-columns";

const modifierN = (n: number): ColumnSpec => ({
  name: `modifier_${n}`,
  synonyms: [`Modifier ${n}`, `Mod${n}`, `Mod ${n}`, `CPT Modifier ${n}`, `Procedure Modifier ${n}`, `M${n}`],
});

export const CLAIMS_COLUMNS: readonly ColumnSpec[] = [
  { name: "claim_id", required: true, synonyms: ["Claim Number", "Claim ID", "Claim No", "Claim #", "Claim", "Claim Nbr", "Patient Control Number", "Claim Control Number", "Invoice Number", "Invoice", "Ticket Number"] },
  { name: "encounter_id", synonyms: ["Encounter ID", "Encounter", "Encounter Number", "Visit ID", "Visit Number", "Visit", "CSN", "FIN"] },
  { name: "patient_id", required: true, synonyms: ["Patient ID", "MRN", "Patient", "Patient Number", "Patient Account", "Patient Account Number", "Account Number", "Account", "Acct", "Chart Number", "Member ID"] },
  { name: "date_of_service", required: true, synonyms: ["Date of Service", "DOS", "Service Date", "DOS From", "From Date", "Service From", "Date of Service From", "Line DOS"] },
  { name: "payer", required: true, synonyms: ["Payer", "Payor", "Payer Name", "Payor Name", "Insurance", "Insurance Name", "Primary Payer", "Primary Insurance", "Carrier", "Plan"] },
  { name: "cpt", required: true, synonyms: ["CPT Code", "CPT", "CPT/HCPCS", "HCPCS", "HCPCS Code", "Procedure Code", "Procedure", "Proc Code", "Code", "Service Code"] },
  { name: "modifiers", synonyms: ["Modifiers", "Modifier", "Mods", "Mod", "CPT Modifiers", "Modifier(s)"] },
  modifierN(1),
  modifierN(2),
  modifierN(3),
  modifierN(4),
  { name: "units", synonyms: ["Units", "Billed Units", "Units Billed", "Service Units", "Qty", "Quantity", "Charge Units", "Days or Units"] },
  { name: "billed_amount", required: true, synonyms: ["Charge Amount", "Billed Amount", "Billed", "Charge", "Charges", "Total Charge", "Charge Amt", "Billed Charge", "Amount Billed", "Submitted Amount", "Submitted Charge", "Line Charge"] },
  { name: "allowed_amount", synonyms: ["Allowed", "Allowed Amount", "Allowed Amt", "Amount Allowed", "Contractual Allowed"] },
  { name: "paid_amount", required: true, synonyms: ["Paid Amount", "Paid", "Amount Paid", "Payment", "Payment Amount", "Paid Amt", "Insurance Paid", "Ins Paid", "Line Paid"] },
  { name: "paid_units", synonyms: ["Paid Units", "Units Paid", "Allowed Units"] },
  { name: "adjustment_codes", synonyms: ["Adjustment Codes", "Adjustments", "Adj Codes", "CAS", "CAS Adjustments", "Adjustment Code"] },
  { name: "carc", synonyms: ["CARC", "CARC Code", "CARC Codes", "Reason Code", "Reason Codes", "Denial Code", "Denial Reason Code", "Adjustment Reason", "Adjustment Reason Code"] },
  { name: "adjustment_group", synonyms: ["Adjustment Group", "Group Code", "Adj Group", "CAS Group", "CARC Group", "Claim Adjustment Group"] },
  { name: "adjustment_amount", synonyms: ["Adjustment Amount", "Adj Amount", "Adjustment Amt", "Adj Amt"] },
  { name: "rarc", synonyms: ["RARC", "RARC Code", "RARC Codes"] },
  { name: "remark_codes", synonyms: ["Remark Codes", "Remarks", "Remark Code", "Remark", "Remittance Remark Codes"] },
  { name: "claim_status", synonyms: ["Claim Status", "Status", "Line Status", "Adjudication Status"] },
  { name: "paid_date", synonyms: ["Paid Date", "Payment Date", "Check Date", "Remit Date", "Date Paid", "Posted Date", "Deposit Date"] },
  { name: "claim_frequency", synonyms: ["Claim Frequency", "Frequency", "Frequency Code", "Claim Frequency Code", "Freq", "Resubmission Code", "Type of Bill Frequency"] },
];
