import type { Db } from "@/lib/db";
import { getPublishedAnalysisVersion } from "@/lib/db/analysis/analysis-version";

/** The organization's published analysis version, as a page reads it once before its analysis reads. */
export async function publishedVersion(db: Db, organizationId: string): Promise<number> {
  const version = await getPublishedAnalysisVersion(db, organizationId);
  if (version === null) throw new Error(`no organization ${organizationId}`);

  return version;
}
