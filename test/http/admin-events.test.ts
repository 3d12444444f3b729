import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildCore } from '../../src/core';
import { ConsoleEvents } from '../../src/events/console-events';
import { relayConsoleEvents, type ConsoleRelay } from '../../src/events/redis-relay';
import { adminEventsRoutes, STREAM_CAPS } from '../../src/http/admin-events';
import { createApp } from '../../src/http/app';
import { MemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/store';
import { counterIds, ManualClock, silentLog } from '../helpers';
import { startRedis } from '../jobs/redis-server';

const ADMIN = 'admin-token-for-tests-0001';
const API = 'api-token-for-tests-0001';

/** One web process: its own core and app on a loopback port, over the store given (shared by two "processes"). */
async function startWeb(store: Store, redisUrl?: string) {
  const core = await buildCore(loadConfig({}), silentLog, { store, clock: new ManualClock(), ids: counterIds() });
  const redis = redisUrl ? new Redis(redisUrl) : undefined;
  const relay: ConsoleRelay | undefined = redis ? relayConsoleEvents(core.events, redis, silentLog) : undefined;
  await relay?.ready;
  const app = createApp(core, { adminToken: ADMIN, apiToken: API });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const say = (from: string, text: string) => fetch(`${url}/api/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${API}` }, body: JSON.stringify({ from, text }),
  });
  return {
    core, url, say,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await relay?.close();
      redis?.disconnect();
    },
  };
}

/** A console's stream, read as the dashboard reads it: fetch with the bearer header and a stream reader. */
async function openStream(url: string, token = ADMIN) {
  const controller = new AbortController();
  const res = await fetch(`${url}/admin/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    } catch { /* aborted */ }
  })();
  return {
    res,
    text: () => text,
    /** The events received so far, parsed from the SSE frames. */
    events: () => text.split('\n\n').filter((f) => f.startsWith('event: ')).map((f) => {
      const [head, data] = f.split('\n');
      return { type: head!.slice('event: '.length), data: JSON.parse(data!.slice('data: '.length)) };
    }),
    async close() { controller.abort(); await pump; },
  };
}

async function order(say: (from: string, text: string) => Promise<Response>, phone: string) {
  for (const t of ['hi', 'Ana', 'pickup', '2 limes', 'checkout', 'pickup', 'yes']) await say(phone, t);
}

describe('GET /admin/events', () => {
  let web: Awaited<ReturnType<typeof startWeb>>;
  afterEach(async () => { await web?.close(); });

  it('refuses a missing or wrong token; streams an order placed, the transcript and a handoff to the console', async () => {
    web = await startWeb(new MemoryStore());
    expect((await fetch(`${web.url}/admin/events`)).status).toBe(401);
    expect((await fetch(`${web.url}/admin/events`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);

    const stream = await openStream(web.url);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await order(web.say, '+12025550123');
    await expect.poll(() => stream.events().filter((e) => e.type === 'order')).toEqual([{ type: 'order', data: { orderId: 'ORD-1001' } }]);
    expect(stream.events()).toContainEqual({ type: 'transcript', data: { phone: '+12025550123' } });

    await web.say('+12025550124', 'talk to a human');
    await expect.poll(() => stream.events()).toContainEqual({ type: 'handoff', data: { phone: '+12025550124' } });

    // An order moved by the owner is an event too.
    await fetch(`${web.url}/admin/orders/ORD-1001/status`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ status: 'preparing' }),
    });
    await expect.poll(() => stream.events().filter((e) => e.type === 'order')).toHaveLength(2);
    await stream.close();
  });

  it('stops listening when the console disconnects', async () => {
    web = await startWeb(new MemoryStore());
    const listeners = () => (web.core.events as unknown as { listeners: Set<unknown> }).listeners.size;
    const before = listeners();
    const stream = await openStream(web.url);
    await expect.poll(listeners).toBe(before + 1);
    await stream.close();
    await expect.poll(listeners).toBe(before);
  });
});

describe('GET /admin/events caps its streams', () => {
  let web: Awaited<ReturnType<typeof startWeb>>;
  afterEach(async () => { await web?.close(); });

  it(`takes ${STREAM_CAPS.perToken} streams per token, then 429 naming that cap with Retry-After; a closed stream frees its slot`, async () => {
    web = await startWeb(new MemoryStore());
    const streams: Awaited<ReturnType<typeof openStream>>[] = [];
    for (let i = 0; i < STREAM_CAPS.perToken; i += 1) streams.push(await openStream(web.url));
    expect(streams.map((x) => x.res.status)).toEqual(Array(STREAM_CAPS.perToken).fill(200));
    const over = await fetch(`${web.url}/admin/events`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = await over.json() as { error: string; cap: string };
    expect(body.cap).toBe('per_token');
    expect(body.error).toBe(`Too many live event streams are open with this token (${STREAM_CAPS.perToken} at once): close a console tab. Please try again in 1 minute.`);
    // The open streams still hear what happens.
    await web.say('+12025550124', 'talk to a human');
    await expect.poll(() => streams.at(-1)!.events()).toContainEqual({ type: 'handoff', data: { phone: '+12025550124' } });

    await streams.pop()!.close();
    await expect.poll(async () => {
      const again = await openStream(web.url);
      if (again.res.status === 200) streams.push(again); else await again.close();
      return again.res.status;
    }).toBe(200);
    for (const x of streams) await x.close();
  });

  it('caps streams of all tokens together too', async () => {
    const app = express().use(adminEventsRoutes(new ConsoleEvents(), { caps: { perToken: 2, total: 3 } }));
    const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const a = [await openStream(url, 'token-a'), await openStream(url, 'token-a')];
      const b = await openStream(url, 'token-b');
      expect([...a, b].map((x) => x.res.status)).toEqual([200, 200, 200]);
      const ask = (token: string) => fetch(`${url}/admin/events`, { headers: { authorization: `Bearer ${token}` } });
      const overA = await ask('token-a');
      expect(overA.status).toBe(429);
      expect(await overA.json()).toMatchObject({ cap: 'per_token' });
      const overC = await ask('token-c');
      expect(overC.status).toBe(429);
      expect(overC.headers.get('retry-after')).toBe('60');
      expect(await overC.json()).toMatchObject({ cap: 'total', error: expect.stringMatching(/^Too many live event streams are open on this server \(3 at once, all tokens together\)\. Please try again in 1 minute\.$/) });
      await b.close();
      await expect.poll(async () => {
        const c = await openStream(url, 'token-c');
        const status = c.res.status;
        await c.close();
        return status;
      }).toBe(200);
      for (const x of a) await x.close();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

it('says it is alive with a `: ping` comment while nothing happens (a short period here; 15 s in the app)', async () => {
  const app = express().use(adminEventsRoutes(new ConsoleEvents(), { heartbeatMs: 20 }));
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  try {
    const stream = await openStream(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await expect.poll(() => stream.text()).toContain(': ping\n\n');
    await stream.close();
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('GET /admin/events across processes (real Redis)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => { redis = await startRedis(); });
  afterAll(async () => { await redis?.kill(); });

  it('an order placed through one web process reaches a console connected to another, once', async () => {
    const store = new MemoryStore();
    const a = await startWeb(store, redis.url);
    const b = await startWeb(store, redis.url);
    try {
      const onB = await openStream(b.url);
      const onA = await openStream(a.url);
      await order(a.say, '+12025550123');
      await expect.poll(() => onB.events().filter((e) => e.type === 'order')).toEqual([{ type: 'order', data: { orderId: 'ORD-1001' } }]);
      await expect.poll(() => onA.events().filter((e) => e.type === 'order')).toEqual([{ type: 'order', data: { orderId: 'ORD-1001' } }]);
      // And the other way: a handoff in B reaches A.
      await b.say('+12025550124', 'talk to a human');
      await expect.poll(() => onA.events()).toContainEqual({ type: 'handoff', data: { phone: '+12025550124' } });
      // Nothing heard twice: the process that emitted it ignores its own echo from Redis.
      await expect.poll(() => onB.events().filter((e) => e.type === 'handoff')).toHaveLength(1);
      expect(onA.events().filter((e) => e.type === 'order')).toHaveLength(1);
      await onA.close();
      await onB.close();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
