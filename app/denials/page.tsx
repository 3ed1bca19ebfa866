import type { Metadata } from "next";
import { ComingSoon } from "@/components/coming-soon";

export const metadata: Metadata = { title: "Denials" };

export default function DenialsPage() {
  return <ComingSoon title="Denials" description="Denial rate by week, payer, reason and code, with add-on denials and unit cuts apart." />;
}
