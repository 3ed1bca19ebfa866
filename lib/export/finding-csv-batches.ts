import type { DatabaseTarget, Db } from "@/lib/db";
import type { TMembershipRole } from "@/lib/db/types";
import { iterateFindingsForExport } from "@/lib/db/findings";
import { exportSql, type TExportQuery } from "@/lib/db/findings/export-findings";
import { streamSqliteText } from "@/lib/db/sqlite-query-stream";
import { can } from "@/lib/auth/permissions";
import { loadPatientIdKeyFromEnv } from "@/lib/security/patient-id-seal";
import { createPatientLabeler } from "@/lib/security/patient-labels";
import { findingCsvLine, type TFindingCsvAudience } from "./finding-csv";

/** The module that formats findings CSV lines on the SQLite reader thread (from the app's folder). */
const FINDING_CSV_MODULE = "lib/export/finding-csv.ts";

/**
 * Every finding matching the worklist query as findings CSV lines (./finding-csv.ts), in the
 * list's order, a batch at a time: `text` is the batch's lines joined by CRLF. On SQLite the reader
 * thread formats them where it reads them, so the app's thread only passes text on; on PostgreSQL
 * the rows come as iterateFindingsForExport reads them and are formatted here.
 */
export async function* iterateFindingCsvBatches(
  db: Db,
  target: DatabaseTarget,
  organizationId: string,
  analysisVersion: number,
  query: TExportQuery,
  audience: { role: TMembershipRole },
  options: { batchSize?: number } = {},
): AsyncGenerator<{ text: string; rows: number }> {
  const batchSize = options.batchSize ?? 1000;
  if (target.provider === "sqlite") {
    const { sql, params } = exportSql(organizationId, analysisVersion, query);
    const options: TFindingCsvAudience = { organizationId, role: audience.role, patientIdKey: can(audience.role, "patients.identify") ? loadPatientIdKeyFromEnv() : null };
    yield* streamSqliteText(target, sql, params, { module: FINDING_CSV_MODULE, options }, { batchSize });
    return;
  }
  const labelPatient = createPatientLabeler(organizationId, audience.role);
  for await (const batch of iterateFindingsForExport(db, target, organizationId, analysisVersion, query, { batchSize })) {
    yield { text: batch.map((row) => findingCsvLine(row, labelPatient)).join("\r\n"), rows: batch.length };
  }
}
