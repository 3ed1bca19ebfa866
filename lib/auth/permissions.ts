import type { TMembershipRole } from "@/lib/db/types";

/**
 * The one permission table: which membership role may do what in a practice. Every page, route
 * handler and server action asks `can(role, action)` through lib/auth's guards; nothing else
 * decides access. A new screen or endpoint adds its action here first.
 *
 * - owner: everything, including users, two-factor policy, practice deletion and the audit log;
 * - billing: imports, findings, exports, rules, fee schedule, drug catalog, timely filing;
 * - consultant: what billing may, in each practice they are a member of (plus adding practices);
 * - viewer: dashboards, findings and encounter pages; no exports, imports, finding work or settings changes.
 */
export const PERMISSIONS = {
  /** Overview, denials and the analysis status they poll. */
  "dashboard.view": ["owner", "billing", "consultant", "viewer"],
  /** The findings worklist and rebill candidates on screen. */
  "findings.view": ["owner", "billing", "consultant", "viewer"],
  /** One encounter's timeline, canonical and billed lines (patient-level PHI). */
  "encounter.view": ["owner", "billing", "consultant", "viewer"],
  /** See patients' ids (MRNs) on the encounter page, the findings table and exports; others see patient keys. */
  "patients.identify": ["owner", "billing", "consultant"],
  /** The finding workflow: status, assignee, due date and notes on findings (issue [11/12]). */
  "findings.work": ["owner", "billing", "consultant"],
  /** Findings and rebill CSV downloads. */
  "findings.export": ["owner", "billing", "consultant"],
  /** The Reports screen's preview (de-identified for roles that may not identify patients) and the portfolio. */
  "reports.view": ["owner", "billing", "consultant", "viewer"],
  /** Build and download client reports (PDF, HTML, Excel workbook). */
  "reports.export": ["owner", "billing", "consultant"],
  /** Import history, results and row errors (row errors quote raw rows). */
  "imports.view": ["owner", "billing", "consultant"],
  /** Upload files, answer column mappings. */
  "imports.create": ["owner", "billing", "consultant"],
  /** Download an import's row errors as CSV. */
  "imports.export": ["owner", "billing", "consultant"],
  /** Read the settings pages. */
  "settings.view": ["owner", "billing", "consultant", "viewer"],
  /** Rules, fee schedule, drug catalog, timely filing. */
  "rules.edit": ["owner", "billing", "consultant"],
  /** The practice's name, time zone, setting and week start. */
  "practice.edit": ["owner"],
  /** Add a practice (the creator becomes its owner). Checked against any membership. */
  "practice.create": ["owner", "consultant"],
  /** Delete the demo practice. */
  "demo.clear": ["owner"],
  /** Delete all of the practice's data (its audit trail stays). */
  "practice.delete": ["owner"],
  /** Members, roles, setup and reset links, the two-factor requirement. */
  "users.manage": ["owner"],
  /** The practice's audit trail. */
  "audit.view": ["owner"],
} as const satisfies Record<string, readonly TMembershipRole[]>;

export type TAction = keyof typeof PERMISSIONS;

export const ACTIONS = Object.keys(PERMISSIONS) as TAction[];

/** Whether a member with this role may perform the action in their practice. */
export function can(role: TMembershipRole, action: TAction): boolean {
  return (PERMISSIONS[action] as readonly TMembershipRole[]).includes(role);
}

/** Plain words for a refusal, e.g. "Your role (viewer) cannot export findings in this practice." */
export const ACTION_LABELS: Record<TAction, string> = {
  "dashboard.view": "see the dashboards",
  "findings.view": "see the findings",
  "encounter.view": "see encounters",
  "patients.identify": "see patient ids",
  "findings.work": "work findings (status, assignee, notes)",
  "findings.export": "export findings",
  "reports.view": "see reports",
  "reports.export": "build and download reports",
  "imports.view": "see imports",
  "imports.create": "import files",
  "imports.export": "download import errors",
  "settings.view": "see the settings",
  "rules.edit": "change rules and reference data",
  "practice.edit": "change the practice's details",
  "practice.create": "add practices",
  "demo.clear": "clear the demo practice",
  "practice.delete": "delete the practice",
  "users.manage": "manage users",
  "audit.view": "see the audit log",
};

export function forbiddenMessage(role: TMembershipRole, action: TAction): string {
  return `Your role (${role}) cannot ${ACTION_LABELS[action]} in this practice — ask an owner.`;
}
