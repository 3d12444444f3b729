import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';

const BATCH = 500;

/** A document of the layouts: every _id is a string (a SKU, a phone, an order number, a message key…). */
export type Keyed = { _id: string } & Document;

/** Sends `ops` in batches (each op keyed by its _id, so a batch sent twice after a crash changes nothing more). */
export async function writeAll(collection: Collection<Keyed>, ops: AnyBulkWriteOperation<Keyed>[]): Promise<void> {
  for (let i = 0; i < ops.length; i += BATCH) await collection.bulkWrite(ops.slice(i, i + BATCH), { ordered: false });
}
