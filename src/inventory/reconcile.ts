import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Clock, Hold, StockLevel } from '../domain/types';
import type { AuditTrail } from '../audit/audit-trail';
import type { HoldsPort, OrdersPort, StockPort } from '../store/store';
import { APPLIED_KEPT } from '../store/quantities';
import { moveId } from './move-ids';

export interface ReconcileOptions {
  /** Drift must still be there, with the counters untouched, after this long: in-flight work finishes first. */
  settleMs: number;
  /** A converted hold with no order this long after its expiry was left by a checkout that died. */
  orphanGraceMs: number;
  /** Where repairs are recorded (by the reconciler). */
  audit?: AuditTrail;
}

export interface ReconcileReport {
  repaired: { sku: string; before: StockLevel; after: StockLevel }[];
  restocked: number;
  orphans: number;
  oversold: string[];
  /** Cart-line claims freed because their hold was missing or no longer active. */
  freedLines: number;
  /** SKUs whose counters or holds hold something other than whole numbers (written before the store refused them). */
  corrupt: string[];
}

/** `active`: the holds that reserve (carts' active holds, and substitutes offered for orders). */
function expected(s: StockLevel, active: Hold[], converted: Hold[]): StockLevel {
  const reserved = active.filter((h) => h.sku === s.sku).reduce((n, h) => n + h.qty, 0);
  const sold = converted.filter((h) => h.sku === s.sku).reduce((n, h) => n + h.qty, 0);
  return { sku: s.sku, received: s.received, reserved, sold, available: s.received - reserved - sold };
}
const whole = (s: StockLevel) => [s.received, s.available, s.reserved, s.sold].every(Number.isSafeInteger);
const same = (a: StockLevel, b: StockLevel) =>
  a.received === b.received && a.available === b.available && a.reserved === b.reserved && a.sold === b.sold;

/**
 * The move ids a repair of one product's counters accounts for, so that a retry finishing a move of its
 * first attempt (inventory.finishCheckout, restock) does not make it a second time: every checkout and
 * restock of the product's holds counts as made (the counters now come from the holds). Reservations
 * not backed by a hold were dropped by the repair, so their ids are forgotten: a retry reserves again.
 */
function coveredMoves(sku: string, converted: Hold[], restocked: Hold[]): (ids: readonly string[]) => string[] {
  const covered = [...converted.map((h) => ({ h, id: moveId.checkout(h.id) })), ...restocked.map((h) => ({ h, id: moveId.restock(h.id) }))]
    .filter(({ h }) => h.sku === sku).sort((a, b) => a.h.createdAt - b.h.createdAt).map(({ id }) => id);
  return (ids) => [...ids.filter((id) => !moveId.isReservation(id) && !covered.includes(id)), ...covered].slice(-APPLIED_KEPT);
}

/**
 * Recomputes reserved and sold from the holds, which are the record of truth, and repairs counters that
 * drifted (a process died between a hold's status change and its counter update). First it finishes what
 * dead processes left half-done: restocks of cancelled orders, conversions whose order was never written,
 * and cart-line claims whose hold is gone or finished (the next change of that line would take such a
 * claim over anyway; freeing it here keeps the store tidy and the figure visible).
 */
export async function reconcile(store: Pick<OrdersPort, 'listOrders'> & HoldsPort & StockPort, clock: Clock, log: Logger, opts: ReconcileOptions): Promise<ReconcileReport> {
  const report: ReconcileReport = { repaired: [], restocked: 0, orphans: 0, oversold: [], freedLines: 0, corrupt: [] };
  const orders = new Map((await store.listOrders({})).map((o) => [o.id, o]));
  for (const h of await store.listHolds({ status: 'converted' })) {
    const order = h.orderId ? orders.get(h.orderId) : undefined;
    if (order?.status === 'cancelled' && (await store.transitionHold(h, 'converted', 'restocked'))) report.restocked += 1;
    if (!order && h.expiresAt < clock.now() - opts.orphanGraceMs && (await store.transitionHold(h, 'converted', 'released'))) report.orphans += 1;
  }
  // A substitute offered for an order cancelled since (by a cancel that died before releasing it).
  for (const h of await store.listHolds({ status: 'offered' })) {
    if (h.orderId && orders.get(h.orderId)?.status === 'cancelled' && (await store.transitionHold(h, 'offered', 'released'))) report.restocked += 1;
  }
  report.freedLines = await store.repairCartLines();
  if (report.freedLines > 0) log.warn({ freed: report.freedLines }, 'freed cart-line claims left without an active hold');

  const drifted = async () => {
    const stock = await store.listStock();
    const active = [...await store.listHolds({ status: 'active' }), ...await store.listHolds({ status: 'offered' })];
    const converted = await store.listHolds({ status: 'converted' });
    const restocked = await store.listHolds({ status: 'restocked' });
    const rows = stock.map((s) => ({ s, want: expected(s, active, converted) })).filter(({ s, want }) => !same(s, want));
    return { rows, converted, restocked };
  };
  const first = (await drifted()).rows;
  if (first.length === 0) return report;
  await sleep(opts.settleMs);
  // The moves a repair accounts for come from the same reading of the holds as the repaired counters.
  const { rows, converted, restocked } = await drifted();
  const second = new Map(rows.map((d) => [d.s.sku, d]));
  for (const { s, want } of first) {
    if (!whole(s) || !whole(want)) { report.corrupt.push(s.sku); log.error({ sku: s.sku }, 'stock counters or holds are not whole numbers: left for a person to repair'); continue; }
    const again = second.get(s.sku);
    if (!again || !same(again.s, s) || !same(again.want, want)) continue;
    if (want.available < 0) { report.oversold.push(s.sku); log.error({ sku: s.sku, counters: s, holds: want }, 'more stock held and sold than received'); continue; }
    if (await store.replaceStock(s, want, coveredMoves(s.sku, converted, restocked))) {
      report.repaired.push({ sku: s.sku, before: s, after: want });
      await opts.audit?.stockReplaced(s.sku, { kind: 'reconciler' }, 'repair', s, want);
      log.warn({ sku: s.sku, before: s, after: want }, 'repaired stock counters that drifted from the holds');
    }
  }
  return report;
}
