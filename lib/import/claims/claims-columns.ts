/**
 * Canonical columns of the claims CSV (spec §3.3) and the header synonyms seen in practice-
 * management charge and payment reports and clearinghouse exports, ranked (see `ColumnSpec.tiers`):
 * two headers of the same tier are ambiguous and the user is asked; a weaker tier counts only when
 * no header of a stronger one is in the file. `docs/imports.md` lists them (a test keeps it in sync).
 */
import { column, type ColumnSpec } from "../map-columns";

const modifierN = (n: number): ColumnSpec =>
  column(`modifier_${n}`, [[`Modifier ${n}`, `Mod${n}`, `Mod ${n}`, `CPT Modifier ${n}`, `Procedure Modifier ${n}`, `M${n}`]]);

export const CLAIMS_COLUMNS: readonly ColumnSpec[] = [
  column(
    "claim_id",
    [
      ["Claim Number", "Claim ID", "Claim No", "Claim #", "Claim Nbr", "Claim Num", "Patient Control Number", "Patient Control No", "Claim Control Number"],
      ["Invoice Number", "Invoice No", "Invoice #", "Invoice", "Ticket Number", "Ticket No", "Ticket #", "Ticket"],
    ],
    { required: true },
  ),
  column("encounter_id", [["Encounter ID", "Encounter", "Encounter Number", "Encounter No", "Encounter #", "Visit ID", "Visit Number", "Visit No", "Visit #", "Visit", "CSN", "FIN"]]),
  column(
    "patient_id",
    [
      [
        "MRN", "Medical Record Number", "Patient Number", "Patient No", "Pat ID", "Patient Account", "Patient Account Number",
        "Patient Account No", "Patient Account #", "Patient Acct", "Patient Acct #", "Pt Acct #", "Account Number", "Account No", "Account #",
        "Account", "Acct", "Acct #", "Acct No", "Acct Number", "Chart Number", "Chart #", "Chart",
      ],
      ["Member ID", "Subscriber ID"],
      ["Patient"],
    ],
    { required: true },
  ),
  column(
    "date_of_service",
    [
      ["Date of Service", "DOS", "Service Date", "Date of Svc", "Svc Date", "Line DOS"],
      ["DOS From", "From DOS", "From Date", "Service From", "Service From Date", "Date of Service From", "Begin DOS", "Visit Date"],
    ],
    { required: true },
  ),
  column(
    "payer",
    [
      [
        "Payor", "Payer Name", "Payor Name", "Insurance", "Insurance Name", "Insurance Company", "Ins Name", "Primary Payer", "Primary Payor",
        "Primary Insurance", "Primary Insurance Name", "Primary Ins", "Pri Ins", "Ins 1", "Insurance 1", "Carrier", "Carrier Name",
        "Insurance Carrier", "Plan", "Plan Name", "Insurance Plan", "Primary Plan", "Health Plan",
      ],
      ["Financial Class", "Fin Class", "Fin. Class", "Payer Class"],
    ],
    { required: true },
  ),
  column(
    "cpt",
    [
      ["CPT Code", "CPT", "CPT/HCPCS", "CPT/HCPCS Code", "HCPCS", "HCPCS Code", "Procedure Code", "Proc Code", "Proc", "Proc Cd", "CPT Cd", "Billing Code", "Service Code"],
      ["Procedure", "Code", "Charge Code"],
    ],
    { required: true },
  ),
  column("modifiers", [["Modifiers", "Modifier", "Mods", "Mod", "CPT Modifiers", "Modifier(s)"]]),
  modifierN(1),
  modifierN(2),
  modifierN(3),
  modifierN(4),
  column("units", [["Units", "Unit", "Billed Units", "Units Billed", "Service Units", "Svc Units", "Qty", "Quantity", "Charge Units", "Days or Units"]]),
  column(
    "billed_amount",
    [
      [
        "Charge Amount", "Billed Amount", "Billed", "Charge", "Charges", "Total Charge", "Total Charges", "Charge Amt", "Billed Charge",
        "Billed Charges", "Amount Billed", "Submitted Amount", "Submitted Charge", "Line Charge",
      ],
      ["Fee", "Fees", "Fee Amount"],
    ],
    { required: true },
  ),
  column("allowed_amount", [
    ["Allowed", "Allowed Amount", "Allowed Amt", "Amount Allowed", "Allowable", "Allowable Amount", "Contractual Allowed"],
    ["Contracted", "Contracted Amount", "Contract Amount", "Contracted Rate"],
  ]),
  column(
    "paid_amount",
    [
      [
        "Paid Amount", "Paid", "Amount Paid", "Paid Amt", "Insurance Paid", "Ins Paid", "Insurance Payment", "Insurance Payments", "Ins Payment",
        "Ins Pmt", "Payer Paid", "Primary Paid", "Line Paid",
      ],
      ["Payment", "Payments", "Payment Amount", "Pmt", "Pmt Amount", "Total Paid", "Total Payments"],
    ],
    { required: true },
  ),
  column("paid_units", [["Paid Units", "Units Paid", "Allowed Units"]]),
  column("adjustment_codes", [["Adjustment Codes", "Adj Codes", "Adjustment Code", "Adj Code", "CAS", "CAS Adjustments", "CAS Codes"], ["Adjustments"]]),
  column("carc", [
    [
      "CARC", "CARC Code", "CARC Codes", "Reason Code", "Reason Codes", "Adj Reason", "Adj Reason Code", "Adjustment Reason", "Adjustment Reason Code",
      "Adjustment Reason Codes", "Denial Code", "Denial Codes", "Denial Reason Code", "Denial Reason",
    ],
  ]),
  column("adjustment_group", [["Adjustment Group", "Group Code", "Adj Group", "CAS Group", "CARC Group", "Claim Adjustment Group"]]),
  column("adjustment_amount", [["Adjustment Amount", "Adj Amount", "Adjustment Amt", "Adj Amt"]]),
  column("rarc", [["RARC", "RARC Code", "RARC Codes"]]),
  column("remark_codes", [["Remark Codes", "Remarks", "Remark Code", "Remark", "Remittance Remark Codes"]]),
  column("claim_status", [["Claim Status", "Line Status", "Adjudication Status"], ["Status"]]),
  column("paid_date", [["Paid Date", "Payment Date", "Date Paid", "Check Date", "Remit Date", "Remittance Date", "EFT Date"], ["Deposit Date"]]),
  column("claim_frequency", [["Claim Frequency", "Frequency", "Frequency Code", "Claim Frequency Code", "Freq", "Resubmission Code", "Type of Bill Frequency"]]),
];
