import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildCore } from '../../src/core';
import { MongoStore } from '../../src/store/mongo/mongo';
import { openStore } from '../../src/store/open';
import { counterIds, customer, expectInvariants, ManualClock, registered, silentLog } from '../helpers';
import { startJavaServer } from '../../scripts/test-server';
import { hasMongo, MONGO_URI } from '../store/mongo-server';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterAll(async () => { for (const c of cleanups.reverse()) await c(); });

async function coreOn(uri: string, db: string, clock = new ManualClock(), prefix = 'a') {
  const store = await MongoStore.connect(uri, db, { timeoutMs: 1500 });
  cleanups.push(() => store.close());
  return buildCore(loadConfig({}), silentLog, { store, clock, ids: counterIds(prefix) });
}

describe.skipIf(!hasMongo)('Grocer on MongoDB, across processes and restarts', () => {
  it('a restart loses nothing: the customer, the cart and the orders are still there', async () => {
    const db = `grocer_restart_${Date.now()}`;
    const first = await coreOn(MONGO_URI, db);
    const c = await registered(first, '+12025550123', 'Ana');
    for (const t of ['2 limes', 'checkout', 'pickup', 'yes', '3 lemons']) await c.say(t);
    await first.store.close();

    const second = await coreOn(MONGO_URI, db, new ManualClock(), 'b');
    const back = customer(second, '+12025550123');
    expect(await back.say('hi')).toMatch(/Welcome back, Ana! 😊 Your cart still has 1 item/);
    expect(await back.say('where is my order')).toMatch(/ORD-1001 \(\$0\.98\): placed/);
    expect((await second.store.listProducts()).length).toBe(183);
    expect(await second.store.getStock('FRU-LIM')).toMatchObject({ available: 98, sold: 2 });
    await expectInvariants(second.store);
  });

  it('two web processes serving the same customer at once lose no update', async () => {
    const db = `grocer_two_${Date.now()}`;
    const clock = new ManualClock();
    const a = await coreOn(MONGO_URI, db, clock, 'a');
    const b = await coreOn(MONGO_URI, db, clock, 'b');
    await registered(a, '+12025550123');
    const items = ['limes', 'lemons', 'garlic', 'celery', 'kiwi', 'mango', 'coke', 'sprite', 'tuna', 'honey'];
    const replies = await Promise.all(items.map((item, i) => (i % 2 ? b : a).engine.handle({ channel: 'web', phone: '+12025550123', text: `add ${item}`, messageId: `x${i}` })));
    replies.forEach((r) => expect(r[0]!.text).toMatch(/^Added 1 × /));
    expect(await a.store.listHolds({ phone: '+12025550123', status: 'active' })).toHaveLength(10);
    const conv = await a.store.getConversation('+12025550123');
    expect(conv!.version).toBe(3 + 10);
    await expectInvariants(a.store);
  });

  const jar = inject('mongoServerJar');
  it.skipIf(!jar)('answers politely while the database is away, and recovers by itself when it is back', async () => {
    const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'grocer-outage-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'data.mv');
    let server = await startJavaServer(jar, { file });
    cleanups.push(() => server.kill());
    const core = await coreOn(server.uri, 'grocer');
    const c = await registered(core, '+12025550123');
    expect(await c.say('2 limes')).toContain('Added 2 × Limes');

    await server.kill();
    expect(await c.say('and a lemon')).toBe('Sorry, we’re having trouble on our side. Please try again in a minute.');

    server = await startJavaServer(jar, { port: server.port, file });
    let reply = '';
    for (let i = 0; i < 20 && !reply.includes('Added'); i += 1) {
      reply = await c.say('a lemon');
      if (!reply.includes('Added')) await sleep(250);
    }
    expect(reply).toContain('Added 1 × Lemons');
    expect(await c.say('show my cart')).toMatch(/2 × Limes.*\n.*1 × Lemons/s);
    await expectInvariants(core.store);
  });

  it('refuses to start with a clear message when MongoDB cannot be reached', async () => {
    await expect(openStore({ MONGODB_URI: 'mongodb://127.0.0.1:1/' }, 500)).rejects.toThrow(/^Cannot reach MongoDB at mongodb:\/\/127\.0\.0\.1:1\/: /);
    await expect(openStore({ MONGODB_URI: 'mongodb://user:secret@127.0.0.1:1/' }, 500)).rejects.toThrow(/mongodb:\/\/user:\*\*\*@127/);
  });
});
