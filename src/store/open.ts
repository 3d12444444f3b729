import type { Config } from '../config';
import { MemoryStore } from './memory';
import { MongoStore } from './mongo/mongo';
import { databaseName } from './mongo/uri';
import type { Store } from './store';

/** mongodb://user:secret@host → mongodb://user:***@host, for messages and logs. */
export function redactUri(uri: string): string {
  return uri.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

export class StoreUnavailableError extends Error {}

export { databaseName };

/**
 * The store the configuration asks for: MongoDB when MONGODB_URI is set, else memory. The database is
 * MONGODB_DB, else the one MONGODB_URI names, else `grocer`, so two deployments on one cluster whose URIs
 * name different databases never share data. `onCommand` hears of every command sent to MongoDB (for /metrics).
 */
export async function openStore(config: Pick<Config, 'MONGODB_URI' | 'MONGODB_DB'>, timeoutMs = 5000, onCommand?: (command: string) => void): Promise<Store> {
  if (!config.MONGODB_URI) return new MemoryStore();
  try {
    return await MongoStore.connect(config.MONGODB_URI, databaseName(config.MONGODB_URI, config.MONGODB_DB), { timeoutMs, onCommand });
  } catch (err) {
    throw new StoreUnavailableError(`Cannot reach MongoDB at ${redactUri(config.MONGODB_URI)}: ${(err as Error).message.split('\n')[0]}`);
  }
}
