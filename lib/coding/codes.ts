/**
 * Code table (rule book §1): our own short labels (never AMA descriptor text), the add-on flag and,
 * for add-ons, the primary codes that must be in the same output for the add-on to stand (§1 "May be
 * reported with"). Precomputed once at module load.
 */

export type CodeInfo = {
  code: string;
  label: string;
  isAddOn: boolean;
  /** Add-ons only: any of these in the output makes the add-on eligible (§1, §11 CO-B15). */
  parents: readonly string[];
};

const table: CodeInfo[] = [
  // §1a hydration, therapeutic infusions and injections
  { code: "96360", label: "Hydration, first hour", isAddOn: false, parents: [] },
  // Parents of 96361 per §1a (SELECT quoting CPT; advanceweb CPT 2008 parenthetical).
  { code: "96361", label: "Hydration, each extra hour", isAddOn: true, parents: ["96360", "96365", "96374", "96409", "96413"] },
  { code: "96365", label: "Drug infusion, first hour", isAddOn: false, parents: [] },
  { code: "96366", label: "Drug infusion, each extra hour", isAddOn: true, parents: ["96365", "96367"] },
  // 96360 added as a parent of 96367/96375 for the professional hydration-primary case (§4.2); see NOTES.md.
  { code: "96367", label: "Sequential new-drug infusion", isAddOn: true, parents: ["96365", "96374", "96409", "96413", "96360"] },
  { code: "96368", label: "Concurrent drug infusion", isAddOn: true, parents: ["96365", "96366", "96413", "96415", "96416"] },
  { code: "96369", label: "Subcutaneous infusion, first hour", isAddOn: false, parents: [] },
  { code: "96370", label: "Subcutaneous infusion, each extra hour", isAddOn: true, parents: ["96369"] },
  { code: "96371", label: "Subcutaneous infusion, new site/pump set-up", isAddOn: true, parents: ["96369"] },
  { code: "96372", label: "Drug injection, SC or IM", isAddOn: false, parents: [] },
  { code: "96373", label: "Drug injection, intra-arterial", isAddOn: false, parents: [] },
  { code: "96374", label: "Drug IV push, first", isAddOn: false, parents: [] },
  { code: "96375", label: "IV push, each new drug", isAddOn: true, parents: ["96365", "96374", "96409", "96413", "96360"] },
  { code: "96376", label: "IV push, same drug repeated (facility)", isAddOn: true, parents: ["96365", "96374", "96409", "96413"] },
  // §1b chemotherapy and complex drugs
  { code: "96401", label: "Chemo injection, SC or IM, non-hormonal", isAddOn: false, parents: [] },
  { code: "96402", label: "Chemo injection, SC or IM, hormonal", isAddOn: false, parents: [] },
  { code: "96409", label: "Chemo IV push, first", isAddOn: false, parents: [] },
  { code: "96411", label: "Chemo IV push, each new drug", isAddOn: true, parents: ["96409", "96413"] },
  { code: "96413", label: "Chemo infusion, first hour", isAddOn: false, parents: [] },
  { code: "96415", label: "Chemo infusion, each extra hour", isAddOn: true, parents: ["96413", "96417"] },
  { code: "96416", label: "Chemo pump start, prolonged infusion", isAddOn: false, parents: [] },
  { code: "96417", label: "Sequential new chemo infusion", isAddOn: true, parents: ["96413"] },
  { code: "96420", label: "Chemo intra-arterial push", isAddOn: false, parents: [] },
  { code: "96422", label: "Chemo intra-arterial infusion, first hour", isAddOn: false, parents: [] },
  { code: "96423", label: "Chemo intra-arterial infusion, each extra hour", isAddOn: true, parents: ["96422"] },
  { code: "96521", label: "Portable pump refill", isAddOn: false, parents: [] },
  { code: "96522", label: "Implantable pump refill", isAddOn: false, parents: [] },
  { code: "96523", label: "Port flush only", isAddOn: false, parents: [] },
  { code: "G0498", label: "Chemo pump start, office-supplied pump (Medicare)", isAddOn: false, parents: [] },
];

/** Code → info. Frozen lookup built once. */
export const CODES: ReadonlyMap<string, CodeInfo> = new Map(table.map((c) => [c.code, c]));

/** Look up a code that is known to be in the table (engine-internal codes only). */
export function codeInfo(code: string): CodeInfo {
  const info = CODES.get(code);
  if (info === undefined) throw new Error(`coding engine: unknown code ${code}`);

  return info;
}

/** Initial codes that count toward "one initial per encounter" (§4.3: NCCI-XI §N, RAC0071 adds 96369). */
export const INITIAL_CODES: ReadonlySet<string> = new Set(["96360", "96365", "96374", "96409", "96413", "96369", "96422", "96420", "96373"]);
