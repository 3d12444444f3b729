import type { Order, Product } from '../domain/types';
import type { Copy } from '../engine/copy';
import type { Inventory } from '../inventory/inventory';
import { priceLines, type Pricing } from '../orders/orders';
import type { Outbox, PushChannel } from './outbox';

/** What the store tells customers without being asked: order updates, and a cart summary on request. */
export class Notifier {
  constructor(
    private outbox: Outbox,
    private copy: Copy,
    private inventory: Inventory,
    private products: () => ReadonlyMap<string, Product>,
    /** The promotions to price a summary with (as the cart shows it); list prices without. */
    private pricing?: () => Promise<Pricing>,
  ) {}

  orderStatusChanged(order: Order): void {
    this.outbox.enqueue(order.phone, { key: 'order_update', text: this.copy.orderUpdate(order), params: { orderId: order.id, status: order.status } });
  }

  /**
   * Queues a summary of the phone's cart, by SMS unless another channel is asked for (a caller accepted
   * "text me a summary"); false (nothing queued) when the cart is empty.
   */
  async cartSummary(phone: string, channel: PushChannel = 'sms'): Promise<boolean> {
    const { lines: holds } = await this.inventory.cart(phone);
    const lines = priceLines(holds, this.products(), await this.pricing?.());
    if (lines.length === 0) return false;
    const totalCents = lines.reduce((s, l) => s + l.lineTotalCents, 0);
    const summary = this.copy.cartSummary(lines, totalCents);
    this.outbox.enqueue(phone, { key: 'cart_summary', ...(typeof summary === 'string' ? { text: summary } : summary), params: { totalCents } }, { channel });
    return true;
  }
}
