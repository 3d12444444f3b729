import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/store/memory';
import { MongoStore } from '../../../src/store/mongo/mongo';
import type { Store } from '../../../src/store/store';
import type { TranscriptEntry } from '../../../src/domain/owner';
import { hasMongo, MONGO_URI } from '../mongo-server';

const opened: MongoStore[] = [];
afterAll(async () => { await Promise.all(opened.map((s) => s.close())); });
const phone = '+12025550100';
const T0 = Date.UTC(2026, 10, 2, 10);

async function open(kind: 'memory' | 'mongo'): Promise<Store> {
  if (kind === 'memory') return new MemoryStore();
  const m = await MongoStore.connect(MONGO_URI, `grocer_adv_tr_${process.pid}_${Date.now() % 100000}_${opened.length}`);
  opened.push(m);
  return m;
}

async function talk(store: Store, n: number) {
  for (let i = 0; i < n; i += 1) {
    const key = `web:${phone}:m${i}`;
    const at = T0 + i * 1000;
    await store.beginTurn(phone, { owner: 'p1', now: at, ttlMs: 5000, key });
    const transcript: TranscriptEntry[] = [
      { id: `${key}#in00`, phone, at, from: 'customer', channel: 'web', text: `q${i}` },
      { id: `${key}#out00`, phone, at: at + 1, from: 'bot', channel: 'web', text: `a${i}` },
    ];
    await store.endTurn(phone, { owner: 'p1', message: { key, channel: 'web', at, replies: [{ key: 'added', text: `a${i}` }], transcript } });
    if (i === 120) await store.appendTranscript([{ id: 'staff1', phone, at: at + 2, from: 'staff', channel: 'web', text: 'hello from staff' }]);
  }
}

describe.skipIf(!hasMongo)('transcripts of a customer with many messages', () => {
  const results: Record<string, unknown> = {};
  for (const kind of ['memory', 'mongo'] as const) {
    it(`${kind}: 160 messages: the inbox window, the last words, counts`, async () => {
      const store = await open(kind);
      await talk(store, 160);
      const all = await store.listTranscript(phone, 200);
      const last20 = await store.listTranscript(phone, 20);
      results[kind] = { all: all.map((e) => e.text), last20: last20.map((e) => e.text), counts: await store.countMessages(0, T0 + 1e9) };
      expect(all).toHaveLength(200);
      expect(all.at(-1)?.text).toBe('a159');
      expect(all[0]?.text).toBe('a60');
      if (kind === 'mongo') expect(results.mongo).toEqual(results.memory);
    });
  }
  for (const kind of ['memory', 'mongo'] as const) {
    it(`${kind}: after maintain and prune the transcript is the same`, async () => {
      const store = await open(kind);
      await talk(store, 160);
      await store.maintain(0 - (Date.now() - (T0 + 80_000)));
      const all = await store.listTranscript(phone, 400);
      results[`${kind}-m`] = all.map((e) => e.text);
      expect(all.length).toBeGreaterThan(300);
      if (kind === 'mongo') expect(results['mongo-m']).toEqual(results['memory-m']);
    });
  }
});
