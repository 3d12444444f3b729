import type { AnyBulkWriteOperation, Db, Document } from 'mongodb';
import type { Order, StockLevel, Verification } from '../../../domain/types';
import { CODE_KEPT_MS } from '../verifications';
import { readNewest, type Newest } from './read';
import { dropIndexes, writeAll, type Keyed } from './write';

/** What a step did: counts by what happened, in words for the printed report ("3 converted"). */
export type StepCounts = Record<string, number>;

/** `undefined`: the record was deleted (its document goes). */
type Shape<T> = (record: Newest<T>) => Document | undefined;

/**
 * Converts the versioned collection `name` whose new layout keeps the name: each head `{_id, v, d}` is
 * replaced by the plain document of its newest version. Indexes on the heads' `d.` fields go first: they
 * index nothing in the new shape, and a unique one (orders' `d.id`) would refuse a second converted document.
 */
async function convertInPlace<T>(db: Db, name: string, shape: Shape<T>): Promise<StepCounts> {
  const collection = db.collection<Keyed>(name);
  await dropIndexes(collection, (fields) => fields.some((field) => field.startsWith('d.')));
  const { records, alreadyNew } = await readNewest<T>(db, name);
  const ops: AnyBulkWriteOperation<Keyed>[] = [];
  let deleted = 0;
  for (const record of records) {
    const doc = shape(record);
    if (doc) ops.push({ replaceOne: { filter: { _id: record.key }, replacement: doc, upsert: true } });
    else {
      deleted += 1;
      ops.push({ deleteOne: { filter: { _id: record.key } } });
    }
  }
  await writeAll(collection, ops);
  return { converted: records.length - deleted, deleted, 'already converted': alreadyNew };
}

type StockRecord = StockLevel & { applied?: string[] };

export const convertStock = (db: Db) => convertInPlace<StockRecord>(db, 'stock', ({ key, doc }) => ({
  sku: doc.sku ?? key, received: doc.received, available: doc.available, reserved: doc.reserved, sold: doc.sold, applied: doc.applied ?? [],
}));

export const convertOrders = (db: Db) => convertInPlace<Order>(db, 'orders', ({ doc }) => ({ ...doc }));

export const convertSequences = (db: Db) => convertInPlace<{ seq: number }>(db, 'sequences', ({ doc }) => ({ seq: doc.seq }));

/**
 * A code deleted in the versioned layout is a version without `code`: no document. `expireAt` as the adapter
 * sets it when the code is written (then `createdAt`): a day past its expiry, so a late try is told it expired.
 */
export const convertVerifications = (db: Db) => convertInPlace<{ code?: Verification }>(db, 'verifications', ({ doc }) => (doc.code
  ? { ...doc.code, expireAt: new Date(Math.max(doc.code.expiresAt, doc.code.createdAt) + CODE_KEPT_MS) } : undefined));
