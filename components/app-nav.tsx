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

/**
 * The top navigation; marks the current section with aria-current (the longest matching link, so
 * /settings/users marks Users, not Settings). "Users" shows for owners of the current practice
 * only: hiding it is a courtesy, the page checks the role itself.
 */
export function AppNav({ showUsers = false }: { showUsers?: boolean }) {
  const pathname = usePathname();
  const links: readonly { href: string; label: string }[] = showUsers ? [...LINKS, USERS_LINK] : LINKS;
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
