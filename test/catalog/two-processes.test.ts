// Two web processes on one database: a product added, hidden or shown through one is what the other sells
// within 2 seconds. Without Redis each process checks the store's catalog version (at most once a second,
// before a message); with Redis the change is relayed as it is made.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildCore, type Core } from '../../src/core';
import { relayConsoleEvents, type ConsoleRelay } from '../../src/events/redis-relay';
import { MemoryStore } from '../../src/store/memory';
import { MongoStore } from '../../src/store/mongo/mongo';
import { counterIds, customer, ManualClock, silentLog } from '../helpers';
import { hasRedis, startRedis } from '../jobs/redis-server';
import { hasMongo, MONGO_URI } from '../store/mongo-server';

const RAMBUTANS = { sku: 'FRU-RAM', name: 'Rambutans', price: 0.4, unit: 'each', stock: 50, category: 'Fruit', aliases: ['rambutan'] };

interface Process { core: Core; close(): Promise<void> }

let n = 0;
/** Two "processes" (two cores, each with its own connection) on one fresh database; with Redis when given. */
async function twoProcesses(redisUrl?: string): Promise<[Process, Process]> {
  n += 1;
  const db = `grocer_two_${process.pid}_${n}_${Date.now() % 100000}`;
  const start = async (): Promise<Process> => {
    const store = await MongoStore.connect(MONGO_URI, db);
    const redis = redisUrl ? new Redis(redisUrl) : undefined;
    // It asks every 50 ms until the answer changes: more than a customer's 20 a minute.
    const core = await buildCore(loadConfig({ RATE_PER_MINUTE: '10000' }), silentLog, { store, ...(redis ? { redis } : {}) });
    const relay: ConsoleRelay | undefined = redis ? relayConsoleEvents(core.events, redis, silentLog) : undefined;
    await relay?.ready;
    return { core, async close() { await relay?.close(); redis?.disconnect(); await store.close(); } };
  };
  const a = await start();
  return [a, await start()];
}

/** A customer set up to shop (named, pickup). */
async function shopper(core: Core, phone: string) {
  const c = customer(core, phone);
  for (const text of ['hi', 'Ana', 'pickup']) await c.say(text);
  return c;
}

/** Sends `text` through `core` every 50 ms until the reply matches; how long that took (ms), or Infinity after `limitMs`. */
async function untilSaid(core: Core, phone: string, text: string, wanted: RegExp, limitMs = 5_000): Promise<{ ms: number; reply: string }> {
  const c = await shopper(core, phone);
  const t0 = performance.now();
  let reply = '';
  while (performance.now() - t0 < limitMs) {
    reply = await c.say(text);
    if (wanted.test(reply)) return { ms: performance.now() - t0, reply };
    await new Promise((r) => setTimeout(r, 50));
  }
  return { ms: Number.POSITIVE_INFINITY, reply };
}

const variants = [
  ...(hasMongo ? [{ name: 'MongoDB, no Redis: the catalog version', redis: false }] : []),
  ...(hasMongo && hasRedis ? [{ name: 'MongoDB and Redis: relayed', redis: true }] : []),
];

describe.each(variants)('two processes on one database ($name)', ({ redis: withRedis }) => {
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  beforeAll(async () => { if (withRedis) redis = await startRedis(); });
  afterAll(async () => { await redis?.kill(); });

  it('a product added through one is sold by the other within 2 seconds; hidden, neither offers it; shown again, it sells', async () => {
    const [a, b] = await twoProcesses(redis?.url);
    try {
      // The other process has its catalog in memory already: it does not carry rambutans yet.
      expect(await (await shopper(b.core, '+12025550101')).say('2 rambutans')).toMatch(/don.t carry/i);
      const upserted = await a.core.catalog.upsert([RAMBUTANS]);
      expect(upserted.ok).toBe(true);
      const sold = await untilSaid(b.core, '+12025550102', '2 rambutans', /Added 2 × Rambutans/);
      console.log(`added through one process, sold by the other after ${Math.round(sold.ms)} ms`);
      expect(sold.ms).toBeLessThan(2_000);

      expect((await a.core.catalog.patch('FRU-RAM', { active: false })).ok).toBe(true);
      const hidden = await untilSaid(b.core, '+12025550103', '2 rambutans', /isn.t available right now/i);
      console.log(`hidden through one process, refused by the other after ${Math.round(hidden.ms)} ms`);
      expect(hidden.ms).toBeLessThan(2_000);
      // The customer who had it in their cart keeps that line.
      expect(await customer(b.core, '+12025550102').say('cart')).toMatch(/Rambutans/);

      expect((await a.core.catalog.patch('FRU-RAM', { active: true })).ok).toBe(true);
      const shown = await untilSaid(b.core, '+12025550104', '3 rambutans', /Added 3 × Rambutans/);
      expect(shown.ms).toBeLessThan(2_000);
    } finally {
      await a.close();
      await b.close();
    }
  }, 30_000);

  it('an edit through one process does not undo a change made a moment before through the other', async () => {
    const [a, b] = await twoProcesses(redis?.url);
    try {
      // B has just read the limes, as a message does; A hides them; B's price edit comes from its older reading.
      expect(await b.core.store.getProduct('FRU-LIM')).toBeDefined();
      expect((await a.core.catalog.patch('FRU-LIM', { active: false })).ok).toBe(true);
      const edited = await b.core.catalog.patch('FRU-LIM', { price: 0.55 });
      expect(edited).toMatchObject({ ok: true, product: { priceCents: 55, active: false } });
      expect((await a.core.store.listProducts()).find((p) => p.sku === 'FRU-LIM')).toMatchObject({ priceCents: 55, active: false });
    } finally {
      await a.close();
      await b.close();
    }
  }, 30_000);
});

describe('the catalog version check, on one clock', () => {
  it('reads the products again only once a second has passed and the version moved', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const a = await buildCore(loadConfig({}), silentLog, { store, clock, ids: counterIds() });
    const b = await buildCore(loadConfig({}), silentLog, { store, clock, ids: counterIds() });
    const c = customer(b, '+12025550105');
    for (const text of ['hi', 'Ana', 'pickup']) await c.say(text);
    expect((await a.catalog.add(RAMBUTANS)).ok).toBe(true);
    // Within the second, the other "process" has not asked again.
    clock.t += 500;
    expect(await c.say('2 rambutans')).toMatch(/don.t carry/i);
    clock.t += 500;
    expect(await c.say('2 rambutans')).toContain('Added 2 × Rambutans');
    const reads = { n: 0 };
    const list = store.listProducts.bind(store);
    store.listProducts = async () => { reads.n += 1; return list(); };
    clock.t += 1_000;
    await c.say('cart');
    // The version did not move: no product was read again.
    expect(reads.n).toBe(0);
  });
});
