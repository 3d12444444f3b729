import type { Order, Product } from '../domain/types';
import type { Copy } from '../engine/copy';
import type { Inventory } from '../inventory/inventory';
import { priceLines, type Pricing } from '../orders/orders';
import type { DomainEvents } from '../events/domain-events';
import type { Outbox, PushChannel } from './outbox';

/** What the store tells customers without being asked: order updates, and a cart summary on request. */
export interface NotifierOptions {
  outbox: Pick<Outbox, 'enqueue'>;
  copy: Pick<Copy, 'orderUpdate' | 'cartSummary'>;
  inventory: Pick<Inventory, 'cart'>;
  products: () => ReadonlyMap<string, Product>;
  /** The promotions to price a summary with (as the cart shows it); list prices without. */
  pricing?: () => Promise<Pricing>;
}

export class Notifier {
  constructor(private o: NotifierOptions) {}

  orderStatusChanged(order: Order): void {
    this.o.outbox.enqueue(order.phone, { key: 'order_update', text: this.o.copy.orderUpdate(order), params: { orderId: order.id, status: order.status } });
  }

  /**
   * Tells customers of what the store did to their orders (staff or jobs: any path but the customer's own
   * conversation, which answers them itself). In the process that made the change only (see DomainEvents),
   * so one change is told once.
   */
  follow(events: Pick<DomainEvents, 'on'>): void {
    events.on('order.status_changed', (e) => { if (e.by === 'store') this.orderStatusChanged(e.order); });
    events.on('order.cancelled', (e) => { if (e.by === 'store') this.orderStatusChanged(e.order); });
  }

  /**
   * Queues a summary of the phone's cart, by SMS unless another channel is asked for (a caller accepted
   * "text me a summary"); false (nothing queued) when the cart is empty.
   */
  async cartSummary(phone: string, channel: PushChannel = 'sms'): Promise<boolean> {
    const { lines: holds } = await this.o.inventory.cart(phone);
    const lines = priceLines(holds, this.o.products(), await this.o.pricing?.());
    if (lines.length === 0) return false;
    const totalCents = lines.reduce((s, l) => s + l.lineTotalCents, 0);
    const summary = this.o.copy.cartSummary(lines, totalCents);
    this.o.outbox.enqueue(phone, { key: 'cart_summary', ...(typeof summary === 'string' ? { text: summary } : summary), params: { totalCents } }, { channel });
    return true;
  }
}
