import type { Metadata } from "next";
import { ComingSoon } from "@/components/coming-soon";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return <ComingSoon title="Settings" description="Organization, time zone, setting, coding rules, fee schedule, drug catalog and users." />;
}
