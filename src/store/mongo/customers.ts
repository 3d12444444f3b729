import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import type { ChannelName, ChannelState, Conversation, Customer, Stage } from '../../domain/types';
import { CHANNEL_NAMES } from '../../domain/types';
import { conversationAt, CUSTOMER_ONLY, customerOf, customerWrite, leaseTakable, type CustomerDoc } from './customer-doc';
import type { TurnCache } from './turn-cache';
import { isDuplicateKey, updateById } from './util';

/**
 * The customer, conversation, lease and channel-state parts of the customer documents (customer-doc.ts).
 * Each write is one updateOne of the phone's document that $sets only its own fields, upserted where the
 * document may not exist yet (an upsert that loses the insert race is tried once more, on the document the
 * winner made).
 */
export class CustomerParts {
  constructor(private customers: Collection<CustomerDoc>, private cache: TurnCache) {}

  async ensureIndexes(): Promise<void> {
    await this.customers.createIndex({ 'conversation.stage': 1 }, { name: 'conversations_by_stage' });
  }

  /** An update by `_id` with upsert, again once on a duplicate key: another writer created the document meanwhile. */
  private async upsert(filter: Document, update: UpdateFilter<CustomerDoc>): Promise<{ matched: boolean } | 'taken'> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const r = await updateById(this.customers, filter as Filter<CustomerDoc>, update, { upsert: true });
        return { matched: r.matched || r.upserted };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        if (attempt > 0) return 'taken';
      }
    }
  }

  async getCustomer(phone: string): Promise<Customer | undefined> {
    const cached = this.cache.get(phone, 'customer');
    if (cached !== undefined) return cached ?? undefined;
    const doc = await this.cache.track(phone, () => this.customers.findOne({ _id: phone }, { projection: CUSTOMER_ONLY }),
      (d) => ({ customer: customerOf(d) ?? null }));
    return customerOf(doc);
  }

  async putCustomer(customer: Customer): Promise<void> {
    const { set, unset } = customerWrite(customer);
    const update: UpdateFilter<CustomerDoc> = { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) };
    await this.cache.track(customer.phone, () => this.upsert({ _id: customer.phone }, update), () => ({ customer }));
  }

  async listCustomers(): Promise<Customer[]> {
    const docs = await this.customers.find({ createdAt: { $exists: true } }, { projection: CUSTOMER_ONLY }).toArray();
    return docs.flatMap((d) => customerOf(d) ?? []);
  }

  async getConversation(phone: string): Promise<Conversation | undefined> {
    const cached = this.cache.get(phone, 'conversation');
    if (cached !== undefined) return cached ?? undefined;
    const doc = await this.cache.track(phone, () => this.customers.findOne({ _id: phone }, { projection: { conversation: 1 } }),
      (d) => ({ conversation: d?.conversation ?? null }));
    return doc?.conversation;
  }

  async saveConversation(conv: Conversation): Promise<boolean> {
    const stored = { ...conv, version: conv.version + 1 };
    const update = { $set: { conversation: stored }, $setOnInsert: { phone: conv.phone } };
    const filter = { _id: conv.phone, ...conversationAt(conv.version) };
    // Only a first conversation may create the document: a later version's filter must find the stored one.
    const write = async () => (conv.version === 0
      ? this.upsert(filter, update) : { matched: (await updateById(this.customers, filter, update)).matched });
    const r = await this.cache.track(conv.phone, write, (won) => ({ conversation: won !== 'taken' && won.matched ? stored : undefined }));
    return r !== 'taken' && r.matched;
  }

  async listConversations(f: { stage?: Stage }): Promise<Conversation[]> {
    const query = f.stage === undefined ? { conversation: { $exists: true } } : { 'conversation.stage': f.stage };
    const docs = await this.customers.find(query, { projection: { conversation: 1 } }).toArray();
    return docs.flatMap((d) => d.conversation ?? []).sort((a, b) => a.updatedAt - b.updatedAt);
  }

  async acquireLease(phone: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
    if (this.cache.owner(phone) !== undefined && this.cache.owner(phone) !== owner) this.cache.end(phone);
    const sent = performance.now();
    const r = await this.upsert({ _id: phone, ...leaseTakable(owner, now) }, { $set: { lease: { owner, until: now + ttlMs } }, $setOnInsert: { phone } });
    const won = r !== 'taken' && r.matched;
    // Taken by another owner: what this process read in its turn may be changing under it.
    if (won) this.cache.renew(phone, owner, sent, ttlMs);
    else this.cache.end(phone);
    return won;
  }

  async releaseLease(phone: string, owner: string): Promise<void> {
    this.cache.end(phone);
    await updateById(this.customers, { _id: phone, 'lease.owner': owner }, { $unset: { lease: '' } });
  }

  /**
   * Conversations closed and idle since before the cutoff are forgotten (the next message starts afresh), as
   * in the memory store; a customer waiting for a person keeps theirs. Each by its version: one written since
   * stays.
   */
  async dropClosedConversations(cutoff: number): Promise<void> {
    for await (const doc of this.customers.find({ 'conversation.closedAt': { $lt: cutoff } }, { projection: { conversation: 1 } })) {
      const c = doc.conversation;
      if (!c || c.stage === 'handoff' || c.closedAt === undefined || c.closedAt < c.updatedAt) continue;
      await updateById(this.customers, { _id: doc._id, 'conversation.version': c.version }, { $unset: { conversation: '' } });
    }
  }

  /** Leases expired before the cutoff leave their documents (a lease is taken again by an upsert anyway). */
  async dropLeases(cutoff: number): Promise<void> {
    await this.customers.updateMany({ 'lease.until': { $lt: cutoff } }, { $unset: { lease: '' } });
  }

  async putChannelState(state: ChannelState): Promise<void> {
    const known = this.cache.get(state.phone, 'channelStates');
    await this.cache.track(state.phone,
      () => this.upsert({ _id: state.phone }, { $set: { [`channelStates.${state.channel}`]: state }, $setOnInsert: { phone: state.phone } }),
      () => ({ channelStates: known && { ...known, [state.channel]: state } }));
  }

  /** Read from the server: the outbox and the web chat's sign-in act on states other processes write. */
  async getChannelStates(phone: string): Promise<ChannelState[]> {
    const doc = await this.cache.track(phone, () => this.customers.findOne({ _id: phone }, { projection: { channelStates: 1 } }),
      (d) => ({ channelStates: d?.channelStates ?? {} }));
    const states = doc?.channelStates ?? {};
    return CHANNEL_NAMES.flatMap((c) => states[c] ?? []);
  }

  /**
   * An SMS or WhatsApp state (the carrier keywords' opt-out check, on every such message) from what the
   * turn read when it began; any other channel's from the server (the web chat's sign-out, written by
   * whichever process signed the customer out, is checked by a request outside the turn).
   */
  async getChannelState(phone: string, channel: ChannelName): Promise<ChannelState | undefined> {
    const cached = channel === 'sms' || channel === 'whatsapp' ? this.cache.get(phone, 'channelStates') : undefined;
    if (cached) return cached[channel];
    return (await this.getChannelStates(phone)).find((s) => s.channel === channel);
  }
}
