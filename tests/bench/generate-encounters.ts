/**
 * A deterministic, realistic mix of infusion encounters for benchmarks (3–8 administrations each):
 * chemo regimens with pre-med pushes and hydration, biologics (with a pause), iron, hydration-only
 * visits, and therapeutic infusions with SC/IM injections. Same seed → same encounters.
 */
import type { Administration, Category, Encounter, Route } from "@/lib/coding/types";

/** mulberry32: small, fast, deterministic. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Drug = { drug: string; hcpcs: string; category?: Category };
const PREMEDS: Drug[] = [
  { drug: "Ondansetron", hcpcs: "J2405" },
  { drug: "Dexamethasone", hcpcs: "J1100" },
  { drug: "Diphenhydramine", hcpcs: "J1200" },
  { drug: "Famotidine", hcpcs: "J3490" },
  { drug: "Palonosetron", hcpcs: "J2469" },
];
const CHEMO: Drug[] = [
  { drug: "Oxaliplatin", hcpcs: "J9263" },
  { drug: "Paclitaxel", hcpcs: "J9267" },
  { drug: "Carboplatin", hcpcs: "J9045" },
  { drug: "Cisplatin", hcpcs: "J9060" },
  { drug: "Gemcitabine", hcpcs: "J9201" },
  { drug: "Fluorouracil", hcpcs: "J9190" },
];
const BIOLOGICS: Drug[] = [
  { drug: "Rituximab", hcpcs: "J9312" },
  { drug: "Infliximab", hcpcs: "J1745" },
  { drug: "Pembrolizumab", hcpcs: "J9271" },
  { drug: "Trastuzumab", hcpcs: "J9355" },
];
const IRON: Drug[] = [
  { drug: "Iron sucrose", hcpcs: "J1756" },
  { drug: "Ferric carboxymaltose", hcpcs: "J1439" },
];
const FLUIDS: Drug[] = [
  { drug: "Normal saline", hcpcs: "J7050", category: "hydration" },
  { drug: "Lactated Ringer's", hcpcs: "J7120", category: "hydration" },
];
const THERAPEUTIC: Drug[] = [
  { drug: "Ceftriaxone", hcpcs: "J0696" },
  { drug: "IVIG", hcpcs: "J1569" },
  { drug: "Zoledronic acid", hcpcs: "J3489" },
  { drug: "Leucovorin", hcpcs: "J0640" },
];
const INJECTIONS: Drug[] = [
  { drug: "Denosumab", hcpcs: "J0897" },
  { drug: "Pegfilgrastim", hcpcs: "J2506" },
  { drug: "Leuprolide", hcpcs: "J9217" },
];

const DAY0 = Date.UTC(2025, 0, 6, 13, 0); // a Monday, 08:00 in New York

/**
 * @example generateEncounters(2, 42).map((e) => e.administrations.length) //=> e.g. [6, 4]
 */
export function generateEncounters(count: number, seed = 20250304): Encounter[] {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const encounters: Encounter[] = [];

  for (let e = 0; e < count; e++) {
    const administrations: Administration[] = [];
    let clock = DAY0 + (Math.floor(e / 40) % 50) * 86_400_000 + int(0, 8 * 60) * 60_000;
    const site = random() < 0.7 ? "Port" : "L forearm";
    const add = (d: Drug, route: Route, minutes: number | null, options: { gap?: number; stop?: boolean } = {}): void => {
      const start = clock;
      const stopAt = minutes === null ? undefined : start + minutes * 60_000;
      const a: Administration = { id: `L${administrations.length + 2}`, drug: d.drug, hcpcs: d.hcpcs, route, start: tp(start) };
      if (d.category) a.category = d.category;
      if (stopAt !== undefined && options.stop !== false) a.stop = tp(stopAt);
      if (route !== "injection") a.ivSite = site;
      administrations.push(a);
      clock = (stopAt ?? start + 5 * 60_000) + (options.gap ?? int(0, 10)) * 60_000;
    };
    const premeds = (n: number): void => {
      for (let i = 0; i < n; i++) add(pick(PREMEDS), "iv_push", int(2, 5));
    };

    const kind = random();
    if (kind < 0.4) {
      // chemo regimen: hydration, 1–3 pre-med pushes, 1–2 chemo infusions (maybe leucovorin), hydration
      add(pick(FLUIDS), "iv_infusion", int(30, 60));
      premeds(int(1, 3));
      add(pick(CHEMO), "iv_infusion", pick([30, 60, 90, 120, 180, 240]));
      if (random() < 0.5) add(pick(CHEMO), "iv_infusion", int(20, 120));
      if (random() < 0.3) add(THERAPEUTIC[3]!, "iv_infusion", 120);
      if (random() < 0.6) add(pick(FLUIDS), "iv_infusion", int(20, 90));
    } else if (kind < 0.6) {
      // biologic with pre-meds, sometimes paused and restarted
      premeds(int(2, 3));
      const b = pick(BIOLOGICS);
      if (random() < 0.3) {
        add(b, "iv_infusion", int(60, 90), { gap: int(20, 60) });
        add(b, "iv_infusion", int(60, 150));
      } else add(b, "iv_infusion", int(90, 300));
      if (random() < 0.4) add(pick(FLUIDS), "iv_infusion", int(30, 60));
    } else if (kind < 0.75) {
      // iron, with hydration and sometimes a missing stop
      add(pick(FLUIDS), "iv_infusion", int(30, 60));
      add(pick(PREMEDS), "iv_push", int(2, 5));
      add(pick(IRON), "iv_infusion", int(10, 30), { stop: random() > 0.1 });
      if (random() < 0.5) add(pick(FLUIDS), "iv_infusion", int(20, 60));
    } else if (kind < 0.9) {
      // hydration only
      add(pick(FLUIDS), "iv_infusion", int(60, 180));
      add(pick(PREMEDS), "iv_push", int(2, 5));
      add(pick(FLUIDS), "iv_infusion", int(30, 120));
    } else {
      // therapeutic infusions and injections
      add(pick(THERAPEUTIC), "iv_infusion", int(30, 240));
      add(pick(PREMEDS), "iv_push", int(2, 5));
      add(pick(INJECTIONS), "injection", null);
      if (random() < 0.5) add(pick(THERAPEUTIC), "iv_infusion", int(20, 90));
      if (random() < 0.5) add(pick(INJECTIONS), "injection", null);
    }
    encounters.push({ id: `E${e + 1}`, administrations });
  }
  return encounters;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Epoch ms → TimePoint in New York standard time (the generated dates are all in January–February). */
function tp(at: number): { at: number; local: string } {
  const d = new Date(at - 5 * 3_600_000);
  return { at, local: `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}` };
}
