import type { AnyBulkWriteOperation, Db } from 'mongodb';
import type { ChannelName, Reply } from '../../../domain/types';
import type { TranscriptEntry } from '../../../domain/owner';
import type { StepCounts } from './in-place';
import { ARCHIVED_KEYS_KEPT } from '../messages';
import { writeAll, type Keyed } from './write';

/** How long an archived message record without a transcript stays (the archive's TTL index on `expireAt`). */
export const MESSAGE_KEPT_MS = 48 * 60 * 60_000;
/** How many message entries a customer document holds at most (the adapter archives the oldest beyond). */
export const ENTRIES_KEPT = 100;

interface MessageEntry { key: string; channel: ChannelName; at: number; state: 'done'; replies: Reply[]; transcript?: TranscriptEntry[] }
type OldRecord = Keyed & { phone: string; channel: ChannelName; at: number; replies?: Reply[]; transcript?: TranscriptEntry[] };

const entryOf = (r: OldRecord): MessageEntry => ({
  key: r._id, channel: r.channel, at: r.at, state: 'done', replies: r.replies ?? [], ...(r.transcript?.length ? { transcript: r.transcript } : {}),
});
const byTime = (a: MessageEntry, b: MessageEntry) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The message records answered, into their customer's document (`messages`, newest last, the newest
 * ENTRIES_KEPT): where a turn looks for a message it answered before, so a message sent again just before
 * the upgrade is answered once. Each phone's entries are $set from the records still in the archive and the
 * entries already in the document (a run that stopped midway), then deleted from the archive: an entry is in
 * one place or both, never lost, and never counted twice once the step is done.
 *
 * What stays in the archive (older entries) without a transcript is given its `expireAt`; with one it is
 * left to housekeeping, which hands the transcript to `transcripts` before deleting it (TTL would lose it).
 * A pending record (a turn that began and never finished) becomes its key in the customer's `open`, as a
 * turn begun and not ended is noted now (sent again, the message runs as a retry, which finds what its first
 * attempt did), and leaves the archive: a record found there is an answer to replay.
 */
export async function convertMessages(db: Db): Promise<StepCounts> {
  const archive = db.collection<OldRecord>('messages');
  const customers = db.collection<Keyed & { messages?: MessageEntry[] }>('customers');
  let unfinished = 0;
  for await (const record of archive.find({ state: 'pending' })) {
    await customers.updateOne({ _id: record.phone }, { $addToSet: { open: record._id }, $setOnInsert: { phone: record.phone } }, { upsert: true });
    await archive.deleteOne({ _id: record._id });
    unfinished += 1;
  }

  const byPhone = new Map<string, MessageEntry[]>();
  for await (const record of archive.find({})) byPhone.set(record.phone, [...byPhone.get(record.phone) ?? [], entryOf(record)]);
  let moved = 0;
  for (const [phone, archived] of byPhone) {
    const inDocument = (await customers.findOne({ _id: phone }, { projection: { messages: 1 } }))?.messages ?? [];
    const all = new Map([...archived, ...inDocument].map((e) => [e.key, e]));
    const sorted = [...all.values()].sort(byTime);
    const kept = sorted.slice(-ENTRIES_KEPT);
    // The keys of those left in the archive stay in the document, where a turn finds them answered.
    const archivedKeys = sorted.slice(0, -ENTRIES_KEPT).map((e) => e.key).slice(-ARCHIVED_KEYS_KEPT);
    await customers.updateOne({ _id: phone }, { $set: { phone, messages: kept, ...(archivedKeys.length ? { archivedKeys } : {}) } }, { upsert: true });
    await archive.deleteMany({ _id: { $in: kept.map((e) => e.key) } });
    moved += kept.length;
  }

  const ops: AnyBulkWriteOperation<Keyed>[] = [];
  for await (const doc of archive.find({ expireAt: { $exists: false }, transcript: { $exists: false } }, { projection: { at: 1 } })) {
    ops.push({ updateOne: { filter: { _id: doc._id }, update: { $set: { expireAt: new Date(doc.at + MESSAGE_KEPT_MS) } } } });
  }
  await writeAll(db.collection<Keyed>('messages'), ops);
  return {
    'into their customer\'s document': moved,
    'left in the archive': await archive.countDocuments({}),
    'given expireAt': ops.length,
    'unfinished noted as begun': unfinished,
  };
}
