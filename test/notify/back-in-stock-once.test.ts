// The back-in-stock notice goes once per waiting customer, whatever races to send it: two processes on one
// database restocking at once and running the job at once, and two BullMQ workers running the job at once.
import type { Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildCore, type Core } from '../../src/core';
import type { Reply } from '../../src/domain/types';
import { BullQueue, startWorker } from '../../src/jobs/bullmq';
import { runJob } from '../../src/jobs/handlers';
import { noObserver } from '../../src/observe';
import { MongoStore } from '../../src/store/mongo/mongo';
import { ManualClock, counterIds, customer, silentLog } from '../helpers';
import { startChannels } from '../channels/harness';
import { hasRedis, startRedis } from '../jobs/redis-server';
import { hasMongo, MONGO_URI } from '../store/mongo-server';

const OAT = 'DAI-MLK-OAT';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined); });

/** Customers who found the oat milk sold out and said "yes, tell me". */
async function waiting(core: Core, phones: string[]): Promise<void> {
  const s = (await core.store.getStock(OAT))!;
  expect((await core.catalog.patch(OAT, { stock: s.reserved + s.sold })).ok).toBe(true);
  for (const phone of phones) {
    const c = customer(core, phone);
    for (const t of ['hi', 'Ana', 'pickup', 'oat milk']) await c.say(t);
    expect(await c.say('yes')).toContain('I’ll message you');
  }
}

const PHONES = Array.from({ length: 8 }, (_, i) => `+1202555${2000 + i}`);

describe.skipIf(!hasMongo)('two processes on one database', () => {
  it('restocking at once, and running the job at once, tell each waiting customer once', async () => {
    const db = `grocer_wishes_${process.pid}_${Date.now() % 100000}`;
    const clock = new ManualClock();
    const told: { phone: string; reply: Reply }[] = [];
    const start = async (name: string) => {
      const store = await MongoStore.connect(MONGO_URI, db);
      cleanups.push(() => store.close());
      const core = await buildCore(loadConfig({ RATE_PER_MINUTE: '10000' }), silentLog, { store, clock, ids: counterIds(name) });
      core.outbox.use('web', { keepsTranscript: true, send: async (m) => { told.push({ phone: m.phone, reply: m.reply }); return {}; } });
      return core;
    };
    const [a, b] = [await start('a'), await start('b')];
    await waiting(a, PHONES);
    expect(await b.store.countWaitingWishes()).toEqual({ [OAT]: PHONES.length });
    clock.advance(10);
    await Promise.all([a.catalog.restock(OAT, 3), b.catalog.restock(OAT, 4), runJob(a, 'back-in-stock'), runJob(b, 'back-in-stock')]);
    for (const core of [a, b]) { await core.backInStock.drain(); await core.outbox.drain(); }
    expect(told.map((t) => t.phone).sort()).toEqual([...PHONES].sort());
    expect(new Set(told.map((t) => t.reply.key))).toEqual(new Set(['back_in_stock']));
    expect(await a.store.countWaitingWishes()).toEqual({});
  });
});

describe.skipIf(!hasRedis)('two BullMQ workers', () => {
  it('running the back-in-stock job at once tell each waiting customer once', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const h = await startChannels({ REDIS_URL: redis.url });
    cleanups.push(() => h.close());
    const queue = new BullQueue(redis.url, h.core.log, { attempts: 4, backoffMs: 50 });
    cleanups.push(() => queue.close());
    h.core.outbox.useQueue((n) => queue.enqueueNotification(n));
    const phones = PHONES.slice(0, 5);
    const s = (await h.core.store.getStock(OAT))!;
    expect((await h.core.catalog.patch(OAT, { stock: s.reserved + s.sold })).ok).toBe(true);
    for (const phone of phones) for (const t of ['hi', 'Sam', 'pickup', 'oat milk', 'yes']) await h.messaging.send(phone, t);
    expect(await h.core.store.countWaitingWishes()).toEqual({ [OAT]: phones.length });
    // Back on the shelf by a path that tells no one at once: only the job tells.
    await h.core.store.receiveStock(OAT, 6);
    const results: number[] = [];
    const workers = [startWorker(h.core, redis.url, noObserver, 3), startWorker(h.core, redis.url, noObserver, 3)];
    for (const w of workers) {
      cleanups.push(() => w.close());
      w.worker.on('completed', (job: Job, result: unknown) => { if (job.name === 'back-in-stock') results.push(result as number); });
    }
    await Promise.all(Array.from({ length: 4 }, () => queue.queue.add('back-in-stock', {})));
    const end = Date.now() + 10_000;
    while ((results.length < 4 || h.twilioApi.messages.length < phones.length) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(results.reduce((x, y) => x + y, 0)).toBe(phones.length);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.twilioApi.messages.map((m) => m.To).sort()).toEqual([...phones].sort());
    expect(new Set(h.twilioApi.messages.map((m) => m.Body?.split('\n')[0]))).toEqual(new Set(['Good news — Oat Milk (1 L) is back in stock at Corner Grocer. Add 1 to your cart?']));
  });
});
