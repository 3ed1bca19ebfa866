import { describe, expect, test } from "vitest";
import { matchClaimLines } from "@/lib/analysis/match-claim-lines";

const encounters = [
  { encounterId: "E1", patientId: "P1", dateOfService: "2025-03-04", site: "North" },
  { encounterId: "E2", patientId: "P1", dateOfService: "2025-03-04", site: "South" },
  { encounterId: "E3", patientId: "P2", dateOfService: "2025-03-05", site: null },
];

describe("matching claim lines to encounters (spec §5.1)", () => {
  test("by encounter id first, even when patient and date would say otherwise", () => {
    const line = { id: "a", encounterId: "E3", patientId: "P1", dateOfService: "2025-03-04" };
    expect(matchClaimLines(encounters, [line]).byEncounter.get(encounters[2]!)).toEqual([line]);
  });

  test("by patient + date of service when the line has no (known) encounter id", () => {
    const line = { id: "b", encounterId: "UNKNOWN", patientId: "P2", dateOfService: "2025-03-05" };
    const match = matchClaimLines(encounters, [line]);
    expect(match.byEncounter.get(encounters[2]!)).toEqual([line]);
  });

  test("site narrows two same-day encounters of one patient", () => {
    const line = { id: "c", patientId: "P1", dateOfService: "2025-03-04", site: "south" };
    expect(matchClaimLines(encounters, [line]).byEncounter.get(encounters[1]!)).toEqual([line]);
  });

  test("without a site, two same-day encounters are ambiguous, and a line with no encounter is unmatched: both kept", () => {
    const ambiguous = { id: "d", patientId: "P1", dateOfService: "2025-03-04" };
    const orphan = { id: "e", patientId: "P9", dateOfService: "2025-03-04" };
    const match = matchClaimLines(encounters, [ambiguous, orphan]);
    expect(match.ambiguous).toEqual([{ line: ambiguous, candidates: [encounters[0], encounters[1]] }]);
    expect(match.unmatched).toEqual([orphan]);
    expect(match.byEncounter.size).toBe(0);
  });
});
