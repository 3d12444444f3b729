import { afterEach, describe, expect, it } from 'vitest';
import { BullQueue, startWorker } from '../../src/jobs/bullmq';
import { noObserver } from '../../src/observe';
import { ADMIN, startChannels } from '../channels/harness';
import { hasRedis, startRedis } from './redis-server';

// A message a signed-in person sends from the console while the outbox runs on BullMQ: the job goes through
// Redis and back, and the transcript still names who wrote it.

const PHONE = '+12025550123';
const MARIA = { name: 'Maria Lopez', login: 'maria', password: 'maria-password-1' };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined); });

const until = async (check: () => Promise<boolean> | boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) { if (await check()) return; await new Promise((r) => setTimeout(r, 50)); }
  throw new Error('timed out waiting');
};

describe.skipIf(!hasRedis)('a staff message queued on BullMQ (real Redis)', () => {
  it('reaches the customer and the transcript names the person who wrote it', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const h = await startChannels({ REDIS_URL: redis.url });
    cleanups.push(() => h.close());
    const queue = new BullQueue(redis.url, h.core.log, { attempts: 4, backoffMs: 50 });
    cleanups.push(() => queue.close());
    h.core.outbox.useQueue((n) => queue.enqueueNotification(n));
    const w = startWorker(h.core, redis.url, noObserver, 2);
    cleanups.push(() => w.close());

    const json = { 'content-type': 'application/json' };
    const setup = await fetch(`${h.url}/admin/setup`, { method: 'POST', headers: { ...json, authorization: `Bearer ${ADMIN}` }, body: JSON.stringify(MARIA) });
    expect(setup.status).toBe(201);
    const login = await fetch(`${h.url}/admin/login`, { method: 'POST', headers: json, body: JSON.stringify({ login: MARIA.login, password: MARIA.password }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = await login.json() as { csrfToken: string };

    for (const t of ['hi', 'Sam', 'pickup', 'talk to a human']) await h.messaging.send(PHONE, t);
    const sent = await fetch(`${h.url}/admin/conversations/${encodeURIComponent(PHONE)}/messages`, {
      method: 'POST', headers: { ...json, cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ text: 'Hi Sam, Maria here: your eggs are on their way.' }),
    });
    expect(sent.status).toBe(202);
    expect(await sent.json()).toEqual({ queued: true, channel: 'sms' });

    await until(() => h.twilioApi.messages.some((m) => m.Body === 'Hi Sam, Maria here: your eggs are on their way.'));
    const transcript = async () => {
      const res = await fetch(`${h.url}/admin/conversations/${encodeURIComponent(PHONE)}`, { headers: { cookie } });
      return (await res.json() as { messages: { from: string; text: string; by?: string }[] }).messages;
    };
    await until(async () => (await transcript()).some((m) => m.from === 'staff'));
    expect((await transcript()).filter((m) => m.from === 'staff'))
      .toEqual([expect.objectContaining({ from: 'staff', channel: 'sms', text: 'Hi Sam, Maria here: your eggs are on their way.', by: 'Maria Lopez' })]);
  });
});
