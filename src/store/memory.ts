import type {
  ChannelName, ChannelState, Conversation, Customer, DailyStats, Delivery, Hold, HoldStatus, MessageRecord, Order, OrderStatus,
  Product, Reply, Stage, StockLevel, Verification,
} from '../domain/types';
import type { HoldFilter, OrderFilter, StockDelta, Store, TransitionOptions } from './store';

const copy = <T>(value: T): T => structuredClone(value);

/**
 * The zero-setup store: everything in this process's memory, gone on restart. Every method finishes its
 * check-and-write synchronously, so each one is atomic with respect to the others.
 */
export class MemoryStore implements Store {
  private products = new Map<string, Product>();
  private stock = new Map<string, StockLevel>();
  private holds = new Map<string, Hold>();
  private customers = new Map<string, Customer>();
  private identities = new Map<string, string>();
  private conversations = new Map<string, Conversation>();
  private orders = new Map<string, Order>();
  private sequences = new Map<string, number>();
  private messages = new Map<string, MessageRecord>();
  private channelStates = new Map<string, ChannelState>();
  private deliveries = new Map<string, Delivery>();
  private verifications = new Map<string, Verification>();
  private stats = new Map<string, DailyStats>();
  private leases = new Map<string, { owner: string; until: number }>();

  async upsertProduct(product: Product) {
    this.products.set(product.sku, copy(product));
  }
  async getProduct(sku: string) {
    const p = this.products.get(sku);
    return p && copy(p);
  }
  async listProducts() {
    return [...this.products.values()].sort((a, b) => (a.sku < b.sku ? -1 : 1)).map(copy);
  }

  async getStock(sku: string) {
    const s = this.stock.get(sku);
    return s && copy(s);
  }
  async listStock() {
    return [...this.stock.values()].sort((a, b) => (a.sku < b.sku ? -1 : 1)).map(copy);
  }
  async receiveStock(sku: string, delta: number) {
    const s = this.stock.get(sku) ?? { sku, received: 0, available: 0, reserved: 0, sold: 0 };
    if (s.available + delta < 0) return false;
    s.received += delta;
    s.available += delta;
    this.stock.set(sku, s);
    return true;
  }
  async reserveStock(sku: string, qty: number) {
    const s = this.stock.get(sku);
    if (!s || s.available < qty) return false;
    s.available -= qty;
    s.reserved += qty;
    return true;
  }
  async moveStock(sku: string, delta: StockDelta) {
    const s = this.stock.get(sku);
    if (!s) throw new Error(`no stock counters for ${sku}`);
    s.available += delta.available ?? 0;
    s.reserved += delta.reserved ?? 0;
    s.sold += delta.sold ?? 0;
  }

  async replaceStock(expected: StockLevel, next: StockLevel) {
    const s = this.stock.get(expected.sku);
    if (!s || s.received !== expected.received || s.available !== expected.available
      || s.reserved !== expected.reserved || s.sold !== expected.sold) return false;
    this.stock.set(expected.sku, { ...next, sku: expected.sku });
    return true;
  }

  async insertHold(hold: Hold) {
    if (this.holds.has(hold.id)) throw new Error(`duplicate hold id ${hold.id}`);
    if (hold.status === 'active' && this.activeLine(hold.phone, hold.sku)) return false;
    this.holds.set(hold.id, copy(hold));
    return true;
  }

  private activeLine(phone: string, sku: string): Hold | undefined {
    for (const h of this.holds.values()) if (h.status === 'active' && h.phone === phone && h.sku === sku) return h;
    return undefined;
  }
  async getHold(id: string) {
    const h = this.holds.get(id);
    return h && copy(h);
  }
  async listHolds(f: HoldFilter) {
    return [...this.holds.values()]
      .filter((h) => (f.phone === undefined || h.phone === f.phone)
        && (f.sku === undefined || h.sku === f.sku)
        && (f.status === undefined || h.status === f.status)
        && (f.orderId === undefined || h.orderId === f.orderId)
        && (f.expiresBefore === undefined || h.expiresAt <= f.expiresBefore))
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(copy);
  }
  async transitionHold(id: string, from: HoldStatus, to: HoldStatus, opts: TransitionOptions = {}) {
    const h = this.holds.get(id);
    if (!h || h.status !== from) return undefined;
    if (opts.ifExpiredBy !== undefined && h.expiresAt > opts.ifExpiredBy) return undefined;
    if (to === 'active' && this.activeLine(h.phone, h.sku)) return undefined;
    h.status = to;
    if (opts.orderId !== undefined) h.orderId = opts.orderId;
    return copy(h);
  }
  async setHoldQty(id: string, from: number, to: number, opKey?: string) {
    const h = this.holds.get(id);
    if (!h || h.status !== 'active' || h.qty !== from) return false;
    h.qty = to;
    if (opKey !== undefined) h.opKey = opKey;
    return true;
  }
  async extendHolds(phone: string, expiresAt: number) {
    for (const h of this.holds.values()) if (h.phone === phone && h.status === 'active') h.expiresAt = expiresAt;
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
    this.conversations.set(conv.phone, { ...copy(conv), version: conv.version + 1 });
    return true;
  }
  async listConversations(f: { stage?: Stage }) {
    return [...this.conversations.values()].filter((c) => f.stage === undefined || c.stage === f.stage).map(copy);
  }

  async nextSequence(name: string) {
    const n = (this.sequences.get(name) ?? 0) + 1;
    this.sequences.set(name, n);
    return n;
  }
  async insertOrder(order: Order) {
    if (this.orders.has(order.id)) throw new Error(`duplicate order id ${order.id}`);
    this.orders.set(order.id, copy(order));
  }
  async getOrder(id: string) {
    const o = this.orders.get(id);
    return o && copy(o);
  }
  async listOrders(f: OrderFilter) {
    return [...this.orders.values()]
      .filter((o) => (f.phone === undefined || o.phone === f.phone) && (f.status === undefined || o.status === f.status))
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(copy);
  }
  async transitionOrder(id: string, from: OrderStatus[], to: OrderStatus, at: number) {
    const o = this.orders.get(id);
    if (!o || !from.includes(o.status)) return undefined;
    o.status = to;
    o.updatedAt = at;
    return copy(o);
  }

  async startMessage(rec: Omit<MessageRecord, 'state' | 'replies'>) {
    const existing = this.messages.get(rec.key);
    if (existing) return { record: copy(existing), created: false };
    const record: MessageRecord = { ...rec, state: 'pending' };
    this.messages.set(rec.key, record);
    return { record: copy(record), created: true };
  }
  async getMessage(key: string) {
    const m = this.messages.get(key);
    return m && copy(m);
  }
  async finishMessage(key: string, replies: Reply[]) {
    const m = this.messages.get(key);
    if (m && m.state === 'pending') { m.state = 'done'; m.replies = copy(replies); }
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
  async getChannelStates(phone: string) {
    return [...this.channelStates.values()].filter((c) => c.phone === phone).map(copy);
  }

  async putDelivery(delivery: Delivery) {
    this.deliveries.set(delivery.id, copy(delivery));
  }
  async getDelivery(id: string) {
    const d = this.deliveries.get(id);
    return d && copy(d);
  }
  async listDeliveries(phone: string, limit = 50) {
    return [...this.deliveries.values()].filter((d) => d.phone === phone)
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

  async maintain(olderThanMs: number) {
    const cutoff = Date.now() - olderThanMs;
    for (const [key, m] of this.messages) if (m.at < cutoff) this.messages.delete(key);
  }

  async acquireLease(key: string, owner: string, now: number, ttlMs: number) {
    const l = this.leases.get(key);
    if (l && l.owner !== owner && l.until > now) return false;
    this.leases.set(key, { owner, until: now + ttlMs });
    return true;
  }
  async releaseLease(key: string, owner: string) {
    if (this.leases.get(key)?.owner === owner) this.leases.delete(key);
  }

  async ping() {}
  async close() {}
}
