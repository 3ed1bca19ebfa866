/**
 * Column types of the tables the import pipeline writes with raw SQL, as PostgreSQL names them
 * (used for `unnest($n::type[])` casts). SQLite needs no types: values are encoded as the Prisma
 * adapter stores them.
 */
export type PgColumnType = "text" | "int4" | "timestamp" | "bool" | "jsonb";

export const PG_COLUMN_TYPES = {
  ImportError: {
    id: "int4", organizationId: "text", importBatchId: "int4", line: "int4", column: "text", code: "text",
    message: "text", severity: "text", rawRow: "text",
  },
  Encounter: {
    id: "int4", organizationId: "text", importBatchId: "int4", externalEncounterId: "text", patientKey: "text",
    patientIdSealed: "text", dateOfService: "text", weekStart: "text", site: "text", payer: "text", setting: "text",
    createdAt: "timestamp",
  },
  Administration: {
    id: "int4", organizationId: "text", encounterId: "int4", importBatchId: "int4", orderId: "text", drug: "text",
    hcpcs: "text", category: "text", categoryDocumented: "bool", route: "text", startAt: "timestamp", stopAt: "timestamp", startLocal: "text",
    stopLocal: "text", ivSite: "text", nurse: "text", primaryReason: "bool", service: "text", sourceLine: "int4",
  },
  CodedLine: {
    id: "int4", organizationId: "text", encounterId: "int4", engineVersion: "text", code: "text", units: "int4",
    modifiers: "text", dateOfService: "text", weekStart: "text", position: "int4", explanation: "text",
    administrationIds: "text", createdAt: "timestamp",
  },
  ClaimLine: {
    id: "int4", organizationId: "text", importBatchId: "int4", encounterId: "int4", claimId: "text", claimVersion: "int4",
    claimFrequency: "text", claimStatus: "text", payerClaimControlNumber: "text", lineControlNumber: "text",
    externalEncounterId: "text", patientKey: "text", patientIdSealed: "text", dateOfService: "text", weekStart: "text",
    payer: "text", site: "text", code: "text", modifiers: "text", billedUnits: "int4", paidUnits: "int4",
    billedCents: "int4", allowedCents: "int4", paidCents: "int4", status: "text", paidDate: "text",
    receivedDate: "text", sourceLine: "int4", createdAt: "timestamp",
  },
  ClaimAdjustment: {
    id: "int4", organizationId: "text", claimLineId: "int4", group: "text", reason: "text", amountCents: "int4", quantity: "int4",
  },
  ClaimRemark: { id: "int4", organizationId: "text", claimLineId: "int4", code: "text" },
  ProviderAdjustment: {
    id: "int4", organizationId: "text", importBatchId: "int4", payer: "text", providerId: "text", fiscalPeriodDate: "text",
    reason: "text", reference: "text", claimId: "text", amountCents: "int4", createdAt: "timestamp",
  },
  FeeScheduleRate: {
    id: "int4", organizationId: "text", payer: "text", code: "text", rateCents: "int4", effectiveFrom: "text", effectiveTo: "text",
  },
  DrugCatalogEntry: { id: "int4", organizationId: "text", hcpcs: "text", drug: "text", category: "text" },
} as const satisfies Record<string, Record<string, PgColumnType>>;

export type ImportTable = keyof typeof PG_COLUMN_TYPES;
