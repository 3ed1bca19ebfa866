/**
 * Special-service spellings (pump starts and refills, port flushes, new SC sites) → the engine's
 * `SpecialService`. Accepts the codes themselves too (96416, 96521, 96522, 96523, 96371, G0498).
 */
import type { SpecialService } from "../coding/types";

const SERVICE_BY_KEY: Record<string, SpecialService> = {};
const add = (service: SpecialService, spellings: string[]): void => {
  for (const s of spellings) SERVICE_BY_KEY[serviceKey(s)] = service;
};

function serviceKey(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

add("pump_start_portable", ["pump_start_portable", "pump start", "portable pump start", "pump connect", "pump hookup", "pump initiation", "start pump", "96416", "G0498"]);
add("pump_refill_portable", ["pump_refill_portable", "pump refill", "portable pump refill", "refill pump", "pump maintenance", "96521"]);
add("pump_refill_implantable", ["pump_refill_implantable", "implantable pump refill", "implanted pump refill", "implantable pump", "96522"]);
add("port_flush", ["port_flush", "port flush", "flush", "port access flush", "port maintenance", "96523"]);
add("subq_new_site", ["subq_new_site", "subq new site", "new subq site", "sc new site", "new sc site", "additional sc site", "96371"]);

/**
 * @example normalizeSpecialService("Pump start") //=> "pump_start_portable"
 */
export function normalizeSpecialService(raw: string): SpecialService | undefined {
  const key = serviceKey(raw);
  return key === "" ? undefined : SERVICE_BY_KEY[key];
}
