/**
 * Public shapes of the synthetic practice generator: options, weekly batches, claims and the
 * ground truth the tests and benchmarks check against.
 */
import type { Cause, FindingKind } from "@/lib/analysis/types";
import type { CodedLine, CodingWarning, Encounter, Route, TimePoint } from "@/lib/coding/types";
import type { Patient, Site } from "./practice";
import type { Drug, DrugKey, RegimenKey } from "./regimens";

/** Billing errors the leaky biller injects (at most one per encounter). */
export type ErrorKind =
  | "dropped_addon_hours"
  | "hydration_not_billed"
  | "sequential_billed_as_initial"
  | "missing_concurrent"
  | "addon_without_primary"
  | "missing_stop_time";

export const ERROR_KINDS: readonly ErrorKind[] = [
  "dropped_addon_hours",
  "hydration_not_billed",
  "sequential_billed_as_initial",
  "missing_concurrent",
  "addon_without_primary",
  "missing_stop_time",
];

/** What `compareEncounter` (lib/analysis) is expected to report for an encounter. */
export type ExpectedFinding = {
  kind: FindingKind;
  cause: Cause;
  code: string | null;
  units: number;
  /** Documentation findings: value and units are estimates (the truth's units use the true duration). */
  isEstimate?: boolean;
};

export type InjectedError = {
  encounterId: string;
  error: ErrorKind;
  expectedFindings: ExpectedFinding[];
  /** Plain-English note of what was changed. */
  detail: string;
  /** Missing stop only: the administration and the stop the nurse did not document. */
  administration?: { drug: string; start: string; trueStop: string; trueMinutes: number };
};

export type PayerEventKind = "denied_line" | "claim_denied" | "unit_cut" | "orphan_addon_denied" | "reversal_correction" | "recoupment";

export type PayerEvent = {
  encounterId: string;
  claimId: string;
  payer: string;
  event: PayerEventKind;
  /** CARC group-reason, e.g. `CO-97`; PLB reason for a recoupment. */
  reason?: string;
  code?: string;
  /** Findings this event adds for the encounter (empty when netting should leave nothing). */
  expectedFindings: ExpectedFinding[];
  detail: string;
};

/** Rates are probabilities per eligible encounter (error) or per eligible line (payer). */
export type ErrorRates = Record<ErrorKind, number>;

export type PayerBehaviour = {
  /** Per correctly billed administration line: denied with CO-16, CO-97 or CO-50. */
  lineDenialRate: number;
  /** Per clean claim: every line denied (CLP02 4, CO-16). */
  claimDenialRate: number;
  /** Per correctly billed line with 2+ units: paid for fewer units (CO-151). */
  unitCutRate: number;
  /** One claim billed short, then replaced (frequency 7) after the payer reversed it (CLP02 22). */
  reversalAndCorrection: boolean;
  /** One PLB take-back referencing a paid claim. */
  recoupment: boolean;
};

export type GeneratorOptions = {
  seed: number;
  /** First date (moved back to its Monday). */
  startDate: string;
  weeks: number;
  sites: number;
  /** Mean visits per site per weekday before `scale`. */
  visitsPerSiteDay: number;
  /** Multiplies visit volume and the patient panel (benchmarks). */
  scale: number;
  errorRates: ErrorRates;
  payerBehaviour: PayerBehaviour;
  setting: "professional" | "facility";
  /** Share of one site's encounters exported as MAR events instead of intervals. */
  marShare: number;
  /** Share of session rows whose `category` cell is left empty (catalog derivation). */
  blankCategoryShare: number;
  /** Overnight hydration visits on the nights the clocks change. */
  dstVisits: boolean;
};

/** One session row as the writers need it. */
export type SessionRow = {
  administrationId: string;
  drug: Drug;
  drugKey: DrugKey;
  /** Dose in the drug's unit basis (mg or mL), for the J-code units; 0 on a continuation segment. */
  dose: number;
  route: Route;
  /** Route as the export spells it (`IV`, `IVPB`, `IV Push`, `SubQ`…). */
  routeText: string;
  start: TimePoint;
  stop?: TimePoint;
  showCategory: boolean;
  ivSite?: string;
  primaryReason: boolean;
  service?: string;
  order: number;
  rateChanges: number[];
};

export type BilledLine = { code: string; units: number; modifiers: string[]; isDrug: boolean };

export type Adjustment = { group: string; reason: string; amountCents: number; quantity?: number };

export type AdjudicatedLine = {
  code: string;
  modifiers: string[];
  units: number;
  paidUnits: number;
  billedCents: number;
  allowedCents: number;
  paidCents: number;
  adjustments: Adjustment[];
  remarks: string[];
  lineControlNumber: string;
};

/** One version of a claim as the payer adjudicated it. */
export type ClaimVersion = {
  claimId: string;
  encounterId: string;
  /** Claims CSV leaves the encounter id blank for some claims (matching by patient + date). */
  showEncounterId: boolean;
  patient: Pick<Patient, "id" | "lastName" | "firstName">;
  payerIndex: number;
  dateOfService: string;
  /** CLP02: 1 processed, 4 denied, 22 reversal. */
  status: "1" | "4" | "22";
  frequency: "1" | "7";
  payerControlNumber: string;
  lines: AdjudicatedLine[];
  /** Week index of the payer's check run that carries this version. */
  runWeek: number;
};

export type ProviderAdjustment = { reason: string; claimId: string; amountCents: number };

/** One payer check run: one 835 transaction (ST/SE) and its claims CSV rows. */
export type RemittanceRun = {
  payerIndex: number;
  /** `YYYY-MM-DD` payment date (a Friday). */
  paymentDate: string;
  claims: ClaimVersion[];
  providerAdjustments: ProviderAdjustment[];
};

export type SyntheticEncounter = {
  id: string;
  patient: Patient;
  site: Site;
  nurse: string;
  payerIndex: number;
  dateOfService: string;
  regimen: RegimenKey;
  form: "interval" | "mar";
  /** The encounter as documented (what the importer reads back). */
  encounter: Encounter;
  rows: SessionRow[];
  canonical: CodedLine[];
  warnings: CodingWarning[];
  billed: BilledLine[];
  error?: InjectedError;
  /** Missing-stop error: the stop the nurse did not document. */
  hiddenStop?: { administrationId: string; stop: TimePoint; minutes: number };
};

export type WeekBatch = {
  weekIndex: number;
  weekStart: string;
  encounters: SyntheticEncounter[];
  /** Check runs completed this week (the last batch also carries every later run). */
  runs: RemittanceRun[];
  payerEvents: PayerEvent[];
};

export type TruthCounts = {
  encounters: number;
  administrations: number;
  marEncounters: number;
  claims: number;
  errors: Record<ErrorKind, number>;
  /** Encounters where each error was possible (the denominator of its rate). */
  eligible: Record<ErrorKind, number>;
  payerEvents: Record<PayerEventKind, number>;
};
