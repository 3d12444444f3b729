import { MongoServerError, type Collection, type Document, type Filter, type WithoutId } from 'mongodb';

export const isDuplicateKey = (err: unknown) =>
  err instanceof MongoServerError && (err.code === 11000 || /duplicate key/i.test(err.message));

/**
 * replaceOne with upsert, again once when it loses an insert race: two upserts of one new _id at once can
 * both try the insert, and the loser gets a duplicate-key error. The second try finds the document and
 * replaces it.
 */
export async function upsertById<D extends Document>(collection: Collection<D>, id: string, doc: Omit<D, '_id'>): Promise<void> {
  const filter = { _id: id } as Filter<D>;
  try {
    await collection.replaceOne(filter, doc as WithoutId<D>, { upsert: true });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await collection.replaceOne(filter, doc as WithoutId<D>, { upsert: true });
  }
}
