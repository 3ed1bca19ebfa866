import type { WeekStartsOn } from "@/lib/analysis/week-bucket";
import type { Db } from "../client";
import { parseFindingColumns, toSavedViewQuery, type TOptionalFindingColumn } from "./finding-list-query";

/**
 * Saved views of the findings worklist (issue [11/12]): a person's named filters, sort and columns
 * in one practice. Personal: every read and write is scoped to the organization and the user the
 * caller took from the checked access context, so another person's view (or another practice's)
 * is never listed, replaced or deleted, only "not found".
 */

export const SAVED_VIEW_NAME_MAX = 60;

/** Enough for any real worklist; it bounds what one person can store. */
export const SAVED_VIEWS_PER_USER_MAX = 50;

export type TSavedView = {
  id: number;
  name: string;
  /** The canonical worklist search string of the view (toSavedViewQuery), "" for every finding newest first. */
  query: string;
  /** The optional columns shown, in OPTIONAL_FINDING_COLUMNS order. */
  columns: TOptionalFindingColumn[];
  updatedAt: Date;
};

export class SavedViewError extends Error {
  override name = "SavedViewError";
  constructor(
    readonly code: "invalid_name" | "too_many_views" | "organization_not_found",
    message: string,
  ) {
    super(message);
  }
}

const VIEW_SELECT = { id: true, name: true, query: true, columns: true, updatedAt: true } as const;

function toSavedView(row: { id: number; name: string; query: string; columns: string; updatedAt: Date }): TSavedView {
  return { ...row, columns: parseFindingColumns(row.columns) };
}

/** A view name as stored: trimmed, inner runs of whitespace as one space; null when empty or too long. */
export function normalizeSavedViewName(name: string): string | null {
  const normalized = name.replace(/\s+/g, " ").trim();

  return normalized.length > 0 && normalized.length <= SAVED_VIEW_NAME_MAX ? normalized : null;
}

/** The person's saved views in the practice, by name (the same order on both databases). */
export async function listSavedViews(db: Db, organizationId: string, userId: string): Promise<TSavedView[]> {
  const rows = await db.savedView.findMany({ where: { organizationId, userId }, select: VIEW_SELECT });

  return rows.map(toSavedView).sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.id - b.id);
}

/**
 * Saves a view under a name; a name the person already used in this practice is replaced. The
 * query is canonicalized (toSavedViewQuery, with the practice's week start for date filters), so
 * cursors, page sizes and junk parameters are never stored; unknown column names are dropped.
 */
export async function saveView(
  db: Db,
  view: { organizationId: string; userId: string; name: string; query: string; columns: string | readonly string[] },
): Promise<{ view: TSavedView; replaced: boolean }> {
  const name = normalizeSavedViewName(view.name);
  if (!name) throw new SavedViewError("invalid_name", `Give the view a name of 1 to ${SAVED_VIEW_NAME_MAX} characters.`);
  const organization = await db.organization.findUnique({ where: { id: view.organizationId }, select: { weekStartsOn: true } });
  if (!organization) throw new SavedViewError("organization_not_found", "That practice does not exist (any more) — reload the page.");
  const data = {
    query: toSavedViewQuery(view.query, organization.weekStartsOn as WeekStartsOn),
    columns: parseFindingColumns(view.columns).join(","),
  };
  const key = { organizationId_userId_name: { organizationId: view.organizationId, userId: view.userId, name } };
  const existing = await db.savedView.findUnique({ where: key, select: { id: true } });
  if (!existing && (await db.savedView.count({ where: { organizationId: view.organizationId, userId: view.userId } })) >= SAVED_VIEWS_PER_USER_MAX) {
    throw new SavedViewError("too_many_views", `You have ${SAVED_VIEWS_PER_USER_MAX} saved views here — delete one, or save under an existing name to replace it.`);
  }
  const row = await db.savedView.upsert({
    where: key,
    create: { organizationId: view.organizationId, userId: view.userId, name, ...data },
    update: data,
    select: VIEW_SELECT,
  });

  return { view: toSavedView(row), replaced: existing !== null };
}

/** Deletes one of the person's views in the practice; false when there is no such view of theirs. */
export async function deleteSavedView(db: Db, target: { organizationId: string; userId: string; id: number }): Promise<boolean> {
  const deleted = await db.savedView.deleteMany({ where: { id: target.id, organizationId: target.organizationId, userId: target.userId } });

  return deleted.count > 0;
}
