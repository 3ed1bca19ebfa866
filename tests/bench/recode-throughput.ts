/**
 * Recode throughput (spec §8: ≥ 100,000 encounters/s on one core): `codeEncounter` over a generated
 * mix of encounters, beside a baseline measured in the same run (sorting each encounter's
 * administrations by start, the least any recode must do).
 */
import { codeEncounter, DEFAULT_CODING_SETTINGS } from "@/lib/coding/index";
import type { BenchCase } from "./bench-case";
import { generateEncounters } from "./generate-encounters";
import { formatRate, measureThroughput } from "./measure-throughput";

const ENCOUNTERS = 20_000;
const TARGET_PER_SECOND = 100_000;

export const recodeThroughput: BenchCase = {
  name: "recode",
  summary: `codeEncounter over ${ENCOUNTERS.toLocaleString("en-US")} generated encounters vs sorting administrations (target ≥ ${TARGET_PER_SECOND.toLocaleString("en-US")}/s)`,
  async run(log) {
    const encounters = generateEncounters(ENCOUNTERS);
    const admins = encounters.reduce((n, e) => n + e.administrations.length, 0);
    const settings = { ...DEFAULT_CODING_SETTINGS };
    let sink = 0;

    const baseline = measureThroughput(() => {
      for (const e of encounters) {
        const sorted = e.administrations.slice().sort((a, b) => a.start.at - b.start.at);
        sink += sorted.length;
      }
    }, encounters.length);
    // The engine needs a few rounds before V8 has optimized it (first rounds run 2–4× slower).
    const recode = measureThroughput(() => {
      for (const e of encounters) sink += codeEncounter(e, settings).lines.length;
    }, encounters.length, { warmupRounds: 6, minMs: 3000 });

    // Line counts so a change in the mix (or a broken engine) shows up beside the speed.
    const codes = new Map<string, number>();
    for (const e of encounters) for (const l of codeEncounter(e, settings).lines) codes.set(l.code, (codes.get(l.code) ?? 0) + l.units);
    const top = [...codes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);

    log(`recode: ${ENCOUNTERS.toLocaleString("en-US")} encounters, ${admins.toLocaleString("en-US")} administrations (avg ${(admins / ENCOUNTERS).toFixed(1)}), one core`);
    log(`  baseline (sort administrations by start): ${formatRate(baseline.perSecond)} encounters/s (${baseline.msPerRound.toFixed(1)} ms/round, ${baseline.rounds} rounds)`);
    log(`  codeEncounter:                            ${formatRate(recode.perSecond)} encounters/s (${recode.msPerRound.toFixed(1)} ms/round, ${recode.rounds} rounds)`);
    log(`  ratio recode / baseline time: ${(baseline.perSecond / recode.perSecond).toFixed(1)}×`);
    log(`  target ≥ ${formatRate(TARGET_PER_SECOND)} encounters/s: ${recode.perSecond >= TARGET_PER_SECOND ? "MET" : "MISSED"}`);
    log(`  units by code: ${top.map(([c, u]) => `${c}×${u}`).join(" ")}`);
    if (sink === -1) log("");
    return recode.perSecond >= TARGET_PER_SECOND;
  },
};
