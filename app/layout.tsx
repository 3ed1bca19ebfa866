import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
import { OrganizationSwitcher } from "@/components/organization-switcher";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "DripAudit", template: "%s · DripAudit" },
  description: "Infusion revenue-leakage analytics",
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="shell-header">
          <div className="shell-header-inner">
            <Link href="/" className="brand">
              <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true">
                <rect width="32" height="32" rx="7" fill="#1d4ed8" />
                <path d="M16 6c-4 6-7 9.5-7 13a7 7 0 0 0 14 0c0-3.5-3-7-7-13z" fill="#fff" />
              </svg>
              DripAudit
            </Link>
            <AppNav />
            <OrganizationSwitcher />
          </div>
        </header>
        <main className="main">{children}</main>
      </body>
    </html>
  );
}
