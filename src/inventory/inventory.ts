import type { Clock, Hold, Ids, Product, StockLevel } from '../domain/types';
import { isSoldByWeight } from '../domain/units';
import type { CatalogPort, HoldRef, HoldsPort, StockPort } from '../store/store';
import { noObserver, type Observer } from '../observe';
import type { AuditTrail } from '../audit/audit-trail';
import { moveId } from './move-ids';
import { ADMIN, type ConsoleActor } from '../domain/owner';
import type { DomainEventSink } from '../events/domain-events';

export type LineResult =
  | { ok: true; qty: number; previous: number }
  | { ok: false; reason: 'short'; available: number; held: number }
  | { ok: false; reason: 'unknown_product' }
  /** The owner hid the product: nothing more of it goes into a cart. */
  | { ok: false; reason: 'hidden' }
  /** Not a whole, finite, non-negative number of base units: nothing was changed. */
  | { ok: false; reason: 'bad_quantity' }
  /** More than one cart line may hold (the product's maxPerOrder, else the store's limit): nothing was changed. */
  | { ok: false; reason: 'over_limit'; limit: number };

export interface InventoryLimits {
  /** Most pieces one cart line may hold. */
  maxUnitsPerLine: number;
  /** Most grams one cart line of a product sold by weight may hold. */
  maxGramsPerLine: number;
  /** A hold renewed by messages still ends this long after it was made (the cart's oldest line sets it for the cart). */
  holdMaxMs: number;
}

export const DEFAULT_LIMITS: InventoryLimits = { maxUnitsPerLine: 30, maxGramsPerLine: 10_000, holdMaxMs: 120 * 60_000 };

/** A quantity fit to meet the stock counters: a whole, finite, non-negative number within safe integers. */
export const isQuantity = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** The most of a product one cart line may hold, in its base unit. */
export function lineLimit(p: Product, limits: Pick<InventoryLimits, 'maxUnitsPerLine' | 'maxGramsPerLine'>): number {
  if (p.maxPerOrder !== undefined && isQuantity(p.maxPerOrder) && p.maxPerOrder > 0) return p.maxPerOrder;
  return isSoldByWeight(p.unit) ? limits.maxGramsPerLine : limits.maxUnitsPerLine;
}

/**
 * Stock reservations as expiring holds (the Saleor/Medusa pattern): a hold changes state by a conditional
 * update on its status, and only the caller that won that update moves the counters. So release, expiry,
 * checkout and restock each move stock exactly once, whatever races them.
 */
export interface InventoryOptions {
  /** The counters, the holds on them, and the products (for a line's limit and a short product's alternatives). */
  store: StockPort & HoldsPort & CatalogPort;
  clock: Clock;
  ids: Ids;
  /** How long a hold lasts unless renewed. */
  holdMs: number;
  observer?: Observer;
  limits?: InventoryLimits;
  /** Where changes of stock that are not a customer's own cart are recorded (checkout, cancel, expiry, admin). */
  audit: AuditTrail;
  /** Told of stock received (`stock.received`): customers waiting for the product hear it is back. */
  events?: DomainEventSink;
}

export class Inventory {
  private store: InventoryOptions['store'];
  private clock: Clock;
  private ids: Ids;
  private holdMs: number;
  private observer: Observer;
  readonly limits: InventoryLimits;
  readonly audit: AuditTrail;
  private events: DomainEventSink | undefined;

  constructor(o: InventoryOptions) {
    this.events = o.events;
    this.store = o.store;
    this.clock = o.clock;
    this.ids = o.ids;
    this.holdMs = o.holdMs;
    this.observer = o.observer ?? noObserver;
    this.limits = o.limits ?? DEFAULT_LIMITS;
    this.audit = o.audit;
  }

  /** The most of a product one cart line may hold, in its base unit. */
  lineLimit(p: Product): number {
    return lineLimit(p, this.limits);
  }

  /**
   * The phone's cart: its active holds. Overdue holds are expired first and returned separately. `holds`:
   * all of the phone's holds, when the caller has just read them.
   */
  async cart(phone: string, holds?: Hold[]): Promise<{ lines: Hold[]; expired: Hold[] }> {
    const active = holds ? holds.filter((h) => h.status === 'active') : await this.store.listHolds({ phone, status: 'active' });
    const now = this.clock.now();
    const expired: Hold[] = [];
    for (const h of active.filter((x) => x.expiresAt <= now)) {
      const won = await this.expire(h, now);
      if (won) expired.push(won);
    }
    return { lines: active.filter((h) => !expired.some((e) => e.id === h.id) && h.expiresAt > now), expired };
  }

  /**
   * Sets the total quantity of one product in the cart; 0 removes the line. Reserves or releases the
   * difference. `opKey` (the scoped key of the message asking) is recorded on the line, so a retry of that
   * message can see that it was already applied.
   */
  async setLine(phone: string, sku: string, qty: number, opKey?: string): Promise<LineResult> {
    if (!isQuantity(qty)) return { ok: false, reason: 'bad_quantity' };
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const result = await this.trySetLine(phone, sku, qty, opKey);
      if (result === 'retry') continue;
      if (result.ok) this.observer.reservation(result.qty < result.previous ? 'released' : 'reserved');
      else if (result.reason === 'short') this.observer.reservation('short');
      return result;
    }
    throw new Error(`cart line ${sku} kept changing under us`);
  }

  private async trySetLine(phone: string, sku: string, qty: number, opKey?: string): Promise<LineResult | 'retry'> {
    const [existing] = await this.store.listHolds({ phone, sku, status: 'active' });
    const held = existing?.qty ?? 0;
    if (qty === held) return { ok: true, qty, previous: held };
    if (qty === 0) {
      if (!existing) return { ok: true, qty: 0, previous: 0 };
      const won = await this.release(existing);
      return won ? { ok: true, qty: 0, previous: held } : 'retry';
    }
    const product = await this.store.getProduct(sku);
    if (!product) return { ok: false, reason: 'unknown_product' };
    // A hidden product cannot be added; a line already in a cart may still be lowered or removed.
    if (product.active === false && qty > held) return { ok: false, reason: 'hidden' };
    const limit = this.lineLimit(product);
    if (qty > limit && qty > held) return { ok: false, reason: 'over_limit', limit };
    // A reservation made for this message's change of this line, from `held` to `qty`: a retry of the message
    // after a crash between the reservation and the hold's write finds it made and makes no second one.
    const reservation = opKey && moveId.reserve(opKey, sku, held, qty);
    const giveBack = (extra: number) => (reservation ? this.store.unreserveStock(sku, extra, reservation) : this.store.moveStock(sku, { available: extra, reserved: -extra }));
    if (!existing) {
      if (!(await this.store.reserveStock(sku, qty, reservation || undefined))) return this.short(sku, 0);
      const now = this.clock.now();
      const id = this.ids.next();
      const inserted = await this.undoOnError(
        () => this.store.insertHold({
          id, phone, sku, qty, status: 'active', createdAt: now, expiresAt: now + Math.min(this.holdMs, this.limits.holdMaxMs), ...(opKey ? { opKey } : {}),
        }),
        async () => !(await this.store.getHold({ id, phone })),
        () => giveBack(qty),
      );
      if (inserted) return { ok: true, qty, previous: 0 };
      // Another request opened this cart line first: give the stock back and adjust that line instead.
      await giveBack(qty);
      return 'retry';
    }
    if (qty > held) {
      const extra = qty - held;
      if (!(await this.store.reserveStock(sku, extra, reservation || undefined))) return this.short(sku, held);
      const set = await this.undoOnError(
        () => this.store.setHoldQty(existing, held, qty, opKey),
        async () => (await this.store.getHold(existing))?.qty !== qty,
        () => giveBack(extra),
      );
      if (set) return { ok: true, qty, previous: held };
      await giveBack(extra);
      return 'retry';
    }
    if (!(await this.store.setHoldQty(existing, held, qty, opKey))) return 'retry';
    // A failure here leaves more reserved than held, which the reconciler gives back; never the reverse.
    await this.store.moveStock(sku, { available: held - qty, reserved: qty - held });
    return { ok: true, qty, previous: held };
  }

  /**
   * Runs a write that follows a reservation. If it fails (the store errs, or its answer is lost), the
   * reservation is given back, but only once the store confirms the write did not happen; if that cannot
   * be confirmed, the stock stays reserved (the safe side) for the reconciler. The error goes on up.
   */
  private async undoOnError<T>(write: () => Promise<T>, notApplied: () => Promise<boolean>, undo: () => Promise<unknown>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      try {
        if (await notApplied()) await undo();
      } catch { /* the reconciler repairs what is left */ }
      throw err;
    }
  }

  private async short(sku: string, held: number): Promise<LineResult> {
    const stock = await this.store.getStock(sku);
    return { ok: false, reason: 'short', available: stock?.available ?? 0, held };
  }

  /** Releases one hold back to the shelf; true for the one caller that won. */
  async release(hold: HoldRef): Promise<boolean> {
    const h = await this.store.transitionHold(hold, 'active', 'released');
    if (!h) return false;
    await this.store.moveStock(h.sku, { available: h.qty, reserved: -h.qty });
    return true;
  }

  async releaseAll(phone: string): Promise<number> {
    let released = 0;
    for (const h of await this.store.listHolds({ phone, status: 'active' })) if (await this.release(h)) released += 1;
    return released;
  }

  /**
   * Keeps a customer's holds while they are still talking to us: their expiry moves to a full hold from
   * now. To spare a write per message, holds refreshed within the last minute (or tenth of the hold) are left.
   */
  async touch(phone: string, holds: Hold[]): Promise<void> {
    if (holds.length === 0) return;
    const now = this.clock.now();
    const slack = Math.min(60_000, this.holdMs / 10);
    // Every line is renewed, but never past HOLD_MAX after that line was made.
    const until = now + this.holdMs;
    const due = (h: Hold) => Math.min(until, h.createdAt + this.limits.holdMaxMs);
    if (holds.some((h) => h.expiresAt < due(h) - slack || h.expiresAt > due(h))) await this.store.extendHolds(phone, until, this.limits.holdMaxMs);
  }

  private async expire(hold: HoldRef, now: number): Promise<Hold | undefined> {
    const h = await this.store.transitionHold(hold, 'active', 'expired', { ifExpiredBy: now });
    if (!h) return undefined;
    const after = await this.store.moveStock(h.sku, { available: h.qty, reserved: -h.qty });
    await this.audit.stockMoved(h.sku, { kind: 'sweeper' }, 'expired', { available: h.qty, reserved: -h.qty }, after);
    return h;
  }

  /** Expires every overdue hold; returns the holds this call expired. Safe to run from several places at once. */
  async sweep(): Promise<Hold[]> {
    const now = this.clock.now();
    const out: Hold[] = [];
    for (const h of await this.store.listHolds({ status: 'active', expiresBefore: now })) {
      const won = await this.expire(h, now);
      if (won) out.push(won);
    }
    return out;
  }

  /**
   * Turns holds into sold stock for an order. All or nothing: if any hold was lost meanwhile (expired,
   * released), the ones already converted go back to active and the caller learns which were lost.
   */
  async convert(holds: Hold[], orderId: string): Promise<{ ok: true } | { ok: false; lost: Hold[] }> {
    const phones = new Set(holds.map((h) => h.phone));
    if (phones.size === 1) return this.convertCart([...phones][0]!, holds, orderId);
    const done: Hold[] = [];
    const lost: Hold[] = [];
    const levels = new Map<string, StockLevel>();
    for (const h of holds) {
      const won = await this.store.transitionHold(h, 'active', 'converted', { orderId });
      if (!won) { lost.push(h); continue; }
      levels.set(won.id, await this.store.moveStock(won.sku, { reserved: -won.qty, sold: won.qty }, moveId.checkout(won.id)));
      done.push(won);
    }
    if (lost.length === 0) {
      // Audited once the whole order stands: a checkout undone below changed nothing in the end.
      await Promise.all(done.map((h) => this.audit.stockMoved(h.sku, { kind: 'order', orderId }, 'checkout', { reserved: -h.qty, sold: h.qty }, levels.get(h.id))));
      return { ok: true };
    }
    for (const h of done) {
      const back = await this.store.transitionHold(h, 'converted', 'active');
      if (back) { await this.store.moveStock(back.sku, { reserved: back.qty, sold: -back.qty }); continue; }
      // The line was re-opened meanwhile, so this hold cannot be active again: put its stock back on the shelf.
      const released = await this.store.transitionHold(h, 'converted', 'released');
      if (released) await this.store.moveStock(released.sku, { sold: -released.qty, available: released.qty });
    }
    return { ok: false, lost };
  }

  /**
   * One customer's cart converted all at once (one change of the store), or nothing converted when any hold
   * is gone. Then each SKU's counters move, and the audit trail records them.
   */
  private async convertCart(phone: string, holds: Hold[], orderId: string): Promise<{ ok: true } | { ok: false; lost: Hold[] }> {
    const { converted, lost } = await this.store.convertHolds(phone, holds.map((h) => h.id), orderId);
    if (lost.length) return { ok: false, lost: holds.filter((h) => lost.includes(h.id)) };
    const levels = await Promise.all(converted.map((h) => this.store.moveStock(h.sku, { reserved: -h.qty, sold: h.qty }, moveId.checkout(h.id))));
    await this.audit.stocksMoved(converted.map((h, i) => ({ sku: h.sku, delta: { reserved: -h.qty, sold: h.qty }, after: levels[i]! })), { kind: 'order', orderId }, 'checkout');
    return { ok: true };
  }

  /**
   * Puts an order's sold stock back on the shelf, once per hold (and a substitute offered for it, reserved). With `finish` (a retried cancel, soon after
   * the first attempt: see FINISH_WINDOW_MS), it also makes the counter moves of holds that attempt restocked
   * before it died; each is made once, by its id.
   */
  async restock(orderId: string, finish = false): Promise<void> {
    for (const h of await this.store.listHolds({ orderId })) {
      if (h.status === 'offered') { await this.releaseOffer(h, orderId); continue; }
      if (h.status === 'restocked' && finish) { await this.store.moveStock(h.sku, { sold: -h.qty, available: h.qty }, moveId.restock(h.id)); continue; }
      if (h.status !== 'converted') continue;
      const won = await this.store.transitionHold(h, 'converted', 'restocked');
      if (!won) continue;
      const after = await this.store.moveStock(won.sku, { sold: -won.qty, available: won.qty }, moveId.restock(won.id));
      await this.audit.stockMoved(won.sku, { kind: 'order', orderId }, 'cancelled', { sold: -won.qty, available: won.qty }, after);
    }
  }

  /** A substitute offered for an order that is cancelled meanwhile: its units back on the shelf, once. */
  private async releaseOffer(h: Hold, orderId: string): Promise<void> {
    const won = await this.store.transitionHold(h, 'offered', 'released');
    if (!won) return;
    const after = await this.store.moveStock(won.sku, { reserved: -won.qty, available: won.qty }, moveId.unoffer(won.id));
    await this.audit.stockMoved(won.sku, { kind: 'order', orderId }, 'cancelled', { reserved: -won.qty, available: won.qty }, after);
  }

  /**
   * The counter moves of an order's checkout, made again where an earlier attempt converted the holds and
   * died before moving their counters (each move is made once, by its hold's id: the rest change nothing).
   */
  async finishCheckout(orderId: string): Promise<void> {
    for (const h of await this.store.listHolds({ orderId, status: 'converted' })) {
      await this.store.moveStock(h.sku, { reserved: -h.qty, sold: h.qty }, moveId.checkout(h.id));
    }
  }

  /**
   * Sets units received; refused when that would leave fewer than are already held or sold. With a reason the
   * change is audited as the admin's (the catalog file's first load, the starting point, passes none).
   */
  async setReceived(sku: string, received: number, reason?: string, by: ConsoleActor = ADMIN): Promise<{ ok: true } | { ok: false; committed: number } | { ok: false; reason: 'bad_quantity'; committed?: undefined }> {
    if (!isQuantity(received)) return { ok: false, reason: 'bad_quantity' };
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const s = await this.store.getStock(sku);
      const delta = received - (s?.received ?? 0);
      if (delta === 0 && s) return { ok: true };
      if (await this.store.receiveStock(sku, delta)) {
        if (reason) await this.audit.stockMoved(sku, by, reason, { received: delta, available: delta });
        if (delta > 0) this.events?.emit({ type: 'stock.received', sku, qty: delta });
        return { ok: true };
      }
      const now = await this.store.getStock(sku);
      if (now && now.received === s?.received) return { ok: false, committed: now.reserved + now.sold };
    }
    throw new Error(`stock of ${sku} kept changing under us`);
  }

  /** Adds `qty` (base units) to the stock received, as a delivery to the store does; false for a bad quantity. */
  async receive(sku: string, qty: number, by: ConsoleActor = ADMIN): Promise<boolean> {
    if (!isQuantity(qty) || qty === 0) return false;
    if (!(await this.store.receiveStock(sku, qty))) return false;
    await this.audit.stockMoved(sku, by, 'restock', { received: qty, available: qty });
    this.events?.emit({ type: 'stock.received', sku, qty });
    return true;
  }

  /** Up to `limit` in-stock products of the same category, closest in name first. */
  async alternatives(product: Product, limit = 3): Promise<Product[]> {
    const words = new Set(product.name.toLowerCase().split(/\W+/));
    const same = (await this.store.listProducts()).filter((p) => p.category === product.category && p.sku !== product.sku && p.active !== false);
    const stock = new Map((await this.store.listStock()).map((s) => [s.sku, s.available]));
    const inStock: { p: Product; shared: number }[] = [];
    for (const p of same) {
      if ((stock.get(p.sku) ?? 0) < (isSoldByWeight(p.unit) ? 100 : 1)) continue;
      inStock.push({ p, shared: p.name.toLowerCase().split(/\W+/).filter((w) => words.has(w)).length });
    }
    return inStock.sort((a, b) => b.shared - a.shared || a.p.name.localeCompare(b.p.name)).slice(0, limit).map((x) => x.p);
  }
}
