import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';

const BATCH = 500;

/** A document of the layouts: every _id is a string (a SKU, a phone, an order number, a message key…). */
export type Keyed = { _id: string } & Document;

/** Sends `ops` in batches (each op keyed by its _id, so a batch sent twice after a crash changes nothing more). */
export async function writeAll(collection: Collection<Keyed>, ops: AnyBulkWriteOperation<Keyed>[]): Promise<void> {
  for (let i = 0; i < ops.length; i += BATCH) await collection.bulkWrite(ops.slice(i, i + BATCH), { ordered: false });
}

/** Drops the collection's indexes whose key `old` recognises as the versioned layout's; how many. */
export async function dropIndexes(collection: Collection<Keyed>, old: (fields: string[]) => boolean): Promise<number> {
  const indexes = await collection.listIndexes().toArray().catch(() => []);
  let dropped = 0;
  for (const index of indexes) {
    if (index.name === '_id_' || !old(Object.keys(index.key as Document))) continue;
    await collection.dropIndex(index.name as string);
    dropped += 1;
  }
  return dropped;
}
