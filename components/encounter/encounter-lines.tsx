import { CauseBadge } from "@/components/ui";
import { isCause } from "@/lib/dashboard/causes";
import type { TEncounterClaimLine, TEncounterCodedLine } from "@/lib/db/encounters";
import { formatCents } from "@/lib/format";
import { codeLabel } from "./code-label";
import type { TLineMark } from "./compare-lines";

function Diff({ mark }: { mark: TLineMark | undefined }) {
  if (!mark) return null;

  return (
    <span className={`line-diff line-diff-${mark.cause}`}>
      <span aria-hidden="true">≠ </span>
      {mark.note}
    </span>
  );
}

function modifiersText(modifiers: readonly string[]): string {
  return modifiers.length ? `-${modifiers.join("-")}` : "";
}

/** "Should bill": the engine's canonical lines with their explanations (rule-book § citations). */
export function ShouldBillList({ lines, marks }: { lines: readonly TEncounterCodedLine[]; marks: Map<number, TLineMark> }) {
  if (lines.length === 0) return <p className="muted">Nothing billable was coded for this encounter (see the warnings in the findings).</p>;

  return (
    <ol className="line-list" aria-label="Should bill">
      {lines.map((line) => {
        const mark = marks.get(line.id);

        return (
          <li key={line.id} className={`line-item${mark ? ` line-mark-${mark.cause}` : ""}`} data-testid="should-bill-line">
            <div className="line-item-head">
              <span className="line-code">
                {line.code}
                {modifiersText(line.modifiers)}
              </span>
              <span className="line-units">× {line.units}</span>
              <span className="line-label">{codeLabel(line.code)}</span>
              <Diff mark={mark} />
            </div>
            <p className="line-explanation">{line.explanation}</p>
          </li>
        );
      })}
    </ol>
  );
}

/** "Billed": the claim lines with units, billed / allowed / paid, CARC group-reason and RARC codes. */
export function BilledList({ lines, marks }: { lines: readonly TEncounterClaimLine[]; marks: Map<number, TLineMark> }) {
  if (lines.length === 0) return <p className="muted">No claim lines are matched to this encounter — import the claims or the 835 for this date.</p>;

  return (
    <ol className="line-list" aria-label="Billed">
      {lines.map((line) => {
        const mark = marks.get(line.id);
        const isReversed = line.status === "reversed";

        return (
          <li key={line.id} className={`line-item${mark ? ` line-mark-${mark.cause}` : ""}`} data-testid="billed-line">
            <div className={`line-item-head${isReversed ? " line-reversed" : ""}`}>
              <span className="line-code">
                {line.code ?? "claim"}
                {modifiersText(line.modifiers)}
              </span>
              <span className="line-units">
                × {line.billedUnits}
                {line.paidUnits !== null && line.paidUnits !== line.billedUnits ? ` (paid ${line.paidUnits})` : ""}
              </span>
              <span className="line-label">{line.code ? codeLabel(line.code) : "Claim-level adjustment"}</span>
              <Diff mark={mark} />
              <span className="line-money" title="Billed / allowed / paid">
                {formatCents(line.billedCents)} / {line.allowedCents === null ? "—" : formatCents(line.allowedCents)} / <strong>{line.paidCents === null ? "—" : formatCents(line.paidCents)}</strong>
              </span>
            </div>
            <p className="line-codes">
              Claim <span className="mono">{line.claimId}</span>
              {line.claimVersion > 1 ? ` (version ${line.claimVersion})` : ""} · {line.status}
              {line.adjustments.length ? (
                <>
                  {" · "}CARC{" "}
                  {line.adjustments.map((adjustment, index) => (
                    <span key={index} className="mono" title={`Adjustment ${formatCents(adjustment.amountCents)}`}>
                      {index ? ", " : ""}
                      {adjustment.group}-{adjustment.reason} {formatCents(adjustment.amountCents)}
                    </span>
                  ))}
                </>
              ) : null}
              {line.remarks.length ? (
                <>
                  {" · "}RARC <span className="mono">{line.remarks.join(", ")}</span>
                </>
              ) : null}
            </p>
          </li>
        );
      })}
    </ol>
  );
}

export function CauseOrText({ cause }: { cause: string }) {
  return isCause(cause) ? <CauseBadge cause={cause} /> : <>{cause}</>;
}
