import type { Collection, Db, Document, Filter } from 'mongodb';
import type { ChangeStatus, Order, OrderChange, OrderStatus } from '../../domain/types';
import type { OrderContent, ProposalGuard } from '../store';

type OrderDoc = Order & { _id: string };

const plain = ({ _id, ...order }: OrderDoc): Order => { void _id; return order; };

/** The guard "no change of this order awaits an answer", for any update of an order's document. */
export const notAwaiting: Document = { changes: { $not: { $elemMatch: { status: 'pending' } } } };

/**
 * Changes of orders at picking time, kept in the order's own document (`orders.changes`, oldest first): a
 * proposal and a settlement are each one findOneAndUpdate guarded in its filter (the status, how many
 * changes the caller saw, which changes are still pending), so of two callers exactly one wins.
 */
export class OrderChangeRecords {
  private orders: Collection<OrderDoc>;

  constructor(db: Db) {
    this.orders = db.collection<OrderDoc>('orders');
  }

  async ensureIndexes(): Promise<void> {
    await this.orders.createIndex({ 'changes.status': 1, 'changes.expiresAt': 1 }, { name: 'changes_awaiting', sparse: true });
  }

  async propose(id: string, guard: ProposalGuard, changes: OrderChange[], content: OrderContent | undefined, at: number): Promise<Order | undefined> {
    const seen: Document = guard.seen === 0
      ? { $or: [{ changes: { $exists: false } }, { changes: { $size: 0 } }] }
      : { changes: { $size: guard.seen } };
    const filter = { _id: id, status: { $in: guard.from }, ...seen, ...notAwaiting } as Filter<OrderDoc>;
    const doc = await this.orders.findOneAndUpdate(filter, {
      $push: { changes: { $each: changes } },
      $set: { updatedAt: at, ...(content ? { lines: content.lines, totalCents: content.totalCents } : {}) },
    }, { returnDocument: 'after' });
    return doc ? plain(doc) : undefined;
  }

  async settle(id: string, from: OrderStatus[], ids: string[], to: ChangeStatus, content: OrderContent, at: number): Promise<Order | undefined> {
    if (!ids.length) return undefined;
    const filter = { _id: id, status: { $in: from }, $and: ids.map((c) => ({ changes: { $elemMatch: { id: c, status: 'pending' } } })) } as Filter<OrderDoc>;
    const doc = await this.orders.findOneAndUpdate(filter, {
      $set: { 'changes.$[c].status': to, 'changes.$[c].settledAt': at, lines: content.lines, totalCents: content.totalCents, updatedAt: at },
    }, { returnDocument: 'after', arrayFilters: [{ 'c.id': { $in: ids } }] });
    return doc ? plain(doc) : undefined;
  }

  async awaiting(f: { phone?: string; dueBy?: number }): Promise<Order[]> {
    const pending: Document = { status: 'pending', ...(f.dueBy !== undefined ? { expiresAt: { $lte: f.dueBy } } : {}) };
    const q = { ...(f.phone !== undefined ? { phone: f.phone } : {}), changes: { $elemMatch: pending } } as Filter<OrderDoc>;
    return (await this.orders.find(q).sort({ createdAt: 1, _id: 1 }).toArray()).map(plain);
  }
}
