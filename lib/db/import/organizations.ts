/**
 * Organization look-ups the importer needs: find-or-create by name (CLI `import --org`), and the
 * engine settings of an organization (setting, rule settings, drug catalog).
 */
import { DEFAULT_CODING_SETTINGS } from "@/lib/coding/index";
import type { Category, CodingSettings, DrugCatalogEntry } from "@/lib/coding/types";
import type { Db } from "../client";

export type TImportOrganization = { id: string; name: string; slug: string; timeZone: string; setting: string; weekStartsOn: number };

function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug || "practice";
}

const orgSelect = { id: true, name: true, slug: true, timeZone: true, setting: true, weekStartsOn: true } as const;

/** The organization named exactly `name` (else the one whose slug is the name), created when there is none. */
export async function findOrCreateOrganization(db: Db, name: string): Promise<{ organization: TImportOrganization; created: boolean }> {
  const trimmed = name.trim();
  const existing =
    (await db.organization.findFirst({ where: { name: trimmed }, select: orgSelect, orderBy: { createdAt: "asc" } })) ??
    (await db.organization.findUnique({ where: { slug: trimmed }, select: orgSelect }));
  if (existing) return { organization: existing, created: false };
  const base = slugify(trimmed);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (await db.organization.findUnique({ where: { slug }, select: { id: true } })) continue;
    const organization = await db.organization.create({ data: { name: trimmed, slug }, select: orgSelect });
    return { organization, created: true };
  }
}

const SETTING_KEYS: readonly (keyof CodingSettings)[] = [
  "midnightRule", "missingStop", "separateSiteModifier", "medicareOfficeSuppliedPump", "sequentialMinMinutes", "sumHydrationSegments",
  "shortInfusion", "concurrentMinOverlapMinutes", "addonDateAssignment", "electrolytes", "complexBiologics", "concurrentPer",
  "repeatPushMinGapMinutes", "multiVialJoinGapMinutes",
];

/** Engine settings of an organization: DEFAULT_CODING_SETTINGS, then ruleSettings, then its setting and drug catalog. */
export async function loadCodingSettings(db: Db, organizationId: string): Promise<{ organization: TImportOrganization; settings: CodingSettings } | null> {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { ...orgSelect, ruleSettings: true } });
  if (!organization) return null;
  const catalog = await db.drugCatalogEntry.findMany({
    where: { organizationId },
    select: { hcpcs: true, drug: true, category: true },
    orderBy: { id: "asc" },
  });
  const settings: CodingSettings = { ...DEFAULT_CODING_SETTINGS };
  const rules = organization.ruleSettings;
  if (rules && typeof rules === "object" && !Array.isArray(rules)) {
    for (const key of SETTING_KEYS) {
      const value = (rules as Record<string, unknown>)[key];
      if (value !== undefined && value !== null) (settings as Record<string, unknown>)[key] = value;
    }
  }
  if (organization.setting === "facility" || organization.setting === "professional") settings.setting = organization.setting;
  const drugCatalog: DrugCatalogEntry[] = catalog.map((e) => ({
    ...(e.hcpcs ? { hcpcs: e.hcpcs } : {}),
    ...(e.drug ? { drug: e.drug } : {}),
    category: e.category as Category,
  }));
  if (drugCatalog.length > 0) settings.drugCatalog = drugCatalog;
  const { ruleSettings: _ignored, ...rest } = organization;
  return { organization: rest, settings };
}
