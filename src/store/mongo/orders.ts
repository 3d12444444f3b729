import { MongoServerError, type Collection, type Db, type Filter } from 'mongodb';
import type { Order, OrderStatus } from '../../domain/types';
import type { OrderFilter } from '../store';
import { isDuplicateKey } from './util';

type OrderDoc = Order & { _id: string };

const plain = ({ _id, ...order }: OrderDoc): Order => { void _id; return order; };

/** Orders, one plain document each by order id, and the store-wide sequences that number them. */
export class OrderRecords {
  private orders: Collection<OrderDoc>;
  private sequences: Collection<{ _id: string; seq: number }>;

  constructor(db: Db) {
    this.orders = db.collection<OrderDoc>('orders');
    this.sequences = db.collection('sequences');
  }

  async ensureIndexes(): Promise<void> {
    await this.dropVersionedIndex();
    await this.orders.createIndex({ phone: 1, createdAt: 1 }, { name: 'by_phone' });
    await this.orders.createIndex({ status: 1, createdAt: 1 }, { name: 'by_status' });
  }

  /**
   * The versioned layout's unique index on `d.id`: plain orders have no `d.id`, so it would refuse every
   * order after the first as a duplicate of "missing". Its uniqueness is the _id's now.
   */
  private async dropVersionedIndex(): Promise<void> {
    try {
      await this.orders.dropIndex('order_number_unique');
    } catch (err) {
      const gone = err instanceof MongoServerError && (err.codeName === 'IndexNotFound' || err.codeName === 'NamespaceNotFound');
      if (!gone) throw err;
    }
  }

  async nextSequence(name: string): Promise<number> {
    const next = () => this.sequences.findOneAndUpdate({ _id: name }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
    try {
      return (await next())!.seq;
    } catch (err) {
      // Two first numbers of one sequence at once: the loser of the insert increments the winner's document.
      if (!isDuplicateKey(err)) throw err;
      return (await next())!.seq;
    }
  }

  /** A duplicate id is a bug and throws. */
  async insert(order: Order): Promise<void> {
    try {
      await this.orders.insertOne({ _id: order.id, ...order });
    } catch (err) {
      if (isDuplicateKey(err)) throw new Error(`duplicate order id ${order.id}`);
      throw err;
    }
  }

  async get(id: string): Promise<Order | undefined> {
    const doc = await this.orders.findOne({ _id: id });
    return doc ? plain(doc) : undefined;
  }

  /** Oldest first (ties by id). */
  async list(f: OrderFilter): Promise<Order[]> {
    const q: Filter<OrderDoc> = {};
    if (f.phone !== undefined) q.phone = f.phone;
    if (f.status !== undefined) q.status = f.status;
    return (await this.orders.find(q).sort({ createdAt: 1, _id: 1 }).toArray()).map(plain);
  }

  async transition(id: string, from: OrderStatus[], to: OrderStatus, at: number): Promise<Order | undefined> {
    const doc = await this.orders.findOneAndUpdate({ _id: id, status: { $in: from } }, { $set: { status: to, updatedAt: at } }, { returnDocument: 'after' });
    return doc ? plain(doc) : undefined;
  }
}
