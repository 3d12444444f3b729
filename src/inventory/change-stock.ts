import type { AuditActor } from '../domain/owner';
import type { Clock, Hold } from '../domain/types';
import type { AuditTrail } from '../audit/audit-trail';
import type { HoldRef, HoldsPort, StockPort } from '../store/store';
import { moveId } from './move-ids';

export interface ChangeStockOptions {
  store: StockPort & HoldsPort;
  clock: Clock;
  audit: AuditTrail;
}

/** How the units of an order line end once its change is settled (see docs/guarantees.md). */
export interface LineOutcome {
  /** Not on the shelf (missing, damaged): they leave `sold` and `received`, a write-off. */
  missing: number;
  /** Still going to the customer: they stay `sold`, under a new hold of the order. */
  kept: number;
  /** Found, but no longer wanted (the customer said no to fewer): back to `available`. The rest of the line. */
}

/**
 * The stock side of changes at picking time, with holds kept as the record of truth (the reconciler
 * recomputes the counters from them): a substitute's units are an `offered` hold of the order (reserved), a
 * line found missing a `written_off` one. Every step is a conditional change of a hold's status, and only
 * its winner moves the counters, under a move id, so a retried step moves nothing twice.
 */
export class ChangeStock {
  constructor(private o: ChangeStockOptions) {}

  /**
   * Reserves a substitute's units for an order while its customer is asked, so their "yes" cannot fail:
   * false (nothing reserved) when fewer are on the shelf.
   */
  async offer(a: { changeId: string; orderId: string; phone: string; sku: string; qty: number; by: AuditActor }): Promise<boolean> {
    const { store, clock, audit } = this.o;
    const opId = moveId.offer(a.changeId);
    if (!(await store.reserveStock(a.sku, a.qty, opId))) return false;
    const now = clock.now();
    const hold: Hold = { id: offerHoldId(a.changeId), phone: a.phone, sku: a.sku, qty: a.qty, status: 'offered', orderId: a.orderId, createdAt: now, expiresAt: now };
    try {
      if (!(await store.getHold(hold))) await store.insertHold(hold);
    } catch (err) {
      if (!(await store.getHold(hold))) await store.unreserveStock(a.sku, a.qty, opId);
      throw err;
    }
    await audit.stockMoved(a.sku, a.by, 'substitute offered', { available: -a.qty, reserved: a.qty });
    return true;
  }

  /** The substitute taken: its units go from reserved to sold, once. */
  async sell(ref: HoldRef, orderId: string): Promise<void> {
    const won = await this.o.store.transitionHold(ref, 'offered', 'converted', { orderId });
    if (!won) return;
    const delta = { reserved: -won.qty, sold: won.qty };
    const after = await this.o.store.moveStock(won.sku, delta, moveId.checkout(won.id));
    await this.o.audit.stockMoved(won.sku, { kind: 'order', orderId }, 'substitute taken', delta, after);
  }

  /** The substitute declined, expired or its proposal withdrawn: its units back on the shelf, once. */
  async unoffer(ref: HoldRef, orderId: string): Promise<void> {
    const won = await this.o.store.transitionHold(ref, 'offered', 'released');
    if (!won) return;
    const delta = { reserved: -won.qty, available: won.qty };
    const after = await this.o.store.moveStock(won.sku, delta, moveId.unoffer(won.id));
    await this.o.audit.stockMoved(won.sku, { kind: 'order', orderId }, 'substitute released', delta, after);
  }

  /**
   * Settles one order line's units: its converted holds become written off (once: only the winner of each
   * moves counters), `kept` units stay sold under a new hold of the order, `missing` ones leave sold and
   * received, and the rest go back on the shelf. `by`: who found it missing, for the audit trail.
   */
  async settleLine(a: { changeId: string; orderId: string; phone: string; sku: string; outcome: LineOutcome; by: AuditActor }): Promise<void> {
    const { store, clock, audit } = this.o;
    const holds = (await store.listHolds({ orderId: a.orderId })).filter((h) => h.sku === a.sku && h.status === 'converted');
    let units = 0;
    for (const h of holds) if (await store.transitionHold(h, 'converted', 'written_off')) units += h.qty;
    if (units === 0) return;
    const missing = Math.min(a.outcome.missing, units);
    const kept = Math.min(a.outcome.kept, units - missing);
    const back = units - missing - kept;
    if (kept > 0) {
      const now = clock.now();
      const hold: Hold = { id: keptHoldId(a.changeId), phone: a.phone, sku: a.sku, qty: kept, status: 'converted', orderId: a.orderId, createdAt: now, expiresAt: now };
      if (!(await store.getHold(hold))) await store.insertHold(hold);
    }
    const delta = { sold: -(missing + back), received: -missing, available: back };
    if (missing + back === 0) return;
    const after = await store.moveStock(a.sku, delta, moveId.writeOff(a.changeId));
    await audit.stockMoved(a.sku, a.by, missing ? 'written off (missing at picking)' : 'back on the shelf (order changed)', delta, after);
  }
}

/** The hold of a substitute's units offered by a change. */
export const offerHoldId = (changeId: string) => `${changeId}-offer`;
/** The hold of the units of a line still going to the customer after a change. */
export const keptHoldId = (changeId: string) => `${changeId}-kept`;
