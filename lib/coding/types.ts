/**
 * The coding engine's contract: what goes in (one encounter and its settings) and what comes out
 * (canonical lines and warnings). Pure data; no Date objects, no I/O.
 */

export type Category = "chemo" | "therapeutic" | "hydration";

export type Route =
  | "iv_infusion"
  | "iv_push"
  | "subq_infusion"
  | "injection" // SC or IM
  | "intra_arterial"
  | "other";

/** Special services that are not timed drug administrations (rule book §7). */
export type SpecialService =
  | "pump_start_portable" // 96416 (or G0498 for Medicare with an office-supplied pump)
  | "pump_refill_portable" // 96521
  | "pump_refill_implantable" // 96522
  | "port_flush" // 96523, only when nothing else is billed
  | "subq_new_site"; // 96371

/**
 * A point in time known two ways: `at` (UTC epoch milliseconds) for arithmetic, so durations stay
 * correct across DST changes, and `local` (wall-clock `YYYY-MM-DDTHH:mm` in the practice's time
 * zone) for dates of service and explanations. The importer fills both.
 */
export type TimePoint = { at: number; local: string };

export type Administration = {
  /** Stable id within the import (e.g. `L12` for the file line it came from). */
  id: string;
  drug: string;
  hcpcs?: string;
  /** When absent, derived from hcpcs/drug catalog; otherwise therapeutic + UNKNOWN_CATEGORY (§8.2). */
  category?: Category;
  route: Route;
  start: TimePoint;
  /** Absent = not documented (MISSING_STOP). */
  stop?: TimePoint;
  /** Vascular access site label; a different site may justify a second initial (§4.3). */
  ivSite?: string;
  /** Documented primary reason for the visit (professional setting, §4.2). */
  primaryReason?: boolean;
  service?: SpecialService;
  /** Carried from the source for storage and display; the engine ignores it. */
  nurse?: string;
  /** MAR order id, carried from the source for storage; the engine ignores it. */
  orderId?: string;
};

export type Encounter = {
  id: string;
  administrations: Administration[];
};

export type CodingSettings = {
  setting: "facility" | "professional";
  /** `encounter`: CMS, one initial per encounter; `calendarDay`: CPT, a new initial each date (§3.5, §13.7). */
  midnightRule: "encounter" | "calendarDay";
  /** `push`: an IV drug with no stop is coded as a push; `none`: nothing time-based is coded (§2.2, §13.10). */
  missingStop: "push" | "none";
  separateSiteModifier: "XU" | "59";
  /** Rule set by year of date of service. */
  year?: number;
  /** Medicare with an office-supplied portable pump: G0498 instead of 96416 (§7). */
  medicareOfficeSuppliedPump?: boolean;

  // Rule-book conflicts (§13) and [U] points as settings. Optional: absent = the default documented on
  // DEFAULT_CODING_SETTINGS (lib/coding/settings.ts).

  /** Minimum minutes (after deductions) for a sequential infusion 96367/96417 (§3.2, §13.1). */
  sequentialMinMinutes?: number;
  /** Add non-concurrent hydration segments together (CPT Assistant) or not (§3.4, §13.2). */
  sumHydrationSegments?: boolean;
  /** An IV infusion that ran 1–15 min: a push (§3.2) or a discontinued infusion with modifier 53 (§13.4). */
  shortInfusion?: "push" | "discontinued53";
  /** Two drug infusions that overlap at least this many minutes are concurrent (96368) (§3.4, §13.5). */
  concurrentMinOverlapMinutes?: number;
  /** Date of a post-midnight add-on unit: the date its threshold minute falls on, or the start date (§3.5, §13.7). */
  addonDateAssignment?: "thresholdMinute" | "startDate";
  /** Electrolyte-only infusions (potassium, magnesium…) without a fluid: therapeutic or hydration (§2.1, §13.8). */
  electrolytes?: "therapeutic" | "hydration";
  /** Monoclonal antibodies / complex biologics outside J9 (infliximab…): chemo (96413) or therapeutic (96365) (§8.2 step 5, §13.9). */
  complexBiologics?: "chemo" | "therapeutic";
  /** 96368 at most once per encounter or once per date of service (§6, §13.11). */
  concurrentPer?: "encounter" | "dateOfService";
  /** A repeat push of the same drug needs more than this many minutes since the last reported push (§3.2). */
  repeatPushMinGapMinutes?: number;
  /**
   * Records of the same drug by the same route (IV push, SC/IM injection) at the same site are one dose
   * (one push or injection, one unit) when the next starts at most this many minutes after the last
   * one's documented end: 0 = only touching or overlapping times (§16.3, §1a NOR-INIT; NOTES.md 24).
   */
  multiVialJoinGapMinutes?: number;
  /** Organization drug-catalog overrides (spec §3.6); matched by HCPCS first, then by drug name. */
  drugCatalog?: ReadonlyArray<DrugCatalogEntry>;
};

/** One organization catalog row (spec §3.6): `hcpcs` and/or `drug` (case-insensitive) → category. */
export type DrugCatalogEntry = { hcpcs?: string; drug?: string; category: Category };

export type WarningCode =
  | "MISSING_STOP"
  | "UNKNOWN_CATEGORY"
  | "HYDRATION_TOO_SHORT"
  | "OVERLAP_SAME_DRUG"
  | "STOP_BEFORE_START"
  | "ZERO_DURATION"
  | "SECOND_SITE_NEEDS_DOCUMENTATION"
  | "HYDRATION_SEGMENTS_SUMMED"
  | "OVERLAP_REVIEW"
  | "CHEMO_WITH_CHEMO_OVERLAP"
  | "CONCURRENT_ALREADY_REPORTED"
  | "SEQUENTIAL_TOO_SHORT"
  | "REPEAT_PUSH_NOT_BILLABLE"
  | "DISCONTINUED_INFUSION"
  | "PORT_FLUSH_BUNDLED"
  | "ORPHAN_ADDON_DROPPED"
  | "UNSUPPORTED_ROUTE"
  | "DUPLICATE_ADMINISTRATION"
  | (string & {});

export type CodingWarning = {
  code: WarningCode;
  administrationId?: string;
  message: string;
};

export type CodedLine = {
  code: string;
  units: number;
  modifiers: string[];
  /** Ids of the administrations this line came from. */
  administrationIds: string[];
  /** Plain English with the time math and the rule book section, e.g. "(§3.3)". */
  explanation: string;
  /** Our own short label (never AMA descriptor text). */
  label: string;
  isAddOn: boolean;
  /** `YYYY-MM-DD` line-item date of service (§3.5). */
  dateOfService: string;
};

export type CodingResult = { lines: CodedLine[]; warnings: CodingWarning[] };
