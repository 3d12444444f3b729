import type { AnyBulkWriteOperation, Db, Document } from 'mongodb';
import type { ChannelState, Conversation, Hold } from '../../../domain/types';
import type { StepCounts } from './in-place';
import { readNewest } from './read';
import { dropIndexes, writeAll, type Keyed } from './write';

/**
 * Each customer's live state, from the collections that held it apart, set on their `customers` document
 * (created when only a cart or a conversation existed; the customer's own fields are there already):
 * conversations → `conversation` (its version number kept), carts → `holds` (with any hold of the older
 * one-record-per-hold `holds` collection not in the cart yet, as the adapter's own upgrade did),
 * channel_states → `channelStates.<channel>`. Only these fields are set: a second run sets the same values.
 * The old unique index on `phone` goes: the phone is the _id now, and the new adapter may create a document
 * before its customer record (a lease or a hold first), which the index would refuse for a second phone.
 */
export async function convertCustomers(db: Db): Promise<StepCounts> {
  const sets = new Map<string, Document>();
  const set = (phone: string, fields: Document) => sets.set(phone, { ...sets.get(phone), ...fields });

  const conversations = (await readNewest<Conversation>(db, 'conversations')).records;
  for (const { key, v, doc } of conversations) set(key, { conversation: { ...doc, version: v } });

  const carts = new Map((await readNewest<{ holds: Hold[] }>(db, 'carts')).records.map((r) => [r.key, [...r.doc.holds]]));
  const single = (await readNewest<Hold>(db, 'holds')).records.map((r) => r.doc);
  for (const hold of single) {
    const cart = carts.get(hold.phone) ?? [];
    if (!cart.some((h) => h.id === hold.id)) cart.push(hold);
    carts.set(hold.phone, cart);
  }
  for (const [phone, holds] of carts) set(phone, { holds });

  let channelStates = 0;
  for await (const state of db.collection<ChannelState & { _id: string }>('channel_states').find({}, { projection: { _id: 0 } })) {
    channelStates += 1;
    set(state.phone, { [`channelStates.${state.channel}`]: state });
  }

  const customers = db.collection<Keyed>('customers');
  const indexesDropped = await dropIndexes(customers, (fields) => fields.join() === 'phone');
  const ops: AnyBulkWriteOperation<Keyed>[] = [...sets].map(([phone, fields]) => ({
    updateOne: { filter: { _id: phone }, update: { $set: { phone, ...fields } }, upsert: true },
  }));
  await writeAll(customers, ops);
  return {
    documents: sets.size,
    conversations: conversations.length,
    holds: [...carts.values()].reduce((n, holds) => n + holds.length, 0),
    'channel states': channelStates,
    'phone indexes dropped': indexesDropped,
  };
}
