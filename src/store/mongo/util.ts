import { MongoServerError, type Collection, type Document, type Filter, type OptionalUnlessRequiredId, type UpdateFilter, type WithoutId } from 'mongodb';

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

/** insertMany, unordered; a document whose _id is already there (a step retried after a crash) is not an error. */
export async function insertNew<D extends Document>(collection: Collection<D>, docs: D[]): Promise<void> {
  if (!docs.length) return;
  try {
    await collection.insertMany(docs as OptionalUnlessRequiredId<D>[], { ordered: false });
  } catch (err) {
    const failures = (err as { writeErrors?: unknown }).writeErrors;
    const list = Array.isArray(failures) ? failures : failures ? [failures] : [];
    if (!(list.length > 0 && list.every((w: { code?: number }) => w.code === 11000)) && !isDuplicateKey(err)) throw err;
  }
}

/**
 * updateOne of the document a filter names by `_id`, sent as findOneAndUpdate (returning only the `_id` as it
 * was): the same on MongoDB, while mongo-java-server, the tests' and the benchmark's server, finds the
 * document by its `_id` index this way and scans the whole collection for an updateOne whose filter has more
 * than the `_id`. `matched`: an existing document matched; `upserted`: none did, and `upsert` inserted one.
 */
export async function updateById<D extends Document>(
  collection: Collection<D>, filter: Filter<D>, update: UpdateFilter<D>, opts: { upsert?: boolean; arrayFilters?: Document[] } = {},
): Promise<{ matched: boolean; upserted: boolean }> {
  const before = await collection.findOneAndUpdate(filter, update, { ...opts, projection: { _id: 1 }, returnDocument: 'before' });
  return before ? { matched: true, upserted: false } : { matched: false, upserted: opts.upsert === true };
}
