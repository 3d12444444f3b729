import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/store/memory';
import { MongoStore } from '../../../src/store/mongo/mongo';
import type { Store } from '../../../src/store/store';
import { hasMongo, MONGO_URI } from '../mongo-server';

const opened: MongoStore[] = [];
afterAll(async () => { await Promise.all(opened.map((s) => s.close())); });
const phone = '+12025550100';
const T0 = Date.UTC(2026, 10, 2, 10);

async function turns(store: Store, n: number) {
  for (let i = 0; i < n; i += 1) {
    const key = `web:${phone}:m${i}`;
    const b = await store.beginTurn(phone, { owner: 'p1', now: T0 + i * 1000, ttlMs: 5000, key });
    expect(b).toBeDefined();
    expect(await store.endTurn(phone, { owner: 'p1', message: { key, channel: 'web', at: T0 + i * 1000, replies: [{ key: 'added', text: `answer ${i}` }] } })).toBe(true);
  }
}

describe.skipIf(!hasMongo)('message archive', () => {
  for (const kind of ['memory', 'mongo'] as const) {
    it(`${kind}: a redelivery of message 0 after 160 more messages (all within minutes) is answered from its record`, async () => {
      let store: Store;
      if (kind === 'memory') store = new MemoryStore();
      else { const m = await MongoStore.connect(MONGO_URI, `grocer_adv_arch_${process.pid}_${Date.now() % 100000}`); opened.push(m); store = m; }
      await turns(store, 160);
      const key = `web:${phone}:m0`;
      expect((await store.getMessage(phone, key))?.replies).toEqual([{ key: 'added', text: 'answer 0' }]);
      const again = await store.beginTurn(phone, { owner: 'p1', now: T0 + 200_000, ttlMs: 5000, key });
      // Handled again (the engine would run the turn): its end records it a second time.
      if (!again?.answered) await store.endTurn(phone, { owner: 'p1', message: { key, channel: 'web', at: T0 + 200_000, replies: [{ key: 'added', text: 'answer again' }] } });
      else await store.releaseConversationLease(phone, 'p1');
      const counts = await store.countMessages(T0 - 1, T0 + 10_000_000);
      expect(counts, 'one message counted once').toEqual({ web: 160 });
      expect(again?.answered?.replies, 'redelivered message 0 should be answered from its record').toEqual([{ key: 'added', text: 'answer 0' }]);
    });
  }
});
