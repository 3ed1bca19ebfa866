import { visibleAt } from "../analysis/analysis-version";
import type { Db } from "../client";

export type TFilterOptions = {
  payers: string[];
  sites: string[];
  nurses: string[];
  settings: string[];
  /** First and last week with encounters ('YYYY-MM-DD'), for the date inputs' bounds. */
  firstDate: string | null;
  lastDate: string | null;
};

/**
 * The values each filter can take, from the encounter rollup's dimensions (one grouped read; ""
 * means "none" in the rollups and is not offered).
 */
export async function getFilterOptions(db: Db, organizationId: string, analysisVersion: number): Promise<TFilterOptions> {
  const rows = await db.encounterRollup.groupBy({
    by: ["payer", "site", "nurse", "setting"],
    where: { organizationId, ...visibleAt(analysisVersion) },
    _min: { firstDate: true },
    _max: { lastDate: true },
  });
  const payers = new Set<string>();
  const sites = new Set<string>();
  const nurses = new Set<string>();
  const settings = new Set<string>();
  let firstDate: string | null = null;
  let lastDate: string | null = null;
  for (const row of rows) {
    if (row.payer) payers.add(row.payer);
    if (row.site) sites.add(row.site);
    if (row.nurse) nurses.add(row.nurse);
    if (row.setting) settings.add(row.setting);
    const first = row._min.firstDate;
    const last = row._max.lastDate;
    if (first && (!firstDate || first < firstDate)) firstDate = first;
    if (last && (!lastDate || last > lastDate)) lastDate = last;
  }
  const sorted = (values: Set<string>) => [...values].sort((a, b) => a.localeCompare(b));

  return { payers: sorted(payers), sites: sorted(sites), nurses: sorted(nurses), settings: sorted(settings), firstDate, lastDate };
}
