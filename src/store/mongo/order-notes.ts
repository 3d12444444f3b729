import type { Collection, Db } from 'mongodb';
import type { Order, OrderNote } from '../../domain/types';

/** Staff notes on orders: pushed onto the order's own document (`orders`), one update each. */
export class OrderNotes {
  private orders: Collection<Order & { _id: string }>;

  constructor(db: Db) {
    this.orders = db.collection('orders');
  }

  async add(id: string, note: OrderNote): Promise<Order | undefined> {
    const doc = await this.orders.findOneAndUpdate({ _id: id }, { $push: { notes: note } }, { returnDocument: 'after' });
    if (!doc) return undefined;
    const { _id, ...order } = doc;
    void _id;
    return order;
  }
}
