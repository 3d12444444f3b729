import type { Collection, Db, Document } from 'mongodb';
import type { ChannelName, MessageRecord } from '../../domain/types';
import type { TranscriptEntry } from '../../domain/owner';
import { recordOf, type ArchivedMessage, type CustomerDoc, type MessageEntry } from './customer-doc';
import type { OwnerRecords } from './owner';
import { insertNew } from './util';

/** More entries than this in a customer's document: the oldest ARCHIVE_BATCH move to the archive. */
export const MESSAGES_KEPT = 100;
const ARCHIVE_BATCH = 50;
/** How many keys of archived messages a document keeps (see move): a redelivery comes within minutes. */
export const ARCHIVED_KEYS_KEPT = 500;
/** How long an archived entry without a transcript answers a redelivery (the maintenance job's window). */
const ARCHIVE_TTL_MS = 48 * 60 * 60_000;
const byTime = (a: TranscriptEntry, b: TranscriptEntry) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Message entries: a customer's recent ones in their document (`customers.messages`, written by endTurn),
 * older ones in the `messages` archive, each moved by copying it there first and pulling it from the
 * document after, so an entry is always in one place or both, never lost. Transcript entries kept with a
 * message are read with the `transcripts` collection's (owner.ts) as one transcript.
 */
export class MessageEntries {
  readonly archive: Collection<ArchivedMessage>;

  constructor(db: Db, private customers: Collection<CustomerDoc>, private owner: OwnerRecords) {
    this.archive = db.collection('messages');
  }

  async ensureIndexes(): Promise<void> {
    await this.customers.createIndex({ 'messages.at': 1 }, { name: 'messages_by_time' });
    await this.archive.createIndex({ at: 1 }, { name: 'by_time' });
    await this.archive.createIndex({ phone: 1, at: -1 }, { name: 'by_phone' });
    await this.archive.createIndex({ expireAt: 1 }, { name: 'expire', expireAfterSeconds: 0 });
  }

  async getMessage(phone: string, key: string): Promise<MessageRecord | undefined> {
    const doc = await this.customers.findOne({ _id: phone }, { projection: { messages: { $elemMatch: { key } } } });
    const entry = doc?.messages?.find((m) => m.key === key);
    if (entry) return recordOf(phone, entry);
    const archived = await this.archive.findOne({ _id: key, phone });
    return archived ? recordOf(phone, { ...archived, key: archived._id }) : undefined;
  }

  async countMessages(from: number, to: number): Promise<Partial<Record<ChannelName, number>>> {
    const inRange = { $gte: from, $lt: to };
    const [recent, archived] = await Promise.all([
      this.customers.aggregate<{ _id: ChannelName; n: number }>([
        { $match: { 'messages.at': inRange } }, { $project: { messages: 1 } }, { $unwind: '$messages' },
        { $match: { 'messages.at': inRange, 'messages.channel': { $exists: true, $ne: null } } }, { $group: { _id: '$messages.channel', n: { $sum: 1 } } },
      ]).toArray(),
      this.archive.aggregate<{ _id: ChannelName; n: number }>([{ $match: { at: inRange, channel: { $exists: true, $ne: null } } }, { $group: { _id: '$channel', n: { $sum: 1 } } }]).toArray(),
    ]);
    const out: Partial<Record<ChannelName, number>> = {};
    for (const r of [...recent, ...archived]) out[r._id] = (out[r._id] ?? 0) + r.n;
    return out;
  }

  /** Copies entries of one phone to the archive, then pulls them from its document. */
  private async move(phone: string, entries: MessageEntry[]): Promise<void> {
    if (!entries.length) return;
    const expireAt = (e: Omit<MessageEntry, 'key'>) => (e.transcript?.length ? {} : { expireAt: new Date(e.at + ARCHIVE_TTL_MS) });
    await insertNew(this.archive, entries.map(({ key, ...e }) => ({ _id: key, phone, ...e, ...expireAt(e) })));
    const keys = entries.map((e) => e.key);
    // Their keys stay in the document, where a turn's first read sees that a message was answered before.
    await this.customers.updateOne({ _id: phone }, {
      $pull: { messages: { key: { $in: keys } } },
      $push: { archivedKeys: { $each: keys, $slice: -ARCHIVED_KEYS_KEPT } },
    });
  }

  /** When a document holds more than MESSAGES_KEPT entries, its oldest ARCHIVE_BATCH move to the archive. */
  async archiveOldest(phone: string): Promise<void> {
    const doc = await this.customers.findOne({ _id: phone, [`messages.${MESSAGES_KEPT}`]: { $exists: true } }, { projection: { messages: { $slice: ARCHIVE_BATCH } } });
    if (doc) await this.move(phone, doc.messages ?? []);
  }

  /** The transcript entries appended alone and those kept with messages (document and archive), merged by id. */
  async listTranscript(phone: string, limit: number): Promise<TranscriptEntry[]> {
    const [alone, doc, archived] = await Promise.all([
      this.owner.listTranscript(phone, limit),
      this.customers.findOne({ _id: phone }, { projection: { 'messages.transcript': 1 } }),
      this.archive.find({ phone, transcript: { $exists: true } }, { projection: { transcript: 1 } }).sort({ at: -1 }).limit(limit).toArray(),
    ]);
    const kept = [...(doc?.messages ?? []), ...archived].flatMap((m) => m.transcript ?? []);
    const byId = new Map([...alone, ...kept].map((e) => [e.id, e]));
    return [...byId.values()].sort(byTime).slice(-limit);
  }

  /**
   * Forgets the transcripts kept with messages whose first entry is older than `before` (the messages stay,
   * for redeliveries); returns how many transcript entries it forgot there.
   */
  async pruneTranscripts(before: number): Promise<number> {
    let n = 0;
    const old = (e: { transcript?: TranscriptEntry[] }) => (e.transcript?.[0]?.at ?? Infinity) < before;
    // A message's transcript starts at or after the message: its time narrows the search by index.
    for await (const doc of this.customers.find({ 'messages.at': { $lt: before }, 'messages.transcript.at': { $lt: before } }, { projection: { 'messages.key': 1, 'messages.transcript': 1 } })) {
      const keys = (doc.messages ?? []).filter(old).map((m) => { n += m.transcript!.length; return m.key; });
      if (keys.length) await this.customers.updateOne({ _id: doc._id }, { $unset: { 'messages.$[m].transcript': '' } }, { arrayFilters: [{ 'm.key': { $in: keys } }] });
    }
    const archived = await this.archive.find({ at: { $lt: before }, 'transcript.0.at': { $lt: before } }, { projection: { transcript: 1 } }).toArray();
    if (archived.length) {
      n += archived.reduce((sum, d) => sum + (d.transcript?.length ?? 0), 0);
      await this.archive.updateMany({ _id: { $in: archived.map((d) => d._id) } }, { $unset: { transcript: '' } });
    }
    return n;
  }

  /**
   * Entries older than `cutoff` leave the customer documents for the archive; archived entries older than
   * it are deleted (TTL does so too where the server runs it), their transcripts handed to `transcripts`
   * first (kept there until pruneTranscripts).
   */
  async maintain(cutoff: number): Promise<void> {
    for await (const doc of this.customers.find({ 'messages.at': { $lt: cutoff } }, { projection: { messages: 1 } })) {
      await this.move(doc._id, (doc.messages ?? []).filter((m) => m.at < cutoff));
    }
    for (;;) {
      const batch = await this.archive.find({ at: { $lt: cutoff } }, { projection: { transcript: 1 } }).limit(500).toArray();
      if (!batch.length) break;
      await this.owner.appendTranscript(batch.flatMap((d) => d.transcript ?? []));
      await this.archive.deleteMany({ _id: { $in: batch.map((d) => d._id) } });
    }
  }
}
