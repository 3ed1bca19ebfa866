import type { Metadata } from "next";
import { ComingSoon } from "@/components/coming-soon";

export const metadata: Metadata = { title: "Imports" };

export default function ImportsPage() {
  return <ComingSoon title="Imports" description="Upload sessions, claims and 835 files and see row errors and import history. Until then, use npm run cli -- import." />;
}
