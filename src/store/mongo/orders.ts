import type { Collection, Db, Filter } from 'mongodb';
import type { Order, OrderStatus } from '../../domain/types';
import type { OrderFilter, TransitionOrderOptions } from '../store';
import { notAwaiting } from './order-changes';
import { isDuplicateKey, updateById } from './util';

type OrderDoc = Order & { _id: string };

const plain = ({ _id, ...order }: OrderDoc): Order => { void _id; return order; };

/** Orders, one plain document each by order id, and the store-wide sequences that number them. */
export class OrderRecords {
  private orders: Collection<OrderDoc>;
  private sequences: Collection<{ _id: string; seq: number }>;
  /** Sequence → the last number this process took (where its next try starts). */
  private lastTaken = new Map<string, number>();

  constructor(db: Db) {
    this.orders = db.collection<OrderDoc>('orders');
    this.sequences = db.collection('sequences');
  }

  async ensureIndexes(): Promise<void> {
    await this.orders.createIndex({ phone: 1, createdAt: 1 }, { name: 'by_phone' });
    await this.orders.createIndex({ status: 1, createdAt: 1 }, { name: 'by_status' });
  }

  /**
   * The number after the last one taken, by a guarded update from the last number this process saw (one
   * command when no other process took one since): only the caller whose update matched has it. Not an
   * `$inc` whose result is read back: mongo-java-server, the tests' server, can return one incremented
   * document to two concurrent callers (measured: 14 duplicates among 300), which would give two orders
   * one number.
   */
  async nextSequence(name: string): Promise<number> {
    let seen = this.lastTaken.get(name);
    for (let attempt = 0; ; attempt += 1) {
      if (seen === undefined) seen = (await this.sequences.findOne({ _id: name }))?.seq ?? 0;
      const won = seen === 0 ? await this.first(name) : (await updateById(this.sequences, { _id: name, seq: seen }, { $set: { seq: seen + 1 } })).matched;
      if (won) {
        this.lastTaken.set(name, seen + 1);
        return seen + 1;
      }
      seen = undefined;
      if (attempt > 200) throw new Error(`sequence ${name} kept moving under us`);
      if (attempt > 1) await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, 2 ** attempt)));
    }
  }

  /** The first number of a sequence: its document inserted, unless another caller did first. */
  private async first(name: string): Promise<boolean> {
    try {
      await this.sequences.insertOne({ _id: name, seq: 1 });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
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

  async transition(id: string, from: OrderStatus[], to: OrderStatus, at: number, opts: TransitionOrderOptions = {}): Promise<Order | undefined> {
    const guard = { _id: id, status: { $in: from }, ...(opts.unlessAwaiting ? notAwaiting : {}) } as Filter<OrderDoc>;
    const doc = await this.orders.findOneAndUpdate(guard, { $set: { status: to, updatedAt: at } }, { returnDocument: 'after' });
    return doc ? plain(doc) : undefined;
  }
}
