/**
 * Pumps and ports (rule book §7, §1b): `pump_start_portable` → 96416 (G0498 for Medicare when the
 * office supplies the pump, CR 9749), `pump_refill_portable` → 96521, `pump_refill_implantable` →
 * 96522, each once per encounter; `port_flush` → 96523 only when nothing else is coded (SELECT;
 * accessing/flushing a port during an infusion is bundled, NOR-CHEMO), otherwise PORT_FLUSH_BUNDLED.
 */

import * as modelModule from "./model";
import type { Ctx, NormAdm } from "./model";
import * as outputModule from "./output";
import * as timeAndUnitsModule from "./time-and-units";

// Read once at load, not at every call (see "Imports" in index.ts).
const { adminIds, warn } = modelModule;
const { emit, hasOtherLine } = outputModule;
const { clock } = timeAndUnitsModule;

/** Emit pump services of one partition (one line per code). */
export function codePumps(ctx: Ctx, adms: readonly NormAdm[]): void {
  const byCode = new Map<string, NormAdm[]>();
  for (const a of adms) {
    const svc = a.src.service;
    const code =
      svc === "pump_start_portable"
        ? ctx.s.medicareOfficeSuppliedPump
          ? "G0498"
          : "96416"
        : svc === "pump_refill_portable"
          ? "96521"
          : svc === "pump_refill_implantable"
            ? "96522"
            : null;
    if (code === null) continue;
    const list = byCode.get(code);
    if (list === undefined) byCode.set(code, [a]);
    else list.push(a);
  }
  for (const [code, list] of byCode) {
    const first = list[0]!;
    const what =
      code === "G0498"
        ? "chemo infusion started on an office-supplied portable pump, Medicare (G0498 includes the pump; §7)"
        : code === "96416"
          ? "prolonged chemo infusion started on a portable/implantable pump (§7)"
          : code === "96521"
            ? "portable pump refill and maintenance (§7)"
            : "implantable pump refill and maintenance (§7)";
    const extra = list.length > 1 ? `; ${list.length} records, once per encounter` : "";
    emit(ctx, code, 1, first.date, adminIds(list), `${first.src.drug} at ${clock(first.src.start)}: ${what}${extra}`, 2);
  }
}

/**
 * Port flushes: called after every other service is coded. 96523 only when no other line is coded
 * (on the flush's date in `calendarDay` mode, in the whole encounter otherwise).
 */
export function codePortFlushes(ctx: Ctx, flushes: readonly NormAdm[]): void {
  if (flushes.length === 0) return;
  const byDate = new Map<string, NormAdm[]>();
  for (const f of flushes) {
    const list = byDate.get(f.date);
    if (list === undefined) byDate.set(f.date, [f]);
    else list.push(f);
  }
  for (const [date, list] of byDate) {
    const ids = adminIds(list);
    if (hasOtherLine(ctx, "96523", ctx.s.midnightRule === "calendarDay" ? date : "")) {
      warn(ctx, "PORT_FLUSH_BUNDLED", ids[0], `${ids.join(", ")}: port flush is bundled into the other services coded (§7, §1b 96523: only when nothing else is reported).`);
      continue;
    }
    emit(ctx, "96523", 1, date, ids, `port flush at ${clock(list[0]!.src.start)} with no other service (§7, §1b 96523)`, 2);
  }
}
