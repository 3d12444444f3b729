import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import { createMetrics } from '../../src/http/metrics';
import { makeCore } from '../helpers';
import { hasRedis, startRedis } from '../jobs/redis-server';
import { ADMIN, startServer, type TestServer } from './server';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined); });

async function server(env: Record<string, string> = {}, opts: Parameters<typeof startServer>[1] = {}): Promise<TestServer> {
  const s = await startServer(env, opts);
  cleanups.push(() => s.close());
  return s;
}

describe('security headers', () => {
  it('the chat page, the dashboard, their assets and the APIs carry a CSP with no inline script, no framing, nosniff and no referrer', async () => {
    const s = await server();
    for (const path of ['/', '/admin', '/assets/chat.js', '/assets/dashboard.js', '/chat/session', '/healthz', '/nope']) {
      const res = await fetch(s.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("style-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toContain('unsafe-eval');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-powered-by'), path).toBeNull();
    }
    // The pages hold no inline script or style for the policy to block.
    for (const path of ['/', '/admin']) {
      const html = await (await fetch(s.url + path)).text();
      expect(html, path).not.toMatch(/<script>|<style>|\son\w+=|style="/);
      expect(html, path).toMatch(/<script src="\/assets\/\w+\.js" defer><\/script>/);
    }
    const js = await fetch(`${s.url}/assets/chat.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });
});

describe('/metrics', () => {
  async function withMetrics(env: Record<string, string> = {}) {
    const core = await makeCore(env);
    const app = createApp(core, { adminToken: ADMIN, metrics: createMetrics() });
    const srv: Server = await new Promise((r) => { const x = app.listen(0, '127.0.0.1', () => r(x)); });
    cleanups.push(() => new Promise((r) => srv.close(r)));
    return `http://127.0.0.1:${(srv.address() as AddressInfo).port}/metrics`;
  }

  it('needs the admin token as a Bearer token when METRICS_TOKEN is unset', async () => {
    const url = await withMetrics();
    const open = await fetch(url);
    expect(open.status).toBe(401);
    expect(await open.text()).not.toContain('grocer_');
    expect((await fetch(url, { headers: { authorization: 'Bearer not-the-token-000' } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('grocer_messages_in_total');
  });

  it('needs METRICS_TOKEN when it is set, so a scraper never holds the admin token', async () => {
    const url = await withMetrics({ METRICS_TOKEN: 'metrics-token-for-tests-01' });
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer metrics-token-for-tests-01' } })).status).toBe(200);
  });
});

describe.skipIf(!hasRedis)('web chat limits on a real Redis', () => {
  it('two web processes sharing Redis share one per-IP budget; with Redis gone the limits fall back to memory', async () => {
    const { Redis } = await import('ioredis');
    const redis = await startRedis();
    let killed = false;
    cleanups.push(async () => { if (!killed) await redis.stop(); });
    const client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    cleanups.push(async () => client.disconnect());
    await new Promise((r) => client.once('ready', r));
    const limits = { chatLimits: { perIpPerMinute: 4 }, redis: client };
    const one = await server({}, limits);
    const two = await server({}, limits);
    const statuses: number[] = [];
    for (const s of [one, two, one, two, one, two]) statuses.push((await s.browser('203.0.113.9').post('/chat/messages', { text: 'hi' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);

    await redis.kill();
    killed = true;
    const fallback: number[] = [];
    for (let i = 0; i < 6; i += 1) fallback.push((await one.browser('203.0.113.10').post('/chat/messages', { text: 'hi' })).status);
    expect(fallback).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
