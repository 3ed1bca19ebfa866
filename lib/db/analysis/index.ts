/**
 * The database side of the leakage analysis (spec §5): reads of encounters, administrations and
 * claim lines for the recompute, writes of Finding rows and the four rollup tables, payer settings,
 * analysis status and the rebill worklist. Orchestration: lib/analysis/recompute-organization.ts.
 */
export * from "./analysis-version";
export * from "./connection";
export * from "./read-analysis-data";
export * from "./write-analysis-results";
export * from "./write-transactions";
export * from "./reconcile-finding-work";
export * from "./analysis-snapshot";
export * from "./rebill";
export * from "./payer-settings";
export * from "./query-plans";
