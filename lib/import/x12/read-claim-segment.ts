import type { ClaimDraft } from "./build-claim-lines";
import { parseX12Date } from "./parse-x12-date";
import { readCas } from "./read-cas";
import { readSvc } from "./read-svc";
import { clean, type SegmentReporter } from "./segment-reporter";
import type { Segment } from "./x12-types";

function displayName(last: string, first: string): string | undefined {
  if (last && first) return `${last}, ${first}`;
  return last || first || undefined;
}

/** Moves the SVC being read (if any, and readable) into the claim's finished lines. */
export function closeServiceLine(claim: ClaimDraft): void {
  if (claim.current && claim.current !== "dropped") claim.lines.push(claim.current);
  claim.current = null;
}

/**
 * Applies one segment of a claim loop (after CLP) to the claim: SVC, CAS (claim or line level),
 * NM1*QC/IL, MOA/MIA remarks, DTM (claim 232/233, line 472/150/151), REF*6R, AMT*B6, LQ*HE.
 * Other segments (QTY, NM1*74/82, REF*EA…) are ignored.
 */
export function readClaimSegment(segment: Segment, c: ClaimDraft, report: SegmentReporter): void {
  const el = segment.elements;
  const qualifier = clean(el[1]).toUpperCase();
  const line = c.current;
  switch (segment.id) {
    case "SVC": {
      closeServiceLine(c);
      const draft = readSvc(segment, report, c.claimId);
      if (!draft) c.complete = false;
      c.current = draft ?? "dropped";
      return;
    }
    case "CAS":
      if (line === "dropped") return;
      if (line) readCas(segment, report, line.adjustments, line);
      else readCas(segment, report, c.adjustments, c);
      return;
    case "NM1": {
      const id = clean(el[9]);
      if (qualifier === "QC") {
        if (id) c.patientId = id;
        const name = displayName(clean(el[3]), clean(el[4]));
        if (name) c.patientName = name;
      } else if (qualifier === "IL" && id) {
        c.insuredId = id;
      }
      return;
    }
    case "MOA":
    case "MIA":
      for (const i of segment.id === "MOA" ? [3, 4, 5, 6, 7] : [5, 20, 21, 22, 23]) {
        const remark = clean(el[i]);
        if (remark && !c.remarks.includes(remark)) c.remarks.push(remark);
      }
      return;
    case "DTM": {
      if (line === "dropped") return;
      const known = line ? qualifier === "472" || qualifier === "150" || qualifier === "151" : qualifier === "232" || qualifier === "233";
      if (!known) return;
      const date = parseX12Date(el[2]);
      if (date === undefined) {
        report.warn(segment, "BAD_DATE", `DTM*${qualifier} date '${clean(el[2])}' is not a valid CCYYMMDD date; ignored`, { claimId: c.claimId, raw: clean(el[2]) });
        return;
      }
      if (line) {
        if (qualifier === "472") line.serviceDate = date;
        else if (qualifier === "150") line.periodStart = date;
      } else if (qualifier === "232") c.statementFrom = date;
      else c.statementTo = date;
      return;
    }
    case "REF":
      if (line && line !== "dropped" && qualifier === "6R" && clean(el[2])) line.lineControlNumber = clean(el[2]);
      return;
    case "AMT":
      if (line && line !== "dropped" && qualifier === "B6") line.allowedCents = report.amount(segment, 2, "AMT*B6 allowed", null);
      return;
    case "LQ": {
      const remark = clean(el[2]);
      if (line && line !== "dropped" && qualifier === "HE" && remark && !line.remarks.includes(remark)) line.remarks.push(remark);
      return;
    }
    default:
      return;
  }
}
