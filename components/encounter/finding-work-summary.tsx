import { formatCents, formatDate, formatDollars } from "@/lib/format";
import { FINDING_STATUS_LABELS, RECOVERED_STATUSES, type TFindingStatus } from "@/lib/worklist/finding-workflow";

/**
 * Read-only pieces of a finding's work, shared by the work panel (client) and the encounter page
 * (server): the status pill and the payer's outcome. No hooks, so both sides may render them.
 */

export type TRecoveryFields = {
  status: TFindingStatus;
  recoveredCents: number | null;
  recoveredOn: string | null;
  recoverySource: string | null;
  recoveryClaimId: string | null;
};

/** The status as a coloured pill (components/findings/findings.css); the word is always there. */
export function WorkStatusPill({ status }: { status: TFindingStatus }) {
  return (
    <span className="finding-status" data-status={status} data-testid="work-status-pill">
      {FINDING_STATUS_LABELS[status]}
    </span>
  );
}

const SOURCE_WORDS: Readonly<Record<string, string>> = { remittance: "from the remittance", person: "recorded by hand" };

/**
 * What the payer did about the finding: the dollars recovered (in the positive colour, whole
 * dollars with the exact amount in the tooltip), when, and on which claim; or a second denial.
 * Nothing before an outcome.
 */
export function RecoveryLine({ work }: { work: TRecoveryFields }) {
  const details = [work.recoveredOn ? `on ${formatDate(work.recoveredOn)}` : null, work.recoverySource ? SOURCE_WORDS[work.recoverySource] : null].filter(Boolean).join(" · ");
  const claim = work.recoveryClaimId ? (
    <>
      {" "}
      · claim <span className="mono">{work.recoveryClaimId}</span>
    </>
  ) : null;

  if (RECOVERED_STATUSES.has(work.status) && work.recoveredCents !== null) {
    return (
      <p className="work-outcome" data-testid="work-recovered">
        <strong className="work-recovered-amount" title={formatCents(work.recoveredCents)}>
          {formatDollars(work.recoveredCents)}
        </strong>{" "}
        recovered{details ? ` ${details}` : ""}
        {claim}
      </p>
    );
  }
  if (work.status === "denied_again" && work.recoveredOn) {
    return (
      <p className="work-outcome work-denied-again">
        Denied again {details}
        {claim}
      </p>
    );
  }

  return null;
}
