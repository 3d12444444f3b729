import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../src/http/app';
import { createMetrics } from '../../src/http/metrics';
import { BullQueue } from '../../src/jobs/bullmq';
import { makeCore, registered, silentLog } from '../helpers';
import { hasRedis, startRedis } from '../jobs/redis-server';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined); });

async function serve(readiness: Record<string, () => Promise<void>> = {}, queueCounts?: () => Promise<Record<string, number>>) {
  const metrics = createMetrics(queueCounts);
  const core = await makeCore();
  const app = createApp(core, { adminToken: 'admin-token-for-tests-0001', metrics, readiness });
  const server: Server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
  cleanups.push(() => new Promise((r) => server.close(r)));
  return { core, metrics, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('metrics and health', () => {
  it('exposes Prometheus metrics fed by the core', async () => {
    const metrics = createMetrics();
    const core = await makeCore();
    const { buildCore } = await import('../../src/core');
    const { loadConfig } = await import('../../src/config');
    const observed = await buildCore(loadConfig({}), silentLog, { store: core.store, clock: core.clock, observer: metrics.observer });
    const app = createApp(observed, { adminToken: 'admin-token-for-tests-0001', metrics });
    const server: Server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
    cleanups.push(() => new Promise((r) => server.close(r)));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const c = await registered(observed, '+12025550123');
    for (const t of ['2 limes', '25 watermelons', 'checkout', 'pickup', 'yes']) await c.say(t);
    const res = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer admin-token-for-tests-0001' } });
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/grocer_messages_in_total\{channel="web"\} 8/);
    expect(text).toMatch(/grocer_message_handling_seconds_count\{channel="web"\} 8/);
    expect(text).toMatch(/grocer_reservations_total\{outcome="reserved"\} 1/);
    expect(text).toMatch(/grocer_reservations_total\{outcome="short"\} 1/);
    expect(text).toMatch(/grocer_orders_total\{event="placed"\} 1/);
    expect(text).toContain('grocer_process_');
  });

  it('the stats report the errors the metrics counted', async () => {
    const { metrics, url } = await serve();
    const errors = async () => (await (await fetch(`${url}/admin/stats`, { headers: { authorization: 'Bearer admin-token-for-tests-0001' } })).json()).errors;
    expect(await errors()).toBe(0);
    metrics.observer.error('engine');
    metrics.observer.job('sweep-holds', 0.01, false);
    metrics.observer.job('sweep-holds', 0.01, true);
    expect(await errors()).toBe(2);
  });

  it('/healthz is alive; /readyz checks the store and every dependency it is given', async () => {
    let redisUp = true;
    const { url } = await serve({ redis: async () => { if (!redisUp) throw new Error('connection refused'); } });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ok = await fetch(`${url}/readyz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ready: true, checks: { store: 'ok', redis: 'ok' } });
    redisUp = false;
    const down = await fetch(`${url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ready: false, checks: { store: 'ok', redis: 'connection refused' } });
  });

  it.skipIf(!hasRedis)('/readyz and the queue-depth gauge on a real Redis, down and back', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const queue = new BullQueue(redis.url, silentLog);
    cleanups.push(() => queue.close());
    await queue.enqueueNotification({ phone: '+12025550123', replies: [{ key: 'notification', text: 'x' }] });
    const { url } = await serve({ redis: () => queue.ping() }, () => queue.counts());
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer admin-token-for-tests-0001' } })).text()).toMatch(/grocer_queue_jobs\{state="wait"\} 1/);
    await redis.kill();
    const down = await fetch(`${url}/readyz`);
    expect(down.status).toBe(503);
    await redis.restart();
    for (let i = 0; i < 40 && (await fetch(`${url}/readyz`)).status !== 200; i += 1) await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });
});
