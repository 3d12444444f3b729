import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/store/memory';
import { MongoStore } from '../../../src/store/mongo/mongo';
import type { Store } from '../../../src/store/store';
import { hasMongo, MONGO_URI } from '../mongo-server';

const opened: MongoStore[] = [];
afterAll(async () => { await Promise.all(opened.map((s) => s.close())); });
const phone = '+12025550100';
const T0 = Date.UTC(2026, 10, 2, 10);

describe.skipIf(!hasMongo)('a replayed duplicate and the next message', () => {
  const seen: Record<string, unknown> = {};
  for (const kind of ['memory', 'mongo'] as const) {
    it(`${kind}: after m1 is answered and replayed twice, m2 and a later redelivery of m1 begin as the other store says`, async () => {
      let store: Store;
      if (kind === 'memory') store = new MemoryStore();
      else { const m = await MongoStore.connect(MONGO_URI, `grocer_adv_on_${process.pid}_${Date.now() % 100000}`); opened.push(m); store = m; }
      const k1 = `web:${phone}:m1`; const k2 = `web:${phone}:m2`;
      await store.beginTurn(phone, { owner: 'A', now: T0, ttlMs: 5000, key: k1 });
      await store.endTurn(phone, { owner: 'A', message: { key: k1, channel: 'web', at: T0, replies: [] } });
      for (let i = 0; i < 2; i += 1) {
        const r = await store.beginTurn(phone, { owner: 'A', now: T0 + 1 + i, ttlMs: 5000, key: k1 });
        expect(r?.answered).toBeDefined();
        // As the engine does with a replay: its turn ends as answered, its first replies kept.
        await store.endTurn(phone, { owner: 'A', message: { key: k1, channel: 'web', at: T0, replies: [] } });
      }
      const b2 = await store.beginTurn(phone, { owner: 'A', now: T0 + 10, ttlMs: 5000, key: k2 });
      seen[kind] = { interrupted: b2?.interrupted, retry: b2?.retry };
      expect(seen[kind]).toEqual({ interrupted: false, retry: false });
    });
  }
});
