import type { Db } from 'mongodb';

/** The versioned layout's versions collections: `<name>_versions`, one document per version of a record. */
export const isVersionsCollection = (name: string): boolean => name.endsWith('_versions');

/**
 * The versioned layout's collections that the new layout has no place for (besides every `*_versions`):
 * converted into `customers` (carts, holds, conversations, channel_states) or of no use any more.
 */
export const RETIRED_COLLECTIONS = ['carts', 'holds', 'conversations', 'channel_states', 'hold_owners', 'orders_by_phone', 'leases'] as const;

export async function collectionNames(db: Db): Promise<string[]> {
  return (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
}

/** The collections a finished migration drops, the versions collections last (see assertCurrentLayout). */
export async function oldCollections(db: Db): Promise<string[]> {
  const names = await collectionNames(db);
  const retired = names.filter((n) => (RETIRED_COLLECTIONS as readonly string[]).includes(n)).sort();
  return [...retired, ...names.filter(isVersionsCollection).sort()];
}
