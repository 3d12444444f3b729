import type {
  ChannelName, ChannelState, Conversation, Customer, DailyStats, Delivery, Hold, HoldStatus, MessageRecord, Order, OrderStatus,
  Product, Reply, Stage, StockLevel, Verification,
} from '../domain/types';
import type { AuditEntry, Promotion, TranscriptEntry } from '../domain/owner';

export interface HoldFilter {
  phone?: string;
  sku?: string;
  status?: HoldStatus;
  /** Only holds whose expiresAt is at or before this instant. */
  expiresBefore?: number;
  orderId?: string;
}

export interface OrderFilter {
  phone?: string;
  status?: OrderStatus;
}

export interface TransitionOptions {
  orderId?: string;
  ifExpiredBy?: number;
}

export type StockDelta = Partial<Record<'available' | 'reserved' | 'sold', number>>;

/**
 * The store port: the smallest set of operations the engine needs, each one atomic on a single record,
 * so an adapter needs no multi-record transactions. Conditional operations return whether they won.
 * Quantities (stock deltas, hold quantities) must be finite integers, and those that reserve or hold
 * must be positive: an adapter throws a RangeError for anything else rather than store NaN.
 */
export interface Store {
  upsertProduct(product: Product): Promise<void>;
  getProduct(sku: string): Promise<Product | undefined>;
  listProducts(): Promise<Product[]>;

  getStock(sku: string): Promise<StockLevel | undefined>;
  listStock(): Promise<StockLevel[]>;
  /** received and available grow by delta (which may be negative) iff available stays >= 0. Creates zeroed counters. */
  receiveStock(sku: string, delta: number): Promise<boolean>;
  /**
   * available -= qty and reserved += qty iff available >= qty. With `opId`, at most once per id: a reservation
   * already made under that id (a retried step) changes nothing and answers true.
   */
  reserveStock(sku: string, qty: number, opId?: string): Promise<boolean>;
  /** Undoes the reservation made under `opId`, if it was made and not undone yet; else changes nothing. */
  unreserveStock(sku: string, qty: number, opId: string): Promise<void>;
  /**
   * Unconditional move between counters; only the winner of a hold transition calls it. Sum of delta must be 0.
   * With `opId` (the transition's), at most once per id, so a retry can finish a move its first attempt may
   * or may not have made. Returns the counters as they are after it (the audit trail records them).
   */
  moveStock(sku: string, delta: StockDelta, opId?: string): Promise<StockLevel>;
  /**
   * Replaces the counters iff they still equal `expected`; the reconciler's repair. `applied` rewrites the
   * ids of the moves the counters count as made (see moveStock), in the same write.
   */
  replaceStock(expected: StockLevel, next: StockLevel, applied?: (ids: readonly string[]) => string[]): Promise<boolean>;

  /**
   * Inserts an active hold; false when the phone already has an active hold for that SKU (one per cart
   * line). A duplicate id is a bug and throws.
   */
  insertHold(hold: Hold): Promise<boolean>;
  getHold(id: string): Promise<Hold | undefined>;
  listHolds(filter: HoldFilter): Promise<Hold[]>;
  /**
   * status from → to iff the hold is in `from` (and, with ifExpiredBy, its expiresAt is at or before that
   * instant); returns the hold after the change to the one caller that won.
   */
  transitionHold(id: string, from: HoldStatus, to: HoldStatus, opts?: TransitionOptions): Promise<Hold | undefined>;
  /**
   * Checkout's conversion of one phone's cart: every hold of `ids` active → converted (with `orderId`) in one
   * atomic change, or none of them when any is not active (those are `lost`). Returns the holds as converted.
   */
  convertHolds(phone: string, ids: string[], orderId: string): Promise<{ converted: Hold[]; lost: string[] }>;
  /** qty from → to iff the hold is active with qty `from`; records `opKey` (the message that made the change) when given. */
  setHoldQty(id: string, from: number, to: number, opKey?: string): Promise<boolean>;
  /**
   * Moves the expiry of every active hold of a phone to `expiresAt`, but never past `maxAgeMs` after the
   * hold was made (each hold by its own createdAt).
   */
  extendHolds(phone: string, expiresAt: number, maxAgeMs?: number): Promise<void>;
  /**
   * The reconciler's repair of cart-line claims: an adapter that keeps one record per cart line beside the
   * holds (MongoDB's `cart_lines`) frees those whose hold is missing or no longer active, left by a crash
   * between the two writes; returns how many it freed. An adapter without such records returns 0.
   */
  repairCartLines(): Promise<number>;

  /** A platform identity (e.g. "telegram:12345") → the phone number it belongs to. */
  getIdentity(key: string): Promise<string | undefined>;
  putIdentity(key: string, phone: string): Promise<void>;

  getCustomer(phone: string): Promise<Customer | undefined>;
  putCustomer(customer: Customer): Promise<void>;

  getConversation(phone: string): Promise<Conversation | undefined>;
  /** Writes iff the stored version equals conv.version (0 = must not exist yet); the stored copy gets version + 1. */
  saveConversation(conv: Conversation): Promise<boolean>;
  listConversations(filter: { stage?: Stage }): Promise<Conversation[]>;

  /** A store-wide increasing sequence, for order numbers. */
  nextSequence(name: string): Promise<number>;
  insertOrder(order: Order): Promise<void>;
  getOrder(id: string): Promise<Order | undefined>;
  listOrders(filter: OrderFilter): Promise<Order[]>;
  /** status → to iff the current status is one of `from`; returns the order after the change to the winner. */
  transitionOrder(id: string, from: OrderStatus[], to: OrderStatus, at: number): Promise<Order | undefined>;

  /**
   * Inserts a pending record for `rec.key` unless one exists; returns the stored record and whether this
   * call created it. A message counts in the stats once, when its record is created.
   */
  startMessage(rec: Omit<MessageRecord, 'state' | 'replies'>): Promise<{ record: MessageRecord; created: boolean }>;
  getMessage(key: string): Promise<MessageRecord | undefined>;
  /**
   * pending → done with the replies (idempotent: finishing a done record keeps the first replies), and the
   * message's transcript entries kept with it, in one write (listTranscript reads them as if appended; a
   * done record's entries were kept when it was finished).
   */
  finishMessage(key: string, replies: Reply[], transcript?: TranscriptEntry[]): Promise<void>;
  /** Messages recorded in [from, to), by channel. */
  countMessages(from: number, to: number): Promise<Partial<Record<ChannelName, number>>>;
  listCustomers(): Promise<Customer[]>;
  putDailyStats(stats: DailyStats): Promise<void>;
  /** Days from..to inclusive (YYYY-MM-DD), oldest first; days never rolled up are absent. */
  getDailyStats(from: string, to: string): Promise<DailyStats[]>;

  /** One record per phone and channel (upsert). */
  putChannelState(state: ChannelState): Promise<void>;
  getChannelStates(phone: string): Promise<ChannelState[]>;
  getChannelState(phone: string, channel: ChannelName): Promise<ChannelState | undefined>;

  /** Outbound messages and their fate (upsert by id). */
  putDelivery(delivery: Delivery): Promise<void>;
  getDelivery(id: string): Promise<Delivery | undefined>;
  /** A phone's deliveries, newest first, at most `limit` (default 50). */
  listDeliveries(phone: string, limit?: number): Promise<Delivery[]>;

  /** The web chat's pending one-time code of a phone; a new one replaces the old. */
  putVerification(v: Verification): Promise<void>;
  getVerification(phone: string): Promise<Verification | undefined>;
  /** attempts += 1 iff it still equals `seen`; false when another check got there first. */
  countVerificationAttempt(phone: string, seen: number): Promise<boolean>;
  deleteVerification(phone: string): Promise<void>;

  /**
   * A lease on a key (one customer's conversation) across processes: taken iff free, expired, or already
   * ours; released only by its owner. Every saveConversation of a phone happens under the lease
   * `conversation:<phone>`, so an adapter may answer getConversation from memory while its process has
   * held that lease without a break since it last saved or read the conversation.
   */
  acquireLease(key: string, owner: string, now: number, ttlMs: number): Promise<boolean>;
  releaseLease(key: string, owner: string): Promise<void>;

  /**
   * The human inbox: every message in and out of a customer's conversation. Several entries of one turn go in
   * one call (one command on MongoDB); an entry whose id is already kept is skipped, so a retry adds nothing.
   */
  appendTranscript(entries: TranscriptEntry[]): Promise<void>;
  /** A phone's transcript, oldest first: the last `limit` entries (default 200). */
  listTranscript(phone: string, limit?: number): Promise<TranscriptEntry[]>;
  /** Forgets transcript entries older than `before`; returns how many. */
  pruneTranscripts(before: number): Promise<number>;

  /** Replaces the whole set of promotions. */
  putPromotions(promotions: Promotion[]): Promise<void>;
  listPromotions(): Promise<Promotion[]>;

  /** One entry, or several in one call (one command on MongoDB: a checkout's lines). */
  appendAudit(entry: AuditEntry | AuditEntry[]): Promise<void>;
  /** Newest first, at most `limit` (default 100), of one SKU or all. */
  listAudit(filter: { sku?: string; limit?: number }): Promise<AuditEntry[]>;

  /** A flag set once (e.g. "low-stock:SKU" after the owner was told): true iff this call set it. */
  claimFlag(key: string, at: number): Promise<boolean>;
  clearFlag(key: string): Promise<void>;

  /** Housekeeping: forgets handled message ids older than `olderThanMs` and history no reader needs. */
  maintain(olderThanMs: number): Promise<void>;

  ping(): Promise<void>;
  close(): Promise<void>;
}
