import type { TPayerSetting } from "@/lib/db/analysis/payer-settings";
import type { TDrugCatalogRow, TFeeScheduleRateRow, TRuleOption, TRuleSettings } from "@/lib/db/settings";
import { formatCents } from "@/lib/format";

/**
 * What a member who may not change settings sees instead of the forms: the same values as plain
 * text. Hiding the forms is courtesy only; the server actions check the role themselves.
 */
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const CATEGORY_LABELS: Record<string, string> = { chemo: "Chemo / complex", therapeutic: "Therapeutic", hydration: "Hydration" };

export function ReadOnlyNote({ children }: { children: React.ReactNode }) {
  return <p className="muted" data-testid="settings-read-only">{children}</p>;
}

export function PracticeDetails(props: { name: string; timeZone: string; setting: string; weekStartsOn: number; timelyFilingDays: number }) {
  return (
    <dl className="settings-read-only">
      <dt>Name</dt>
      <dd>{props.name}</dd>
      <dt>Time zone</dt>
      <dd>{props.timeZone}</dd>
      <dt>Setting</dt>
      <dd>{props.setting}</dd>
      <dt>Weeks start on</dt>
      <dd>{WEEKDAYS[props.weekStartsOn] ?? props.weekStartsOn}</dd>
      <dt>Default timely-filing window</dt>
      <dd>{props.timelyFilingDays} days</dd>
    </dl>
  );
}

function ruleValue(option: TRuleOption, value: unknown): string {
  if (option.kind === "boolean") return value ? "Yes" : "No";
  if (option.kind === "minutes") return `${String(value)} minutes`;

  return option.choices.find((choice) => choice.value === value)?.label ?? String(value);
}

export function RulesList({ options, values }: { options: readonly TRuleOption[]; values: TRuleSettings }) {
  return (
    <dl className="settings-read-only">
      {options.map((option) => (
        <div key={option.key}>
          <dt>
            {option.label} <span className="muted">({option.section})</span>
          </dt>
          <dd>{ruleValue(option, values[option.key])}</dd>
        </div>
      ))}
    </dl>
  );
}

export function PayerFilingList({ rows, defaultDays }: { rows: readonly TPayerSetting[]; defaultDays: number }) {
  if (rows.length === 0) return <p className="muted">Every payer uses the practice default ({defaultDays} days).</p>;

  return (
    <table className="data-table">
      <caption className="visually-hidden">Timely filing by payer</caption>
      <thead>
        <tr>
          <th scope="col">Payer</th>
          <th scope="col">Days</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.payer}>
            <td>{row.payer}</td>
            <td className="num">{row.timelyFilingDays}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DrugCatalogList({ rows, total }: { rows: readonly TDrugCatalogRow[]; total: number }) {
  if (rows.length === 0) return <p className="muted">No overrides: the built-in drug catalog applies.</p>;

  return (
    <>
      <table className="data-table">
        <caption className="visually-hidden">Drug catalog overrides</caption>
        <thead>
          <tr>
            <th scope="col">HCPCS</th>
            <th scope="col">Drug</th>
            <th scope="col">Category</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="mono">{row.hcpcs ?? "—"}</td>
              <td>{row.drug ?? "—"}</td>
              <td>{CATEGORY_LABELS[row.category] ?? row.category}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > rows.length ? <p className="muted">Showing {rows.length} of {total}.</p> : null}
    </>
  );
}

export function FeeRateList({ rows, total }: { rows: readonly TFeeScheduleRateRow[]; total: number }) {
  if (rows.length === 0) return <p className="muted">No fee schedule: values come from paid history.</p>;

  return (
    <>
      <table className="data-table">
        <caption className="visually-hidden">Fee schedule</caption>
        <thead>
          <tr>
            <th scope="col">Payer</th>
            <th scope="col">Code</th>
            <th scope="col">Rate per unit</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.payer}</td>
              <td className="mono">{row.code}</td>
              <td className="num">{formatCents(row.rateCents)}</td>
              <td>{row.effectiveFrom}</td>
              <td>{row.effectiveTo ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > rows.length ? <p className="muted">Showing {rows.length} of {total}.</p> : null}
    </>
  );
}
