"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/findings", label: "Findings" },
  { href: "/denials", label: "Denials" },
  { href: "/imports", label: "Imports" },
  { href: "/settings", label: "Settings" },
] as const;

const USERS_LINK = { href: "/settings/users", label: "Users" } as const;
const AUDIT_LINK = { href: "/settings/audit", label: "Audit" } as const;

/**
 * The top navigation; marks the current section with aria-current (the longest matching link, so
 * /settings/users marks Users, not Settings). "Users" and "Audit" show for owners of the current
 * practice only: hiding them is a courtesy, the pages check the role themselves.
 */
export function AppNav({ showUsers = false, showAudit = false }: { showUsers?: boolean; showAudit?: boolean }) {
  const pathname = usePathname();
  const links: readonly { href: string; label: string }[] = [...LINKS, ...(showUsers ? [USERS_LINK] : []), ...(showAudit ? [AUDIT_LINK] : [])];
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
