import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildCore } from '../../src/core';
import { PhoneLimiter } from '../../src/limits/phone-limiter';
import { MemoryStore } from '../../src/store/memory';
import { counterIds, ManualClock, makeCore, registered, silentLog, type TestCore } from '../helpers';
import { hasRedis, startRedis } from '../jobs/redis-server';

const ONE_MOMENT = /One moment, please/;
const texts = (replies: { text: string }[]) => replies.map((r) => r.text).join('\n');

async function send(core: Pick<TestCore, 'engine'>, phone: string, text: string, channel: 'web' | 'sms' | 'telegram' | 'voice' = 'web') {
  return core.engine.handle({ channel, phone, text });
}

describe('messages per phone, across all channels', () => {
  it('over RATE_PER_MINUTE a phone gets one "one moment", then silence, and its messages change nothing', async () => {
    const core = await makeCore({ RATE_PER_MINUTE: '6' });
    const c = await registered(core, '+12025550123'); // three messages
    expect(texts(await send(core, c.phone, '2 limes', 'sms'))).toContain('Added 2 × Limes');
    expect(texts(await send(core, c.phone, 'show my cart', 'telegram'))).toContain('2 × Limes');
    expect(texts(await send(core, c.phone, '1 lemon', 'voice'))).toContain('Added 1 × Lemons');
    // The seventh message this minute, on any channel:
    const over = await send(core, c.phone, '5 limes', 'web');
    expect(over).toHaveLength(1);
    expect(over[0]!.text).toMatch(ONE_MOMENT);
    // It names the limit that was hit, and the wait in minutes.
    expect(over[0]!.text).toContain('more than 6 messages in a minute from this number');
    expect(over[0]!.text).toContain('within 1 minute');
    expect(await send(core, c.phone, '5 limes', 'sms')).toEqual([]);
    expect(await send(core, c.phone, 'checkout', 'telegram')).toEqual([]);
    expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 2 });
    expect((await core.store.getConversation(c.phone))?.stage).not.toMatch(/checkout/);
    // Another customer is not held back.
    const other = await registered(core, '+12025550124');
    expect(await other.say('3 limes')).toContain('Added 3 × Limes');
  });

  it('a redelivery of a message already answered replays its answer, even over the limit, and spends nothing', async () => {
    const core = await makeCore({ RATE_PER_MINUTE: '5' });
    const c = await registered(core, '+12025550123'); // three messages
    const first = await core.engine.handle({ channel: 'sms', phone: c.phone, text: '2 limes', messageId: 'SM-1' });
    expect(texts(first)).toContain('Added 2 × Limes');
    // Redeliveries do not count: the fifth message of the minute is still answered.
    for (let i = 0; i < 3; i += 1) expect(await core.engine.handle({ channel: 'sms', phone: c.phone, text: '2 limes', messageId: 'SM-1' })).toEqual(first);
    expect(texts(await send(core, c.phone, 'show my cart'))).toContain('2 × Limes');
    expect(texts(await send(core, c.phone, 'show my cart'))).toMatch(ONE_MOMENT);
    expect(await core.engine.handle({ channel: 'sms', phone: c.phone, text: '2 limes', messageId: 'SM-1' })).toEqual(first);
    expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 2 });
  });

  it('the window passes and the phone is answered again', async () => {
    const limiter = new PhoneLimiter({ points: 2, durationSeconds: 1 });
    expect([await limiter.take('+1'), await limiter.take('+1'), await limiter.take('+1'), await limiter.take('+1')])
      .toEqual(['ok', 'ok', 'first_over', 'over']);
    let verdict = 'over';
    for (let i = 0; i < 100 && verdict !== 'ok'; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      verdict = await limiter.take('+1');
    }
    expect(verdict).toBe('ok');
  });

  describe.skipIf(!hasRedis)('with Redis', () => {
    const clients: Redis[] = [];
    let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
    afterAll(async () => {
      for (const c of clients) c.disconnect();
      await redis?.stop();
    });

    it('several processes share one count per phone, and a Redis outage lets messages through', async () => {
      const server = await startRedis();
      redis = server;
      const store = new MemoryStore();
      const clock = new ManualClock();
      const processes = await Promise.all([0, 1].map(async (i) => {
        const client = new Redis(server.url, { maxRetriesPerRequest: 1, lazyConnect: false });
        clients.push(client);
        return buildCore(loadConfig({ RATE_PER_MINUTE: '4' }), silentLog, { store, clock, ids: counterIds(`p${i}`), redis: client });
      }));
      await Promise.all(clients.map((c) => new Promise<void>((r) => (c.status === 'ready' ? r() : c.once('ready', () => r())))));
      const [a, b] = processes as [TestCore, TestCore];
      const phone = '+12025550199';
      expect(texts(await send(a, phone, 'hi'))).toMatch(/Welcome/);
      expect(texts(await send(b, phone, 'Zoe'))).toMatch(/Nice to meet you, Zoe/);
      expect(texts(await send(a, phone, 'pickup'))).toMatch(/collect your orders/);
      expect(texts(await send(b, phone, '2 limes'))).toContain('Added 2 × Limes');
      expect(texts(await send(a, phone, '2 limes'))).toMatch(ONE_MOMENT);
      expect(await send(b, phone, '2 limes')).toEqual([]);
      expect(await store.getStock('FRU-LIM')).toMatchObject({ reserved: 2 });

      redis = undefined;
      await server.kill();
      await new Promise<void>((r) => (clients[0]!.status !== 'ready' ? r() : clients[0]!.once('close', () => r())));
      // Without its counter the limit cannot be checked: the customer is answered rather than dropped.
      expect(texts(await send(a, '+12025550198', 'hi'))).toMatch(/Welcome/);
    });
  });
});
