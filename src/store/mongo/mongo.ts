import { MongoClient, type Collection, type CommandStartedEvent, type Db, type Document } from 'mongodb';
import type {
  ChangeStatus, ChannelName, ChannelState, Clock, Conversation, Customer, DailyStats, Delivery, Hold, HoldStatus, Order, OrderChange, OrderNote, OrderStatus,
  Product, Stage, StockLevel, Verification,
} from '../../domain/types';
import type { AuditEntry, Promotion, TranscriptEntry } from '../../domain/owner';
import type { StoreSettings } from '../../domain/settings';
import type {
  ConversationListQuery, HoldFilter, HoldRef, OrderContent, OrderFilter, ProposalGuard, StockDelta, Store, TransitionOptions, TransitionOrderOptions, TurnBegin, TurnEnd,
} from '../store';
import { countCommands, type CommandCounts } from './commands';
import type { CustomerDoc } from './customer-doc';
import { ConversationDirectory } from './conversation-list';
import { CustomerParts } from './customers';
import { HoldRecords } from './holds';
import { MessageEntries } from './messages';
import { OrderNotes } from './order-notes';
import { OrderRecords } from './orders';
import { OrderChangeRecords } from './order-changes';
import { OwnerRecords } from './owner';
import type { StaffMember, StaffSession } from '../../domain/staff';
import { StaffRecords } from './staff';
import { StockWishRecords } from './stock-wishes';
import type { StockWish } from '../../domain/wish';
import { SettingsDocument } from './settings';
import { PurchaseHistory } from './purchases';
import { SlotBookingRecords } from './slot-bookings';
import type { DatedSlot, OfferedSlot } from '../../domain/slots';
import { ProductRecords } from './products';
import { StockCounters } from './stock';
import { TurnCache } from './turn-cache';
import { Turns } from './turns';
import { assertCurrentLayout } from './migrate/check';
import { databaseName } from './uri';
import { upsertById } from './util';
import { VerificationCodes } from './verifications';

type Plain<T> = T & { _id: string };

export interface MongoStoreOptions {
  /** How long to wait for a server (default 5 s). */
  timeoutMs?: number;
  /** Hears of every command sent (for /metrics). */
  onCommand?: (command: string) => void;
  /** Hears of every command sent, with its document (for tests that check what a command names). */
  onCommandStarted?: (event: CommandStartedEvent) => void;
  /** What stamps records and measures their age (default: the system clock). */
  clock?: Clock;
}


function plain<T>(doc: Document | null): T | undefined {
  if (!doc) return undefined;
  const { _id, ...rest } = doc;
  void _id;
  return rest as T;
}

/**
 * The MongoDB adapter. A customer's live state is one `customers` document keyed by phone (customer-doc.ts:
 * the customer, their conversation and lease, holds, channel states and recent messages), each change of it
 * one single-document atomic conditional update routed by the phone (customers.ts, holds.ts, turns.ts), and
 * a message's turn is one command to begin and one to end (turns.ts). Older message entries live in the
 * `messages` archive (messages.ts). Stock counters (stock.ts: one document per SKU), orders and sequences
 * (orders.ts) and verification codes (verifications.ts) are plain documents, each change one conditional
 * update; products, deliveries, identities and the owner's records are plain documents too.
 */
export class MongoStore implements Store {
  private products: ProductRecords;
  /** One document per customer with their whole live state (customer-doc.ts). */
  private customers: Collection<CustomerDoc>;
  private identities: Collection<{ _id: string; phone: string }>;
  private stats: Collection<Plain<DailyStats>>;
  private deliveries: Collection<Plain<Delivery>>;
  private verifications: VerificationCodes;
  private stock: StockCounters;
  private turnCache = new TurnCache();
  private holdRecords: HoldRecords;
  private customerParts: CustomerParts;
  private entries: MessageEntries;
  private turns: Turns;
  private orders: OrderRecords;
  private orderNotes: OrderNotes;
  private directory: ConversationDirectory;
  private orderChanges: OrderChangeRecords;
  private owner: OwnerRecords;
  private staff: StaffRecords;
  private settings: SettingsDocument;
  private purchases: PurchaseHistory;
  private slotBookings: SlotBookingRecords;
  private wishes: StockWishRecords;

  /** Commands sent to the server since connecting, by command name (find, insert, update, …). */
  readonly commands: CommandCounts;

  private constructor(private client: MongoClient, private db: Db, commands: CommandCounts, private clock: Clock) {
    this.commands = commands;
    this.products = new ProductRecords(db);
    this.customers = db.collection('customers');
    this.identities = db.collection('identities');
    this.stats = db.collection('daily_stats');
    this.deliveries = db.collection('deliveries');
    this.verifications = new VerificationCodes(db, clock);
    this.stock = new StockCounters(db);
    this.holdRecords = new HoldRecords(this.customers, this.turnCache);
    this.customerParts = new CustomerParts(this.customers, this.turnCache);
    this.orders = new OrderRecords(db);
    this.orderNotes = new OrderNotes(db);
    this.directory = new ConversationDirectory(this.customers);
    this.orderChanges = new OrderChangeRecords(db);
    this.owner = new OwnerRecords(db);
    this.staff = new StaffRecords(db);
    this.settings = new SettingsDocument(db);
    this.purchases = new PurchaseHistory(db);
    this.slotBookings = new SlotBookingRecords(db);
    this.wishes = new StockWishRecords(db);
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
    if (opts.onCommandStarted) client.on('commandStarted', opts.onCommandStarted);
    try {
      await client.connect();
      const db = client.db(dbName);
      await db.command({ ping: 1 });
      await assertCurrentLayout(db);
      const store = new MongoStore(client, db, commands, opts.clock ?? Date);
      await store.ensureIndexes();
      return store;
    } catch (err) {
      await client.close().catch(() => undefined);
      throw err;
    }
  }

  private async ensureIndexes(): Promise<void> {
    await this.products.ensureIndexes();
    await this.holdRecords.ensureIndexes();
    await this.customerParts.ensureIndexes();
    await this.entries.ensureIndexes();
    await this.orders.ensureIndexes();
    await this.orderChanges.ensureIndexes();
    await this.verifications.ensureIndexes();
    await this.deliveries.createIndex({ phone: 1, createdAt: -1 }, { name: 'by_phone' });
    await this.deliveries.createIndex({ updatedAt: 1 }, { name: 'by_update' });
    await this.owner.ensureIndexes();
    await this.staff.ensureIndexes();
    await this.wishes.ensureIndexes();
  }

  upsertProduct(product: Product) { return this.products.upsert(product); }
  insertProduct(product: Product) { return this.products.insert(product); }
  replaceProductIf(expected: Product, next: Product) { return this.products.replaceIf(expected, next); }
  /** From what this process read in the last 2 s: a change made by another process shows by then. */
  getProduct(sku: string) { return this.products.get(sku); }
  listProducts() { return this.products.list(); }
  catalogVersion() { return this.products.currentVersion(); }

  getStock(sku: string) { return this.stock.get(sku); }
  listStock() { return this.stock.list(); }
  receiveStock(sku: string, delta: number) { return this.stock.receive(sku, delta); }
  reserveStock(sku: string, qty: number, opId?: string) { return this.stock.reserve(sku, qty, opId); }
  unreserveStock(sku: string, qty: number, opId: string) { return this.stock.unreserve(sku, qty, opId); }
  moveStock(sku: string, delta: StockDelta, opId?: string) { return this.stock.move(sku, delta, opId); }
  replaceStock(expected: StockLevel, next: StockLevel, applied?: (ids: readonly string[]) => string[]) {
    return this.stock.replace(expected, next, applied);
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

  nextSequence(name: string) { return this.orders.nextSequence(name); }
  insertOrder(order: Order) { return this.orders.insert(order); }
  getOrder(id: string) { return this.orders.get(id); }
  listOrders(f: OrderFilter) { return this.orders.list(f); }
  transitionOrder(id: string, from: OrderStatus[], to: OrderStatus, at: number, opts?: TransitionOrderOptions) { return this.orders.transition(id, from, to, at, opts); }
  addOrderNote(id: string, note: OrderNote) { return this.orderNotes.add(id, note); }
  listConversationSummaries(q: ConversationListQuery) { return this.directory.list(q); }
  proposeChanges(id: string, guard: ProposalGuard, changes: OrderChange[], content: OrderContent | undefined, at: number) { return this.orderChanges.propose(id, guard, changes, content, at); }
  settleChanges(id: string, from: OrderStatus[], ids: string[], to: ChangeStatus, content: OrderContent, at: number) { return this.orderChanges.settle(id, from, ids, to, content, at); }
  listAwaitingAnswer(f: { phone?: string; dueBy?: number }) { return this.orderChanges.awaiting(f); }

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

  putVerification(v: Verification) { return this.verifications.put(v); }
  getVerification(phone: string) { return this.verifications.get(phone); }
  countVerificationAttempt(phone: string, seen: number) { return this.verifications.countAttempt(phone, seen); }
  deleteVerification(phone: string) { return this.verifications.delete(phone); }

  appendTranscript(entries: TranscriptEntry[]) { return this.owner.appendTranscript(entries); }
  listTranscript(phone: string, limit = 200) { return this.entries.listTranscript(phone, limit); }
  async pruneTranscripts(before: number) {
    return (await this.entries.pruneTranscripts(before)) + (await this.owner.pruneTranscripts(before));
  }
  putPromotions(list: Promotion[]) { return this.owner.putPromotions(list); }
  listPromotions() { return this.owner.listPromotions(); }
  replacePromotionsIf(expected: Promotion[], next: Promotion[]) { return this.owner.replacePromotionsIf(expected, next); }
  getSettings() { return this.settings.get(); }
  putSettings(next: StoreSettings, expected: number | undefined) { return this.settings.put(next, expected); }
  recentOrders(phone: string, limit: number) { return this.purchases.recent(phone, limit); }
  holdSlot(slot: OfferedSlot, phone: string, until: number, now: number) { return this.slotBookings.hold(slot, phone, until, now); }
  releaseSlot(slot: DatedSlot, phone: string) { return this.slotBookings.release(slot, phone); }
  bookSlot(slot: OfferedSlot, phone: string, orderId: string, now: number) { return this.slotBookings.book(slot, phone, orderId, now); }
  freeSlot(slot: DatedSlot, orderId: string) { return this.slotBookings.free(slot, orderId); }
  slotsTaken(slots: readonly DatedSlot[], now: number) { return this.slotBookings.taken(slots, now); }
  appendAudit(entry: AuditEntry | AuditEntry[]) { return this.owner.appendAudit(entry); }
  listAudit(filter: { sku?: string; limit?: number }) { return this.owner.listAudit(filter); }
  claimFlag(key: string, at: number) { return this.owner.claimFlag(key, at); }
  clearFlag(key: string) { return this.owner.clearFlag(key); }

  addStaff(member: StaffMember) { return this.staff.add(member); }
  getStaff(login: string) { return this.staff.get(login); }
  listStaff() { return this.staff.list(); }
  removeStaff(login: string) { return this.staff.remove(login); }
  addStaffSession(session: StaffSession) { return this.staff.addSession(session); }
  getStaffSession(id: string, now: number) { return this.staff.getSession(id, now); }
  extendStaffSession(id: string, expiresAt: number) { return this.staff.extendSession(id, expiresAt); }
  endStaffSession(id: string) { return this.staff.endSession(id); }

  putWish(wish: Pick<StockWish, 'phone' | 'sku' | 'at'>) { return this.wishes.put(wish); }
  listWishesOf(phone: string) { return this.wishes.of(phone); }
  listWaitingWishes(skus?: readonly string[]) { return this.wishes.waiting(skus); }
  countWaitingWishes() { return this.wishes.countWaiting(); }
  claimWish(phone: string, sku: string, at: number) { return this.wishes.claim(phone, sku, at); }
  deleteWishes(phone: string, skus: readonly string[]) { return this.wishes.delete(phone, skus); }
  settleWish(phone: string, sku: string, toldAt: number) { return this.wishes.settle(phone, sku, toldAt); }
  pruneToldWishes(before: number) { return this.wishes.pruneTold(before); }

  async maintain(olderThanMs: number) {
    const cutoff = this.clock.now() - olderThanMs;
    await this.entries.maintain(cutoff);
    await this.holdRecords.prune(cutoff);
    await this.customerParts.dropLeases(cutoff);
    await this.customerParts.dropClosedConversations(cutoff);
    await this.verifications.deleteExpired();
    await this.wishes.pruneTold(cutoff);
  }

  async ping() {
    await this.db.command({ ping: 1 });
  }
  async close() {
    await this.client.close();
  }
}
