/**
 * Writes a sessions file's encounters inside the data transaction: supersedes encounters with the
 * same encounter id (their administrations, coded lines and findings go with them), inserts
 * encounters and administrations, recodes every imported encounter with the engine and stores
 * the canonical lines (CodedLine, stamped with ENGINE_VERSION).
 */
import { resolveCategory } from "@/lib/coding/category";
import { codeEncounterResolved, ENGINE_VERSION, resolveSettings, type ResolvedSettings } from "@/lib/coding/index";
import type { CodingSettings } from "@/lib/coding/types";
import type { ImportedEncounter } from "@/lib/import/session-types";
import type { SqlValue } from "./bulk-writer";
import { createKeyCaches, createRowCounter, forChunks, pause, type WriteContext } from "./write-context";

export type SessionsWriteResult = { encounters: number; administrations: number; codedLines: number; superseded: number; rowsWritten: number };

const ENCOUNTER_COLUMNS = [
  "organizationId", "importBatchId", "externalEncounterId", "patientKey", "patientIdSealed", "dateOfService", "weekStart",
  "site", "payer", "setting", "createdAt",
] as const;
const ADMINISTRATION_COLUMNS = [
  "organizationId", "encounterId", "importBatchId", "orderId", "drug", "hcpcs", "category", "categoryDocumented", "route", "startAt", "stopAt",
  "startLocal", "stopLocal", "ivSite", "nurse", "primaryReason", "service", "sourceLine",
] as const;
const CODED_LINE_COLUMNS = [
  "organizationId", "encounterId", "engineVersion", "code", "units", "modifiers", "dateOfService", "weekStart", "position",
  "explanation", "administrationIds", "createdAt",
] as const;

/** The file line of an administration id (`…L<line>`), or null. */
function sourceLineOf(id: string): number | null {
  const at = id.lastIndexOf("L");
  if (at === -1 || at === id.length - 1) return null;
  const line = Number(id.slice(at + 1));
  return Number.isInteger(line) ? line : null;
}

/**
 * Deletes the organization's encounters whose external id is in `externalIds`, with everything
 * hanging off them. Returns how many encounters were replaced.
 */
export async function supersedeEncounters(ctx: WriteContext, externalIds: readonly string[]): Promise<number> {
  const { writer, organizationId } = ctx;
  const any = await writer.query(`SELECT 1 AS "x" FROM "Encounter" WHERE "organizationId"=? LIMIT 1`, [organizationId]);
  if (any.length === 0) return 0;
  let superseded = 0;
  await forChunks(externalIds, 500, async (chunk, inList) => {
    // Never this batch's own encounters: an id repeated within one file is the reader's business.
    const rows = await writer.query<{ id: number | bigint }>(
      `SELECT "id" FROM "Encounter" WHERE "organizationId"=? AND "externalEncounterId" IN (${inList}) AND "importBatchId"<>?`,
      [organizationId, ...chunk, ctx.batchId],
    );
    if (rows.length === 0) return;
    const ids = rows.map((row) => Number(row.id));
    const idList = ids.map(() => "?").join(",");
    await writer.execute(`DELETE FROM "Administration" WHERE "organizationId"=? AND "encounterId" IN (${idList})`, [organizationId, ...ids]);
    await writer.execute(`DELETE FROM "CodedLine" WHERE "encounterId" IN (${idList})`, ids);
    await writer.execute(`DELETE FROM "Finding" WHERE "encounterId" IN (${idList})`, ids);
    await writer.execute(`UPDATE "ClaimLine" SET "encounterId"=NULL WHERE "organizationId"=? AND "encounterId" IN (${idList})`, [organizationId, ...ids]);
    superseded += await writer.execute(`DELETE FROM "Encounter" WHERE "id" IN (${idList})`, ids);
    await pause(ctx);
  });
  return superseded;
}

/**
 * Writes the encounters (already merged: one entry per external id) and recodes them.
 * `settings` is the organization's engine settings (setting, rule settings, drug catalog).
 */
export async function writeSessions(
  ctx: WriteContext,
  encounters: readonly ImportedEncounter[],
  settings: CodingSettings,
  options: { supersede?: boolean } = {},
): Promise<SessionsWriteResult> {
  const { writer, organizationId, batchId } = ctx;
  const counter = createRowCounter(ctx);
  const keys = createKeyCaches(ctx);
  const resolved = resolveSettings(settings);
  // The engine's settings per encounter differ only by the file's setting column and the year.
  const perEncounter = new Map<string, ResolvedSettings>();
  const settingsFor = (setting: CodingSettings["setting"] | undefined, dateOfService: string): ResolvedSettings => {
    const year = Number(dateOfService.slice(0, 4));
    const key = `${setting ?? ""}|${year}`;
    let found = perEncounter.get(key);
    if (found === undefined) {
      const encounterSettings: CodingSettings = { ...settings };
      if (setting) encounterSettings.setting = setting;
      if (Number.isInteger(year) && year > 1900) encounterSettings.year = year;
      found = resolveSettings(encounterSettings);
      perEncounter.set(key, found);
    }
    return found;
  };
  const now = writer.instant(ctx.now);

  const superseded = options.supersede === false ? 0 : await supersedeEncounters(ctx, encounters.map((e) => e.meta.encounterId));

  let administrations = 0;
  let codedLines = 0;
  // Chunks of encounters sized so that one chunk holds about chunkRows administrations.
  let start = 0;
  while (start < encounters.length) {
    let end = start;
    let rowsInChunk = 0;
    while (end < encounters.length && (rowsInChunk === 0 || rowsInChunk + encounters[end]!.encounter.administrations.length <= ctx.chunkRows)) {
      rowsInChunk += encounters[end]!.encounter.administrations.length;
      end++;
    }
    const chunk = encounters.slice(start, end);
    start = end;

    const encounterRows: SqlValue[][] = new Array(chunk.length);
    for (let i = 0; i < chunk.length; i++) {
      const { meta } = chunk[i]!;
      const patientId = meta.patientId ?? "";
      encounterRows[i] = [
        organizationId, batchId, meta.encounterId, keys.patient(patientId), keys.sealedPatientId(patientId), meta.dateOfService,
        keys.weekStart(meta.dateOfService), meta.site ?? null, meta.payer ?? null, meta.setting ?? null, now,
      ];
    }
    const encounterIds = await writer.insert("Encounter", ENCOUNTER_COLUMNS, encounterRows, { returnIds: true });

    const administrationRows: SqlValue[][] = [];
    for (let i = 0; i < chunk.length; i++) {
      const { encounter, meta } = chunk[i]!;
      const encounterNurses = meta.nurses.length > 0 ? meta.nurses.join(", ") : null;
      for (const a of encounter.administrations) {
        const category = a.category ?? resolveCategory(a, resolved, []).category;
        administrationRows.push([
          organizationId, encounterIds[i]!, batchId, a.orderId ?? null, a.drug, a.hcpcs ?? null, category, writer.bool(a.category !== undefined), a.route, writer.instant(a.start.at),
          a.stop ? writer.instant(a.stop.at) : null, a.start.local, a.stop ? a.stop.local : null, a.ivSite ?? null, a.nurse ?? encounterNurses,
          writer.bool(a.primaryReason === true), a.service ?? null, sourceLineOf(a.id),
        ]);
      }
    }
    const administrationIds = await writer.insert("Administration", ADMINISTRATION_COLUMNS, administrationRows, { returnIds: true });
    administrations += administrationRows.length;

    const codedRows: SqlValue[][] = [];
    let k = 0;
    for (let i = 0; i < chunk.length; i++) {
      const { encounter, meta } = chunk[i]!;
      const administrations = encounter.administrations;
      const firstAdministration = k;
      k += administrations.length;
      const databaseId = (id: string): number | string => {
        for (let j = 0; j < administrations.length; j++) if (administrations[j]!.id === id) return administrationIds[firstAdministration + j]!;
        return id;
      };
      let lines;
      try {
        lines = codeEncounterResolved(encounter, settingsFor(meta.setting, meta.dateOfService)).lines;
      } catch {
        // The engine is pure and total over valid input; a failure leaves the encounter uncoded
        // rather than failing the whole import (the analysis shows it without canonical lines).
        continue;
      }
      for (let position = 0; position < lines.length; position++) {
        const l = lines[position]!;
        const dos = l.dateOfService || meta.dateOfService;
        codedRows.push([
          organizationId, encounterIds[i]!, ENGINE_VERSION, l.code, l.units, l.modifiers.join(","), dos, keys.weekStart(dos), position,
          l.explanation, l.administrationIds.map(databaseId).join(","), now,
        ]);
      }
    }
    await writer.insert("CodedLine", CODED_LINE_COLUMNS, codedRows);
    codedLines += codedRows.length;

    counter.add(chunk.length + administrationRows.length + codedRows.length);
    await pause(ctx);
  }
  return { encounters: encounters.length, administrations, codedLines, superseded, rowsWritten: counter.total };
}
