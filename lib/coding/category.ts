/**
 * Substance category (rule book §2.1, §8.2; spec §3.6): chemo / therapeutic / hydration, plus the
 * hormonal-antineoplastic flag that picks 96402 over 96401 for SC/IM injections.
 *
 * Order of precedence:
 * 1. `administration.category` when documented (the hormonal flag still comes from the catalog);
 * 2. the organization catalog (`settings.drugCatalog`): HCPCS, then drug name;
 * 3. the built-in catalog by HCPCS (§8.2: explicit rows first, then J9000–J9999 = chemo);
 * 4. the built-in catalog by drug-name words (a drug word beats a fluid word: a drug added to a bag
 *    makes it not hydration, §2.1);
 * 5. otherwise therapeutic with UNKNOWN_CATEGORY (§8.2 step 13).
 */

import type { Administration, Category, CodingWarning, DrugCatalogEntry } from "./types";
import type { ResolvedSettings } from "./settings";

/** Catalog kinds; `biologic` and `electrolyte` resolve through settings (§13.8, §13.9). */
type Kind = "chemo" | "hormonal" | "biologic" | "therapeutic" | "electrolyte" | "hydration";

type BuiltInHit = { kind: Kind; hasFluid: boolean };

const BY_HCPCS: ReadonlyMap<string, BuiltInHit> = hcpcsHits([
  // §8.2 step 12: pre-packaged fluids.
  ["J7030", "hydration"], ["J7040", "hydration"], ["J7042", "hydration"], ["J7050", "hydration"],
  ["J7060", "hydration"], ["J7070", "hydration"], ["J7120", "hydration"],
  // §8.2 step 2: hormonal antineoplastics (leuprolide, goserelin, fulvestrant, degarelix [U]).
  ["J9217", "hormonal"], ["J9218", "hormonal"], ["J9202", "hormonal"], ["J9395", "hormonal"], ["J9155", "hormonal"],
  // §8.2 step 8: mesna is a protectant (therapeutic) although its code sits in J9 (see NOTES.md).
  ["J9209", "therapeutic"],
  // §8.2 step 4: biosimilars of oncologic mAbs (bevacizumab, rituximab, trastuzumab) [U].
  ["Q5107", "chemo"], ["Q5118", "chemo"], ["Q5126", "chemo"], ["Q5129", "chemo"],
  ["Q5115", "chemo"], ["Q5119", "chemo"], ["Q5123", "chemo"],
  ["Q5112", "chemo"], ["Q5113", "chemo"], ["Q5114", "chemo"], ["Q5116", "chemo"], ["Q5117", "chemo"],
  // §8.2 step 5: mAbs and complex biologics outside J9 (payer-dependent → settings.complexBiologics).
  ["J1745", "biologic"], ["Q5103", "biologic"], ["Q5104", "biologic"], ["Q5121", "biologic"],
  ["J2323", "biologic"], ["J2350", "biologic"], ["J3380", "biologic"], ["J3262", "biologic"],
  ["J0490", "biologic"], ["J0129", "biologic"],
  // §8.2 steps 6–11: therapeutic (denosumab per First Coast; IBX non-complex list; modulators, anti-emetics…).
  ["J0897", "therapeutic"], ["J1950", "therapeutic"], ["J3315", "therapeutic"], ["J0215", "therapeutic"],
  ["J0480", "therapeutic"], ["J0517", "therapeutic"], ["J0638", "therapeutic"], ["J0717", "therapeutic"],
  ["J1826", "therapeutic"], ["J2357", "therapeutic"], ["J0640", "therapeutic"], ["J0641", "therapeutic"],
  ["J2405", "therapeutic"], ["J2469", "therapeutic"], ["J1453", "therapeutic"], ["J1100", "therapeutic"],
  ["J1200", "therapeutic"], ["J1190", "therapeutic"], ["J1756", "therapeutic"], ["J1439", "therapeutic"],
  ["J3489", "therapeutic"], ["J2430", "therapeutic"],
  // §2.1 / §13.8: electrolytes.
  ["J3480", "electrolyte"], ["J3475", "electrolyte"],
]);

/** A J9000–J9999 code not listed above (§8.2 step 1). */
const J9_HIT: BuiltInHit = { kind: "chemo", hasFluid: false };

function hcpcsHits(rows: Array<[string, Kind]>): Map<string, BuiltInHit> {
  return new Map(rows.map(([hcpcs, kind]) => [hcpcs, { kind, hasFluid: false }]));
}

const BY_WORD: ReadonlyMap<string, Kind> = new Map<string, Kind>([
  ...words("chemo", [
    "oxaliplatin", "fluorouracil", "5-fu", "5fu", "carboplatin", "cisplatin", "paclitaxel", "docetaxel",
    "gemcitabine", "irinotecan", "cyclophosphamide", "doxorubicin", "epirubicin", "etoposide", "pemetrexed",
    "bortezomib", "azacitidine", "decitabine", "methotrexate", "rituximab", "trastuzumab", "bevacizumab",
    "pembrolizumab", "nivolumab", "cetuximab", "panitumumab", "daratumumab", "atezolizumab", "durvalumab",
    "ipilimumab", "pertuzumab", "vincristine", "vinblastine", "vinorelbine", "cabazitaxel", "eribulin",
    "ifosfamide", "bendamustine", "cytarabine", "carfilzomib", "brentuximab", "obinutuzumab", "ramucirumab",
    "cemiplimab", "dacarbazine", "bleomycin", "topotecan", "fludarabine",
  ]),
  ...words("hormonal", ["leuprolide", "goserelin", "fulvestrant", "degarelix"]),
  ...words("biologic", ["infliximab", "natalizumab", "ocrelizumab", "vedolizumab", "tocilizumab", "belimumab", "abatacept"]),
  ...words("therapeutic", [
    "leucovorin", "levoleucovorin", "mesna", "ondansetron", "palonosetron", "granisetron", "fosaprepitant",
    "dexamethasone", "methylprednisolone", "hydrocortisone", "diphenhydramine", "famotidine", "iron",
    "ferric", "ferumoxytol", "ivig", "globulin", "zoledronic", "pamidronate", "denosumab", "triptorelin",
    "ceftriaxone", "vancomycin", "dexrazoxane", "acetaminophen", "ketorolac", "lorazepam", "furosemide",
    "bicarbonate", "thiosulfate",
  ]),
  ...words("electrolyte", ["potassium", "kcl", "magnesium", "mgso4", "calcium", "phosphate"]),
  ...words("hydration", [
    "saline", "ns", "nacl", "sodium", "d5w", "d5ns", "d5", "dextrose", "lr", "lactated", "ringer", "ringers",
    "plasma-lyte", "plasmalyte", "normosol",
  ]),
]);

function words(kind: Kind, list: string[]): Array<[string, Kind]> {
  return list.map((w) => [w, kind]);
}

const PRECEDENCE: Record<Kind, number> = { chemo: 6, hormonal: 6, biologic: 5, therapeutic: 4, electrolyte: 2, hydration: 1 };

/** Memo of drug-name lookups (pure function of the string; bounded). */
const nameMemo = new Map<string, BuiltInHit | null>();

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45; // a-z 0-9 -
}

function lookupName(drug: string): BuiltInHit | null {
  const cached = nameMemo.get(drug);
  if (cached !== undefined) return cached;
  const s = drug.toLowerCase();
  let best: Kind | null = null;
  let hasFluid = false;
  let i = 0;
  while (i < s.length) {
    while (i < s.length && !isWordChar(s.charCodeAt(i))) i++;
    const from = i;
    while (i < s.length && isWordChar(s.charCodeAt(i))) i++;
    if (i > from) {
      const kind = BY_WORD.get(s.slice(from, i));
      if (kind !== undefined) {
        if (kind === "hydration") hasFluid = true;
        if (best === null || PRECEDENCE[kind] > PRECEDENCE[best]) best = kind;
      }
    }
  }
  const hit: BuiltInHit | null = best === null ? null : { kind: best, hasFluid };
  if (nameMemo.size > 50_000) nameMemo.clear();
  nameMemo.set(drug, hit);

  return hit;
}

type OrgCatalog = { byHcpcs: Map<string, Category>; byDrug: Map<string, Category> };
const orgMemo = new WeakMap<ReadonlyArray<DrugCatalogEntry>, OrgCatalog>();

function orgCatalog(entries: ReadonlyArray<DrugCatalogEntry>): OrgCatalog {
  let cat = orgMemo.get(entries);
  if (cat === undefined) {
    cat = { byHcpcs: new Map(), byDrug: new Map() };
    for (const e of entries) {
      if (e.hcpcs !== undefined && e.hcpcs.trim() !== "") cat.byHcpcs.set(e.hcpcs.trim().toUpperCase(), e.category);
      else if (e.drug !== undefined && e.drug.trim() !== "") cat.byDrug.set(e.drug.trim().toLowerCase(), e.category);
    }
    orgMemo.set(entries, cat);
  }

  return cat;
}

export type CategoryResult = { category: Category; hormonal: boolean };

/** Documented HCPCS, trimmed and upper-cased ("" when absent): the key of every HCPCS lookup. */
export function normalizedHcpcs(adm: Administration): string {
  const h = adm.hcpcs;
  if (h === undefined) return "";

  // Codes usually arrive normalized already; checking is cheaper than trim + toUpperCase.
  return isUpperAlphanumeric(h) ? h : h.trim().toUpperCase();
}

function isUpperAlphanumeric(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return false; // A-Z 0-9
  }

  return true;
}

function isJ9(h: string): boolean {
  return h.length === 5 && h.charCodeAt(0) === 74 /* J */ && h.charCodeAt(1) === 57 /* 9 */;
}

function kindToCategory(kind: Kind, hasFluid: boolean, s: ResolvedSettings): Category {
  switch (kind) {
    case "chemo":
    case "hormonal":
      return "chemo";
    case "biologic":
      return s.complexBiologics;
    case "therapeutic":
      return "therapeutic";
    case "electrolyte":
      // A fluid with an electrolyte added, given for volume, stays hydration (§2.1, CGS2012);
      // an electrolyte infusion alone follows the setting (§13.8).
      return hasFluid ? "hydration" : s.electrolytes;
    case "hydration":
      return "hydration";
  }
}

/** Built-in catalog only: kind by HCPCS (`normalizedHcpcs`), then by name. */
function builtInKind(hcpcs: string, drug: string): BuiltInHit | null {
  if (hcpcs !== "") {
    const hit = BY_HCPCS.get(hcpcs);
    if (hit !== undefined) return hit;
    if (isJ9(hcpcs)) return J9_HIT;
  }

  return lookupName(drug);
}

/**
 * Category of one administration. Pushes an UNKNOWN_CATEGORY warning when nothing matched and no
 * category was documented. `hcpcs`: `normalizedHcpcs(adm)`, when the caller has it already.
 */
export function resolveCategory(adm: Administration, s: ResolvedSettings, warnings: CodingWarning[], hcpcs = normalizedHcpcs(adm)): CategoryResult {
  const builtIn = builtInKind(hcpcs, adm.drug);
  const hormonal = builtIn !== null && builtIn.kind === "hormonal";
  if (adm.category !== undefined) return { category: adm.category, hormonal };
  if (s.drugCatalog !== undefined && s.drugCatalog.length > 0) {
    const org = orgCatalog(s.drugCatalog);
    const byH = hcpcs === "" ? undefined : org.byHcpcs.get(hcpcs);
    if (byH !== undefined) return { category: byH, hormonal };
    const byD = org.byDrug.get(adm.drug.trim().toLowerCase());
    if (byD !== undefined) return { category: byD, hormonal };
  }
  if (builtIn !== null) return { category: kindToCategory(builtIn.kind, builtIn.hasFluid, s), hormonal };
  warnings.push({
    code: "UNKNOWN_CATEGORY",
    administrationId: adm.id,
    message: `${adm.id}: category of "${adm.drug}"${adm.hcpcs ? ` (${adm.hcpcs})` : ""} is not documented and not in the catalog; coded as therapeutic (§8.2 step 13).`,
  });

  return { category: "therapeutic", hormonal: false };
}
