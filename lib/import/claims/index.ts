export * from "./claim-line";
export { parseCents, formatCents, type ParseCentsOptions } from "./parse-cents";
export { parseAdjustmentCodes, type ParseAdjustmentCodesResult } from "./parse-adjustment-codes";
export { normalizeClaimStatus, parseClaimFrequency } from "./normalize-claim-status";
export { deriveLineStatus, type LineStatusInput } from "./derive-line-status";
export { CLAIMS_COLUMNS } from "./claims-columns";
export { readClaimsCsv, splitModifiers, type ReadClaimsCsvOptions } from "./read-claims-csv";
export { netClaimVersions, type NetClaimPosition } from "./net-claim-versions";
export { readClaimsFile, detectClaimsFormat, type ReadClaimsFileOptions } from "./read-claims-file";
