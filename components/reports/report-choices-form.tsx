import { DASHBOARD_FILTER_KEYS, DASHBOARD_FILTER_LABELS, type DashboardFilters } from "@/lib/dashboard/filters";
import { REPORT_SECTION_TITLES, REPORT_SECTIONS } from "@/lib/report/report-data";
import { REPORT_PERIOD_LABELS, REPORT_PERIODS, type TReportChoices } from "@/lib/report/report-options";

type ReportChoicesFormProps = {
  choices: TReportChoices;
  /** Whether this role may see patient ids: if not, the report is always de-identified. */
  mayIdentifyPatients: boolean;
  preparedBy: { firmName: string | null; userName: string };
};

/** Filters other than the period carried over from the dashboard (kept as hidden fields). */
function carriedFilters(filters: DashboardFilters) {
  return DASHBOARD_FILTER_KEYS.filter((key) => key !== "from" && key !== "to" && filters[key]).map((key) => ({ key, value: filters[key] as string }));
}

/**
 * The report's choices as a plain GET form: the URL holds them (bookmarkable, sent as a link), and
 * "Update preview" reloads the preview with them. Works without JavaScript.
 */
export function ReportChoicesForm({ choices, mayIdentifyPatients, preparedBy }: ReportChoicesFormProps) {
  const carried = carriedFilters(choices.filters);

  return (
    <form method="get" action="/reports" className="report-choices" aria-label="Report choices">
      <fieldset>
        <legend>Period</legend>
        {REPORT_PERIODS.map((period) => (
          <label key={period} className="checkbox">
            <input type="radio" name="period" value={period} defaultChecked={choices.period === period} /> {REPORT_PERIOD_LABELS[period]}
          </label>
        ))}
        <div className="report-choices-range">
          <label>
            From <input type="date" name="from" className="input" defaultValue={choices.period === "custom" ? choices.filters.from ?? "" : ""} />
          </label>
          <label>
            To <input type="date" name="to" className="input" defaultValue={choices.period === "custom" ? choices.filters.to ?? "" : ""} />
          </label>
        </div>
        <p className="form-help">Dates cover whole weeks, as on the dashboard; a custom range needs "Custom range".</p>
      </fieldset>
      {carried.length > 0 ? (
        <fieldset>
          <legend>Carried over from the dashboard</legend>
          <ul className="report-choices-carried">
            {carried.map(({ key, value }) => (
              <li key={key}>
                {DASHBOARD_FILTER_LABELS[key]}: <strong>{value}</strong>
                <input type="hidden" name={key} value={value} />
              </li>
            ))}
          </ul>
          <p className="form-help">
            <a href="/reports">Clear these filters</a>
          </p>
        </fieldset>
      ) : null}
      <fieldset>
        <legend>Sections</legend>
        <input type="hidden" name="sections" value="" />
        {REPORT_SECTIONS.map((section) => (
          <label key={section} className="checkbox">
            <input type="checkbox" name="section" value={section} defaultChecked={choices.sections.includes(section)} /> {REPORT_SECTION_TITLES[section]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Patients</legend>
        {mayIdentifyPatients ? (
          <label className="checkbox">
            <input type="checkbox" name="deidentified" value="1" defaultChecked={choices.deidentify} /> De-identified (no patient ids; encounter ids and patient keys only)
          </label>
        ) : (
          <p className="form-help">De-identified: your role does not show patient ids.</p>
        )}
        <input type="hidden" name="deidentified" value="0" />
      </fieldset>
      <fieldset>
        <legend>Prepared by</legend>
        <p className="form-help">
          {preparedBy.firmName ? `${preparedBy.firmName} — ${preparedBy.userName}` : preparedBy.userName}. <a href="/account">Change the firm and logo in your account</a>.
        </p>
      </fieldset>
      <button type="submit" className="button">
        Update preview
      </button>
    </form>
  );
}
