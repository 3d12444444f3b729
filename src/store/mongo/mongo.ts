import { MongoClient, type Collection, type Db, type Document } from 'mongodb';
import type {
  ChannelName, ChannelState, Clock, Conversation, Customer, DailyStats, Delivery, Hold, HoldStatus, Order, OrderStatus,
  Product, Stage, StockLevel, Verification,
} from '../../domain/types';
import { checkDelta, checkLevel, noteApplied, positiveQuantity, wholeQuantity } from '../quantities';
import type { AuditEntry, Promotion, TranscriptEntry } from '../../domain/owner';
import type { HoldFilter, HoldRef, OrderFilter, StockDelta, Store, TransitionOptions, TurnBegin, TurnEnd } from '../store';
import { countCommands, type CommandCounts } from './commands';
import type { CustomerDoc } from './customer-doc';
import { CustomerParts } from './customers';
import { HoldRecords } from './holds';
import { MessageEntries } from './messages';
import { OwnerRecords } from './owner';
import { TurnCache } from './turn-cache';
import { Turns } from './turns';
import { databaseName } from './uri';
import { upsertById } from './util';
import { Versioned } from './versioned';

type Plain<T> = T & { _id: string };
/** The web chat's code of one phone; a deleted one is a version without `code`. */
interface VerificationSlot { code?: Verification }

export interface MongoStoreOptions {
  /** How long to wait for a server (default 5 s). */
  timeoutMs?: number;
  /** Hears of every command sent (for /metrics). */
  onCommand?: (command: string) => void;
  /** What stamps records and measures their age (default: the system clock). */
  clock?: Clock;
}


function plain<T>(doc: Document | null): T | undefined {
  if (!doc) return undefined;
  const { _id, ...rest } = doc;
  void _id;
  return rest as T;
}
const byCreated = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** A product's counters as stored: with the ids of its recent moves made with one (see Store.moveStock). */
type StockRecord = StockLevel & { applied?: string[] };
const level = ({ applied: _applied, ...counters }: StockRecord): StockLevel => counters;
const sameCounters = (a: StockLevel, b: StockLevel) =>
  a.received === b.received && a.available === b.available && a.reserved === b.reserved && a.sold === b.sold;

/**
 * The MongoDB adapter. A customer's live state is one `customers` document keyed by phone (customer-doc.ts:
 * the customer, their conversation and lease, holds, channel states and recent messages), each change of it
 * one single-document atomic conditional update routed by the phone (customers.ts, holds.ts, turns.ts), and
 * a message's turn is one command to begin and one to end (turns.ts). Older message entries live in the
 * `messages` archive (messages.ts). Stock counters, orders, sequences and verification codes are versioned
 * records (versioned.ts); products, deliveries, identities and the owner's records are plain documents.
 */
export class MongoStore implements Store {
  private products: Collection<Plain<Product>>;
  /** One document per customer with their whole live state (customer-doc.ts). */
  private customers: Collection<CustomerDoc>;
  private identities: Collection<{ _id: string; phone: string }>;
  private stats: Collection<Plain<DailyStats>>;
  private deliveries: Collection<Plain<Delivery>>;
  private verifications: Versioned<VerificationSlot>;
  private stock: Versioned<StockRecord>;
  private turnCache = new TurnCache();
  private holdRecords: HoldRecords;
  private customerParts: CustomerParts;
  private entries: MessageEntries;
  private turns: Turns;
  private orders: Versioned<Order>;
  /** A customer's order ids, keyed by phone: their orders are found by _id, never by a query that scans. */
  private ordersByPhone: Versioned<{ ids: string[] }>;
  private migrations: Collection<{ _id: string; at: number }>;
  private sequences: Versioned<{ seq: number }>;
  private owner: OwnerRecords;

  /** Commands sent to the server since connecting, by command name (find, insert, update, …). */
  readonly commands: CommandCounts;

  private constructor(private client: MongoClient, private db: Db, commands: CommandCounts, private clock: Clock) {
    this.commands = commands;
    this.products = db.collection('products');
    this.customers = db.collection('customers');
    this.identities = db.collection('identities');
    this.stats = db.collection('daily_stats');
    this.deliveries = db.collection('deliveries');
    this.verifications = new Versioned(db, 'verifications', clock, { queried: false });
    this.stock = new Versioned(db, 'stock', clock);
    this.holdRecords = new HoldRecords(this.customers, this.turnCache);
    this.customerParts = new CustomerParts(this.customers, this.turnCache);
    this.orders = new Versioned(db, 'orders', clock);
    this.ordersByPhone = new Versioned(db, 'orders_by_phone', clock, { queried: false });
    this.migrations = db.collection('migrations');
    this.sequences = new Versioned(db, 'sequences', clock, { queried: false });
    this.owner = new OwnerRecords(db);
    this.entries = new MessageEntries(db, this.customers, this.owner);
    this.turns = new Turns(this.customers, this.turnCache, this.entries);
  }

  /**
   * Connects, checks the server answers, and creates collections and indexes (idempotently). The database
   * is `dbName`, else the one the URI names, else `grocer`.
   */
  static async connect(uri: string, dbName: string = databaseName(uri), opts: MongoStoreOptions = {}): Promise<MongoStore> {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: opts.timeoutMs ?? 5000, ignoreUndefined: true, monitorCommands: true });
    const commands = countCommands(client, opts.onCommand);
    try {
      await client.connect();
      const db = client.db(dbName);
      await db.command({ ping: 1 });
      const store = new MongoStore(client, db, commands, opts.clock ?? Date);
      await store.ensureIndexes();
      return store;
    } catch (err) {
      await client.close().catch(() => undefined);
      throw err;
    }
  }

  private async ensureIndexes(): Promise<void> {
    await this.products.createIndex({ sku: 1 }, { unique: true, name: 'sku_unique' });
    await this.stock.ensureIndexes();
    await this.holdRecords.ensureIndexes();
    await this.customerParts.ensureIndexes();
    await this.entries.ensureIndexes();
    await this.orders.ensureIndexes([{ 'd.phone': 1 }, { 'd.status': 1 }]);
    // The order number is the record's key, so the heads' _id; this says it in the schema too.
    await this.orders.heads.createIndex({ 'd.id': 1 }, { unique: true, name: 'order_number_unique' });
    await this.sequences.ensureIndexes();
    await this.verifications.ensureIndexes();
    await this.deliveries.createIndex({ phone: 1, createdAt: -1 }, { name: 'by_phone' });
    await this.deliveries.createIndex({ updatedAt: 1 }, { name: 'by_update' });
    await this.owner.ensureIndexes();
    await this.ordersByPhone.ensureIndexes();
    await this.indexOrdersByPhone();
  }

  /** Orders written before orders_by_phone existed are entered in it, once (idempotent if two processes do it). */
  private async indexOrdersByPhone(): Promise<void> {
    if (await this.migrations.findOne({ _id: 'orders_by_phone' })) return;
    for (const order of await this.orders.list({})) await this.addOrderId(order.phone, order.id);
    await upsertById(this.migrations, 'orders_by_phone', { at: this.clock.now() });
  }
  private async addOrderId(phone: string, id: string): Promise<void> {
    await this.ordersByPhone.update(phone, (x) => (x?.ids.includes(id) ? undefined : { ids: [...(x?.ids ?? []), id] }));
  }

  async upsertProduct(product: Product) {
    await upsertById(this.products, product.sku, { ...product } as Plain<Product>);
  }
  async getProduct(sku: string) {
    return plain<Product>(await this.products.findOne({ _id: sku }));
  }
  async listProducts() {
    return (await this.products.find().sort({ _id: 1 }).toArray()).map((d) => plain<Product>(d)!);
  }

  async getStock(sku: string) {
    const doc = (await this.stock.get(sku))?.doc;
    return doc && level(doc);
  }
  async listStock() {
    return (await this.stock.list({}, () => true, (a, b) => (a.sku < b.sku ? -1 : 1))).map(level);
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
  async reserveStock(sku: string, qty: number, opId?: string) {
    positiveQuantity('reserved quantity', qty);
    // Set by the last look at the record (the change may be asked more than once): made before under opId.
    let already = false;
    const written = await this.stock.update(sku, (s) => {
      already = Boolean(s && opId !== undefined && s.applied?.includes(opId));
      if (!s || already || s.available < qty) return undefined;
      return { ...s, available: s.available - qty, reserved: s.reserved + qty, ...(opId !== undefined ? { applied: noteApplied(s.applied, opId) } : {}) };
    });
    return already || written !== undefined;
  }
  async unreserveStock(sku: string, qty: number, opId: string) {
    positiveQuantity('reserved quantity', qty);
    await this.stock.update(sku, (s) => (s?.applied?.includes(opId)
      ? { ...s, available: s.available + qty, reserved: s.reserved - qty, applied: s.applied.filter((id) => id !== opId) } : undefined));
  }
  async moveStock(sku: string, delta: StockDelta, opId?: string) {
    checkDelta(sku, delta);
    let seen: StockRecord | undefined;
    const written = await this.stock.update(sku, (s) => {
      seen = s;
      if (!s || (opId !== undefined && s.applied?.includes(opId))) return undefined;
      return {
        ...s,
        available: s.available + (delta.available ?? 0),
        reserved: s.reserved + (delta.reserved ?? 0),
        sold: s.sold + (delta.sold ?? 0),
        ...(opId !== undefined ? { applied: noteApplied(s.applied, opId) } : {}),
      };
    });
    const now = written ?? seen;
    if (!now) throw new Error(`no stock counters for ${sku}`);
    return { ...level(now), sku };
  }
  async replaceStock(expected: StockLevel, next: StockLevel, applied?: (ids: readonly string[]) => string[]) {
    checkLevel({ ...next, sku: expected.sku });
    const written = await this.stock.update(expected.sku, (s) => {
      if (!s || !sameCounters(s, expected)) return undefined;
      const ids = applied ? applied(s.applied ?? []) : s.applied;
      return { ...next, sku: expected.sku, ...(ids?.length ? { applied: ids } : {}) };
    });
    return written !== undefined;
  }

  insertHold(hold: Hold) { return this.holdRecords.insert(hold); }
  getHold(ref: HoldRef) { return this.holdRecords.get(ref); }
  listHolds(f: HoldFilter) { return this.holdRecords.list(f); }
  transitionHold(ref: HoldRef, from: HoldStatus, to: HoldStatus, opts: TransitionOptions = {}) { return this.holdRecords.transition(ref, from, to, opts); }
  convertHolds(phone: string, ids: string[], orderId: string) { return this.holdRecords.convert(phone, ids, orderId); }
  setHoldQty(ref: HoldRef, from: number, to: number, opKey?: string) { return this.holdRecords.setQty(ref, from, to, opKey); }
  extendHolds(phone: string, expiresAt: number, maxAgeMs = Infinity) { return this.holdRecords.extend(phone, expiresAt, maxAgeMs); }
  /** A cart line is part of its customer's document here: there are no separate claims to repair. */
  async repairCartLines() {
    return 0;
  }

  async getIdentity(key: string) {
    return (await this.identities.findOne({ _id: key }))?.phone;
  }
  async putIdentity(key: string, phone: string) {
    await upsertById(this.identities, key, { phone });
  }

  getCustomer(phone: string) { return this.customerParts.getCustomer(phone); }
  putCustomer(customer: Customer) { return this.customerParts.putCustomer(customer); }
  listCustomers() { return this.customerParts.listCustomers(); }

  getConversation(phone: string) { return this.customerParts.getConversation(phone); }
  saveConversation(conv: Conversation) { return this.customerParts.saveConversation(conv); }
  listConversations(f: { stage?: Stage }) { return this.customerParts.listConversations(f); }
  acquireConversationLease(phone: string, owner: string, now: number, ttlMs: number) { return this.customerParts.acquireLease(phone, owner, now, ttlMs); }
  releaseConversationLease(phone: string, owner: string) { return this.customerParts.releaseLease(phone, owner); }

  beginTurn(phone: string, begin: TurnBegin) { return this.turns.begin(phone, begin); }
  endTurn(phone: string, end: TurnEnd) { return this.turns.end(phone, end); }

  async nextSequence(name: string) {
    const written = await this.sequences.update(name, (s) => ({ seq: (s?.seq ?? 0) + 1 }));
    return written!.seq;
  }
  async insertOrder(order: Order) {
    // The id first: an id whose order was never written (a crash in between) is skipped by listOrders.
    await this.addOrderId(order.phone, order.id);
    if (!(await this.orders.swap(order.id, 0, order))) throw new Error(`duplicate order id ${order.id}`);
  }
  async getOrder(id: string) {
    return (await this.orders.get(id))?.doc;
  }
  async listOrders(f: OrderFilter) {
    if (f.phone !== undefined) {
      // By _id only: a query on d.phone scans every order on FerretDB (2.6 s a message at 10,000 customers).
      const ids = (await this.ordersByPhone.get(f.phone))?.doc.ids ?? [];
      const found = await Promise.all(ids.map((id) => this.orders.get(id)));
      return found
        .flatMap((x) => (x && x.doc.phone === f.phone && (f.status === undefined || x.doc.status === f.status) ? [x.doc] : []))
        .sort(byCreated);
    }
    const q: Document = {};
    if (f.phone !== undefined) q['d.phone'] = f.phone;
    if (f.status !== undefined) q['d.status'] = f.status;
    return this.orders.list(q, (o) => f.status === undefined || o.status === f.status, byCreated);
  }
  async transitionOrder(id: string, from: OrderStatus[], to: OrderStatus, at: number) {
    return this.orders.update(id, (o) => (o && from.includes(o.status) ? { ...o, status: to, updatedAt: at } : undefined));
  }

  getMessage(phone: string, key: string) { return this.entries.getMessage(phone, key); }
  countMessages(from: number, to: number) { return this.entries.countMessages(from, to); }
  async putDailyStats(stats: DailyStats) {
    await upsertById(this.stats, stats.day, { ...stats } as Plain<DailyStats>);
  }
  async getDailyStats(from: string, to: string) {
    return (await this.stats.find({ _id: { $gte: from, $lte: to } }).sort({ _id: 1 }).toArray()).map((d) => plain<DailyStats>(d)!);
  }

  putChannelState(state: ChannelState) { return this.customerParts.putChannelState(state); }
  getChannelState(phone: string, channel: ChannelName) { return this.customerParts.getChannelState(phone, channel); }
  getChannelStates(phone: string) { return this.customerParts.getChannelStates(phone); }

  async putDelivery(delivery: Delivery) {
    await upsertById(this.deliveries, delivery.id, { ...delivery } as Plain<Delivery>);
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

  appendTranscript(entries: TranscriptEntry[]) { return this.owner.appendTranscript(entries); }
  listTranscript(phone: string, limit = 200) { return this.entries.listTranscript(phone, limit); }
  async pruneTranscripts(before: number) {
    return (await this.entries.pruneTranscripts(before)) + (await this.owner.pruneTranscripts(before));
  }
  putPromotions(list: Promotion[]) { return this.owner.putPromotions(list); }
  listPromotions() { return this.owner.listPromotions(); }
  appendAudit(entry: AuditEntry | AuditEntry[]) { return this.owner.appendAudit(entry); }
  listAudit(filter: { sku?: string; limit?: number }) { return this.owner.listAudit(filter); }
  claimFlag(key: string, at: number) { return this.owner.claimFlag(key, at); }
  clearFlag(key: string) { return this.owner.clearFlag(key); }

  async maintain(olderThanMs: number) {
    const cutoff = this.clock.now() - olderThanMs;
    await this.entries.maintain(cutoff);
    await this.holdRecords.prune(cutoff);
    await this.customerParts.dropLeases(cutoff);
    const versioned = [this.stock, this.orders, this.ordersByPhone, this.sequences, this.verifications];
    for (const v of versioned) await (v as { prune(ms: number): Promise<number> }).prune(olderThanMs);
  }

  async ping() {
    await this.db.command({ ping: 1 });
  }
  async close() {
    await this.client.close();
  }
}
