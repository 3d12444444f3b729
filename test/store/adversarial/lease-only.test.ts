import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';
import { buildCore } from '../../../src/core';
import { MemoryStore } from '../../../src/store/memory';
import { MongoStore } from '../../../src/store/mongo/mongo';
import type { Store } from '../../../src/store/store';
import { counterIds, customer, ManualClock, silentLog } from '../../helpers';
import { hasMongo, MONGO_URI } from '../mongo-server';

const opened: MongoStore[] = [];
afterAll(async () => { await Promise.all(opened.map((s) => s.close())); });
const PHONE = '+12025550177';

describe.skipIf(!hasMongo)('a customer document with a lease and nothing else', () => {
  const seen: Record<string, unknown> = {};
  for (const kind of ['memory', 'mongo'] as const) {
    it(`${kind}: a lease taken for a stranger (staff release, idle close) and one left by a crash change nothing a customer or owner sees`, async () => {
      let store: Store;
      if (kind === 'memory') store = new MemoryStore();
      else { const m = await MongoStore.connect(MONGO_URI, `grocer_adv_lo_${process.pid}_${Date.now() % 100000}`); opened.push(m); store = m; }
      const core = await buildCore(loadConfig({}), silentLog, { store, clock: new ManualClock(), ids: counterIds('a') });
      expect(await core.engine.release(PHONE)).toBe('not_waiting');
      expect(await core.engine.closeIdle(PHONE, 1, () => undefined)).toBe(false);
      // A crashed process's lease, still running.
      expect(await store.acquireConversationLease('+12025550178', 'dead', Date.now(), 60_000)).toBe(true);
      const stats = { customers: (await store.listCustomers()).length, conversations: (await store.listConversations({})).length, holds: (await store.listHolds({})).length };
      const hi = await customer(core, PHONE).say('hi');
      seen[kind] = { stats, hi, customer: await store.getCustomer(PHONE) };
      if (kind === 'mongo') expect(seen.mongo).toEqual(seen.memory);
    });
  }
});
