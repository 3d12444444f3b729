import { MongoClient, type Collection, type Db, type Document } from 'mongodb';
import type {
  ChannelName, ChannelState, Conversation, Customer, DailyStats, Delivery, Hold, HoldStatus, MessageRecord, Order, OrderStatus,
  Product, Reply, Stage, StockLevel, Verification,
} from '../../domain/types';
import { CHANNEL_NAMES as CHANNELS } from '../../domain/types';
import { checkDelta, checkLevel, positiveQuantity, wholeQuantity } from '../quantities';
import type { AuditEntry, Promotion, TranscriptEntry } from '../../domain/owner';
import type { HoldFilter, OrderFilter, StockDelta, Store, TransitionOptions } from '../store';
import { OwnerRecords } from './owner';
import { databaseName } from './uri';
import { isDuplicateKey, Versioned } from './versioned';

type Plain<T> = T & { _id: string };
interface Lease { owner: string; until: number }
/** A cart line's claim: the id of the hold that has it, '' when free. */
interface LineClaim { holdId: string }
/** The web chat's code of one phone; a deleted one is a version without `code`. */
interface VerificationSlot { code?: Verification }
type MessageDoc = Omit<MessageRecord, 'key'> & { _id: string };

const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(20, 2 ** attempt)));

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
 * The MongoDB adapter. Records that change concurrently (stock counters, holds, cart-line claims,
 * conversations, orders, sequences, leases, verification codes) are versioned and change only by a
 * unique-_id insert (see versioned.ts), so every conditional operation of the port is atomic on a
 * standalone server, a replica set, Atlas and on MongoDB-compatible servers such as FerretDB, without
 * transactions, change streams or TTL indexes. Records with one writer at a time (products, customers,
 * message records, channel states, deliveries) are plain documents. Message records and channel states,
 * read on every message, are found by _id: FerretDB on SQLite scans the collection for other filters.
 */
export class MongoStore implements Store {
  private products: Collection<Plain<Product>>;
  private customers: Collection<Plain<Customer>>;
  private identities: Collection<{ _id: string; phone: string }>;
  private messages: Collection<MessageDoc>;
  private stats: Collection<Plain<DailyStats>>;
  /** `phone|channel` → that customer's state on that platform. */
  private channelStates: Collection<Plain<ChannelState>>;
  private deliveries: Collection<Plain<Delivery>>;
  /**
   * One claim per cart line (phone|sku), naming the hold that has it: how one active hold per line is
   * kept without transactions. See claimLine.
   */
  private lines: Versioned<LineClaim>;
  private verifications: Versioned<VerificationSlot>;
  private stock: Versioned<StockLevel>;
  private holds: Versioned<Hold>;
  private conversations: Versioned<Conversation>;
  private orders: Versioned<Order>;
  private sequences: Versioned<{ seq: number }>;
  private leases: Versioned<Lease>;
  private owner: OwnerRecords;

  private constructor(private client: MongoClient, private db: Db) {
    this.products = db.collection('products');
    this.customers = db.collection('customers');
    this.identities = db.collection('identities');
    this.messages = db.collection('messages');
    this.stats = db.collection('daily_stats');
    this.channelStates = db.collection('channel_states');
    this.deliveries = db.collection('deliveries');
    this.lines = new Versioned(db, 'cart_lines');
    this.verifications = new Versioned(db, 'verifications');
    this.stock = new Versioned(db, 'stock');
    this.holds = new Versioned(db, 'holds');
    this.conversations = new Versioned(db, 'conversations');
    this.orders = new Versioned(db, 'orders');
    this.sequences = new Versioned(db, 'sequences');
    this.leases = new Versioned(db, 'leases');
    this.owner = new OwnerRecords(db);
  }

  /**
   * Connects, checks the server answers, and creates collections and indexes (idempotently). The database
   * is `dbName`, else the one the URI names, else `grocer`.
   */
  static async connect(uri: string, dbName: string = databaseName(uri), timeoutMs = 5000): Promise<MongoStore> {
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
    await this.lines.ensureIndexes();
    await this.upgradeLineClaims();
    await this.verifications.ensureIndexes();
    await this.messages.createIndex({ at: 1 }, { name: 'by_time' });
    await this.deliveries.createIndex({ phone: 1, createdAt: -1 }, { name: 'by_phone' });
    await this.deliveries.createIndex({ updatedAt: 1 }, { name: 'by_update' });
    await this.owner.ensureIndexes();
  }

  /** Claims written before cart lines were versioned (`{_id, holdId}`) become their line's first version. */
  private async upgradeLineClaims(): Promise<void> {
    const raw = this.lines.heads as unknown as Collection<{ _id: string; holdId?: string }>;
    for (const old of await raw.find({ v: { $exists: false } } as Document).toArray()) {
      if (old.holdId) await this.lines.swap(old._id, 0, { holdId: old.holdId });
    }
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
    wholeQuantity('received change', delta);
    const written = await this.stock.update(sku, (s) => {
      const cur = s ?? { sku, received: 0, available: 0, reserved: 0, sold: 0 };
      if (cur.available + delta < 0) return undefined;
      return { ...cur, received: cur.received + delta, available: cur.available + delta };
    });
    return written !== undefined;
  }
  async reserveStock(sku: string, qty: number) {
    positiveQuantity('reserved quantity', qty);
    const written = await this.stock.update(sku, (s) => (s && s.available >= qty
      ? { ...s, available: s.available - qty, reserved: s.reserved + qty } : undefined));
    return written !== undefined;
  }
  async moveStock(sku: string, delta: StockDelta) {
    checkDelta(sku, delta);
    const written = await this.stock.update(sku, (s) => s && {
      ...s,
      available: s.available + (delta.available ?? 0),
      reserved: s.reserved + (delta.reserved ?? 0),
      sold: s.sold + (delta.sold ?? 0),
    });
    if (!written) throw new Error(`no stock counters for ${sku}`);
  }
  async replaceStock(expected: StockLevel, next: StockLevel) {
    checkLevel({ ...next, sku: expected.sku });
    const written = await this.stock.update(expected.sku, (s) => (s && sameCounters(s, expected) ? { ...next, sku: expected.sku } : undefined));
    return written !== undefined;
  }

  private lineKey(h: Pick<Hold, 'phone' | 'sku'>) {
    return `${h.phone}|${h.sku}`;
  }

  /**
   * Makes `h` the holder of its cart line; false when another active hold has it. A claim whose hold is
   * missing or no longer active was left by a crash between the claim and the hold's write (or by one
   * before the line was freed): it is taken over, so a crash never wedges a line. Every claim, a re-claim
   * by the same hold too, writes a new version of the line, so of two claimers that read the same version
   * one wins. Who takes a line over looks again, after winning, at the hold it displaced: if that one has
   * become active meanwhile (its own claim came first), it gives the line back. The holder-to-be checks
   * after its own write that the line is still its (see ownsLine): between them, one of two never wins.
   */
  private async claimLine(h: Hold): Promise<boolean> {
    const key = this.lineKey(h);
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const current = await this.lines.get(key);
      const owner = current?.doc.holdId || undefined;
      const displaced = owner !== undefined && owner !== h.id ? owner : undefined;
      if (displaced && (await this.holds.get(displaced))?.doc.status === 'active') return false;
      if (!(await this.lines.swap(key, current?.v ?? 0, { holdId: h.id }))) { await pause(attempt); continue; }
      if (displaced && (await this.holds.get(displaced))?.doc.status === 'active') {
        await this.lines.update(key, (c) => (c?.holdId === h.id ? { holdId: displaced } : undefined));
        return false;
      }
      return true;
    }
    throw new Error(`cart line ${key} kept changing under us`);
  }
  private async ownsLine(h: Hold): Promise<boolean> {
    return (await this.lines.get(this.lineKey(h)))?.doc.holdId === h.id;
  }
  private async freeLine(h: Hold): Promise<void> {
    await this.lines.update(this.lineKey(h), (c) => (c?.holdId === h.id ? { holdId: '' } : undefined));
  }

  async insertHold(hold: Hold) {
    positiveQuantity('held quantity', hold.qty);
    if (await this.holds.get(hold.id)) throw new Error(`duplicate hold id ${hold.id}`);
    const active = hold.status === 'active';
    if (active && !(await this.claimLine(hold))) return false;
    if (!(await this.holds.swap(hold.id, 0, hold))) {
      if (active) await this.freeLine(hold);
      throw new Error(`duplicate hold id ${hold.id}`);
    }
    // Taken over between our claim and our write (we looked dead): this hold never was the line's.
    if (active && !(await this.ownsLine(hold))) {
      await this.holds.update(hold.id, (h) => (h?.status === 'active' ? { ...h, status: 'released' } : undefined));
      return false;
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
    // Back to active needs its cart line; claim it first, and give it back if the change is lost.
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
    if (reclaim && !(await this.ownsLine(written))) {
      await this.holds.update(id, (h) => (h?.status === 'active' ? { ...h, status: from } : undefined));
      return undefined;
    }
    if (from === 'active' && to !== 'active') await this.freeLine(written);
    return written;
  }
  async setHoldQty(id: string, from: number, to: number, opKey?: string) {
    positiveQuantity('held quantity', to);
    const written = await this.holds.update(id, (h) => (h && h.status === 'active' && h.qty === from
      ? { ...h, qty: to, ...(opKey !== undefined ? { opKey } : {}) } : undefined));
    return written !== undefined;
  }
  async extendHolds(phone: string, expiresAt: number, maxAgeMs = Infinity) {
    for (const h of await this.listHolds({ phone, status: 'active' })) {
      await this.holds.update(h.id, (cur) => (cur && cur.status === 'active' ? { ...cur, expiresAt: Math.min(expiresAt, cur.createdAt + maxAgeMs) } : undefined));
    }
  }
  async repairCartLines() {
    // Heads and versions both: a writer that died between its two writes left a version with no head.
    const keys = new Set<string>();
    for (const h of await this.lines.heads.find({}, { projection: { _id: 1 } }).toArray()) keys.add(h._id);
    for (const v of await this.lines.versions.find({}, { projection: { k: 1 } }).toArray()) keys.add(v.k);
    let freed = 0;
    for (const key of keys) {
      const holdId = (await this.lines.get(key))?.doc.holdId;
      if (!holdId || (await this.holds.get(holdId))?.doc.status === 'active') continue;
      const written = await this.lines.update(key, (c) => (c?.holdId === holdId ? { holdId: '' } : undefined));
      if (written) freed += 1;
    }
    return freed;
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

  async startMessage(rec: Omit<MessageRecord, 'state' | 'replies'>) {
    const { key, ...rest } = rec;
    const doc: MessageDoc = { _id: key, ...rest, state: 'pending' };
    try {
      await this.messages.insertOne(doc);
      return { record: { key, ...rest, state: 'pending' as const }, created: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const existing = await this.getMessage(key);
    if (!existing) throw new Error('message record vanished while being read');
    return { record: existing, created: false };
  }
  async getMessage(key: string) {
    const doc = await this.messages.findOne({ _id: key });
    if (!doc) return undefined;
    const { _id, ...rest } = doc;
    return { key: _id, ...rest } as MessageRecord;
  }
  /** One turn of a message runs at a time (the customer's lease), so this has no competing writer. */
  async finishMessage(key: string, replies: Reply[]) {
    await this.messages.updateOne({ _id: key, state: 'pending' }, { $set: { state: 'done', replies } });
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

  async putChannelState(state: ChannelState) {
    await this.channelStates.replaceOne({ _id: `${state.phone}|${state.channel}` }, { ...state } as Plain<ChannelState>, { upsert: true });
  }
  async getChannelState(phone: string, channel: ChannelName) {
    return plain<ChannelState>(await this.channelStates.findOne({ _id: `${phone}|${channel}` }));
  }
  /** One lookup by _id per channel: on the path of every message sent. */
  async getChannelStates(phone: string) {
    const found = await Promise.all(CHANNELS.map((c) => this.channelStates.findOne({ _id: `${phone}|${c}` })));
    return found.flatMap((d) => (d ? [plain<ChannelState>(d)!] : []));
  }

  async putDelivery(delivery: Delivery) {
    await this.deliveries.replaceOne({ _id: delivery.id }, { ...delivery } as Plain<Delivery>, { upsert: true });
  }
  async getDelivery(id: string) {
    return plain<Delivery>(await this.deliveries.findOne({ _id: id }));
  }
  async listDeliveries(phone: string, limit = 50) {
    const docs = await this.deliveries.find({ phone }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
    return docs.map((d) => plain<Delivery>(d)!);
  }

  async putVerification(v: Verification) {
    await this.verifications.update(v.phone, () => ({ code: v }));
  }
  async getVerification(phone: string) {
    return (await this.verifications.get(phone))?.doc.code;
  }
  /** A versioned record, so of several checks that read the same count exactly one counts. */
  async countVerificationAttempt(phone: string, seen: number) {
    const written = await this.verifications.update(phone, (slot) => (slot?.code && slot.code.attempts === seen
      ? { code: { ...slot.code, attempts: seen + 1 } } : undefined));
    return written !== undefined;
  }
  async deleteVerification(phone: string) {
    await this.verifications.update(phone, (slot) => (slot?.code ? {} : undefined));
  }

  appendTranscript(entry: TranscriptEntry) { return this.owner.appendTranscript(entry); }
  listTranscript(phone: string, limit?: number) { return this.owner.listTranscript(phone, limit); }
  pruneTranscripts(before: number) { return this.owner.pruneTranscripts(before); }
  putPromotions(list: Promotion[]) { return this.owner.putPromotions(list); }
  listPromotions() { return this.owner.listPromotions(); }
  appendAudit(entry: AuditEntry) { return this.owner.appendAudit(entry); }
  listAudit(filter: { sku?: string; limit?: number }) { return this.owner.listAudit(filter); }
  claimFlag(key: string, at: number) { return this.owner.claimFlag(key, at); }
  clearFlag(key: string) { return this.owner.clearFlag(key); }

  async acquireLease(key: string, owner: string, now: number, ttlMs: number) {
    const written = await this.leases.update(key, (l) => (!l || l.owner === owner || l.until <= now ? { owner, until: now + ttlMs } : undefined));
    return written !== undefined;
  }
  async releaseLease(key: string, owner: string) {
    await this.leases.update(key, (l) => (l && l.owner === owner ? { owner: '', until: 0 } : undefined));
  }

  async maintain(olderThanMs: number) {
    await this.messages.deleteMany({ at: { $lt: Date.now() - olderThanMs } });
    const versioned = [this.stock, this.holds, this.conversations, this.orders, this.sequences, this.leases, this.lines, this.verifications];
    for (const v of versioned) await (v as { prune(ms: number): Promise<number> }).prune(olderThanMs);
  }

  async ping() {
    await this.db.command({ ping: 1 });
  }
  async close() {
    await this.client.close();
  }
}
