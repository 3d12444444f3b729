import { fromDisplayUnits, lineTotalCents } from '../domain/money';
import type { ConsoleActor, Promotion } from '../domain/owner';
import type { ChangeAction, ChangeStatus, Clock, Ids, Order, OrderChange, OrderLine, OrderStatus, Product } from '../domain/types';
import { isSoldByWeight } from '../domain/units';
import type { Actor, DomainEventSink } from '../events/domain-events';
import { ChangeStock, offerHoldId } from '../inventory/change-stock';
import { isQuantity, lineLimit, type InventoryLimits } from '../inventory/inventory';
import { discounted } from '../promotions/pricing';
import type { PromotionSource } from '../promotions/service';
import type { HoldsPort, OrderChangesPort, OrderContent, OrdersPort, StockPort } from '../store/store';
import type { Orders } from './orders';

/** Picking happens while an order is placed or being prepared; a packed (ready) one is not changed. */
export const CHANGEABLE: OrderStatus[] = ['placed', 'preparing'];

/** One change as staff ask for it: quantities in the product's display unit (pieces, kg, lb…), as the API's. */
export interface ChangeInput {
  sku: string;
  action: ChangeAction;
  qty?: number;
  substituteSku?: string;
}

export type ProposeResult =
  | { ok: true; order: Order; proposed: OrderChange[] }
  | { ok: false; reason: 'not_found' }
  /** The request names something wrong (a line not in the order, a quantity out of range…): `errors` say what. */
  | { ok: false; reason: 'invalid'; errors: string[] }
  /** The order is past changing (dispatched, delivered, cancelled…). */
  | { ok: false; reason: 'not_changeable'; status: Order['status'] }
  /** Changes proposed before still await the customer's answer. */
  | { ok: false; reason: 'awaiting_answer' }
  | { ok: false; reason: 'out_of_stock'; sku: string; name: string; available: number }
  /** The order changed while this was being proposed (another proposal won): nothing was changed. */
  | { ok: false; reason: 'changed' };

/** yes: take what was offered; no, or no answer in time (expired): the lines come off (the store's default). */
export type Answer = 'yes' | 'no' | 'expired';

export type AnswerResult =
  | { ok: true; order: Order; settled: OrderChange[]; emptied: boolean }
  | { ok: false; reason: 'nothing_pending' }
  /** The order left the store or was cancelled meanwhile: the changes cannot apply. */
  | { ok: false; reason: 'closed'; order: Order };

export interface OrderChangesOptions {
  store: OrdersPort & OrderChangesPort & HoldsPort & StockPort;
  orders: Pick<Orders, 'cancel'>;
  stock: ChangeStock;
  /** Products by SKU, and a check for changes made by another process. */
  catalog: { products(): ReadonlyMap<string, Product>; fresh(): Promise<void> };
  clock: Clock;
  ids: Ids;
  /** How long the customer has to answer (SUBSTITUTION_MINUTES). */
  answerMs: number;
  limits: Pick<InventoryLimits, 'maxUnitsPerLine' | 'maxGramsPerLine'>;
  promotions?: PromotionSource;
  events?: DomainEventSink;
}

const isHidden = (p: Product) => 'active' in p && p.active === false;
const pendingOf = (o: Order) => (o.changes ?? []).filter((c) => c.status === 'pending');

/**
 * Changes of placed orders at picking time: staff mark a line missing, propose fewer of it or a substitute;
 * the customer answers yes or no, or the store's default (the line removed) applies after SUBSTITUTION_MINUTES.
 * Each proposal and each settlement is one conditional write of the order, and only its winner moves stock
 * (ChangeStock), so an answer sent twice, a retried webhook or an answer racing the expiry job change the
 * order, the stock and the total once.
 */
export class OrderChanges {
  constructor(private o: OrderChangesOptions) {}

  /**
   * The open order of a phone whose changes await its answer, if any (the oldest). Every pending change
   * offers something (a substitute, or the fewer units found) as an `offered` hold among the customer's
   * holds, which a turn has read already: only a customer with one costs a read of their orders.
   */
  async awaiting(phone: string): Promise<Order | undefined> {
    if (!(await this.o.store.listHolds({ phone, status: 'offered' })).length) return undefined;
    return (await this.o.store.listAwaitingAnswer({ phone })).find((o) => CHANGEABLE.includes(o.status));
  }

  /** The changes of an order that await its customer's answer. */
  pending(order: Order): OrderChange[] {
    return pendingOf(order);
  }

  async propose(orderId: string, inputs: ChangeInput[], by: ConsoleActor): Promise<ProposeResult> {
    const { store, clock } = this.o;
    const order = await store.getOrder(orderId);
    if (!order) return { ok: false, reason: 'not_found' };
    if (!CHANGEABLE.includes(order.status)) return { ok: false, reason: 'not_changeable', status: order.status };
    if (pendingOf(order).length) return { ok: false, reason: 'awaiting_answer' };
    const now = clock.now();
    const built = await this.build(order, inputs, by, now);
    if ('errors' in built) return { ok: false, reason: 'invalid', errors: built.errors };
    const changes = built.changes;
    // A substitute's units are reserved before the customer is asked, so their "yes" cannot fail.
    const offered: OrderChange[] = [];
    for (const c of changes.filter((x) => x.action === 'substitute')) {
      const offer = c.offer!;
      if (await this.o.stock.offer({ changeId: c.id, orderId, phone: order.phone, sku: offer.sku, qty: offer.qty, by })) { offered.push(c); continue; }
      await this.withdraw(order, offered);
      const level = await store.getStock(offer.sku);
      return { ok: false, reason: 'out_of_stock', sku: offer.sku, name: offer.name, available: level?.available ?? 0 };
    }
    const removals = changes.filter((c) => c.action === 'remove');
    const content = removals.length ? contentAfter(order, removals.map((c) => ({ change: c, take: false }))) : undefined;
    const won = await store.proposeChanges(orderId, { from: CHANGEABLE, seen: order.changes?.length ?? 0 }, changes, content, now);
    if (!won) { await this.withdraw(order, offered); return { ok: false, reason: 'changed' }; }
    // What is missing is known now, whatever the answer: written off; what was found is offered (reserved).
    for (const c of changes) {
      const found = c.action === 'quantity' ? c.offer!.qty : 0;
      await this.o.stock.writeOffLine({ changeId: c.id, orderId, phone: won.phone, sku: c.line.sku, found, by });
    }
    this.o.events?.emit({ type: 'order.changes_proposed', order: won, changes });
    const emptied = won.lines.length === 0 ? await this.o.orders.cancel(orderId, { by: 'store' }) : undefined;
    return { ok: true, order: emptied?.ok ? emptied.order : won, proposed: changes };
  }

  /**
   * Settles the order's pending changes: the customer's yes or no (`by` customer), or the store's default once
   * their time is up (`expired`, by the store). Exactly once, whoever asks and however often.
   */
  async answer(orderId: string, answer: Answer, by: Actor): Promise<AnswerResult> {
    const { store, clock } = this.o;
    const order = await store.getOrder(orderId);
    const pending = order ? pendingOf(order) : [];
    if (!order || !pending.length) return { ok: false, reason: 'nothing_pending' };
    if (!CHANGEABLE.includes(order.status)) return this.close(order, pending);
    const now = clock.now();
    const due = answer === 'expired' ? pending.filter((c) => (c.expiresAt ?? Infinity) <= now) : pending;
    if (!due.length) return { ok: false, reason: 'nothing_pending' };
    const take = answer === 'yes';
    const status: ChangeStatus = answer === 'yes' ? 'accepted' : answer === 'no' ? 'declined' : 'expired';
    const content = contentAfter(order, due.map((change) => ({ change, take })));
    const won = await store.settleChanges(orderId, CHANGEABLE, due.map((c) => c.id), status, content, now);
    if (!won) {
      const now2 = await store.getOrder(orderId);
      if (now2 && !CHANGEABLE.includes(now2.status) && pendingOf(now2).length) return this.close(now2, pendingOf(now2));
      return { ok: false, reason: 'nothing_pending' };
    }
    for (const c of due) await this.settleStock(won, c, take);
    const settled = (won.changes ?? []).filter((c) => due.some((d) => d.id === c.id));
    this.o.events?.emit({ type: 'order.changes_settled', order: won, changes: settled, by });
    if (won.lines.length === 0) {
      const cancelled = await this.o.orders.cancel(orderId, { by });
      return { ok: true, order: cancelled.ok ? cancelled.order : won, settled, emptied: true };
    }
    return { ok: true, order: won, settled, emptied: false };
  }

  /** Applies the store's default to every change whose customer did not answer in time; returns how many orders. */
  async expireDue(): Promise<number> {
    let settled = 0;
    for (const order of await this.o.store.listAwaitingAnswer({ dueBy: this.o.clock.now() })) {
      if ((await this.answer(order.id, 'expired', 'store')).ok) settled += 1;
    }
    return settled;
  }

  /**
   * Pending changes of an order cancelled meanwhile: closed as they are (nothing to apply; the cancel put
   * the substitute back on the shelf), so nobody is asked about them again.
   */
  private async close(order: Order, pending: OrderChange[]): Promise<AnswerResult> {
    await this.o.store.settleChanges(order.id, [order.status], pending.map((c) => c.id), 'expired', { lines: order.lines, totalCents: order.totalCents }, this.o.clock.now());
    for (const c of pending) await this.o.stock.unoffer({ id: offerHoldId(c.id), phone: order.phone }, order.id);
    return { ok: false, reason: 'closed', order };
  }

  /** Substitutes reserved for a proposal that did not go through: back on the shelf. */
  private async withdraw(order: Order, offered: OrderChange[]): Promise<void> {
    for (const c of offered) await this.o.stock.unoffer({ id: offerHoldId(c.id), phone: order.phone }, order.id);
  }

  /** The stock moves of one settled change: its offer taken, or back on the shelf (see docs/guarantees.md). */
  private async settleStock(order: Order, c: OrderChange, take: boolean): Promise<void> {
    const ref = { id: offerHoldId(c.id), phone: order.phone };
    if (take) await this.o.stock.sell(ref, order.id);
    else await this.o.stock.unoffer(ref, order.id);
  }

  /** The changes asked for, checked against the order and the catalog; every problem in words. */
  private async build(order: Order, inputs: ChangeInput[], by: ConsoleActor, now: number): Promise<{ changes: OrderChange[] } | { errors: string[] }> {
    const errors: string[] = [];
    const changes: OrderChange[] = [];
    // Another process may have hidden or added a product a moment ago.
    await this.o.catalog.fresh();
    const products = this.o.catalog.products();
    const promotions = (await this.o.promotions?.current()) ?? [];
    const seen = new Set<string>();
    if (!inputs.length) errors.push('changes: name at least one line to change');
    inputs.forEach((input, i) => {
      const at = `changes[${i}]`;
      const line = order.lines.find((l) => l.sku === input.sku);
      if (!line) { errors.push(`${at}.sku: ${input.sku} is not a line of order ${order.id}`); return; }
      if (seen.has(line.sku)) { errors.push(`${at}.sku: ${line.name} is named twice; one change per line`); return; }
      seen.add(line.sku);
      const base = { id: `${order.id}-${this.o.ids.next()}`, line, proposedBy: by, proposedAt: now } as const;
      const expiresAt = now + this.o.answerMs;
      if (input.action === 'remove') { changes.push({ ...base, action: 'remove', status: 'applied', settledAt: now }); return; }
      if (input.action === 'quantity') {
        const qty = input.qty === undefined ? undefined : fromDisplayUnits(line.unit, input.qty);
        if (qty === undefined || !isQuantity(qty) || qty < 1 || qty >= line.qty) {
          errors.push(`${at}.qty: say how many of ${line.name} there are, fewer than the ${displayQty(line)} ordered (to take it off, use remove)`);
          return;
        }
        changes.push({ ...base, action: 'quantity', offer: fewer(line, qty, products.get(line.sku), promotions, order.createdAt), status: 'pending', expiresAt });
        return;
      }
      const sub = input.substituteSku === undefined ? undefined : products.get(input.substituteSku);
      if (!input.substituteSku) { errors.push(`${at}.substituteSku: name the product to offer instead of ${line.name}`); return; }
      if (!sub || isHidden(sub)) { errors.push(`${at}.substituteSku: ${input.substituteSku} is not a product we sell`); return; }
      if (sub.sku === line.sku) { errors.push(`${at}.substituteSku: a substitute must be another product than ${line.name}`); return; }
      if (order.lines.some((l) => l.sku === sub.sku)) { errors.push(`${at}.substituteSku: ${sub.name} is already in this order`); return; }
      const qty = input.qty !== undefined ? fromDisplayUnits(sub.unit, input.qty) : isSoldByWeight(sub.unit) === isSoldByWeight(line.unit) ? line.qty : undefined;
      const limit = lineLimit(sub, this.o.limits);
      if (qty === undefined || !isQuantity(qty) || qty < 1 || qty > limit) {
        errors.push(`${at}.qty: say how much ${sub.name} to offer (at least 1, at most ${limit} in its base unit)`);
        return;
      }
      const offer = discounted({ sku: sub.sku, name: sub.name, unit: sub.unit, qty, unitPriceCents: sub.priceCents, lineTotalCents: lineTotalCents(sub, qty) }, sub, promotions, now);
      changes.push({ ...base, action: 'substitute', offer, status: 'pending', expiresAt });
    });
    return errors.length ? { errors } : { changes };
  }
}

/**
 * A line with fewer of its product, at the price it was ordered at, with the promotion it had then applied
 * to the new quantity: a 3-for-2 does not discount 2 (scaling the discount down would).
 */
function fewer(line: OrderLine, qty: number, product: Product | undefined, promotions: readonly Promotion[], orderedAt: number): OrderLine {
  const { discountCents: _d, promotionId: _p, ...plain } = line;
  const undiscounted: OrderLine = { ...plain, qty, lineTotalCents: lineTotalCents({ unit: line.unit, priceCents: line.unitPriceCents }, qty) };
  if (!line.discountCents) return undiscounted;
  const promotion = promotions.find((p) => p.id === line.promotionId);
  // The promotion has ended or gone since: its terms are not kept on the line, so its saving is scaled down.
  if (!product || !promotion) return { ...undiscounted, lineTotalCents: undiscounted.lineTotalCents - Math.floor(line.discountCents * qty / line.qty), discountCents: Math.floor(line.discountCents * qty / line.qty), ...(line.promotionId ? { promotionId: line.promotionId } : {}) };
  return discounted(undiscounted, { ...product, priceCents: line.unitPriceCents }, [promotion], orderedAt);
}

/** A line's quantity as staff enter it. */
const displayQty = (l: OrderLine) => (isSoldByWeight(l.unit) ? `${l.qty} g` : String(l.qty));

/** The order's lines and total after changes: each line taken as offered, or taken off. */
export function contentAfter(order: Order, settled: { change: OrderChange; take: boolean }[]): OrderContent {
  let total = order.totalCents;
  const lines: OrderLine[] = [];
  for (const l of order.lines) {
    const s = settled.find((x) => x.change.line.sku === l.sku);
    if (!s) { lines.push(l); continue; }
    total -= l.lineTotalCents;
    if (s.take && s.change.offer) { lines.push(s.change.offer); total += s.change.offer.lineTotalCents; }
  }
  // Nothing left but the delivery fee: nothing to charge (the order is cancelled).
  return { lines, totalCents: lines.length ? total : 0 };
}
