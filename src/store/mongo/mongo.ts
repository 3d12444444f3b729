import { MongoClient, type Collection, type Db, type Document } from 'mongodb';
import type {
  ChannelName, ChannelState, Clock, Conversation, Customer, DailyStats, Delivery, Hold, HoldStatus, MessageRecord, Order, OrderStatus,
  Product, Reply, Stage, StockLevel, Verification,
} from '../../domain/types';
import { CHANNEL_NAMES as CHANNELS } from '../../domain/types';
import { positiveQuantity } from '../quantities';
import type { AuditEntry, Promotion, TranscriptEntry } from '../../domain/owner';
import type { HoldFilter, OrderFilter, StockDelta, Store, TransitionOptions } from '../store';
import { countCommands, type CommandCounts } from './commands';
import { HoldRecords } from './holds';
import { OrderRecords } from './orders';
import { OwnerRecords } from './owner';
import { StockCounters } from './stock';
import { databaseName } from './uri';
import { VerificationCodes } from './verifications';
import { isDuplicateKey, upsertById, Versioned } from './versioned';

type Plain<T> = T & { _id: string };
interface Lease { owner: string; until: number }
/** A message's record; its transcript entries are kept in it (one write with finishing it), `heard` the first one's time. */
type MessageDoc = Omit<MessageRecord, 'key'> & { _id: string; transcript?: TranscriptEntry[]; heard?: number };
const CUSTOMER_MEMORY_MS = 30 * 60_000;
/**
 * The id of a customer's conversation lease in the leases collection: the same as before the conversations
 * port took the lease, so processes of both versions share it during a rolling upgrade.
 */
const leaseId = (phone: string) => `conversation:${phone}`;

export interface MongoStoreOptions {
  /** How long to wait for a server (default 5 s). */
  timeoutMs?: number;
  /** Hears of every command sent (for /metrics). */
  onCommand?: (command: string) => void;
  /** What stamps records and measures their age (default: the system clock). */
  clock?: Clock;
}
const REMEMBERED_CUSTOMERS = 50_000;


function plain<T>(doc: Document | null): T | undefined {
  if (!doc) return undefined;
  const { _id, ...rest } = doc;
  void _id;
  return rest as T;
}

/**
 * The MongoDB adapter. Stock counters (stock.ts), orders and sequences (orders.ts) and verification codes
 * (verifications.ts) are plain documents, each change one single-document conditional update. Other records
 * that change concurrently (each customer's holds (holds.ts), conversations, leases) are versioned and change
 * only by a unique-_id insert (see versioned.ts). Records with one writer at a time (products, customers,
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
  private verifications: VerificationCodes;
  private stock: StockCounters;
  private holdRecords: HoldRecords;
  private conversations: Versioned<Conversation>;
  private orders: OrderRecords;
  private leases: Versioned<Lease>;
  private owner: OwnerRecords;
  /** Phones whose conversation lease's newest version this process wrote (acquire, renewal or release), and that version. */
  private leaseWrites = new Map<string, number>();
  /** Phones whose conversation lease this process holds with no other holder since its own previous write of it. */
  private undisturbed = new Set<string>();
  /**
   * Customers as this process last wrote them, for 30 minutes. Only a turn under the customer's lease writes
   * a customer, so while this process has held that lease without a break since (`undisturbed`), the copy
   * is the stored record and getCustomer need not ask the server.
   */
  private customersWritten = new Map<string, { customer: Customer; at: number }>();
  /** Message records this process created and has not finished yet. */
  private startedHere = new Set<string>();

  /** Commands sent to the server since connecting, by command name (find, insert, update, …). */
  readonly commands: CommandCounts;

  private constructor(private client: MongoClient, private db: Db, commands: CommandCounts, private clock: Clock) {
    this.commands = commands;
    this.products = db.collection('products');
    this.customers = db.collection('customers');
    this.identities = db.collection('identities');
    this.messages = db.collection('messages');
    this.stats = db.collection('daily_stats');
    this.channelStates = db.collection('channel_states');
    this.deliveries = db.collection('deliveries');
    this.verifications = new VerificationCodes(db, clock);
    this.stock = new StockCounters(db);
    this.holdRecords = new HoldRecords(db, clock);
    // Queried only by the jobs and the handoff list, which read every conversation anyway: its head may lag.
    this.conversations = new Versioned(db, 'conversations', clock, { queried: false });
    this.orders = new OrderRecords(db);
    this.leases = new Versioned(db, 'leases', clock, { queried: false });
    this.owner = new OwnerRecords(db);
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
    await this.customers.createIndex({ phone: 1 }, { unique: true, name: 'phone_unique' });
    await this.holdRecords.ensureIndexes();
    await this.conversations.ensureIndexes([{ 'd.stage': 1 }]);
    await this.orders.ensureIndexes();
    await this.leases.ensureIndexes();
    await this.verifications.ensureIndexes();
    await this.messages.createIndex({ at: 1 }, { name: 'by_time' });
    await this.messages.createIndex({ phone: 1, heard: -1 }, { name: 'transcript_by_phone' });
    await this.messages.createIndex({ heard: 1 }, { name: 'transcript_by_time' });
    await this.deliveries.createIndex({ phone: 1, createdAt: -1 }, { name: 'by_phone' });
    await this.deliveries.createIndex({ updatedAt: 1 }, { name: 'by_update' });
    await this.owner.ensureIndexes();
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

  getStock(sku: string) { return this.stock.get(sku); }
  listStock() { return this.stock.list(); }
  receiveStock(sku: string, delta: number) { return this.stock.receive(sku, delta); }
  reserveStock(sku: string, qty: number, opId?: string) { return this.stock.reserve(sku, qty, opId); }
  unreserveStock(sku: string, qty: number, opId: string) { return this.stock.unreserve(sku, qty, opId); }
  moveStock(sku: string, delta: StockDelta, opId?: string) { return this.stock.move(sku, delta, opId); }
  replaceStock(expected: StockLevel, next: StockLevel, applied?: (ids: readonly string[]) => string[]) {
    return this.stock.replace(expected, next, applied);
  }

  async insertHold(hold: Hold) {
    positiveQuantity('held quantity', hold.qty);
    return this.holdRecords.insert(hold);
  }
  getHold(id: string) {
    return this.holdRecords.get(id);
  }
  listHolds(f: HoldFilter) {
    return this.holdRecords.list(f);
  }
  transitionHold(id: string, from: HoldStatus, to: HoldStatus, opts: TransitionOptions = {}) {
    return this.holdRecords.transition(id, from, to, opts);
  }
  convertHolds(phone: string, ids: string[], orderId: string) {
    return this.holdRecords.convert(phone, ids, orderId);
  }
  async setHoldQty(id: string, from: number, to: number, opKey?: string) {
    positiveQuantity('held quantity', to);
    return this.holdRecords.setQty(id, from, to, opKey);
  }
  extendHolds(phone: string, expiresAt: number, maxAgeMs = Infinity) {
    return this.holdRecords.extend(phone, expiresAt, maxAgeMs);
  }
  /** Holds and their cart lines are one record per customer here: there are no separate claims to repair. */
  async repairCartLines() {
    return 0;
  }

  async getIdentity(key: string) {
    return (await this.identities.findOne({ _id: key }))?.phone;
  }
  async putIdentity(key: string, phone: string) {
    await upsertById(this.identities, key, { phone });
  }

  async getCustomer(phone: string) {
    const mine = this.customersWritten.get(phone);
    if (mine && this.undisturbed.has(phone) && this.clock.now() - mine.at <= CUSTOMER_MEMORY_MS) return structuredClone(mine.customer);
    return plain<Customer>(await this.customers.findOne({ _id: phone }));
  }
  async putCustomer(customer: Customer) {
    // Forgotten first: a write that fails may or may not have reached the server.
    this.customersWritten.delete(customer.phone);
    await upsertById(this.customers, customer.phone, { ...customer } as Plain<Customer>);
    this.customersWritten.set(customer.phone, { customer: structuredClone(customer), at: this.clock.now() });
    if (this.customersWritten.size > REMEMBERED_CUSTOMERS) this.customersWritten.delete(this.customersWritten.keys().next().value!);
  }

  async getConversation(phone: string) {
    // Saved only under the customer's lease (see ConversationsPort.acquireConversationLease): while this
    // process has held it without a break since it last wrote it, the conversation it remembers is the newest.
    const c = (this.undisturbed.has(phone) && this.conversations.peek(phone)) || await this.conversations.get(phone);
    if (!c?.doc) return undefined;
    return { ...c.doc, version: c.v };
  }
  async saveConversation(conv: Conversation) {
    if (await this.conversations.swap(conv.phone, conv.version, { ...conv, version: conv.version + 1 })) return true;
    // Written by someone else: what this process remembers is no longer to be served from memory.
    this.conversations.forget(conv.phone);
    return false;
  }
  async listConversations(f: { stage?: Stage }) {
    // Every head, walked forward: a head may lag behind its record's stage (see the constructor).
    return this.conversations.list({}, (c) => f.stage === undefined || c.stage === f.stage, (a, b) => a.updatedAt - b.updatedAt);
  }

  nextSequence(name: string) { return this.orders.nextSequence(name); }
  insertOrder(order: Order) { return this.orders.insert(order); }
  getOrder(id: string) { return this.orders.get(id); }
  listOrders(f: OrderFilter) { return this.orders.list(f); }
  transitionOrder(id: string, from: OrderStatus[], to: OrderStatus, at: number) { return this.orders.transition(id, from, to, at); }

  async startMessage(rec: Omit<MessageRecord, 'state' | 'replies'>) {
    const { key, ...rest } = rec;
    const doc: MessageDoc = { _id: key, ...rest, state: 'pending' };
    try {
      await this.messages.insertOne(doc);
      this.startedHere.add(key);
      if (this.startedHere.size > 10_000) this.startedHere.delete(this.startedHere.values().next().value!);
      return { record: { key, ...rest, state: 'pending' as const }, created: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const existing = await this.getMessage(key);
    if (!existing) throw new Error('message record vanished while being read');
    return { record: existing, created: false };
  }
  async getMessage(key: string) {
    const doc = await this.messages.findOne({ _id: key }, { projection: { transcript: 0, heard: 0 } });
    if (!doc) return undefined;
    const { _id, ...rest } = doc;
    return { key: _id, ...rest } as MessageRecord;
  }
  /** One turn of a message runs at a time (the customer's lease), so this has no competing writer. */
  async finishMessage(key: string, replies: Reply[], transcript: TranscriptEntry[] = []) {
    // By _id alone (FerretDB on SQLite scans for any other filter): a record this process started is pending;
    // any other is looked at first, so finishing a done record keeps its first replies.
    if (!this.startedHere.delete(key) && (await this.getMessage(key))?.state !== 'pending') return;
    const kept = transcript.length ? { transcript, heard: transcript[0]!.at } : {};
    await this.messages.updateOne({ _id: key }, { $set: { state: 'done', replies, ...kept } });
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
    await upsertById(this.stats, stats.day, { ...stats } as Plain<DailyStats>);
  }
  async getDailyStats(from: string, to: string) {
    return (await this.stats.find({ _id: { $gte: from, $lte: to } }).sort({ _id: 1 }).toArray()).map((d) => plain<DailyStats>(d)!);
  }

  async putChannelState(state: ChannelState) {
    await upsertById(this.channelStates, `${state.phone}|${state.channel}`, { ...state } as Plain<ChannelState>);
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
    await upsertById(this.deliveries, delivery.id, { ...delivery } as Plain<Delivery>);
  }
  async getDelivery(id: string) {
    return plain<Delivery>(await this.deliveries.findOne({ _id: id }));
  }
  async listDeliveries(phone: string, limit = 50) {
    const docs = await this.deliveries.find({ phone }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
    return docs.map((d) => plain<Delivery>(d)!);
  }

  putVerification(v: Verification) { return this.verifications.put(v); }
  getVerification(phone: string) { return this.verifications.get(phone); }
  countVerificationAttempt(phone: string, seen: number) { return this.verifications.countAttempt(phone, seen); }
  deleteVerification(phone: string) { return this.verifications.delete(phone); }

  appendTranscript(entries: TranscriptEntry[]) { return this.owner.appendTranscript(entries); }
  /** Entries appended alone and entries kept in message records, merged by time (an entry written both ways once). */
  async listTranscript(phone: string, limit = 200) {
    const [alone, docs] = await Promise.all([
      this.owner.listTranscript(phone, limit),
      this.messages.find({ phone, heard: { $exists: true } }, { projection: { transcript: 1, heard: 1 } }).sort({ heard: -1 }).limit(limit).toArray(),
    ]);
    const byId = new Map([...alone, ...docs.flatMap((d) => d.transcript ?? [])].map((e) => [e.id, e]));
    return [...byId.values()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(-limit);
  }
  /** Message records keep their dedup role after their transcript is forgotten (maintain deletes them later). */
  async pruneTranscripts(before: number) {
    const old = await this.messages.find({ heard: { $lt: before } }, { projection: { transcript: 1 } }).toArray();
    const inMessages = old.reduce((n, d) => n + (d.transcript?.length ?? 0), 0);
    if (old.length) await this.messages.updateMany({ _id: { $in: old.map((d) => d._id) } }, { $unset: { transcript: '', heard: '' } });
    return inMessages + (await this.owner.pruneTranscripts(before));
  }
  putPromotions(list: Promotion[]) { return this.owner.putPromotions(list); }
  listPromotions() { return this.owner.listPromotions(); }
  appendAudit(entry: AuditEntry | AuditEntry[]) { return this.owner.appendAudit(entry); }
  listAudit(filter: { sku?: string; limit?: number }) { return this.owner.listAudit(filter); }
  claimFlag(key: string, at: number) { return this.owner.claimFlag(key, at); }
  clearFlag(key: string) { return this.owner.clearFlag(key); }

  async acquireConversationLease(phone: string, owner: string, now: number, ttlMs: number) {
    const key = leaseId(phone);
    const before = this.leases.peek(key)?.v;
    const wroteLast = before !== undefined && this.leaseWrites.get(phone) === before;
    const written = await this.leases.update(key, (l) => (!l || l.owner === owner || l.until <= now ? { owner, until: now + ttlMs } : undefined));
    if (!written) {
      this.undisturbed.delete(phone);
      return false;
    }
    const after = this.leases.peek(key)!.v;
    this.noteLeaseWrite(phone, after);
    // Our write came right after our own last one: no other process held the lease in between.
    if (wroteLast && after === before + 1) this.undisturbed.add(phone);
    else this.undisturbed.delete(phone);
    return true;
  }
  async releaseConversationLease(phone: string, owner: string) {
    this.undisturbed.delete(phone);
    const key = leaseId(phone);
    const written = await this.leases.update(key, (l) => (l && l.owner === owner ? { owner: '', until: 0 } : undefined));
    if (written) this.noteLeaseWrite(phone, this.leases.peek(key)!.v);
  }
  private noteLeaseWrite(phone: string, v: number) {
    this.leaseWrites.delete(phone);
    this.leaseWrites.set(phone, v);
    if (this.leaseWrites.size > 50_000) this.leaseWrites.delete(this.leaseWrites.keys().next().value!);
  }

  async maintain(olderThanMs: number) {
    // Records past their dedup window give their transcript entries to the transcripts collection (kept
    // until TRANSCRIPT_DAYS), so the messages read on every message stay a window's worth.
    const cutoff = this.clock.now() - olderThanMs;
    for (;;) {
      const batch = await this.messages.find({ at: { $lt: cutoff }, heard: { $exists: true } }, { projection: { transcript: 1 } }).limit(500).toArray();
      if (!batch.length) break;
      const entries = batch.flatMap((d) => d.transcript ?? []);
      if (entries.length) await this.owner.appendTranscript(entries);
      await this.messages.deleteMany({ _id: { $in: batch.map((d) => d._id) } });
    }
    await this.messages.deleteMany({ at: { $lt: cutoff } });
    await this.verifications.deleteExpired();
    const versioned = [this.holdRecords.carts, this.conversations, this.leases];
    for (const v of versioned) await (v as { prune(ms: number): Promise<number> }).prune(olderThanMs);
  }

  async ping() {
    await this.db.command({ ping: 1 });
  }
  async close() {
    await this.client.close();
  }
}
