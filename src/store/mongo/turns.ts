import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import type { BegunTurn, TurnBegin, TurnEnd } from '../store';
import { conversationAt, customerOf, customerWrite, leaseTakable, OPEN_KEPT, type CustomerDoc, type MessageEntry } from './customer-doc';
import { MESSAGES_KEPT, type MessageEntries } from './messages';
import type { TurnCache } from './turn-cache';
import { isDuplicateKey, updateById } from './util';

/**
 * A message's turn on its customer's document: begun by one findOneAndUpdate that takes the lease and reads
 * the document (messages without their replies and transcripts), ended by one that writes the customer,
 * the conversation (guarded by its version), the message entry and releases the lease. The document read at
 * the start serves the turn's reads (turn-cache.ts).
 */
export class Turns {
  /**
   * Phone → what its turn's first read showed: how many message entries the document held, and the key of
   * the message if it was handled before (its entry is not pushed again).
   */
  private begun = new Map<string, { entries: number; answered?: string }>();

  constructor(private customers: Collection<CustomerDoc>, private cache: TurnCache, private entries: MessageEntries) {}

  async begin(phone: string, b: TurnBegin): Promise<BegunTurn | undefined> {
    const filter = { _id: phone, ...leaseTakable(b.owner, b.now) } as Filter<CustomerDoc>;
    const update = {
      $set: { lease: { owner: b.owner, until: b.now + b.ttlMs } },
      $push: { open: { $each: [b.key], $slice: -OPEN_KEPT } },
      $setOnInsert: { phone },
    };
    let doc: CustomerDoc | null = null;
    const sent = performance.now();
    for (let attempt = 0; ; attempt += 1) {
      try {
        doc = await this.customers.findOneAndUpdate(filter, update, {
          upsert: true, returnDocument: 'after', projection: { 'messages.replies': 0, 'messages.transcript': 0 },
        });
        break;
      } catch (err) {
        // The upsert's insert hit the existing document: its lease is held (or it was created just now: once more).
        if (!isDuplicateKey(err)) throw err;
        if (attempt > 0) return undefined;
      }
    }
    if (!doc) return undefined;
    // This turn holds the lease now: what an earlier turn of the phone in this process read is replaced.
    this.cache.begin(phone, b.owner, doc, sent, b.ttlMs, b.now);
    const seen = doc.messages?.some((m) => m.key === b.key) || doc.archivedKeys?.includes(b.key);
    const answered = seen ? await this.entries.getMessage(phone, b.key).catch(async (err: unknown) => {
      // Nothing of the turn has begun for the caller: the lease it would never hear of is given back.
      this.cache.end(phone);
      await updateById(this.customers, { _id: phone, 'lease.owner': b.owner }, { $unset: { lease: '' } }).catch(() => undefined);
      throw err;
    }) : undefined;
    this.begun.set(phone, { entries: doc.messages?.length ?? 0, ...(answered ? { answered: b.key } : {}) });
    const customer = customerOf(doc);
    // Begun before and never ended: this beginning is the key's second (or later) in `open`.
    const retry = (doc.open ?? []).filter((k) => k === b.key).length > 1;
    const interrupted = (doc.open ?? []).some((k) => k !== b.key);
    return { ...(customer ? { customer } : {}), ...(doc.conversation ? { conversation: doc.conversation } : {}), ...(answered ? { answered } : {}), retry, interrupted };
  }

  async end(phone: string, e: TurnEnd): Promise<boolean> {
    this.cache.end(phone);
    const { key, channel, at, replies, transcript } = e.message;
    const entry: MessageEntry = { key, channel, at, state: 'done', replies, ...(transcript?.length ? { transcript } : {}) };
    // What the first attempt assumes; a miss is looked into and the next attempt writes what still applies.
    let leaseMine = true;
    const begun = this.begun.get(phone);
    this.begun.delete(phone);
    let push = begun?.answered !== key;
    let exists = true;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const filter: Document = { _id: phone };
      if (leaseMine) filter['lease.owner'] = e.owner;
      if (e.conversation) Object.assign(filter, conversationAt(e.conversation.version));
      if (push) filter['messages.key'] = { $ne: key };
      const set: Document = {};
      const unset: Document = {};
      if (e.customer) { const w = customerWrite(e.customer); Object.assign(set, w.set); Object.assign(unset, w.unset); }
      if (e.conversation) set.conversation = { ...e.conversation, version: e.conversation.version + 1 };
      if (leaseMine) unset.lease = '';
      const update: UpdateFilter<CustomerDoc> = {};
      if (Object.keys(set).length) update.$set = set;
      if (Object.keys(unset).length) update.$unset = unset;
      if (push) update.$push = { messages: entry };
      update.$pull = { open: key };
      if (!exists && !e.customer) update.$setOnInsert = { phone };
      const r = await updateById(this.customers, filter as Filter<CustomerDoc>, update, { upsert: !exists });
      if (r.matched || r.upserted) {
        // Past MESSAGES_KEPT entries (as the turn's first read counted them): the oldest go to the archive.
        if (push && (begun?.entries ?? 0) + 1 > MESSAGES_KEPT) await this.entries.archiveOldest(phone);
        return true;
      }
      const now = await this.customers.findOne({ _id: phone }, { projection: { lease: 1, 'conversation.version': 1, messages: { $elemMatch: { key } } } });
      if (e.conversation && (now?.conversation?.version ?? 0) !== e.conversation.version) return false;
      exists = now !== null;
      leaseMine = now?.lease?.owner === e.owner;
      push = !now?.messages?.some((m) => m.key === key);
    }
    throw new Error(`customer ${phone} kept changing under the end of a turn`);
  }
}
