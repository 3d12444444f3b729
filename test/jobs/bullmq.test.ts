import type { Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { BullQueue, startWorker } from '../../src/jobs/bullmq';
import { retryDelayMs, SendError } from '../../src/notify/errors';
import { noObserver } from '../../src/observe';
import { expectInvariants, registered } from '../helpers';
import { ADMIN, startChannels, type Harness } from '../channels/harness';
import { hasRedis, startRedis } from './redis-server';

type Redis = Awaited<ReturnType<typeof startRedis>>;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined); });

async function setup(env: Record<string, string> = {}) {
  const redis: Redis = await startRedis();
  cleanups.push(() => redis.stop());
  const h: Harness = await startChannels({ REDIS_URL: redis.url, SWEEP_SECONDS: '1', HOLD_MINUTES: '10', ...env });
  cleanups.push(() => h.close());
  const queue = new BullQueue(redis.url, h.core.log, { attempts: 4, backoffMs: 50 });
  cleanups.push(() => queue.close());
  h.core.outbox.useQueue((n) => queue.enqueueNotification(n));
  const workers: { close(): Promise<void> }[] = [];
  const worker = (concurrency = 2) => {
    const w = startWorker(h.core, redis.url, noObserver, concurrency);
    workers.push(w);
    cleanups.push(() => w.close());
    return w.worker;
  };
  return { redis, h, queue, worker, workers };
}

const until = async (check: () => Promise<boolean> | boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) { if (await check()) return; await new Promise((r) => setTimeout(r, 50)); }
  throw new Error('timed out waiting');
};

describe('notification backoff', () => {
  it('is exponential, and never sooner than the platform asked (429 retry_after)', () => {
    expect([1, 2, 3].map((n) => retryDelayMs(100, n, new Error('x')))).toEqual([100, 200, 400]);
    expect(retryDelayMs(100, 1, new SendError('Too Many Requests', false, '429', 5000))).toBe(5000);
  });
});

describe.skipIf(!hasRedis)('jobs on BullMQ with a real Redis', () => {
  it('job schedulers are created once however many processes upsert them, and they fire and do their work', async () => {
    const { h, queue, redis, worker } = await setup();
    const other = new BullQueue(redis.url, h.core.log);
    cleanups.push(() => other.close());
    await Promise.all([queue.schedule(h.core), other.schedule(h.core), queue.schedule(h.core)]);
    expect((await queue.queue.getJobSchedulers()).map((s) => s.key ?? s.name).sort()).toEqual(['back-in-stock', 'close-idle', 'expire-changes', 'low-stock', 'maintenance', 'reconcile', 'rollup-stats', 'sweep-holds']);

    const c = await registered(h.core, '+12025550123');
    await c.say('5 limes');
    h.clock.advance(11);
    worker();
    await until(async () => (await h.core.store.getStock('FRU-LIM'))!.reserved === 0);
    expect(await h.core.store.getStock('FRU-LIM')).toMatchObject({ available: 100, reserved: 0 });
    await until(async () => (await h.core.store.getDailyStats('2026-11-01', '2026-11-30')).length > 0);
  });

  it('two workers running sweeps at once expire each hold once', async () => {
    const { h, queue, worker } = await setup();
    for (let i = 0; i < 12; i += 1) await h.core.inventory.setLine(`+1202555${1000 + i}`, 'FRU-LEM', 2);
    h.clock.advance(11);
    const expired: number[] = [];
    for (const w of [worker(3), worker(3)]) w.on('completed', (job: Job, result: unknown) => { if (job.name === 'sweep-holds') expired.push(result as number); });
    await Promise.all(Array.from({ length: 6 }, () => queue.queue.add('sweep-holds', {})));
    await until(() => expired.length === 6);
    expect(expired.reduce((a, b) => a + b, 0)).toBe(12);
    expect(await h.core.store.getStock('FRU-LEM')).toMatchObject({ available: 120, reserved: 0 });
    await expectInvariants(h.core.store);
  });

  it('two workers running the expiry of changes at once apply the store\'s default to an unanswered change once', async () => {
    const { h, queue, worker } = await setup();
    for (const t of ['hi', 'Sam', 'pickup', '2 oat milk', 'checkout', 'pickup', 'yes']) await h.messaging.send('+12025550123', t);
    const proposed = await h.core.changes.propose('ORD-1001', [{ sku: 'DAI-MLK-OAT', action: 'substitute', substituteSku: 'DAI-MLK-ALM' }], { kind: 'admin' });
    expect(proposed.ok).toBe(true);
    h.clock.advance(31);
    const settled: number[] = [];
    for (const w of [worker(3), worker(3)]) w.on('completed', (job: Job, result: unknown) => { if (job.name === 'expire-changes') settled.push(result as number); });
    await Promise.all(Array.from({ length: 4 }, () => queue.queue.add('expire-changes', {})));
    await until(() => settled.length === 4);
    expect(settled.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await h.core.store.getOrder('ORD-1001'))?.changes?.map((c) => c.status)).toEqual(['expired']);
    expect(await h.core.store.getStock('DAI-MLK-ALM')).toMatchObject({ available: 25, reserved: 0, sold: 0 });
    expect(await h.core.store.getStock('DAI-MLK-OAT')).toMatchObject({ received: 28, sold: 0 });
    await expectInvariants(h.core.store);
  });

  it('a notification job that throws is retried with backoff until it goes through', async () => {
    const { h, worker } = await setup();
    for (const t of ['hi', 'Sam', 'pickup', '2 limes', 'checkout', 'pickup', 'yes']) await h.messaging.send('+12025550123', t);
    h.twilioApi.failNextRequests(2);
    const w = worker();
    const attempts: number[] = [];
    w.on('completed', (job: Job) => { if (job.name === 'notify') attempts.push(job.attemptsMade); });
    const res = await fetch(`${h.url}/admin/orders/ORD-1001/status`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: '{"status":"preparing"}' });
    expect(res.status).toBe(200);
    await until(() => attempts.length === 1);
    expect(attempts[0]).toBe(3);
    expect(h.twilioApi.messages.map((m) => m.Body)).toEqual(['Good news — we’re preparing your order ORD-1001.']);
  });

  it('a notification job carries its replies: a retry resumes at the first one Twilio has not taken, each goes once, in order', async () => {
    const { h, worker } = await setup();
    for (const t of ['hi', 'Sam', 'pickup']) await h.messaging.send('+12025550123', t);
    h.twilioApi.plan('ok', 500);
    const w = worker();
    const attempts: number[] = [];
    w.on('completed', (job: Job) => { if (job.name === 'notify') attempts.push(job.attemptsMade); });
    h.core.outbox.enqueue('+12025550123', [{ key: 'notification', text: 'one' }, { key: 'notification', text: 'two' }, { key: 'notification', text: 'three' }]);
    await until(() => attempts.length === 1);
    expect(attempts[0]).toBe(2);
    expect(h.twilioApi.requests.map((m) => m.Body)).toEqual(['one', 'two', 'two', 'three']);
    expect(h.twilioApi.messages.map((m) => m.Body)).toEqual(['one', 'two', 'three']);
    expect((await h.core.store.listDeliveries('+12025550123')).map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('a permanent refusal completes the job at once: recorded, never retried', async () => {
    const { h, worker } = await setup();
    for (const t of ['hi', 'Sam', 'pickup']) await h.messaging.send('+12025550123', t);
    h.twilioApi.plan(21610);
    const w = worker();
    const attempts: number[] = [];
    w.on('completed', (job: Job) => { if (job.name === 'notify') attempts.push(job.attemptsMade); });
    h.core.outbox.enqueue('+12025550123', 'Your order is ready');
    await until(() => attempts.length === 1);
    expect(attempts[0]).toBe(1);
    expect(h.twilioApi.requests).toHaveLength(1);
    expect(await h.core.store.listDeliveries('+12025550123')).toEqual([expect.objectContaining({ status: 'failed', errorCode: '21610' })]);
  });

  it('with Redis killed, customers are still answered; queued work goes out when Redis is back', async () => {
    const { h, redis, worker } = await setup({ API_TOKEN: 'api-token-for-tests-0001' });
    worker();
    for (const t of ['hi', 'Sam', 'pickup', '2 limes', 'checkout', 'pickup', 'yes']) await h.messaging.send('+12025550123', t);
    await redis.kill();
    const reply = await h.messaging.send('+12025550123', 'where is my order');
    expect(reply.messages[0]).toMatch(/ORD-1001 \(\$0\.98\): placed/);
    const api = await fetch(`${h.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer api-token-for-tests-0001' }, body: JSON.stringify({ from: '+12025550124', text: 'hi' }) });
    expect(api.status).toBe(200);
    const started = Date.now();
    const res = await fetch(`${h.url}/admin/orders/ORD-1001/status`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: '{"status":"ready"}' });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    await redis.restart();
    await until(() => h.twilioApi.messages.length === 1, 15_000);
    expect(h.twilioApi.messages[0]!.Body).toMatch(/ORD-1001 is ready for collection/);
  });

  it('closing a worker waits for the job in progress', async () => {
    const { h, queue, workers, worker } = await setup();
    for (const t of ['hi', 'Sam', 'pickup']) await h.messaging.send('+12025550123', t);
    h.twilioApi.delay(800);
    worker();
    await queue.enqueueNotification({ id: 'slow', phone: '+12025550123', replies: [{ key: 'notification', text: 'slow one' }] });
    await until(async () => (await queue.queue.getJobCounts('active')).active === 1);
    await workers[0]!.close();
    expect(h.twilioApi.messages.map((m) => m.Body)).toEqual(['slow one']);
  });
});
