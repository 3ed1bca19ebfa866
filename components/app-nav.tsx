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

/** The top navigation; marks the current section with aria-current. */
export function AppNav() {
  const pathname = usePathname();

  return (
    <nav className="nav" aria-label="Main">
      {LINKS.map((link) => {
        const isCurrent = link.href === "/" ? pathname === "/" : pathname.startsWith(link.href);

        return (
          <Link key={link.href} href={link.href} aria-current={isCurrent ? "page" : undefined}>
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
