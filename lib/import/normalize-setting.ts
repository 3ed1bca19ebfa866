/**
 * Billing setting spellings → `facility` | `professional`. Place-of-service codes are accepted:
 * 11 (office) → professional; 19/22 (hospital outpatient), 23 (ED), 21 (inpatient) → facility.
 */
export type BillingSetting = "facility" | "professional";

const SETTING_BY_KEY: Record<string, BillingSetting> = {
  facility: "facility", hospital: "facility", hopd: "facility", opps: "facility", outpatient: "facility",
  hospitaloutpatient: "facility", institutional: "facility", ub04: "facility", "19": "facility", "21": "facility",
  "22": "facility", "23": "facility", pos19: "facility", pos22: "facility", pos23: "facility", ed: "facility",
  professional: "professional", office: "professional", physicianoffice: "professional", pro: "professional",
  pfs: "professional", cms1500: "professional", "11": "professional", pos11: "professional", clinic: "professional",
};

/**
 * @example normalizeSetting("Office") //=> "professional"
 * @example normalizeSetting("POS 22") //=> "facility"
 */
export function normalizeSetting(raw: string): BillingSetting | undefined {
  const key = raw.toLowerCase().replace(/[^a-z0-9]+/g, "");
  return key === "" ? undefined : SETTING_BY_KEY[key];
}
