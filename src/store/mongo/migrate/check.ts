import type { Db } from 'mongodb';
import { collectionNames, isVersionsCollection } from './old-layout';

/**
 * Throws when the database still holds the versioned layout of earlier versions (any `*_versions`
 * collection): the adapter would not see those records. `npm run migrate` drops them last, so a migration
 * that stopped midway keeps the application out too.
 */
export async function assertCurrentLayout(db: Db): Promise<void> {
  const old = (await collectionNames(db)).filter(isVersionsCollection);
  if (!old.length) return;
  throw new Error(`MongoDB database "${db.databaseName}" is in the layout of earlier Grocer versions (${old.sort().join(', ')}): `
    + 'stop every Grocer process and run `npm run migrate` with the same MONGODB_URI and MONGODB_DB, then start again.');
}
