import type {
  ChangeStatus, ChannelName, ChannelState, Conversation, Customer, DailyStats, Delivery, Hold, HoldStatus, MessageRecord, Order, OrderChange, OrderNote, OrderStatus,
  Product, Reply, Stage, StockLevel, Verification,
} from '../../domain/types';
import { CHANNEL_NAMES as CHANNELS } from '../../domain/types';
import type { AuditEntry, Promotion, TranscriptEntry } from '../../domain/owner';
import type { StoreSettings } from '../../domain/settings';
import { APPLIED_KEPT, checkDelta, checkLevel, positiveQuantity, wholeQuantity } from '../quantities';
import type { StaffMember, StaffSession } from '../../domain/staff';
import { MemoryStaff } from './staff';
import type { ConversationListQuery } from '../ports/conversation-list';
import { listSummaries } from './conversation-list';
import { addNote } from './order-notes';
import { MemorySettings } from './settings';
import { MemoryPurchases } from './purchases';
import { MemorySlotBookings } from './slot-bookings';
import type { DatedSlot, OfferedSlot } from '../../domain/slots';
import type {
  BegunTurn, HoldFilter, HoldRef, OrderContent, OrderFilter, ProposalGuard, StockDelta, Store, TransitionOptions, TransitionOrderOptions, TurnBegin, TurnEnd,
} from '../store';
import { awaitsAnswer, MemoryOrderChanges } from './order-changes';
import { MemoryStockWishes } from './stock-wishes';
import type { StockWish } from '../../domain/wish';

/**
 * A deep copy of plain data (objects, arrays, primitives: what every stored record is), by hand:
 * structuredClone serializes and deserializes, several times the cost for these small records.
 */
function copy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key]);
  return out as T;
}
/**
 * A product's copy without structuredClone: every field is a primitive but `aliases`. Checkout lists the whole
 * catalog, and 183 structuredClones were 3 % of the CPU of an in-memory message.
 */
const copyProduct = (p: Product): Product => ({ ...p, aliases: [...p.aliases], ...(p.tags ? { tags: [...p.tags] } : {}) });
/** How many begun-and-unended message keys a phone keeps (see TurnsPort.beginTurn). */
const OPEN_TURNS_KEPT = 50;
const FINISHED: HoldStatus[] = ['released', 'expired', 'restocked'];

/** A Map of Sets: the ids under each key, with empty sets dropped so the index never outgrows its records. */
class Index<K> {
  private sets = new Map<K, Set<string>>();
  add(key: K, id: string) {
    let set = this.sets.get(key);
    if (!set) this.sets.set(key, (set = new Set()));
    set.add(id);
  }
  delete(key: K, id: string) {
    const set = this.sets.get(key);
    if (set?.delete(id) && set.size === 0) this.sets.delete(key);
  }
  get(key: K): ReadonlySet<string> {
    return this.sets.get(key) ?? new Set();
  }
}

/**
 * The zero-setup store: everything in this process's memory, gone on restart. Every method finishes its
 * check-and-write synchronously, so each one is atomic with respect to the others. Holds are indexed by
 * phone, status, order and cart line, so no lookup on a message's path scans every hold ever made, and
 * maintain() forgets what no reader needs any more, so memory stays flat however long it runs.
 */
/** A product's fields in one order, so two equal products compare equal as JSON. */
const sorted = (p: Product) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));

export class MemoryStore implements Store {
  private products = new Map<string, Product>();
  private stock = new Map<string, StockLevel>();
  /** Per SKU, the ids of the recent moves made with one (see Store.moveStock). */
  private applied = new Map<string, Set<string>>();
  private holds = new Map<string, Hold>();
  private holdsByPhone = new Index<string>();
  private holdsByStatus = new Index<HoldStatus>();
  private holdsByOrder = new Index<string>();
  /** `phone|sku` → the id of that cart line's active hold. */
  private activeLines = new Map<string, string>();
  private ordersByPhone = new Index<string>();
  private customers = new Map<string, Customer>();
  private identities = new Map<string, string>();
  private conversations = new Map<string, Conversation>();
  private orders = new Map<string, Order>();
  private sequences = new Map<string, number>();
  private messages = new Map<string, MessageRecord>();
  private channelStates = new Map<string, ChannelState>();
  private deliveries = new Map<string, Delivery>();
  private deliveriesByPhone = new Index<string>();
  private verifications = new Map<string, Verification>();
  private stats = new Map<string, DailyStats>();
  /** Phone → who holds that customer's conversation lease, and until when. */
  private leases = new Map<string, { owner: string; until: number }>();
  /** Phone → keys of messages whose turn began and never ended (see TurnsPort.beginTurn), the last few. */
  private openTurns = new Map<string, string[]>();
  private transcripts = new Map<string, TranscriptEntry[]>();
  private transcriptIds = new Set<string>();
  private promotions: Promotion[] = [];
  private settings = new MemorySettings();
  private slotBookings = new MemorySlotBookings();
  /** The SKUs in order, kept until a product is added (products are never removed). */
  private productsBySku: string[] | undefined;
  /** Moves on every product write (see CatalogPort.catalogVersion). */
  private catalogVersionNumber = 0;
  private audit: AuditEntry[] = [];
  private flags = new Map<string, number>();
  private staff = new MemoryStaff();
  private wishes = new MemoryStockWishes();

  /** `clock` is what maintain() measures age against: the same clock that stamps the records. */
  constructor(private clock: { now(): number } = Date) {}

  async upsertProduct(product: Product) {
    if (!this.products.has(product.sku)) this.productsBySku = undefined;
    this.products.set(product.sku, copy(product));
    this.catalogVersionNumber += 1;
  }
  async replaceProductIf(expected: Product, next: Product) {
    const now = this.products.get(expected.sku);
    if (!now || JSON.stringify(sorted(now)) !== JSON.stringify(sorted(expected))) return false;
    await this.upsertProduct(next);
    return true;
  }
  async insertProduct(product: Product) {
    if (this.products.has(product.sku)) return false;
    await this.upsertProduct(product);
    return true;
  }
  async catalogVersion() {
    return this.catalogVersionNumber;
  }
  async getProduct(sku: string) {
    const p = this.products.get(sku);
    return p && copyProduct(p);
  }
  async listProducts() {
    this.productsBySku ??= [...this.products.keys()].sort((a, b) => (a < b ? -1 : 1));
    return this.productsBySku.map((sku) => copyProduct(this.products.get(sku)!));
  }

  async getStock(sku: string) {
    const s = this.stock.get(sku);
    return s && copy(s);
  }
  async listStock() {
    return [...this.stock.values()].sort((a, b) => (a.sku < b.sku ? -1 : 1)).map(copy);
  }
  async receiveStock(sku: string, delta: number) {
    wholeQuantity('received change', delta);
    const s = this.stock.get(sku) ?? { sku, received: 0, available: 0, reserved: 0, sold: 0 };
    if (s.available + delta < 0) return false;
    s.received += delta;
    s.available += delta;
    this.stock.set(sku, s);
    return true;
  }
  private done(sku: string, opId: string | undefined): boolean {
    return opId !== undefined && (this.applied.get(sku)?.has(opId) ?? false);
  }
  private note(sku: string, opId: string | undefined): void {
    if (opId === undefined) return;
    let ids = this.applied.get(sku);
    if (!ids) this.applied.set(sku, (ids = new Set()));
    ids.delete(opId);
    ids.add(opId);
    // The most recent APPLIED_KEPT ids, as the MongoDB adapter keeps them ($slice).
    for (const oldest of ids) { if (ids.size <= APPLIED_KEPT) break; ids.delete(oldest); }
  }
  async reserveStock(sku: string, qty: number, opId?: string) {
    positiveQuantity('reserved quantity', qty);
    const s = this.stock.get(sku);
    if (s && this.done(sku, opId)) return true;
    if (!s || s.available < qty) return false;
    s.available -= qty;
    s.reserved += qty;
    this.note(sku, opId);
    return true;
  }
  async unreserveStock(sku: string, qty: number, opId: string) {
    positiveQuantity('reserved quantity', qty);
    const s = this.stock.get(sku);
    if (!s || !this.done(sku, opId)) return;
    s.available += qty;
    s.reserved -= qty;
    this.applied.get(sku)?.delete(opId);
  }
  async moveStock(sku: string, delta: StockDelta, opId?: string) {
    checkDelta(sku, delta);
    const s = this.stock.get(sku);
    if (!s) throw new Error(`no stock counters for ${sku}`);
    if (this.done(sku, opId)) return { ...s };
    s.available += delta.available ?? 0;
    s.reserved += delta.reserved ?? 0;
    s.sold += delta.sold ?? 0;
    s.received += delta.received ?? 0;
    this.note(sku, opId);
    return { ...s };
  }

  async replaceStock(expected: StockLevel, next: StockLevel, applied?: (ids: readonly string[]) => string[]) {
    checkLevel({ ...next, sku: expected.sku });
    const s = this.stock.get(expected.sku);
    if (!s || s.received !== expected.received || s.available !== expected.available
      || s.reserved !== expected.reserved || s.sold !== expected.sold) return false;
    this.stock.set(expected.sku, { ...next, sku: expected.sku });
    if (applied) this.applied.set(expected.sku, new Set(applied([...(this.applied.get(expected.sku) ?? [])])));
    return true;
  }

  async insertHold(hold: Hold) {
    positiveQuantity('held quantity', hold.qty);
    if (this.holds.has(hold.id)) throw new Error(`duplicate hold id ${hold.id}`);
    if (hold.status === 'active' && this.activeLine(hold.phone, hold.sku)) return false;
    const h = copy(hold);
    this.holds.set(h.id, h);
    this.holdsByPhone.add(h.phone, h.id);
    this.holdsByStatus.add(h.status, h.id);
    if (h.orderId !== undefined) this.holdsByOrder.add(h.orderId, h.id);
    if (h.status === 'active') this.activeLines.set(`${h.phone}|${h.sku}`, h.id);
    return true;
  }

  private activeLine(phone: string, sku: string): Hold | undefined {
    const id = this.activeLines.get(`${phone}|${sku}`);
    return id === undefined ? undefined : this.holds.get(id);
  }
  /** Moves a stored hold to a new status (and order), keeping every index in step. */
  private setStatus(h: Hold, to: HoldStatus, orderId?: string) {
    if (h.status === 'active') this.activeLines.delete(`${h.phone}|${h.sku}`);
    this.holdsByStatus.delete(h.status, h.id);
    h.status = to;
    this.holdsByStatus.add(to, h.id);
    if (to === 'active') this.activeLines.set(`${h.phone}|${h.sku}`, h.id);
    if (orderId !== undefined && orderId !== h.orderId) {
      if (h.orderId !== undefined) this.holdsByOrder.delete(h.orderId, h.id);
      h.orderId = orderId;
      this.holdsByOrder.add(orderId, h.id);
    }
  }
  private forgetHold(h: Hold) {
    this.holds.delete(h.id);
    this.holdsByPhone.delete(h.phone, h.id);
    this.holdsByStatus.delete(h.status, h.id);
    if (h.orderId !== undefined) this.holdsByOrder.delete(h.orderId, h.id);
    if (this.activeLines.get(`${h.phone}|${h.sku}`) === h.id) this.activeLines.delete(`${h.phone}|${h.sku}`);
  }
  /** The smallest indexed set of ids that can hold every match of the filter. */
  private candidates(f: HoldFilter): Iterable<string> {
    if (f.orderId !== undefined) return this.holdsByOrder.get(f.orderId);
    if (f.phone !== undefined && f.sku !== undefined && f.status === 'active') {
      const id = this.activeLines.get(`${f.phone}|${f.sku}`);
      return id === undefined ? [] : [id];
    }
    if (f.phone !== undefined) return this.holdsByPhone.get(f.phone);
    if (f.status !== undefined) return this.holdsByStatus.get(f.status);
    return this.holds.keys();
  }
  async getHold(ref: HoldRef) {
    const h = this.holds.get(ref.id);
    return h && h.phone === ref.phone ? copy(h) : undefined;
  }
  async listHolds(f: HoldFilter) {
    const out: Hold[] = [];
    for (const id of this.candidates(f)) {
      const h = this.holds.get(id)!;
      if ((f.phone === undefined || h.phone === f.phone)
        && (f.sku === undefined || h.sku === f.sku)
        && (f.status === undefined || h.status === f.status)
        && (f.orderId === undefined || h.orderId === f.orderId)
        && (f.expiresBefore === undefined || h.expiresAt <= f.expiresBefore)) out.push(copy(h));
    }
    return out.sort((a, b) => a.createdAt - b.createdAt);
  }
  async transitionHold(ref: HoldRef, from: HoldStatus, to: HoldStatus, opts: TransitionOptions = {}) {
    const h = this.holds.get(ref.id);
    if (!h || h.phone !== ref.phone || h.status !== from) return undefined;
    if (opts.ifExpiredBy !== undefined && h.expiresAt > opts.ifExpiredBy) return undefined;
    if (to === 'active' && from !== 'active' && this.activeLine(h.phone, h.sku)) return undefined;
    this.setStatus(h, to, opts.orderId);
    return copy(h);
  }
  async convertHolds(phone: string, ids: string[], orderId: string) {
    const holds = ids.map((id) => this.holds.get(id));
    const lost = ids.filter((id, i) => holds[i]?.status !== 'active' || holds[i]!.phone !== phone);
    if (lost.length) return { converted: [], lost };
    for (const h of holds) this.setStatus(h!, 'converted', orderId);
    return { converted: holds.map((h) => copy(h!)), lost: [] };
  }
  async setHoldQty(ref: HoldRef, from: number, to: number, opKey?: string) {
    positiveQuantity('held quantity', to);
    const h = this.holds.get(ref.id);
    if (!h || h.phone !== ref.phone || h.status !== 'active' || h.qty !== from) return false;
    h.qty = to;
    if (opKey !== undefined) h.opKey = opKey;
    return true;
  }
  async extendHolds(phone: string, expiresAt: number, maxAgeMs = Infinity) {
    for (const id of this.holdsByPhone.get(phone)) {
      const h = this.holds.get(id)!;
      if (h.status === 'active') h.expiresAt = Math.min(expiresAt, h.createdAt + maxAgeMs);
    }
  }
  async repairCartLines() {
    return 0;
  }

  async getIdentity(key: string) {
    return this.identities.get(key);
  }
  async putIdentity(key: string, phone: string) {
    this.identities.set(key, phone);
  }

  async getCustomer(phone: string) {
    const c = this.customers.get(phone);
    return c && copy(c);
  }
  async putCustomer(customer: Customer) {
    this.customers.set(customer.phone, copy(customer));
  }

  async getConversation(phone: string) {
    const c = this.conversations.get(phone);
    return c && copy(c);
  }
  async saveConversation(conv: Conversation) {
    const current = this.conversations.get(conv.phone)?.version ?? 0;
    if (current !== conv.version) return false;
    const stored = copy(conv);
    stored.version = conv.version + 1;
    this.conversations.set(conv.phone, stored);
    return true;
  }
  async listConversations(f: { stage?: Stage }) {
    return [...this.conversations.values()].filter((c) => f.stage === undefined || c.stage === f.stage).map(copy);
  }

  async listConversationSummaries(q: ConversationListQuery) {
    return listSummaries(this.customers, this.conversations, q);
  }

  async nextSequence(name: string) {
    const n = (this.sequences.get(name) ?? 0) + 1;
    this.sequences.set(name, n);
    return n;
  }
  async insertOrder(order: Order) {
    if (this.orders.has(order.id)) throw new Error(`duplicate order id ${order.id}`);
    this.orders.set(order.id, copy(order));
    this.ordersByPhone.add(order.phone, order.id);
  }
  async getOrder(id: string) {
    const o = this.orders.get(id);
    return o && copy(o);
  }
  async listOrders(f: OrderFilter) {
    const ids = f.phone !== undefined ? this.ordersByPhone.get(f.phone) : this.orders.keys();
    return [...ids].map((id) => this.orders.get(id)!)
      .filter((o) => (f.phone === undefined || o.phone === f.phone) && (f.status === undefined || o.status === f.status))
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(copy);
  }
  async transitionOrder(id: string, from: OrderStatus[], to: OrderStatus, at: number, opts: TransitionOrderOptions = {}) {
    const o = this.orders.get(id);
    if (!o || !from.includes(o.status) || (opts.unlessAwaiting && awaitsAnswer(o))) return undefined;
    o.status = to;
    o.updatedAt = at;
    return copy(o);
  }

  async addOrderNote(id: string, note: OrderNote) {
    return addNote(this.orders, id, note);
  }
  private orderChanges = new MemoryOrderChanges(this.orders, (phone) => this.ordersByPhone.get(phone));
  private purchases = new MemoryPurchases(this.orders, (phone) => this.ordersByPhone.get(phone));
  recentOrders(phone: string, limit: number) { return this.purchases.recentOrders(phone, limit); }
  proposeChanges(id: string, guard: ProposalGuard, changes: OrderChange[], content: OrderContent | undefined, at: number) { return this.orderChanges.proposeChanges(id, guard, changes, content, at); }
  settleChanges(id: string, from: OrderStatus[], ids: string[], to: ChangeStatus, content: OrderContent, at: number) { return this.orderChanges.settleChanges(id, from, ids, to, content, at); }
  listAwaitingAnswer(f: { phone?: string; dueBy?: number }) { return this.orderChanges.listAwaitingAnswer(f); }

  async getMessage(phone: string, key: string) {
    const m = this.messages.get(key);
    return m && m.phone === phone ? copy(m) : undefined;
  }

  async beginTurn(phone: string, begin: TurnBegin): Promise<BegunTurn | undefined> {
    if (!(await this.acquireConversationLease(phone, begin.owner, begin.now, begin.ttlMs))) return undefined;
    const open = this.openTurns.get(phone) ?? [];
    const retry = open.includes(begin.key);
    const interrupted = open.some((k) => k !== begin.key);
    // One note per beginning, the last few, as the MongoDB adapter keeps them ($push with $slice).
    this.openTurns.set(phone, [...open, begin.key].slice(-OPEN_TURNS_KEPT));
    const customer = this.customers.get(phone);
    const conversation = this.conversations.get(phone);
    const answered = this.messages.get(begin.key);
    return {
      ...(customer ? { customer: copy(customer) } : {}),
      ...(conversation ? { conversation: copy(conversation) } : {}),
      ...(answered && answered.phone === phone ? { answered: copy(answered) } : {}),
      retry,
      interrupted,
    };
  }
  /** Every check before the first write, and no await in between: one step, as the port asks. */
  async endTurn(phone: string, end: TurnEnd) {
    const conv = end.conversation;
    if (conv && (this.conversations.get(phone)?.version ?? 0) !== conv.version) return false;
    if (end.customer) this.customers.set(phone, copy(end.customer));
    if (conv) this.conversations.set(phone, { ...copy(conv), version: conv.version + 1 });
    const { key, channel, at, replies, transcript } = end.message;
    if (!this.messages.has(key)) this.messages.set(key, { key, phone, channel, at, state: 'done', replies: copy(replies) });
    if (transcript?.length) this.keepTranscript(transcript);
    const open = this.openTurns.get(phone)?.filter((k) => k !== key);
    if (open?.length) this.openTurns.set(phone, open); else this.openTurns.delete(phone);
    if (this.leases.get(phone)?.owner === end.owner) this.leases.delete(phone);
    return true;
  }
  async countMessages(from: number, to: number) {
    const out: Partial<Record<ChannelName, number>> = {};
    for (const m of this.messages.values()) if (m.channel && m.at >= from && m.at < to) out[m.channel] = (out[m.channel] ?? 0) + 1;
    return out;
  }
  async listCustomers() {
    return [...this.customers.values()].map(copy);
  }
  async putDailyStats(stats: DailyStats) {
    this.stats.set(stats.day, copy(stats));
  }
  async getDailyStats(from: string, to: string) {
    return [...this.stats.values()].filter((s) => s.day >= from && s.day <= to).sort((a, b) => (a.day < b.day ? -1 : 1)).map(copy);
  }
  async putChannelState(state: ChannelState) {
    this.channelStates.set(`${state.phone}|${state.channel}`, copy(state));
  }
  async getChannelState(phone: string, channel: ChannelName) {
    const c = this.channelStates.get(`${phone}|${channel}`);
    return c && copy(c);
  }
  async getChannelStates(phone: string) {
    const out: ChannelState[] = [];
    for (const channel of CHANNELS) {
      const c = this.channelStates.get(`${phone}|${channel}`);
      if (c) out.push(copy(c));
    }
    return out;
  }

  async putDelivery(delivery: Delivery) {
    const before = this.deliveries.get(delivery.id);
    if (before && before.phone !== delivery.phone) this.deliveriesByPhone.delete(before.phone, before.id);
    this.deliveries.set(delivery.id, copy(delivery));
    this.deliveriesByPhone.add(delivery.phone, delivery.id);
  }
  async getDelivery(id: string) {
    const d = this.deliveries.get(id);
    return d && copy(d);
  }
  async listDeliveries(phone: string, limit = 50) {
    return [...this.deliveriesByPhone.get(phone)].map((id) => this.deliveries.get(id)!)
      .sort((a, b) => b.createdAt - a.createdAt).slice(0, limit).map(copy);
  }

  async putVerification(v: Verification) {
    this.verifications.set(v.phone, copy(v));
  }
  async getVerification(phone: string) {
    const v = this.verifications.get(phone);
    return v && copy(v);
  }
  async countVerificationAttempt(phone: string, seen: number) {
    const v = this.verifications.get(phone);
    if (!v || v.attempts !== seen) return false;
    v.attempts += 1;
    return true;
  }
  async deleteVerification(phone: string) {
    this.verifications.delete(phone);
  }

  /**
   * Forgets, once older than the cutoff: message records, finished holds (released, expired, restocked:
   * no counter depends on them), conversations closed and idle since (the next message starts afresh;
   * a customer waiting for a human is kept), deliveries and verification codes. Converted holds stay:
   * the reconciler recomputes sold from them. So do customers, orders and stock.
   */
  async maintain(olderThanMs: number) {
    const cutoff = this.clock.now() - olderThanMs;
    for (const [key, m] of this.messages) if (m.at < cutoff) this.messages.delete(key);
    for (const status of FINISHED) {
      for (const id of [...this.holdsByStatus.get(status)]) {
        const h = this.holds.get(id)!;
        if (Math.max(h.createdAt, h.expiresAt) < cutoff) this.forgetHold(h);
      }
    }
    for (const [phone, c] of this.conversations) {
      if (c.stage !== 'handoff' && c.closedAt !== undefined && c.closedAt >= c.updatedAt && c.closedAt < cutoff) this.conversations.delete(phone);
    }
    for (const [id, d] of this.deliveries) if (d.updatedAt < cutoff) { this.deliveries.delete(id); this.deliveriesByPhone.delete(d.phone, id); }
    for (const [phone, v] of this.verifications) if (v.expiresAt < cutoff) this.verifications.delete(phone);
    for (const [phone, l] of this.leases) if (l.until < cutoff) this.leases.delete(phone);
    await this.wishes.pruneToldWishes(cutoff);
  }

  async appendTranscript(entries: TranscriptEntry[]) {
    this.keepTranscript(entries);
  }
  /** What appendTranscript and a turn's end keep: each entry once, by its id. */
  private keepTranscript(entries: TranscriptEntry[]): void {
    for (const entry of entries) {
      // One lookup of the id: the set grows only by an id it did not hold.
      const known = this.transcriptIds.size;
      if (this.transcriptIds.add(entry.id).size === known) continue;
      const list = this.transcripts.get(entry.phone);
      if (list) list.push(copy(entry));
      else this.transcripts.set(entry.phone, [copy(entry)]);
    }
  }
  async listTranscript(phone: string, limit = 200) {
    return structuredClone((this.transcripts.get(phone) ?? []).slice(-limit));
  }
  async pruneTranscripts(before: number) {
    let n = 0;
    for (const [phone, list] of this.transcripts) {
      const kept = list.filter((e) => e.at >= before || !this.transcriptIds.delete(e.id));
      n += list.length - kept.length;
      if (kept.length) this.transcripts.set(phone, kept); else this.transcripts.delete(phone);
    }
    return n;
  }

  async putPromotions(promotions: Promotion[]) {
    this.promotions = structuredClone(promotions);
  }
  getSettings() { return this.settings.getSettings(); }
  putSettings(next: StoreSettings, expected: number | undefined) { return this.settings.putSettings(next, expected); }
  holdSlot(slot: OfferedSlot, phone: string, until: number, now: number) { return this.slotBookings.holdSlot(slot, phone, until, now); }
  releaseSlot(slot: DatedSlot, phone: string) { return this.slotBookings.releaseSlot(slot, phone); }
  bookSlot(slot: OfferedSlot, phone: string, orderId: string, now: number) { return this.slotBookings.bookSlot(slot, phone, orderId, now); }
  freeSlot(slot: DatedSlot, orderId: string) { return this.slotBookings.freeSlot(slot, orderId); }
  slotsTaken(slots: readonly DatedSlot[], now: number) { return this.slotBookings.slotsTaken(slots, now); }
  async replacePromotionsIf(expected: Promotion[], next: Promotion[]) {
    if (JSON.stringify(this.promotions) !== JSON.stringify(expected)) return false;
    this.promotions = structuredClone(next);
    return true;
  }
  async listPromotions() {
    return structuredClone(this.promotions);
  }

  async appendAudit(entry: AuditEntry | AuditEntry[]) {
    for (const e of Array.isArray(entry) ? entry : [entry]) this.audit.push(copy(e));
  }
  async listAudit(filter: { sku?: string; limit?: number }) {
    const limit = filter.limit ?? 100;
    const out: AuditEntry[] = [];
    for (let i = this.audit.length - 1; i >= 0 && out.length < limit; i--) {
      if (filter.sku === undefined || this.audit[i]!.sku === filter.sku) out.push(structuredClone(this.audit[i]!));
    }
    return out;
  }

  async claimFlag(key: string, at: number) {
    if (this.flags.has(key)) return false;
    this.flags.set(key, at);
    return true;
  }
  async clearFlag(key: string) {
    this.flags.delete(key);
  }

  async acquireConversationLease(phone: string, owner: string, now: number, ttlMs: number) {
    const l = this.leases.get(phone);
    if (l && l.owner !== owner && l.until > now) return false;
    this.leases.set(phone, { owner, until: now + ttlMs });
    return true;
  }
  async releaseConversationLease(phone: string, owner: string) {
    if (this.leases.get(phone)?.owner === owner) this.leases.delete(phone);
  }

  addStaff(member: StaffMember) { return this.staff.addStaff(member); }
  getStaff(login: string) { return this.staff.getStaff(login); }
  listStaff() { return this.staff.listStaff(); }
  removeStaff(login: string) { return this.staff.removeStaff(login); }
  addStaffSession(session: StaffSession) { return this.staff.addStaffSession(session); }
  getStaffSession(id: string, now: number) { return this.staff.getStaffSession(id, now); }
  extendStaffSession(id: string, expiresAt: number) { return this.staff.extendStaffSession(id, expiresAt); }
  endStaffSession(id: string) { return this.staff.endStaffSession(id); }

  putWish(wish: Pick<StockWish, 'phone' | 'sku' | 'at'>) { return this.wishes.putWish(wish); }
  listWishesOf(phone: string) { return this.wishes.listWishesOf(phone); }
  listWaitingWishes(skus?: readonly string[]) { return this.wishes.listWaitingWishes(skus); }
  countWaitingWishes() { return this.wishes.countWaitingWishes(); }
  claimWish(phone: string, sku: string, at: number) { return this.wishes.claimWish(phone, sku, at); }
  deleteWishes(phone: string, skus: readonly string[]) { return this.wishes.deleteWishes(phone, skus); }
  settleWish(phone: string, sku: string, toldAt: number) { return this.wishes.settleWish(phone, sku, toldAt); }
  pruneToldWishes(before: number) { return this.wishes.pruneToldWishes(before); }

  async ping() {}
  async close() {}
}
