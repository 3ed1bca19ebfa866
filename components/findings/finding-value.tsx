import { formatCents } from "@/lib/format";
import { valueSourceInfo } from "./finding-labels";

/** A finding's value in cents; estimates (documentation) carry an "est." mark and are styled apart. */
export function FindingValue({ valueCents, isEstimate }: { valueCents: number; isEstimate: boolean }) {
  if (!isEstimate) return <>{formatCents(valueCents)}</>;

  return (
    <span className="finding-estimate" title="Estimate: the practice's median duration for this drug and route">
      {formatCents(valueCents)} <span className="est-mark">est.</span>
    </span>
  );
}

/** Where the value came from, with the full wording in a tooltip ("reference rate" for built-in rates). */
export function ValueSource({ source }: { source: string }) {
  const info = valueSourceInfo(source);

  return (
    <span className={`value-source value-source-${source}`} title={info.tooltip}>
      {info.label}
      {source === "reference" ? <span className="visually-hidden"> (reference rate)</span> : null}
    </span>
  );
}
