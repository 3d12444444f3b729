import type { AnyBulkWriteOperation, Db } from 'mongodb';
import type { StepCounts } from './in-place';
import { writeAll, type Keyed } from './write';

/** How long a message record without a transcript stays in the archive (the TTL index on `expireAt`). */
export const MESSAGE_KEPT_MS = 48 * 60 * 60_000;

/**
 * The message records stay where they are, in the `messages` archive. Those without a transcript are given
 * their `expireAt`; those with one are left for housekeeping (maintain), which hands the transcript to the
 * `transcripts` collection before deleting the record, as it does for archived entries (a TTL deletion
 * would lose it). A pending record (a turn that began and never finished) goes: the new layout records a
 * message only when its turn ends, and a record found there is an answer to replay, so a pending one would
 * answer that message, if sent again, with nothing. Without it the message, sent again, is answered.
 */
export async function convertMessages(db: Db): Promise<StepCounts> {
  const messages = db.collection<Keyed>('messages');
  const unfinished = (await messages.deleteMany({ state: 'pending' })).deletedCount;
  const ops: AnyBulkWriteOperation<Keyed>[] = [];
  for await (const doc of messages.find({ expireAt: { $exists: false }, transcript: { $exists: false } }, { projection: { at: 1 } })) {
    ops.push({ updateOne: { filter: { _id: doc._id }, update: { $set: { expireAt: new Date((doc.at as number) + MESSAGE_KEPT_MS) } } } });
  }
  await writeAll(messages, ops);
  const withTranscript = await messages.countDocuments({ transcript: { $exists: true } });
  return { 'given expireAt': ops.length, 'with a transcript, left to housekeeping': withTranscript, 'unfinished removed': unfinished };
}
