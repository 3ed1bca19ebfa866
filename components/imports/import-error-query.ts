import { z } from "zod";

/**
 * The row-error filters of a result page, from its URL search params (filters are state in the
 * URL, ui-guide §6): `code`, `column`, `page` (1-based). Bad values fall back to "no filter" /
 * page 1 rather than failing the page.
 */
export const IMPORT_ERRORS_PAGE_SIZE = 50;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const ZFilterText = z.preprocess(
  first,
  z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((value) => (value ? value : undefined)),
);

const ZImportErrorQuery = z.object({
  code: ZFilterText,
  column: ZFilterText,
  page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1)),
});

export type TImportErrorQuery = { code?: string; column?: string; page: number };

export function parseImportErrorQuery(searchParams: Record<string, string | string[] | undefined>): TImportErrorQuery {
  const parsed = ZImportErrorQuery.parse(searchParams);

  return {
    ...(parsed.code ? { code: parsed.code } : {}),
    ...(parsed.column ? { column: parsed.column } : {}),
    page: parsed.page,
  };
}

/**
 * The query string for a filter state (empty values dropped, page 1 omitted), starting with "?"
 * or empty.
 * @example importErrorQueryString({ code: "BAD_DATE", page: 2 }) //=> "?code=BAD_DATE&page=2"
 */
export function importErrorQueryString(query: Partial<TImportErrorQuery>): string {
  const params = new URLSearchParams();
  if (query.code) params.set("code", query.code);
  if (query.column) params.set("column", query.column);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const text = params.toString();

  return text ? `?${text}` : "";
}

/** 1-based page count for a total (at least 1). */
export function pageCount(total: number, pageSize = IMPORT_ERRORS_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
