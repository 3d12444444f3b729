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

/**
 * The stock side of changes at picking time, with holds kept as the record of truth (the reconciler
 * recomputes the counters from them): what the customer is asked to take (a substitute, or the fewer units
 * found) is an `offered` hold of the order (reserved), a line found missing or short a `written_off` one. Every step is a conditional change of a hold's status, and only
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

  /** The offer taken: its units go from reserved to sold, once. */
  async sell(ref: HoldRef, orderId: string): Promise<void> {
    const won = await this.o.store.transitionHold(ref, 'offered', 'converted', { orderId });
    if (!won) return;
    const delta = { reserved: -won.qty, sold: won.qty };
    const after = await this.o.store.moveStock(won.sku, delta, moveId.checkout(won.id));
    await this.o.audit.stockMoved(won.sku, { kind: 'order', orderId }, 'offer taken', delta, after);
  }

  /** The offer declined, expired, or its proposal withdrawn: its units back on the shelf, once. */
  async unoffer(ref: HoldRef, orderId: string): Promise<void> {
    const won = await this.o.store.transitionHold(ref, 'offered', 'released');
    if (!won) return;
    const delta = { reserved: -won.qty, available: won.qty };
    const after = await this.o.store.moveStock(won.sku, delta, moveId.unoffer(won.id));
    await this.o.audit.stockMoved(won.sku, { kind: 'order', orderId }, 'offer released', delta, after);
  }

  /**
   * An order line found missing or short at picking time: its converted holds become written off (once: only
   * the winner of each moves counters). The `found` units (fewer than ordered) stay with the order as an
   * offered hold, reserved until the customer answers; the missing ones leave sold and received (a write-off).
   * `by`: who found it missing, for the audit trail.
   */
  async writeOffLine(a: { changeId: string; orderId: string; phone: string; sku: string; found: number; by: AuditActor }): Promise<void> {
    const { store, clock, audit } = this.o;
    const holds = (await store.listHolds({ orderId: a.orderId })).filter((h) => h.sku === a.sku && h.status === 'converted');
    let units = 0;
    for (const h of holds) if (await store.transitionHold(h, 'converted', 'written_off')) units += h.qty;
    if (units === 0) return;
    const found = Math.min(a.found, units);
    if (found > 0) {
      const now = clock.now();
      const hold: Hold = { id: offerHoldId(a.changeId), phone: a.phone, sku: a.sku, qty: found, status: 'offered', orderId: a.orderId, createdAt: now, expiresAt: now };
      if (!(await store.getHold(hold))) await store.insertHold(hold);
    }
    const delta = { sold: -units, reserved: found, received: -(units - found) };
    const after = await store.moveStock(a.sku, delta, moveId.writeOff(a.changeId));
    await audit.stockMoved(a.sku, a.by, 'written off (missing at picking)', delta, after);
  }
}

/** The hold of a substitute's units offered by a change. */
export const offerHoldId = (changeId: string) => `${changeId}-offer`;
