import { MongoClient, type Collection, type Db, type Document } from 'mongodb';
import type {
  ChannelName, Conversation, Customer, DailyStats, Hold, HoldStatus, Order, OrderStatus, Product, Reply, Stage, StockLevel,
} from '../../domain/types';
import type { HoldFilter, OrderFilter, StockDelta, Store, TransitionOptions } from '../store';
import { isDuplicateKey, Versioned } from './versioned';

type Plain<T> = T & { _id: string };
interface Lease { owner: string; until: number }

function plain<T>(doc: Document | null): T | undefined {
  if (!doc) return undefined;
  const { _id, ...rest } = doc;
  void _id;
  return rest as T;
}
const byCreated = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sameCounters = (a: StockLevel, b: StockLevel) =>
  a.received === b.received && a.available === b.available && a.reserved === b.reserved && a.sold === b.sold;

/**
 * The MongoDB adapter. Records that change concurrently (stock counters, holds, conversations, orders,
 * sequences, leases) are versioned and change only by a unique-_id insert (see versioned.ts), so every
 * conditional operation of the port is atomic on a standalone server, a replica set, Atlas and on
 * MongoDB-compatible servers such as FerretDB, without transactions, change streams or TTL indexes.
 * Records with one writer at a time (products, customers, message replies) are plain documents.
 */
export class MongoStore implements Store {
  private products: Collection<Plain<Product>>;
  private customers: Collection<Plain<Customer>>;
  private identities: Collection<{ _id: string; phone: string }>;
  private messages: Collection<{ _id: string; replies?: Reply[]; at: number; channel?: ChannelName }>;
  private stats: Collection<Plain<DailyStats>>;
  /** One document per active cart line (phone|sku): its unique _id allows one active hold per line. */
  private lines: Collection<{ _id: string; holdId: string }>;
  private stock: Versioned<StockLevel>;
  private holds: Versioned<Hold>;
  private conversations: Versioned<Conversation>;
  private orders: Versioned<Order>;
  private sequences: Versioned<{ seq: number }>;
  private leases: Versioned<Lease>;

  private constructor(private client: MongoClient, private db: Db) {
    this.products = db.collection('products');
    this.customers = db.collection('customers');
    this.identities = db.collection('identities');
    this.messages = db.collection('messages');
    this.stats = db.collection('daily_stats');
    this.lines = db.collection('cart_lines');
    this.stock = new Versioned(db, 'stock');
    this.holds = new Versioned(db, 'holds');
    this.conversations = new Versioned(db, 'conversations');
    this.orders = new Versioned(db, 'orders');
    this.sequences = new Versioned(db, 'sequences');
    this.leases = new Versioned(db, 'leases');
  }

  /** Connects, checks the server answers, and creates collections and indexes (idempotently). */
  static async connect(uri: string, dbName?: string, timeoutMs = 5000): Promise<MongoStore> {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs, ignoreUndefined: true });
    try {
      await client.connect();
      const db = client.db(dbName);
      await db.command({ ping: 1 });
      const store = new MongoStore(client, db);
      await store.ensureIndexes();
      return store;
    } catch (err) {
      await client.close().catch(() => undefined);
      throw err;
    }
  }

  private async ensureIndexes(): Promise<void> {
    await this.products.createIndex({ sku: 1 }, { unique: true, name: 'sku_unique' });
    await this.customers.createIndex({ phone: 1 }, { unique: true, name: 'phone_unique' });
    await this.stock.ensureIndexes();
    await this.holds.ensureIndexes([{ 'd.phone': 1, 'd.status': 1 }, { 'd.status': 1, 'd.expiresAt': 1 }, { 'd.orderId': 1 }]);
    await this.conversations.ensureIndexes([{ 'd.stage': 1 }]);
    await this.orders.ensureIndexes([{ 'd.phone': 1 }, { 'd.status': 1 }]);
    // The order number is the record's key, so the heads' _id; this says it in the schema too.
    await this.orders.heads.createIndex({ 'd.id': 1 }, { unique: true, name: 'order_number_unique' });
    await this.sequences.ensureIndexes();
    await this.leases.ensureIndexes();
  }

  async upsertProduct(product: Product) {
    await this.products.replaceOne({ _id: product.sku }, { ...product } as Plain<Product>, { upsert: true });
  }
  async getProduct(sku: string) {
    return plain<Product>(await this.products.findOne({ _id: sku }));
  }
  async listProducts() {
    return (await this.products.find().sort({ _id: 1 }).toArray()).map((d) => plain<Product>(d)!);
  }

  async getStock(sku: string) {
    return (await this.stock.get(sku))?.doc;
  }
  async listStock() {
    return this.stock.list({}, () => true, (a, b) => (a.sku < b.sku ? -1 : 1));
  }
  async receiveStock(sku: string, delta: number) {
    const written = await this.stock.update(sku, (s) => {
      const cur = s ?? { sku, received: 0, available: 0, reserved: 0, sold: 0 };
      if (cur.available + delta < 0) return undefined;
      return { ...cur, received: cur.received + delta, available: cur.available + delta };
    });
    return written !== undefined;
  }
  async reserveStock(sku: string, qty: number) {
    const written = await this.stock.update(sku, (s) => (s && s.available >= qty
      ? { ...s, available: s.available - qty, reserved: s.reserved + qty } : undefined));
    return written !== undefined;
  }
  async moveStock(sku: string, delta: StockDelta) {
    const written = await this.stock.update(sku, (s) => s && {
      ...s,
      available: s.available + (delta.available ?? 0),
      reserved: s.reserved + (delta.reserved ?? 0),
      sold: s.sold + (delta.sold ?? 0),
    });
    if (!written) throw new Error(`no stock counters for ${sku}`);
  }
  async replaceStock(expected: StockLevel, next: StockLevel) {
    const written = await this.stock.update(expected.sku, (s) => (s && sameCounters(s, expected) ? { ...next, sku: expected.sku } : undefined));
    return written !== undefined;
  }

  private lineKey(h: Pick<Hold, 'phone' | 'sku'>) {
    return `${h.phone}|${h.sku}`;
  }
  private async claimLine(h: Hold): Promise<boolean> {
    try {
      await this.lines.insertOne({ _id: this.lineKey(h), holdId: h.id });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }
  private async freeLine(h: Hold): Promise<void> {
    await this.lines.deleteOne({ _id: this.lineKey(h), holdId: h.id });
  }

  async insertHold(hold: Hold) {
    if (await this.holds.get(hold.id)) throw new Error(`duplicate hold id ${hold.id}`);
    if (hold.status === 'active' && !(await this.claimLine(hold))) return false;
    if (!(await this.holds.swap(hold.id, 0, hold))) {
      if (hold.status === 'active') await this.freeLine(hold);
      throw new Error(`duplicate hold id ${hold.id}`);
    }
    return true;
  }
  async getHold(id: string) {
    return (await this.holds.get(id))?.doc;
  }
  async listHolds(f: HoldFilter) {
    const q: Document = {};
    if (f.phone !== undefined) q['d.phone'] = f.phone;
    if (f.sku !== undefined) q['d.sku'] = f.sku;
    if (f.orderId !== undefined) q['d.orderId'] = f.orderId;
    if (f.status !== undefined) q['d.status'] = f.status;
    if (f.expiresBefore !== undefined) q['d.expiresAt'] = { $lte: f.expiresBefore };
    return this.holds.list(q, (h) => (f.status === undefined || h.status === f.status)
      && (f.expiresBefore === undefined || h.expiresAt <= f.expiresBefore), byCreated);
  }
  async transitionHold(id: string, from: HoldStatus, to: HoldStatus, opts: TransitionOptions = {}) {
    const current = await this.holds.get(id);
    if (!current || current.doc.status !== from) return undefined;
    // Back to active needs its cart line free; claim it first, and give it back if the swap is lost.
    const reclaim = to === 'active' && from !== 'active';
    if (reclaim && !(await this.claimLine(current.doc))) return undefined;
    const written = await this.holds.update(id, (h) => {
      if (!h || h.status !== from) return undefined;
      if (opts.ifExpiredBy !== undefined && h.expiresAt > opts.ifExpiredBy) return undefined;
      return { ...h, status: to, ...(opts.orderId !== undefined ? { orderId: opts.orderId } : {}) };
    });
    if (!written) {
      if (reclaim) await this.freeLine(current.doc);
      return undefined;
    }
    if (from === 'active' && to !== 'active') await this.freeLine(written);
    return written;
  }
  async setHoldQty(id: string, from: number, to: number) {
    const written = await this.holds.update(id, (h) => (h && h.status === 'active' && h.qty === from ? { ...h, qty: to } : undefined));
    return written !== undefined;
  }
  async extendHolds(phone: string, expiresAt: number) {
    for (const h of await this.listHolds({ phone, status: 'active' })) {
      await this.holds.update(h.id, (cur) => (cur && cur.status === 'active' ? { ...cur, expiresAt } : undefined));
    }
  }

  async getIdentity(key: string) {
    return (await this.identities.findOne({ _id: key }))?.phone;
  }
  async putIdentity(key: string, phone: string) {
    await this.identities.replaceOne({ _id: key }, { phone }, { upsert: true });
  }

  async getCustomer(phone: string) {
    return plain<Customer>(await this.customers.findOne({ _id: phone }));
  }
  async putCustomer(customer: Customer) {
    await this.customers.replaceOne({ _id: customer.phone }, { ...customer } as Plain<Customer>, { upsert: true });
  }

  async getConversation(phone: string) {
    const c = await this.conversations.get(phone);
    return c && { ...c.doc, version: c.v };
  }
  async saveConversation(conv: Conversation) {
    return this.conversations.swap(conv.phone, conv.version, { ...conv, version: conv.version + 1 });
  }
  async listConversations(f: { stage?: Stage }) {
    const q: Document = f.stage ? { 'd.stage': f.stage } : {};
    return this.conversations.list(q, (c) => f.stage === undefined || c.stage === f.stage, (a, b) => a.updatedAt - b.updatedAt);
  }

  async nextSequence(name: string) {
    const written = await this.sequences.update(name, (s) => ({ seq: (s?.seq ?? 0) + 1 }));
    return written!.seq;
  }
  async insertOrder(order: Order) {
    if (!(await this.orders.swap(order.id, 0, order))) throw new Error(`duplicate order id ${order.id}`);
  }
  async getOrder(id: string) {
    return (await this.orders.get(id))?.doc;
  }
  async listOrders(f: OrderFilter) {
    const q: Document = {};
    if (f.phone !== undefined) q['d.phone'] = f.phone;
    if (f.status !== undefined) q['d.status'] = f.status;
    return this.orders.list(q, (o) => f.status === undefined || o.status === f.status, byCreated);
  }
  async transitionOrder(id: string, from: OrderStatus[], to: OrderStatus, at: number) {
    return this.orders.update(id, (o) => (o && from.includes(o.status) ? { ...o, status: to, updatedAt: at } : undefined));
  }

  async claimMessage(key: string, counted?: { channel: ChannelName; at: number }) {
    try {
      await this.messages.insertOne({ _id: key, at: counted?.at ?? Date.now(), ...(counted ? { channel: counted.channel } : {}) });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }
  async countMessages(from: number, to: number) {
    const rows = await this.messages.aggregate<{ _id: ChannelName; n: number }>([
      { $match: { at: { $gte: from, $lt: to }, channel: { $exists: true } } },
      { $group: { _id: '$channel', n: { $sum: 1 } } },
    ]).toArray();
    return Object.fromEntries(rows.map((r) => [r._id, r.n])) as Partial<Record<ChannelName, number>>;
  }
  async listCustomers() {
    return (await this.customers.find().toArray()).map((d) => plain<Customer>(d)!);
  }
  async putDailyStats(stats: DailyStats) {
    await this.stats.replaceOne({ _id: stats.day }, { ...stats } as Plain<DailyStats>, { upsert: true });
  }
  async getDailyStats(from: string, to: string) {
    return (await this.stats.find({ _id: { $gte: from, $lte: to } }).sort({ _id: 1 }).toArray()).map((d) => plain<DailyStats>(d)!);
  }

  async saveReplies(key: string, replies: Reply[]) {
    await this.messages.updateOne({ _id: key }, { $set: { replies } });
  }
  async getReplies(key: string) {
    return (await this.messages.findOne({ _id: key }))?.replies ?? undefined;
  }

  async acquireLease(key: string, owner: string, now: number, ttlMs: number) {
    const written = await this.leases.update(key, (l) => (!l || l.owner === owner || l.until <= now ? { owner, until: now + ttlMs } : undefined));
    return written !== undefined;
  }
  async releaseLease(key: string, owner: string) {
    await this.leases.update(key, (l) => (l && l.owner === owner ? { owner: '', until: 0 } : undefined));
  }

  async maintain(olderThanMs: number) {
    await this.messages.deleteMany({ at: { $lt: Date.now() - olderThanMs } });
    for (const v of [this.stock, this.holds, this.conversations, this.orders, this.sequences, this.leases]) await v.prune(olderThanMs);
  }

  async ping() {
    await this.db.command({ ping: 1 });
  }
  async close() {
    await this.client.close();
  }
}
