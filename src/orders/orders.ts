import { lineTotalCents } from '../domain/money';
import type { ChannelName, Clock, Fulfilment, Hold, Order, OrderLine, OrderStatus, Product, Quote } from '../domain/types';
import type { Inventory } from '../inventory/inventory';
import type { CatalogPort, HoldsPort, OrdersPort, SlotBookingsPort } from '../store/store';
import type { OfferedSlot } from '../domain/slots';
import { noObserver, type Observer } from '../observe';
import type { Actor, DomainEventSink } from '../events/domain-events';
import type { Promotion } from '../domain/owner';
import { discounted } from '../promotions/pricing';
import { FINISH_WINDOW_MS } from '../inventory/move-ids';
import type { PromotionSource } from '../promotions/service';

import { CANCELLABLE, forwardFrom } from './flow';

export { CANCELLABLE } from './flow';

export type PlaceResult =
  | { ok: true; order: Order }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'cart_changed'; lost: Hold[] }
  /** The cart is no longer the one quoted (another channel or process changed it): nothing was placed. */
  | { ok: false; reason: 'not_as_quoted' }
  /** The slot asked for filled before the order could book it: nothing was placed, the cart is as it was. */
  | { ok: false; reason: 'slot_taken' };

export type CancelResult =
  | { ok: true; order: Order }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_cancellable'; status: OrderStatus };

export type AdvanceResult =
  | { ok: true; order: Order }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_forward'; status: OrderStatus }
  /** Not a step of this order's path (a pickup order is never dispatched; a delivery order never `ready`). */
  | { ok: false; reason: 'not_on_path'; status: OrderStatus; fulfilment: Fulfilment }
  /** A change of the order awaits its customer's answer (see orders/changes.ts): it stays where it is. */
  | { ok: false; reason: 'awaiting_answer'; status: OrderStatus };

export interface PlaceRequest {
  phone: string;
  fulfilment: Fulfilment;
  address?: string;
  channel: ChannelName;
  deliveryFeeCents: number;
  /** The scoped key of the message placing it: a retry of that message finds this order instead of placing another. */
  messageKey?: string;
  /**
   * The read-back the customer said "yes" to: the order is placed at exactly its lines and total, whatever
   * the catalog or promotions say by now, and only if the cart still holds what it lists. Without one (the
   * store's own tools), the order is priced from the catalog and promotions of now.
   */
  quote?: Quote;
  /** The slot the customer chose (a place held for this phone): booked for the order as it is placed. */
  slot?: OfferedSlot;
}

/** Quantity per SKU: what a cart holds, or a quote lists. */
const amounts = (xs: readonly { sku: string; qty: number }[]) => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x.sku, (m.get(x.sku) ?? 0) + x.qty);
  return m;
};
const sameAmounts = (a: readonly { sku: string; qty: number }[], b: readonly { sku: string; qty: number }[]) => {
  const x = amounts(a);
  const y = amounts(b);
  return x.size === y.size && [...x].every(([sku, qty]) => y.get(sku) === qty);
};

/** The promotions to price with, and the instant: a promotion counts only while it runs. */
export interface Pricing {
  promotions: readonly Promotion[];
  now: number;
}

/** Priced lines of a cart, in the order they were added; with `pricing`, each after its best promotion. */
export function priceLines(holds: Hold[], products: ReadonlyMap<string, Product>, pricing?: Pricing): OrderLine[] {
  return holds.flatMap((h) => {
    const p = products.get(h.sku);
    if (!p) return [];
    const line = { sku: p.sku, name: p.name, unit: p.unit, qty: h.qty, unitPriceCents: p.priceCents, lineTotalCents: lineTotalCents(p, h.qty) };
    return [pricing ? discounted(line, p, pricing.promotions, pricing.now) : line];
  });
}

export interface OrdersOptions {
  /** Orders, the holds a checkout converts, and the products it prices (when there is no catalog cache). */
  store: OrdersPort & HoldsPort & CatalogPort & SlotBookingsPort;
  inventory: Inventory;
  clock: Clock;
  observer?: Observer;
  /** Without one, orders are placed at list prices. */
  promotions?: PromotionSource;
  /** Told of every order placed, moved or cancelled (see DomainEvent): who else hears of it subscribes there. */
  events?: DomainEventSink;
  /** The catalog cache, so a checkout prices without reading every product; without one, the store is read. */
  catalog?: { products(): ReadonlyMap<string, Product> };
}

export class Orders {
  private store: OrdersOptions['store'];
  private inventory: Inventory;
  private clock: Clock;
  private observer: Observer;

  constructor(private o: OrdersOptions) {
    this.store = o.store;
    this.inventory = o.inventory;
    this.clock = o.clock;
    this.observer = o.observer ?? noObserver;
  }

  /**
   * The order a message placed, if it placed one, for a retry of that message: the counter moves its first
   * attempt may not have made are made now, so the stock is exact as soon as the retry answers.
   */
  async resume(phone: string, messageKey: string): Promise<Order | undefined> {
    const order = (await this.store.listOrders({ phone })).find((o) => o.messageKey === messageKey);
    if (order) await this.finishCheckout(order);
    return order;
  }

  /**
   * The counter moves of an order's checkout that its attempt may not have made, for a retry soon after it
   * (each move is made once, by its id, which the stock remembers for a while: see FINISH_WINDOW_MS).
   */
  private async finishCheckout(order: Order): Promise<void> {
    if (order.status !== 'cancelled' && this.clock.now() - order.createdAt <= FINISH_WINDOW_MS) await this.inventory.finishCheckout(order.id);
  }

  /** Whether a checkout of this phone died after taking its cart's stock and before writing its order. */
  async interruptedCheckout(phone: string): Promise<boolean> {
    const converted = await this.store.listHolds({ phone, status: 'converted' });
    if (!converted.length) return false;
    const listed = new Set((await this.store.listOrders({ phone })).map((o) => o.id));
    return (await this.interrupted(converted, listed)).holds.length > 0;
  }

  /**
   * Places the phone's cart as an order. Safe to repeat after a failure part-way: an order the same
   * message already placed is returned as it is, and a checkout that died after converting holds but
   * before writing its order is finished (under its order id) rather than lost.
   */
  async place(req: PlaceRequest): Promise<PlaceResult> {
    const theirs = await this.store.listOrders({ phone: req.phone });
    const done = req.messageKey ? theirs.find((o) => o.messageKey === req.messageKey) : undefined;
    if (done) { await this.finishCheckout(done); return { ok: true, order: done }; }
    // The customer's holds, read once: converted ones of an interrupted checkout, and the cart.
    const all = await this.store.listHolds({ phone: req.phone });
    const interrupted = await this.interrupted(all.filter((h) => h.status === 'converted'), new Set(theirs.map((o) => o.id)));
    // This message's order was written, but a crash kept it out of the listing (see interrupted()).
    if (interrupted.written && req.messageKey && interrupted.written.messageKey === req.messageKey) {
      await this.finishCheckout(interrupted.written);
      return { ok: true, order: interrupted.written };
    }
    const { lines: active } = await this.inventory.cart(req.phone, all);
    if (active.length === 0 && interrupted.holds.length === 0) return { ok: false, reason: 'empty' };
    // In the order they were added, also when a checkout interrupted part-way is finished.
    const holds = [...interrupted.holds, ...active].sort((a, b) => a.createdAt - b.createdAt);
    if (req.quote && !sameAmounts(holds, req.quote.lines)) return { ok: false, reason: 'not_as_quoted' };
    const id = interrupted.orderId ?? `ORD-${1000 + (await this.store.nextSequence('order'))}`;
    // The slot first, before the cart is taken: the phone's held place becomes the order's (once, by the
    // order's id, however often retried); a slot that filled meanwhile places nothing, never an order without it.
    if (req.slot && !(await this.store.bookSlot(req.slot, req.phone, id, this.clock.now()))) return { ok: false, reason: 'slot_taken' };
    const converted = await this.inventory.convert(active, id);
    if (!converted.ok) {
      if (req.slot) await this.store.freeSlot(req.slot, id);
      return { ok: false, reason: 'cart_changed', lost: converted.lost };
    }
    // Holds an interrupted checkout converted: their counter moves, if it died before making them.
    if (interrupted.holds.length) await this.inventory.finishCheckout(id);
    const now = this.clock.now();
    const lines = req.quote?.lines ?? await this.priceNow(holds, now);
    const slot = req.slot ? { date: req.slot.date, from: req.slot.from, to: req.slot.to } : undefined;
    const fee = req.quote?.deliveryFeeCents ?? (req.fulfilment === 'delivery' ? req.deliveryFeeCents : 0);
    const order: Order = {
      id,
      phone: req.phone,
      status: 'placed',
      lines,
      deliveryFeeCents: fee,
      totalCents: req.quote?.totalCents ?? lines.reduce((sum, l) => sum + l.lineTotalCents, 0) + fee,
      fulfilment: req.fulfilment,
      ...(req.fulfilment === 'delivery' && req.address ? { address: req.address } : {}),
      ...(slot ? { slot } : {}),
      channel: req.channel,
      holdIds: holds.map((h) => h.id),
      createdAt: now,
      updatedAt: now,
      ...(req.messageKey ? { messageKey: req.messageKey } : {}),
    };
    await this.store.insertOrder(order);
    this.observer.order('placed');
    this.o.events?.emit({ type: 'order.placed', order });
    return { ok: true, order };
  }

  private async priceNow(holds: Hold[], now: number): Promise<OrderLine[]> {
    const products = this.o.catalog?.products() ?? new Map((await this.store.listProducts()).map((p) => [p.sku, p]));
    return priceLines(holds, products, { promotions: (await this.o.promotions?.current()) ?? [], now });
  }

  /**
   * Holds of this phone converted for an order missing from its listing: a checkout that died part-way.
   * Either the order was never written (its holds are returned, to finish it under its id), or it was
   * written but is not listed (the listing was read before it was written): then it is returned as
   * `written`.
   */
  private async interrupted(converted: Hold[], listed: Set<string>): Promise<{ orderId?: string; holds: Hold[]; written?: Order }> {
    const orphan = converted.find((h) => h.orderId && !listed.has(h.orderId));
    if (!orphan?.orderId) return { holds: [] };
    // Read by id: the order may have been written since the list was read, or be missing from it.
    const written = await this.store.getOrder(orphan.orderId);
    if (written) return { holds: [], written };
    return { orderId: orphan.orderId, holds: converted.filter((x) => x.orderId === orphan.orderId) };
  }

  /**
   * Cancels and restocks exactly once, however many times and from wherever it is asked. `retry`: asked by
   * a retry of the message that first asked, which also finishes the counter moves that attempt began.
   * `by`: who asked (the customer, in their conversation, unless said otherwise), for whoever hears of it.
   */
  async cancel(orderId: string, opts: { retry?: boolean; by?: Actor } = {}): Promise<CancelResult> {
    const won = await this.store.transitionOrder(orderId, CANCELLABLE, 'cancelled', this.clock.now());
    if (won) {
      await this.inventory.restock(orderId);
      if (won.slot) await this.store.freeSlot(won.slot, won.id);
      this.observer.order('cancelled');
      this.o.events?.emit({ type: 'order.cancelled', order: won, by: opts.by ?? 'customer' });
      return { ok: true, order: won };
    }
    const order = await this.store.getOrder(orderId);
    if (!order) return { ok: false, reason: 'not_found' };
    // A cancel that died before its restock finished is finished here (restock moves each hold once; a retry
    // soon after, also the counter moves of holds it restocked: see FINISH_WINDOW_MS).
    if (order.status === 'cancelled') await this.inventory.restock(orderId, Boolean(opts.retry) && this.clock.now() - order.updatedAt <= FINISH_WINDOW_MS);
    // Its slot's place too (freeing is idempotent), for a cancel that died before freeing it.
    if (order.status === 'cancelled' && order.slot) await this.store.freeSlot(order.slot, order.id);
    return { ok: false, reason: 'not_cancellable', status: order.status };
  }

  /** Moves an order forward along its fulfilment's path (see ORDER_FLOWS); never back. Only the store does. */
  async advance(orderId: string, to: OrderStatus): Promise<AdvanceResult> {
    // The fulfilment never changes, so the path read here is the order's; the status is checked by the update.
    const current = await this.store.getOrder(orderId);
    if (!current) return { ok: false, reason: 'not_found' };
    const from = forwardFrom(current.fulfilment, to);
    if (!from) return { ok: false, reason: 'not_on_path', status: current.status, fulfilment: current.fulfilment };
    // Picking may go on while the customer is asked; leaving the store waits for their answer.
    const unlessAwaiting = to !== 'preparing';
    const won = from.length ? await this.store.transitionOrder(orderId, from, to, this.clock.now(), { unlessAwaiting }) : undefined;
    if (won) {
      this.observer.order('advanced');
      this.o.events?.emit({ type: 'order.status_changed', order: won, from, by: 'store' });
      return { ok: true, order: won };
    }
    const order = await this.store.getOrder(orderId);
    if (!order) return { ok: false, reason: 'not_found' };
    if (unlessAwaiting && from.includes(order.status) && order.changes?.some((c) => c.status === 'pending')) return { ok: false, reason: 'awaiting_answer', status: order.status };
    return { ok: false, reason: 'not_forward', status: order.status };
  }

  /** A customer's orders, newest first. */
  async ofCustomer(phone: string): Promise<Order[]> {
    return (await this.store.listOrders({ phone })).reverse();
  }
}
