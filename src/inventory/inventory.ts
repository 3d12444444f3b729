import type { Clock, Hold, Ids, Product } from '../domain/types';
import type { Store } from '../store/store';
import { noObserver, type Observer } from '../observe';

export type LineResult =
  | { ok: true; qty: number; previous: number }
  | { ok: false; reason: 'short'; available: number; held: number }
  | { ok: false; reason: 'unknown_product' };

/**
 * Stock reservations as expiring holds (the Saleor/Medusa pattern): a hold changes state by a conditional
 * update on its status, and only the caller that won that update moves the counters. So release, expiry,
 * checkout and restock each move stock exactly once, whatever races them.
 */
export class Inventory {
  constructor(
    private store: Store,
    private clock: Clock,
    private ids: Ids,
    private holdMs: number,
    private observer: Observer = noObserver,
  ) {}

  /** The phone's cart: its active holds. Overdue holds are expired first and returned separately. */
  async cart(phone: string): Promise<{ lines: Hold[]; expired: Hold[] }> {
    const active = await this.store.listHolds({ phone, status: 'active' });
    const now = this.clock.now();
    const expired: Hold[] = [];
    for (const h of active.filter((x) => x.expiresAt <= now)) {
      const won = await this.expire(h.id, now);
      if (won) expired.push(won);
    }
    return { lines: active.filter((h) => !expired.some((e) => e.id === h.id) && h.expiresAt > now), expired };
  }

  /** Sets the total quantity of one product in the cart; 0 removes the line. Reserves or releases the difference. */
  async setLine(phone: string, sku: string, qty: number): Promise<LineResult> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const result = await this.trySetLine(phone, sku, qty);
      if (result === 'retry') continue;
      this.observer.reservation(!result.ok ? 'short' : result.qty < result.previous ? 'released' : 'reserved');
      return result;
    }
    throw new Error(`cart line ${sku} kept changing under us`);
  }

  private async trySetLine(phone: string, sku: string, qty: number): Promise<LineResult | 'retry'> {
    const [existing] = await this.store.listHolds({ phone, sku, status: 'active' });
    const held = existing?.qty ?? 0;
    if (qty === held) return { ok: true, qty, previous: held };
    if (qty === 0) {
      if (!existing) return { ok: true, qty: 0, previous: 0 };
      const won = await this.release(existing.id);
      return won ? { ok: true, qty: 0, previous: held } : 'retry';
    }
    if (!existing) {
      if (!(await this.store.getProduct(sku))) return { ok: false, reason: 'unknown_product' };
      if (!(await this.store.reserveStock(sku, qty))) return this.short(sku, 0);
      const now = this.clock.now();
      const inserted = await this.store.insertHold({
        id: this.ids.next(), phone, sku, qty, status: 'active', createdAt: now, expiresAt: now + this.holdMs,
      });
      if (inserted) return { ok: true, qty, previous: 0 };
      // Another request opened this cart line first: give the stock back and adjust that line instead.
      await this.store.moveStock(sku, { available: qty, reserved: -qty });
      return 'retry';
    }
    if (qty > held) {
      const extra = qty - held;
      if (!(await this.store.reserveStock(sku, extra))) return this.short(sku, held);
      if (await this.store.setHoldQty(existing.id, held, qty)) return { ok: true, qty, previous: held };
      await this.store.moveStock(sku, { available: extra, reserved: -extra });
      return 'retry';
    }
    if (!(await this.store.setHoldQty(existing.id, held, qty))) return 'retry';
    await this.store.moveStock(sku, { available: held - qty, reserved: qty - held });
    return { ok: true, qty, previous: held };
  }

  private async short(sku: string, held: number): Promise<LineResult> {
    const stock = await this.store.getStock(sku);
    return { ok: false, reason: 'short', available: stock?.available ?? 0, held };
  }

  /** Releases one hold back to the shelf; true for the one caller that won. */
  async release(holdId: string): Promise<boolean> {
    const h = await this.store.transitionHold(holdId, 'active', 'released');
    if (!h) return false;
    await this.store.moveStock(h.sku, { available: h.qty, reserved: -h.qty });
    return true;
  }

  async releaseAll(phone: string): Promise<number> {
    let released = 0;
    for (const h of await this.store.listHolds({ phone, status: 'active' })) if (await this.release(h.id)) released += 1;
    return released;
  }

  /**
   * Keeps a customer's holds while they are still talking to us: their expiry moves to a full hold from
   * now. To spare a write per message, holds refreshed within the last minute (or tenth of the hold) are left.
   */
  async touch(phone: string, holds: Hold[]): Promise<void> {
    const now = this.clock.now();
    const slack = Math.min(60_000, this.holdMs / 10);
    if (holds.some((h) => h.expiresAt < now + this.holdMs - slack)) await this.store.extendHolds(phone, now + this.holdMs);
  }

  private async expire(holdId: string, now: number): Promise<Hold | undefined> {
    const h = await this.store.transitionHold(holdId, 'active', 'expired', { ifExpiredBy: now });
    if (!h) return undefined;
    await this.store.moveStock(h.sku, { available: h.qty, reserved: -h.qty });
    return h;
  }

  /** Expires every overdue hold; returns the holds this call expired. Safe to run from several places at once. */
  async sweep(): Promise<Hold[]> {
    const now = this.clock.now();
    const out: Hold[] = [];
    for (const h of await this.store.listHolds({ status: 'active', expiresBefore: now })) {
      const won = await this.expire(h.id, now);
      if (won) out.push(won);
    }
    return out;
  }

  /**
   * Turns holds into sold stock for an order. All or nothing: if any hold was lost meanwhile (expired,
   * released), the ones already converted go back to active and the caller learns which were lost.
   */
  async convert(holds: Hold[], orderId: string): Promise<{ ok: true } | { ok: false; lost: Hold[] }> {
    const done: Hold[] = [];
    const lost: Hold[] = [];
    for (const h of holds) {
      const won = await this.store.transitionHold(h.id, 'active', 'converted', { orderId });
      if (!won) { lost.push(h); continue; }
      await this.store.moveStock(won.sku, { reserved: -won.qty, sold: won.qty });
      done.push(won);
    }
    if (lost.length === 0) return { ok: true };
    for (const h of done) {
      const back = await this.store.transitionHold(h.id, 'converted', 'active');
      if (back) { await this.store.moveStock(back.sku, { reserved: back.qty, sold: -back.qty }); continue; }
      // The line was re-opened meanwhile, so this hold cannot be active again: put its stock back on the shelf.
      const released = await this.store.transitionHold(h.id, 'converted', 'released');
      if (released) await this.store.moveStock(released.sku, { sold: -released.qty, available: released.qty });
    }
    return { ok: false, lost };
  }

  /** Puts an order's sold stock back on the shelf, once per hold. */
  async restock(orderId: string): Promise<void> {
    for (const h of await this.store.listHolds({ orderId, status: 'converted' })) {
      const won = await this.store.transitionHold(h.id, 'converted', 'restocked');
      if (won) await this.store.moveStock(won.sku, { sold: -won.qty, available: won.qty });
    }
  }

  /** Sets units received; refused when that would leave fewer than are already held or sold. */
  async setReceived(sku: string, received: number): Promise<{ ok: true } | { ok: false; committed: number }> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const s = await this.store.getStock(sku);
      const delta = received - (s?.received ?? 0);
      if (delta === 0 && s) return { ok: true };
      if (await this.store.receiveStock(sku, delta)) return { ok: true };
      const now = await this.store.getStock(sku);
      if (now && now.received === s?.received) return { ok: false, committed: now.reserved + now.sold };
    }
    throw new Error(`stock of ${sku} kept changing under us`);
  }

  /** Up to `limit` in-stock products of the same category, closest in name first. */
  async alternatives(product: Product, limit = 3): Promise<Product[]> {
    const words = new Set(product.name.toLowerCase().split(/\W+/));
    const same = (await this.store.listProducts()).filter((p) => p.category === product.category && p.sku !== product.sku);
    const stock = new Map((await this.store.listStock()).map((s) => [s.sku, s.available]));
    const inStock: { p: Product; shared: number }[] = [];
    for (const p of same) {
      if ((stock.get(p.sku) ?? 0) < (p.unit === 'kg' ? 100 : 1)) continue;
      inStock.push({ p, shared: p.name.toLowerCase().split(/\W+/).filter((w) => words.has(w)).length });
    }
    return inStock.sort((a, b) => b.shared - a.shared || a.p.name.localeCompare(b.p.name)).slice(0, limit).map((x) => x.p);
  }
}
