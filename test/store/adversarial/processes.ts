import { loadConfig } from '../../../src/config';
import { buildCore } from '../../../src/core';
import { MemoryStore } from '../../../src/store/memory';
import { MongoStore } from '../../../src/store/mongo/mongo';
import type { Store } from '../../../src/store/store';
import { counterIds, ManualClock, silentLog } from '../../helpers';
import { MONGO_URI } from '../mongo-server';

const opened: MongoStore[] = [];
/** Closes every MongoStore opened by twoStores (for afterAll). */
export const closeStores = () => Promise.all(opened.splice(0).map((s) => s.close()));

/** A Grocer process's core on `store`, with a clock of its own. */
export async function coreOn(store: Store, prefix: string) {
  const clock = new ManualClock();
  const core = await buildCore(loadConfig({}), silentLog, { store, clock, ids: counterIds(prefix) });
  return { ...core, clock };
}

/** Two processes' stores on one database: two MongoStores, or one MemoryStore shared (what one process would see). */
export async function twoStores(kind: 'memory' | 'mongo', label: string): Promise<[Store, Store]> {
  if (kind === 'memory') { const s = new MemoryStore(); return [s, s]; }
  const db = `grocer_adv_${label}_${process.pid}_${Date.now() % 100000}_${opened.length}`;
  const a = await MongoStore.connect(MONGO_URI, db);
  const b = await MongoStore.connect(MONGO_URI, db);
  opened.push(a, b);
  return [a, b];
}
