/** The Settings page's reads and writes (organization-scoped) and the rule options it edits. */
export * from "./organization-settings";
export * from "./reference-data";
export * from "./rule-options";
