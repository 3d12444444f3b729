import { lineTotalCents } from '../domain/money';
import type { ChannelName, Clock, Fulfilment, Hold, Order, OrderLine, OrderStatus, Product } from '../domain/types';
import type { Inventory } from '../inventory/inventory';
import type { Store } from '../store/store';
import { noObserver, type Observer } from '../observe';

/** The forward path of an order; cancelled sits outside it. */
export const ORDER_FLOW: OrderStatus[] = ['placed', 'preparing', 'dispatched', 'delivered'];
/** A customer (or the store) may cancel until the order leaves the store. */
export const CANCELLABLE: OrderStatus[] = ['placed', 'preparing'];

export type PlaceResult =
  | { ok: true; order: Order }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'cart_changed'; lost: Hold[] };

export type CancelResult =
  | { ok: true; order: Order }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_cancellable'; status: OrderStatus };

export type AdvanceResult =
  | { ok: true; order: Order }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_forward'; status: OrderStatus };

export interface PlaceRequest {
  phone: string;
  fulfilment: Fulfilment;
  address?: string;
  channel: ChannelName;
  deliveryFeeCents: number;
}

/** Priced lines of a cart, in the order they were added. */
export function priceLines(holds: Hold[], products: ReadonlyMap<string, Product>): OrderLine[] {
  return holds.flatMap((h) => {
    const p = products.get(h.sku);
    if (!p) return [];
    return [{ sku: p.sku, name: p.name, unit: p.unit, qty: h.qty, unitPriceCents: p.priceCents, lineTotalCents: lineTotalCents(p, h.qty) }];
  });
}

export class Orders {
  constructor(private store: Store, private inventory: Inventory, private clock: Clock, private observer: Observer = noObserver) {}

  async place(req: PlaceRequest): Promise<PlaceResult> {
    const { lines: holds } = await this.inventory.cart(req.phone);
    if (holds.length === 0) return { ok: false, reason: 'empty' };
    const products = new Map((await this.store.listProducts()).map((p) => [p.sku, p]));
    const lines = priceLines(holds, products);
    const id = `ORD-${1000 + (await this.store.nextSequence('order'))}`;
    const converted = await this.inventory.convert(holds, id);
    if (!converted.ok) return { ok: false, reason: 'cart_changed', lost: converted.lost };
    const fee = req.fulfilment === 'delivery' ? req.deliveryFeeCents : 0;
    const now = this.clock.now();
    const order: Order = {
      id,
      phone: req.phone,
      status: 'placed',
      lines,
      deliveryFeeCents: fee,
      totalCents: lines.reduce((sum, l) => sum + l.lineTotalCents, 0) + fee,
      fulfilment: req.fulfilment,
      ...(req.fulfilment === 'delivery' && req.address ? { address: req.address } : {}),
      channel: req.channel,
      holdIds: holds.map((h) => h.id),
      createdAt: now,
      updatedAt: now,
    };
    await this.store.insertOrder(order);
    this.observer.order('placed');
    return { ok: true, order };
  }

  /** Cancels and restocks exactly once, however many times and from wherever it is asked. */
  async cancel(orderId: string): Promise<CancelResult> {
    const won = await this.store.transitionOrder(orderId, CANCELLABLE, 'cancelled', this.clock.now());
    if (won) {
      await this.inventory.restock(orderId);
      this.observer.order('cancelled');
      return { ok: true, order: won };
    }
    const order = await this.store.getOrder(orderId);
    if (!order) return { ok: false, reason: 'not_found' };
    return { ok: false, reason: 'not_cancellable', status: order.status };
  }

  /** Moves an order forward (placed → preparing → dispatched → delivered); never back. */
  async advance(orderId: string, to: OrderStatus): Promise<AdvanceResult> {
    const target = ORDER_FLOW.indexOf(to);
    const from = target > 0 ? ORDER_FLOW.slice(0, target) : [];
    const won = from.length ? await this.store.transitionOrder(orderId, from, to, this.clock.now()) : undefined;
    if (won) { this.observer.order('advanced'); return { ok: true, order: won }; }
    const order = await this.store.getOrder(orderId);
    if (!order) return { ok: false, reason: 'not_found' };
    return { ok: false, reason: 'not_forward', status: order.status };
  }

  /** A customer's orders, newest first. */
  async ofCustomer(phone: string): Promise<Order[]> {
    return (await this.store.listOrders({ phone })).reverse();
  }
}
