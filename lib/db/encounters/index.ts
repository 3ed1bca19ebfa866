/** Read side of the encounter page (organization-scoped). */
export * from "./get-encounter-detail";
