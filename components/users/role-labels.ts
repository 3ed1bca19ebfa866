import type { TMembershipRole } from "@/lib/db/types";

/** How a membership role reads on screen, and what it may do (Settings → Users). */
export const ROLE_LABELS: Record<TMembershipRole, string> = {
  owner: "Owner",
  billing: "Billing manager",
  consultant: "Consultant",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<TMembershipRole, string> = {
  owner: "everything, including users, two-factor policy and the audit log",
  billing: "imports, findings, exports, rules and reference data",
  consultant: "what a billing manager may, and can add practices",
  viewer: "dashboards, findings and encounters; no exports, imports or settings changes",
};
