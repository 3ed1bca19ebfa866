import { codeEncounter, ENGINE_VERSION } from "@/lib/coding";
import type { CodingSettings } from "@/lib/coding/types";
import type { Db } from "../client";
import { visibleAt } from "../analysis/analysis-version";
import { toEngineAdministration } from "../analysis/rebill";
import { loadCodingSettings } from "../import/organizations";

export type TEncounterAdministration = {
  id: number;
  drug: string;
  hcpcs: string | null;
  category: string;
  route: string;
  /** Epoch milliseconds (UTC). */
  startAt: number;
  stopAt: number | null;
  startLocal: string;
  stopLocal: string | null;
  ivSite: string | null;
  nurse: string | null;
  primaryReason: boolean;
  sourceLine: number | null;
};

export type TEncounterCodedLine = {
  id: number;
  code: string;
  units: number;
  modifiers: string[];
  position: number;
  explanation: string;
  administrationIds: string[];
  engineVersion: string;
};

export type TEncounterClaimLine = {
  id: number;
  claimId: string;
  claimVersion: number;
  claimFrequency: string | null;
  claimStatus: string | null;
  payer: string;
  dateOfService: string;
  code: string | null;
  modifiers: string[];
  billedUnits: number;
  paidUnits: number | null;
  billedCents: number;
  allowedCents: number | null;
  paidCents: number | null;
  status: string;
  paidDate: string | null;
  adjustments: { group: string; reason: string; amountCents: number; quantity: number | null }[];
  remarks: string[];
};

export type TEncounterFinding = {
  id: number;
  kind: string;
  cause: string;
  code: string | null;
  units: number;
  valueCents: number;
  valueSource: string;
  isEstimate: boolean;
  explanation: string;
  claimId: string | null;
  filingDeadline: string | null;
};

export type TEncounterDetail = {
  id: number;
  externalEncounterId: string;
  /** Pseudonymous key of the patient (HMAC of the MRN). */
  patientKey: string;
  /** The MRN sealed with the patient-id key (lib/security/patient-id-seal), opened only for roles that may identify patients. */
  patientIdSealed: string | null;
  dateOfService: string;
  weekStart: string;
  site: string | null;
  payer: string | null;
  setting: string | null;
  administrations: TEncounterAdministration[];
  codedLines: TEncounterCodedLine[];
  claimLines: TEncounterClaimLine[];
  findings: TEncounterFinding[];
};

function splitList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * One encounter with everything the encounter page shows: administrations, canonical (coded)
 * lines, billed claim lines with their adjudication, and the findings of the published analysis
 * version. Scoped to the organization: an id that belongs to another organization reads as null
 * (not found).
 */
export async function getEncounterDetail(db: Db, organizationId: string, analysisVersion: number, encounterId: number): Promise<TEncounterDetail | null> {
  if (!Number.isSafeInteger(encounterId) || encounterId <= 0) return null;
  const encounter = await db.encounter.findFirst({
    where: { id: encounterId, organizationId },
    select: {
      id: true,
      externalEncounterId: true,
      patientIdSealed: true,
      dateOfService: true,
      weekStart: true,
      site: true,
      payer: true,
      setting: true,
      patientKey: true,
    },
  });
  if (!encounter) return null;
  const { patientKey } = encounter;

  const [administrations, loaded, findings] = await Promise.all([
    db.administration.findMany({ where: { organizationId, encounterId }, orderBy: [{ startAt: "asc" }, { id: "asc" }] }),
    loadCodingSettings(db, organizationId),
    // Sorted here, not in SQL: an ORDER BY on cause leads SQLite's planner to the organization's
    // cause index (a scan of every finding) instead of the encounter's (a handful of rows).
    db.finding
      .findMany({ where: { organizationId, encounterId, ...visibleAt(analysisVersion) } })
      .then((rows) => rows.sort((a, b) => (a.cause < b.cause ? -1 : a.cause > b.cause ? 1 : b.valueCents - a.valueCents || a.id - b.id))),
  ]);
  // The claim lines of the encounter (spec §5.1): matched to it by id, else the same patient and
  // date of service, plus the claims its findings name. Each branch uses an (organizationId, …) index.
  const findingClaimIds = [...new Set(findings.flatMap((finding) => (finding.claimId ? [finding.claimId] : [])))];
  const claimLines = await db.claimLine.findMany({
    where: {
      organizationId,
      OR: [
        { encounterId },
        { patientKey, dateOfService: encounter.dateOfService },
        ...(findingClaimIds.length ? [{ claimId: { in: findingClaimIds }, patientKey }] : []),
      ],
    },
    include: { adjustments: { orderBy: { id: "asc" } }, remarks: { orderBy: { id: "asc" } } },
    orderBy: [{ claimId: "asc" }, { claimVersion: "asc" }, { id: "asc" }],
  });

  return {
    ...encounter,
    administrations: administrations.map((row) => ({
      id: row.id,
      drug: row.drug,
      hcpcs: row.hcpcs,
      category: row.category,
      route: row.route,
      startAt: row.startAt.getTime(),
      stopAt: row.stopAt ? row.stopAt.getTime() : null,
      startLocal: row.startLocal,
      stopLocal: row.stopLocal,
      ivSite: row.ivSite,
      nurse: row.nurse,
      primaryReason: row.primaryReason,
      sourceLine: row.sourceLine,
    })),
    // "Should bill" is coded now, with the organization's current rule settings and drug catalog,
    // so it always agrees with the findings of the last recompute (stored CodedLine rows are what
    // the engine said at import time).
    codedLines: recode(encounter.externalEncounterId, administrations, encounter.setting, loaded?.settings),
    claimLines: claimLines.map((row) => ({
      id: row.id,
      claimId: row.claimId,
      claimVersion: row.claimVersion,
      claimFrequency: row.claimFrequency,
      claimStatus: row.claimStatus,
      payer: row.payer,
      dateOfService: row.dateOfService,
      code: row.code,
      modifiers: splitList(row.modifiers),
      billedUnits: row.billedUnits,
      paidUnits: row.paidUnits,
      billedCents: row.billedCents,
      allowedCents: row.allowedCents,
      paidCents: row.paidCents,
      status: row.status,
      paidDate: row.paidDate,
      adjustments: row.adjustments.map((adjustment) => ({
        group: adjustment.group,
        reason: adjustment.reason,
        amountCents: adjustment.amountCents,
        quantity: adjustment.quantity,
      })),
      remarks: row.remarks.map((remark) => remark.code),
    })),
    findings: findings.map((row) => ({
      id: row.id,
      kind: row.kind,
      cause: row.cause,
      code: row.code,
      units: row.units,
      valueCents: row.valueCents,
      valueSource: row.valueSource,
      isEstimate: row.isEstimate,
      explanation: row.explanation,
      claimId: row.claimId,
      filingDeadline: row.filingDeadline,
    })),
  };
}

function recode(
  externalEncounterId: string,
  administrations: Parameters<typeof toEngineAdministration>[0][],
  encounterSetting: string | null,
  organizationSettings: CodingSettings | undefined,
): TEncounterCodedLine[] {
  if (!organizationSettings) return [];
  const settings: CodingSettings =
    encounterSetting === "facility" || encounterSetting === "professional" ? { ...organizationSettings, setting: encounterSetting } : organizationSettings;
  const { lines } = codeEncounter({ id: externalEncounterId, administrations: administrations.map(toEngineAdministration) }, settings);
  return lines.map((line, position) => ({
    id: position + 1,
    code: line.code,
    units: line.units,
    modifiers: line.modifiers,
    position,
    explanation: line.explanation,
    administrationIds: line.administrationIds,
    engineVersion: ENGINE_VERSION,
  }));
}
