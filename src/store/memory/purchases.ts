import type { Order } from '../../domain/types';
import type { PurchasesPort } from '../store';

/** A customer's latest orders, read from the MemoryStore's own order records. */
export class MemoryPurchases implements PurchasesPort {
  constructor(private orders: Map<string, Order>, private ofPhone: (phone: string) => Iterable<string>) {}

  async recentOrders(phone: string, limit: number) {
    return [...this.ofPhone(phone)].map((id) => this.orders.get(id)!)
      .filter((o) => o.status !== 'cancelled')
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
      .slice(0, Math.max(0, limit))
      .map((o) => structuredClone(o));
  }
}
