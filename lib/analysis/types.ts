import type { Administration, CodedLine } from "@/lib/coding/types";
import type { ValueSource } from "./valuation";

export type Cause = "coding" | "documentation" | "payer" | "compliance";

export type FindingKind =
  | "missed_addon_hours"
  | "missed_sequential"
  | "missed_concurrent"
  | "missed_initial"
  | "wrong_initial"
  | "missed_service"
  | "addon_without_primary"
  | "missing_stop_time"
  | "denied_line"
  | "unit_cut"
  | "recoupment"
  | "overcoded_units"
  | "unsupported_line";

export type Finding = {
  encounterId: string;
  dateOfService: string;
  payer: string;
  kind: FindingKind;
  cause: Cause;
  code: string | null;
  units: number;
  valueCents: number;
  valueSource: ValueSource;
  /** Documentation findings are estimates and must be labelled so everywhere (spec §5.2). */
  isEstimate: boolean;
  claimId: string | null;
  explanation: string;
};

export type Adjustment = { group: string; reason: string; amountCents: number; quantity?: number | null };

/** One billed line of an encounter after claim versions were netted (spec §5.1). */
export type BilledLine = {
  claimId: string;
  code: string;
  modifiers: readonly string[];
  units: number;
  billedCents: number;
  allowedCents: number | null;
  paidCents: number;
  paidUnits: number;
  adjustments: readonly Adjustment[];
};

/** Add-on knowledge the comparison borrows from the coding engine's code table. */
export type AddOnRules = {
  isAddOn(code: string): boolean;
  /** Codes that make `addOnCode` billable when they are on the same claim for the encounter. */
  parentsOf(addOnCode: string): readonly string[];
};

export type EncounterComparisonInput = {
  encounterId: string;
  dateOfService: string;
  payer: string;
  canonical: readonly CodedLine[];
  billed: readonly BilledLine[];
  /** PLB take-backs tied to this encounter's claims (positive = money taken back, as in X12 PLB). */
  recoupments?: readonly { claimId: string; amountCents: number; reason: string }[];
  /**
   * For each administration with no stop time: the lines the engine would code had it run the
   * organization's median duration for that drug and route (spec §5.2 documentation estimate).
   */
  missingStopEstimates?: readonly {
    administrationId: string;
    drug: string;
    medianMinutes: number;
    /** How many documented administrations of that drug and route the median is taken over. */
    medianOf?: number;
    estimatedLines: readonly CodedLine[];
  }[];
  /**
   * The encounter's administrations, for the time math of explanations (minutes behind a supported or
   * an unsupported line); without them explanations carry the engine's own line explanations only.
   */
  administrations?: readonly Administration[];
};
