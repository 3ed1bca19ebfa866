/**
 * Attaching claim lines to encounters (spec §5.1): by `encounterId` when the claim line has one
 * that is known, else by patient + date of service, narrowed by site when both sides have one.
 * Nothing is dropped: lines that match no encounter, or more than one, come back apart so they
 * can be shown.
 */

export type MatchableEncounter = { encounterId: string; patientId: string; dateOfService: string; site?: string | null };

export type MatchableClaimLine = { encounterId?: string | null; patientId: string; dateOfService: string; site?: string | null };

export type ClaimMatch<E, L> = {
  byEncounter: Map<E, L[]>;
  unmatched: L[];
  /** Lines whose patient and date fit several encounters and nothing narrows them down. */
  ambiguous: { line: L; candidates: E[] }[];
};

function patientDayKey(patientId: string, dateOfService: string): string {
  return `${patientId.trim()}\u0000${dateOfService}`;
}

function sameSite(a: string | null | undefined, b: string | null | undefined): boolean | null {
  if (!a || !b) return null;
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function matchClaimLines<E extends MatchableEncounter, L extends MatchableClaimLine>(
  encounters: readonly E[],
  lines: readonly L[],
): ClaimMatch<E, L> {
  const byId = new Map<string, E>();
  const byPatientDay = new Map<string, E[]>();
  for (const encounter of encounters) {
    byId.set(encounter.encounterId, encounter);
    const key = patientDayKey(encounter.patientId, encounter.dateOfService);
    const list = byPatientDay.get(key) ?? [];
    list.push(encounter);
    byPatientDay.set(key, list);
  }

  const result: ClaimMatch<E, L> = { byEncounter: new Map(), unmatched: [], ambiguous: [] };
  const attach = (encounter: E, line: L) => {
    const list = result.byEncounter.get(encounter) ?? [];
    list.push(line);
    result.byEncounter.set(encounter, list);
  };

  for (const line of lines) {
    const direct = line.encounterId ? byId.get(line.encounterId) : undefined;
    if (direct) {
      attach(direct, line);
      continue;
    }
    const candidates = byPatientDay.get(patientDayKey(line.patientId, line.dateOfService)) ?? [];
    const narrowed = candidates.length > 1 ? candidates.filter((encounter) => sameSite(encounter.site, line.site) !== false) : candidates;
    if (narrowed.length === 1) attach(narrowed[0] as E, line);
    else if (narrowed.length === 0) result.unmatched.push(line);
    else result.ambiguous.push({ line, candidates: narrowed });
  }
  return result;
}
