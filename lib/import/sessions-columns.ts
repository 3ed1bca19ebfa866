/**
 * Canonical columns of the two sessions forms (spec §3.1 interval form, §3.2 MAR event form) and
 * the header synonyms seen in EHR / practice-management exports.
 */
import { column, type ColumnSpec } from "./map-columns";

const ENCOUNTER_ID = ["Encounter ID", "Encounter", "Encounter Number", "Encounter No", "Enc ID", "Enc", "Visit ID", "Visit", "Visit Number", "Visit No", "CSN", "Contact Serial Number", "FIN", "Encounter CSN", "Session ID"];
/**
 * Ranked (see `ColumnSpec.tiers`): the medical record number first; an account number (in hospital
 * exports often the visit's account) only without one; `Patient` (often the name) last.
 */
const PATIENT_ID_TIERS = [
  ["MRN", "Medical Record Number", "Patient Number", "Patient No", "Pat ID", "Chart Number", "Chart #", "Chart"],
  ["Patient Account", "Patient Account Number", "Patient Account #", "Patient Acct #", "Account", "Account Number", "Account No", "Account #", "Acct", "Acct #", "Acct No", "Acct Number"],
  ["Patient"],
];
const DRUG = ["Drug", "Drug Name", "Medication", "Medication Name", "Med", "Med Name", "Product", "Product Name", "Infusate", "Drug Description", "Medication Description"];
const HCPCS = ["HCPCS", "HCPCS Code", "J Code", "JCode", "Drug Code", "HCPCS/J Code", "Drug HCPCS"];
const CATEGORY = ["Category", "Drug Category", "Drug Class", "Class", "Administration Category", "Admin Category", "Drug Type"];
const ROUTE = ["Route", "Admin Route", "Administration Route", "Route of Administration", "Med Route", "Method"];
const IV_SITE = ["IV Site", "Access Site", "Site of Access", "IV Access", "Vascular Access", "Access", "Line", "Line Site", "IV Line", "Access Line", "Catheter Site"];
const DATE_OF_SERVICE = ["Date of Service", "DOS", "Service Date", "Visit Date", "Encounter Date", "Date", "Admin Date", "Administration Date"];
const SITE = ["Site", "Location", "Clinic", "Facility", "Department", "Dept", "Practice Location", "Service Location", "Infusion Center"];
const NURSE = ["Nurse", "RN", "Nurse Name", "Administered By", "Given By", "Clinician", "Performed By", "Documented By", "User", "Staff"];
/** Ranked: two payer-like headers of the first tier are ambiguous; the financial class counts only alone. */
const PAYER_TIERS = [
  ["Payor", "Payer Name", "Payor Name", "Insurance", "Insurance Name", "Primary Payer", "Primary Payor", "Primary Insurance", "Insurance Plan", "Plan", "Carrier"],
  ["Financial Class", "Fin Class"],
];
const SETTING = ["Setting", "Billing Setting", "Place of Service", "POS", "Claim Type"];
const PRIMARY_REASON = ["Primary Reason", "Primary", "Is Primary", "Primary Reason for Visit", "Main Reason", "Primary Service", "Reason for Visit Primary"];

/** Interval form (§3.1): one row per administration. */
export const SESSION_INTERVAL_COLUMNS: readonly ColumnSpec[] = [
  { name: "encounter_id", synonyms: ENCOUNTER_ID },
  column("patient_id", PATIENT_ID_TIERS, { required: true }),
  { name: "drug", required: true, synonyms: DRUG },
  { name: "hcpcs", synonyms: HCPCS },
  { name: "category", synonyms: CATEGORY },
  { name: "route", required: true, synonyms: ROUTE },
  { name: "start", required: true, synonyms: ["Start", "Start Time", "Start Date Time", "Start DateTime", "Start Date/Time", "Begin", "Begin Time", "Infusion Start", "Infusion Start Time", "Time Started", "Started", "Start At", "Admin Start"] },
  { name: "stop", synonyms: ["Stop", "Stop Time", "End", "End Time", "Stop Date Time", "Stop DateTime", "Stop Date/Time", "End Date Time", "End DateTime", "End Date/Time", "Infusion Stop", "Infusion Stop Time", "Infusion End", "Infusion End Time", "Time Stopped", "Stopped", "Finish", "Finish Time", "Stop At", "Admin End"] },
  { name: "start_date", synonyms: ["Start Date", "Begin Date", "Infusion Start Date"] },
  { name: "stop_date", synonyms: ["Stop Date", "End Date", "Infusion Stop Date", "Infusion End Date"] },
  { name: "iv_site", synonyms: IV_SITE },
  { name: "primary_reason", synonyms: PRIMARY_REASON },
  { name: "service", synonyms: ["Service", "Special Service", "Service Type", "Procedure Type"] },
  { name: "date_of_service", synonyms: DATE_OF_SERVICE },
  { name: "site", synonyms: SITE },
  { name: "nurse", synonyms: NURSE },
  column("payer", PAYER_TIERS),
  { name: "setting", synonyms: SETTING },
];

/** MAR event form (§3.2): one row per MAR action. */
export const SESSION_MAR_COLUMNS: readonly ColumnSpec[] = [
  { name: "encounter_id", synonyms: ENCOUNTER_ID },
  column("patient_id", PATIENT_ID_TIERS, { required: true }),
  { name: "order_id", synonyms: ["Order ID", "Order", "Order Number", "Order No", "Med Order ID", "Medication Order ID", "Order #", "Rx Number", "Order Key"] },
  { name: "drug", required: true, synonyms: DRUG },
  { name: "hcpcs", synonyms: HCPCS },
  { name: "category", synonyms: CATEGORY },
  { name: "route", required: true, synonyms: ROUTE },
  { name: "action", required: true, synonyms: ["Action", "MAR Action", "Admin Action", "Administration Action", "Event", "Event Type", "Action Name", "MAR Event"] },
  { name: "time", required: true, synonyms: ["Time", "Action Time", "Event Time", "Administration Time", "Admin Time", "Taken Time", "MAR Time", "Date/Time", "DateTime", "Date Time", "Timestamp", "Action Date Time", "Action DateTime", "Documented Time", "Charted Time"] },
  { name: "iv_site", synonyms: IV_SITE },
  { name: "primary_reason", synonyms: PRIMARY_REASON },
  { name: "date_of_service", synonyms: DATE_OF_SERVICE },
  { name: "site", synonyms: SITE },
  { name: "nurse", synonyms: NURSE },
  column("payer", PAYER_TIERS),
  { name: "setting", synonyms: SETTING },
];

