import { can } from "@/lib/auth/permissions";
import type { TMembershipRole } from "@/lib/db/types";
import { loadPatientIdKeyFromEnv, openPatientId } from "./patient-id-seal";

/** How a patient is stored on a row: the pseudonymous key and the sealed id (MRN), either may be absent. */
export type TStoredPatient = { patientKey: string | null; patientIdSealed: string | null };

/** What a screen or export shows for a patient: the MRN, or the first characters of the patient key. */
export type TPatientLabel = { kind: "id" | "key"; text: string };

/** Characters of the patient key shown where the MRN is not: enough to tell patients apart on a screen. */
export const PATIENT_KEY_SHOWN_LENGTH = 10;

/** How many opened MRNs one labeler keeps (it forgets them all when full). */
const OPENED_KEPT = 5_000;

/** "Patient key 3fa9c01b2e" style caption for a label, for places that mix both kinds. */
export function patientLabelCaption(label: TPatientLabel | null): string {
  if (!label) return "—";
  return label.kind === "id" ? label.text : `Patient key ${label.text}`;
}

/** The heading over a patient column for this role: the MRN for those who may identify patients, else the key. */
export function patientColumnHeader(role: TMembershipRole): string {
  return can(role, "patients.identify") ? "Patient" : "Patient key";
}

/**
 * Labels patients for one practice and one role: a role that may identify patients
 * (patients.identify) sees the MRN, opened from the sealed value; every other role, and any
 * value that does not open (a lost or replaced key), sees the pseudonymous patient key.
 */
export function createPatientLabeler(
  organizationId: string,
  role: TMembershipRole,
  loadKey: () => Buffer = loadPatientIdKeyFromEnv,
): (stored: TStoredPatient) => TPatientLabel | null {
  const key = can(role, "patients.identify") ? loadKey() : null;
  // A patient's findings come together (several per encounter): each sealed value is opened once
  // per labeler. Opening 9,000 of them (a weekly export) took 30–80 ms of the app's only thread.
  // Bounded, so that a million-row export does not keep every MRN it met.
  const openedBySealed = new Map<string, string | null>();

  return (stored) => {
    const sealed = stored.patientIdSealed;
    let opened: string | null = null;
    if (key && sealed) {
      const known = openedBySealed.get(sealed);
      if (known !== undefined) opened = known;
      else {
        opened = openPatientId(key, organizationId, sealed);
        if (openedBySealed.size >= OPENED_KEPT) openedBySealed.clear();
        openedBySealed.set(sealed, opened);
      }
    }
    if (opened !== null) return { kind: "id", text: opened };
    if (stored.patientKey) return { kind: "key", text: stored.patientKey.slice(0, PATIENT_KEY_SHOWN_LENGTH) };

    return null;
  };
}
