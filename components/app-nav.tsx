"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

type TNavLink = { href: string; label: string };

const PRACTICES_LINK = { href: "/practices", label: "Practices" } as const;
const LINKS_BEFORE_REPORTS = [
  { href: "/", label: "Overview" },
  { href: "/findings", label: "Findings" },
  { href: "/denials", label: "Denials" },
] as const;
const REPORTS_LINK = { href: "/reports", label: "Reports" } as const;
const LINKS_AFTER_REPORTS = [
  { href: "/imports", label: "Imports" },
  { href: "/settings", label: "Settings" },
] as const;
const USERS_LINK = { href: "/settings/users", label: "Users" } as const;
const AUDIT_LINK = { href: "/settings/audit", label: "Audit" } as const;

export type AppNavProps = {
  /** The user is a member of more than one practice (the portfolio). */
  showPractices?: boolean;
  /** The role in the current practice may see reports. */
  showReports?: boolean;
  /** Owners of the current practice. */
  showUsers?: boolean;
  showAudit?: boolean;
};

/**
 * The top navigation; marks the current section with aria-current (the longest matching link, so
 * /settings/users marks Users, not Settings). Role- and membership-dependent links are a courtesy:
 * the pages check access themselves.
 */
export function AppNav({ showPractices = false, showReports = false, showUsers = false, showAudit = false }: AppNavProps) {
  const pathname = usePathname();
  const links: readonly TNavLink[] = [
    ...(showPractices ? [PRACTICES_LINK] : []),
    ...LINKS_BEFORE_REPORTS,
    ...(showReports ? [REPORTS_LINK] : []),
    ...LINKS_AFTER_REPORTS,
    ...(showUsers ? [USERS_LINK] : []),
    ...(showAudit ? [AUDIT_LINK] : []),
  ];
  const matches = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  const current = links.filter((link) => matches(link.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;

  return (
    <nav className="nav" aria-label="Main">
      {links.map((link) => (
        <Link key={link.href} href={link.href} aria-current={link.href === current ? "page" : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
