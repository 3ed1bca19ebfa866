import type { Metadata } from "next";
import { ComingSoon } from "@/components/coming-soon";

export const metadata: Metadata = { title: "Findings" };

export default function FindingsPage() {
  return <ComingSoon title="Findings" description="The findings worklist: every difference between what should have been billed and what was, with its cause, value and explanation." />;
}
