/**
 * Allowed values of the string columns that stand in for enums (kept as strings so both providers
 * and raw-SQL bulk inserts share one encoding). The schema comments list the same values.
 */
export const MEMBERSHIP_ROLES = ["owner", "billing", "consultant", "viewer"] as const;
export type TMembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const ORGANIZATION_SETTINGS = ["facility", "professional"] as const;
export type TOrganizationSetting = (typeof ORGANIZATION_SETTINGS)[number];

export const IMPORT_KINDS = ["sessions", "mar", "claims", "remittance_835", "fee_schedule", "drug_catalog"] as const;
export type TImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_STATUSES = ["pending", "running", "succeeded", "failed"] as const;
export type TImportStatus = (typeof IMPORT_STATUSES)[number];

export const FINDING_CAUSES = ["coding", "documentation", "payer", "compliance"] as const;
export type TFindingCause = (typeof FINDING_CAUSES)[number];

export const CLAIM_LINE_STATUSES = ["paid", "partial", "denied", "reversed", "pending"] as const;
export type TClaimLineStatus = (typeof CLAIM_LINE_STATUSES)[number];
