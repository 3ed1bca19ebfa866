import type { CodedLine } from "@/lib/coding/types";
import {
  ADDON_HOUR_CODES,
  CONCURRENT_CODE,
  INITIAL_CODES,
  SEQUENTIAL_CODES,
  SEQUENTIAL_OF_INITIAL,
  isDrugAdministrationCode,
} from "./code-classes";
import {
  canonicalExplanations,
  codeValue,
  dollars,
  overcodedTimeMath,
  plural,
  unsupportedTimeMath,
  valueSentence,
} from "./explain-finding";
import type { AddOnRules, BilledLine, EncounterComparisonInput, Finding, FindingKind } from "./types";
import type { Valuator } from "./valuation";

const PATIENT_RESPONSIBILITY_GROUP = "PR";

function unitsByCode(lines: readonly { code: string; units: number }[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of lines) units.set(line.code, (units.get(line.code) ?? 0) + line.units);
  return units;
}

function missedKind(code: string): FindingKind {
  if (ADDON_HOUR_CODES.has(code)) return "missed_addon_hours";
  if (SEQUENTIAL_CODES.has(code)) return "missed_sequential";
  if (code === CONCURRENT_CODE) return "missed_concurrent";
  if (INITIAL_CODES.has(code)) return "missed_initial";
  return "missed_service";
}

function isDenied(line: BilledLine): boolean {
  return line.paidCents <= 0 && line.adjustments.some((adjustment) => adjustment.group !== PATIENT_RESPONSIBILITY_GROUP);
}

/**
 * Compares what an encounter should have billed (the engine's canonical lines) with what was billed
 * and paid, and returns the findings of spec §5.2. Leakage (coding, documentation, payer) and
 * compliance exposure (billed beyond what the record supports) are separate findings and are never
 * netted against each other.
 *
 * Every explanation carries the numbers it rests on (issue 13): the minutes (the engine's line
 * explanations, and for compliance findings the §3.3 time math derived from `administrations`), and
 * the dollars with the source of each unit value (spec §5.3). Coding findings name the claim to
 * correct: the claim holding the code, else the claim holding the encounter's drug administration
 * lines, else its first claim (null when nothing was billed).
 */
export function compareEncounter(input: EncounterComparisonInput, valueOf: Valuator, addOns: AddOnRules): Finding[] {
  const findings: Finding[] = [];
  const valueFor = (code: string) => valueOf(input.payer, code, input.dateOfService);
  const administrations = input.administrations ?? [];
  const push = (
    partial: Pick<Finding, "kind" | "cause" | "code" | "units" | "explanation"> &
      Partial<Pick<Finding, "claimId" | "isEstimate" | "valueCents" | "valueSource">> & {
        /** Set when the explanation already states its dollars; otherwise the unit value sentence is appended. */
        valueStated?: boolean;
      },
  ) => {
    const value = partial.code ? valueFor(partial.code) : null;
    const explanation =
      partial.valueStated || !value || !partial.code
        ? partial.explanation
        : `${partial.explanation} ${valueSentence(partial.cause === "compliance" ? "Exposure" : "Value", partial.units, value)}`;
    findings.push({
      encounterId: input.encounterId,
      dateOfService: input.dateOfService,
      payer: input.payer,
      claimId: partial.claimId ?? null,
      isEstimate: partial.isEstimate ?? false,
      valueCents: partial.valueCents ?? (value ? value.cents * partial.units : 0),
      valueSource: partial.valueSource ?? value?.source ?? "none",
      kind: partial.kind,
      cause: partial.cause,
      code: partial.code,
      units: partial.units,
      explanation,
    });
  };
  const sentence = (text: string) => (text ? ` ${text.replace(/\.?$/, ".")}` : "");

  const drugAdminBilled = input.billed.filter((line) => isDrugAdministrationCode(line.code));
  const canonicalUnits = unitsByCode(input.canonical);
  const billedUnits = unitsByCode(drugAdminBilled);
  const billedCodes = new Set(billedUnits.keys());
  const encounterClaimId = drugAdminBilled[0]?.claimId ?? input.billed[0]?.claimId ?? null;
  const claimOf = (code: string) => drugAdminBilled.find((line) => line.code === code)?.claimId ?? encounterClaimId;

  // Billed add-ons with no eligible primary on the claim: a coding error that payers deny (CO-B15).
  const orphanAddOnCodes = new Set<string>();
  for (const code of billedCodes) {
    if (!addOns.isAddOn(code)) continue;
    const parents = addOns.parentsOf(code);
    if (parents.some((parent) => billedCodes.has(parent))) continue;
    orphanAddOnCodes.add(code);
    const lines = drugAdminBilled.filter((line) => line.code === code);
    const units = lines.reduce((sum, line) => sum + line.units, 0);
    const unpaid = lines.every((line) => line.paidCents <= 0);
    const value = valueFor(code);
    push({
      kind: "addon_without_primary",
      cause: "coding",
      code,
      units,
      claimId: lines[0]?.claimId ?? null,
      valueCents: unpaid ? value.cents * units : 0,
      valueStated: true,
      explanation:
        `${code} ×${units} billed without an eligible primary (${parents.join(", ") || "none"}) on the claim; add-ons are never paid alone (rule book §1, §11 CO-B15)` +
        `${unpaid ? "." : "; paid this time, but at risk of denial, so valued at $0.00."}` +
        sentence(canonicalExplanations(code, input.canonical)) +
        ` ${valueSentence(unpaid ? "Value" : "At risk", units, value)}`,
    });
  }

  // Pair the canonical initial with a different billed initial (hierarchy error), then pair extra
  // billed initials with the sequential code they should have been.
  const remainingCanonical = new Map(canonicalUnits);
  const remainingBilled = new Map(billedUnits);
  const take = (map: Map<string, number>, code: string, units: number) => map.set(code, (map.get(code) ?? 0) - units);
  const canonicalInitial = input.canonical.find((line) => !line.isAddOn && INITIAL_CODES.has(line.code))?.code;
  if (canonicalInitial && (remainingBilled.get(canonicalInitial) ?? 0) <= 0) {
    const billedInitial = [...remainingBilled].find(
      ([code, units]) => units > 0 && INITIAL_CODES.has(code) && (remainingCanonical.get(code) ?? 0) < units,
    )?.[0];
    if (billedInitial) {
      const shouldBe = valueFor(canonicalInitial);
      const was = valueFor(billedInitial);
      take(remainingCanonical, canonicalInitial, 1);
      take(remainingBilled, billedInitial, 1);
      const difference = shouldBe.cents - was.cents;
      const underBilled = difference >= 0;
      push({
        kind: underBilled ? "wrong_initial" : "overcoded_units",
        cause: underBilled ? "coding" : "compliance",
        code: canonicalInitial,
        units: 1,
        claimId: claimOf(billedInitial),
        valueCents: Math.abs(difference),
        valueSource: shouldBe.source,
        valueStated: true,
        explanation:
          `Billed ${billedInitial} as the initial service; the hierarchy makes ${canonicalInitial} the initial (rule book §4).` +
          sentence(canonicalExplanations(canonicalInitial, input.canonical)) +
          (underBilled
            ? ` Value: ${codeValue(canonicalInitial, shouldBe)} − ${codeValue(billedInitial, was)} = ${dollars(difference)}.`
            : ` Exposure: ${codeValue(billedInitial, was)} − ${codeValue(canonicalInitial, shouldBe)} = ${dollars(-difference)}.`),
      });
    }
  }
  for (const [initialCode, sequentialCodes] of Object.entries(SEQUENTIAL_OF_INITIAL)) {
    for (const sequentialCode of sequentialCodes) {
      const extraInitial = (remainingBilled.get(initialCode) ?? 0) - (remainingCanonical.get(initialCode) ?? 0);
      const missingSequential = (remainingCanonical.get(sequentialCode) ?? 0) - (remainingBilled.get(sequentialCode) ?? 0);
      const paired = Math.min(extraInitial, missingSequential);
      if (paired <= 0) continue;
      take(remainingCanonical, sequentialCode, paired);
      take(remainingBilled, initialCode, paired);
      const sequentialExplanation = sentence(canonicalExplanations(sequentialCode, input.canonical));
      push({
        kind: "missed_sequential",
        cause: "coding",
        code: sequentialCode,
        units: paired,
        claimId: claimOf(initialCode),
        explanation: `${plural(paired, "service")} billed as a second initial ${initialCode}; only one initial per encounter, the next new drug is ${sequentialCode} (rule book §4.3, §6).${sequentialExplanation}`,
      });
      push({
        kind: "unsupported_line",
        cause: "compliance",
        code: initialCode,
        units: paired,
        claimId: claimOf(initialCode),
        explanation: `Second initial ${initialCode} ×${paired} without a separate IV site is not supported (rule book §4.3).${sequentialExplanation}`,
      });
    }
  }

  const codes = [...new Set([...remainingCanonical.keys(), ...remainingBilled.keys()])].sort();
  for (const code of codes) {
    if (orphanAddOnCodes.has(code)) continue;
    const should = remainingCanonical.get(code) ?? 0;
    const did = remainingBilled.get(code) ?? 0;
    if (should > did) {
      const missed = should - did;
      const kind = missedKind(code);
      push({
        kind,
        cause: "coding",
        code,
        units: missed,
        claimId: claimOf(code),
        explanation: `Supported ${code} ×${should}, billed ×${did}: ${plural(missed, kind === "missed_addon_hours" ? "hour" : "unit")} not billed.${sentence(canonicalExplanations(code, input.canonical))}`,
      });
    } else if (did > should) {
      const excess = did - should;
      push({
        kind: should > 0 ? "overcoded_units" : "unsupported_line",
        cause: "compliance",
        code,
        units: excess,
        claimId: drugAdminBilled.find((line) => line.code === code)?.claimId ?? null,
        explanation:
          should > 0
            ? `Billed ${code} ×${did}; the record supports ×${should}.${sentence(overcodedTimeMath(code, did, input.canonical, administrations))}`
            : `Billed ${code} ×${did}; the record does not support this code.${sentence(unsupportedTimeMath(code, input.canonical, administrations))}`,
      });
    }
  }

  // Payer leakage: correctly coded lines denied or paid for fewer units.
  for (const line of drugAdminBilled) {
    if (orphanAddOnCodes.has(line.code)) continue;
    const supported = Math.min(line.units, canonicalUnits.get(line.code) ?? 0);
    if (supported <= 0) continue;
    const reasons = line.adjustments
      .filter((adjustment) => adjustment.group !== PATIENT_RESPONSIBILITY_GROUP)
      .map((adjustment) => `${adjustment.group}-${adjustment.reason}`);
    if (isDenied(line)) {
      push({
        kind: "denied_line",
        cause: "payer",
        code: line.code,
        units: supported,
        claimId: line.claimId,
        explanation: `Correctly coded ${line.code} ×${supported} denied (${reasons.join(", ")}).${sentence(canonicalExplanations(line.code, input.canonical))}`,
      });
    } else if (line.paidCents > 0 && line.paidUnits < supported) {
      const cut = supported - line.paidUnits;
      push({
        kind: "unit_cut",
        cause: "payer",
        code: line.code,
        units: cut,
        claimId: line.claimId,
        explanation: `${line.code} paid for ${line.paidUnits} of ${supported} supported units${reasons.length ? ` (${reasons.join(", ")})` : ""}; paid ${dollars(line.paidCents)}.${sentence(canonicalExplanations(line.code, input.canonical))}`,
      });
    }
  }
  for (const recoupment of input.recoupments ?? []) {
    if (recoupment.amountCents <= 0) continue;
    push({
      kind: "recoupment",
      cause: "payer",
      code: null,
      units: 0,
      claimId: recoupment.claimId,
      valueCents: recoupment.amountCents,
      valueSource: "none",
      explanation: `Payer took back ${dollars(recoupment.amountCents)} on claim ${recoupment.claimId} (provider adjustment ${recoupment.reason}, X12 PLB); the whole amount taken back is the value.`,
    });
  }

  for (const estimate of input.missingStopEstimates ?? []) {
    const difference = diffLines(estimate.estimatedLines, input.canonical);
    let valueCents = 0;
    let units = 0;
    const parts: string[] = [];
    const money: string[] = [];
    for (const [code, delta] of difference) {
      const value = valueFor(code);
      valueCents += value.cents * delta;
      if (delta > 0) units += delta;
      parts.push(`${code} ${delta > 0 ? "+" : ""}${delta}`);
      money.push(`${money.length === 0 ? (delta > 0 ? "" : "−") : delta > 0 ? "+ " : "− "}${code} ×${Math.abs(delta)} at ${value.source === "none" ? "no value" : dollars(value.cents)} (${value.detail})`);
    }
    if (valueCents <= 0) continue;
    const codesInvolved = [...difference.keys()];
    const billedNow = codesInvolved.filter((code) => (billedUnits.get(code) ?? 0) > 0).map((code) => `${code} ×${billedUnits.get(code)}`);
    const over = estimate.medianOf !== undefined ? ` over ${plural(estimate.medianOf, "documented administration")} of ${estimate.drug} by that route` : "";
    const mainCode = [...difference].filter(([, delta]) => delta > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
    push({
      kind: "missing_stop_time",
      cause: "documentation",
      code: mainCode,
      units,
      isEstimate: true,
      valueCents,
      valueSource: mainCode ? valueFor(mainCode).source : "none",
      claimId: encounterClaimId,
      valueStated: true,
      explanation:
        `Estimate: ${estimate.drug} has no stop time, so its time cannot be billed. At the practice's median of ${estimate.medianMinutes} min${over} it would code ${parts.join(", ")} (rule book §3.1). ` +
        `Estimated value: ${money.join(" ")} = ${dollars(valueCents)} more than coded without the stop time (billed: ${billedNow.length ? billedNow.join(", ") : "none of these codes"}).`,
    });
  }

  return findings;
}

function diffLines(estimated: readonly CodedLine[], actual: readonly CodedLine[]): Map<string, number> {
  const difference = unitsByCode(estimated);
  for (const [code, units] of unitsByCode(actual)) difference.set(code, (difference.get(code) ?? 0) - units);
  for (const [code, delta] of difference) if (delta === 0) difference.delete(code);
  return new Map([...difference].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}
