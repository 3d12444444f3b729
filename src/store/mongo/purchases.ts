import type { Collection, Db } from 'mongodb';
import type { Order } from '../../domain/types';

type OrderDoc = Order & { _id: string };

/**
 * A customer's latest orders on MongoDB: one query on `orders` by phone, newest first, cut at the limit by
 * the server (the `by_phone` index, {phone, createdAt}, read backwards), so a regular's long history is
 * never read whole.
 */
export class PurchaseHistory {
  private orders: Collection<OrderDoc>;

  constructor(db: Db) {
    this.orders = db.collection<OrderDoc>('orders');
  }

  async recent(phone: string, limit: number): Promise<Order[]> {
    if (limit <= 0) return [];
    const docs = await this.orders.find({ phone, status: { $ne: 'cancelled' } }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
    return docs.map(({ _id, ...order }) => { void _id; return order; });
  }
}
