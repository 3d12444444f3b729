// Which address the web chat's per-address limits count: TRUST_PROXY decides whose X-Forwarded-For is believed
// (express's `trust proxy`). Everything here runs on loopback, so a proxy in front of the app is played by a
// small reverse proxy that appends the address it saw the client at, as nginx's $proxy_add_x_forwarded_for does.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import { makeCore } from '../helpers';
import { ADMIN, startServer, type TestServer } from './server';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

async function serve(env: Record<string, string> = {}): Promise<TestServer> {
  const s = await startServer(env, { chatLimits: { codesPerIpPerHour: 3 } });
  cleanups.push(() => s.close());
  return s;
}

/**
 * A same-host reverse proxy: forwards to `target` from `from` (a loopback address), appending to
 * X-Forwarded-For the address the client came from. On a real host that is the client's own address; here
 * every client is on loopback, so the test says which address the proxy saw (`x-test-seen-as`, not forwarded).
 */
async function startProxy(target: string, from = '127.0.0.1') {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const seen = String(req.headers['x-test-seen-as'] ?? req.socket.remoteAddress);
    const headers = { ...req.headers };
    delete headers['x-test-seen-as'];
    headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${String(headers['x-forwarded-for'])}, ${seen}` : seen;
    const out = request({ host: upstream.hostname, port: upstream.port, localAddress: from, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  /** Asks for a code through the proxy, as a client the proxy sees at `seenAs`, sending a header of its choosing. */
  return async (phone: string, seenAs: string, forged: string) => {
    const res = await fetch(`${url}/chat/verify`, {
      method: 'POST', body: JSON.stringify({ phone }),
      headers: { 'content-type': 'application/json', 'x-test-seen-as': seenAs, 'x-forwarded-for': forged },
    });
    return { status: res.status, body: await res.json() as { error?: string } };
  };
}

/** Numbers that never asked for a code, so only the per-address limit can refuse them. */
const fresh = (i: number) => `+1202555${String(3000 + i)}`;

describe('TRUST_PROXY: the address the web chat limits count', () => {
  it('by default, behind a same-host proxy that appends, a forged X-Forwarded-For does not get around the per-address limit', async () => {
    const s = await serve();
    const ask = await startProxy(s.url);
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await ask(fresh(i), '198.51.100.20', `203.0.113.${i}`));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 429, 429]);
    expect(answers[3]!.body.error).toMatch(/^Too many codes were asked from this network address \(3 an hour\)\. Please try again in 60 minutes\.$/);
    // Another client behind the same proxy has a budget of its own.
    expect((await ask(fresh(9), '198.51.100.21', '203.0.113.0')).status).toBe(202);
  });

  it('by default only a loopback peer is a proxy: a public address never chooses its own with X-Forwarded-For', async () => {
    // Every peer in these tests is on loopback, so this is read from the app: express's test of each hop.
    const trusted = createApp(await makeCore(), { adminToken: ADMIN }).get('trust proxy fn') as (addr: string, hop: number) => boolean;
    expect(trusted('127.0.0.1', 0)).toBe(true);
    expect(trusted('::1', 0)).toBe(true);
    expect(trusted('198.51.100.7', 0)).toBe(false);
    expect(trusted('10.0.0.5', 0)).toBe(false);
  });

  it('TRUST_PROXY=false (directly exposed): X-Forwarded-For is never believed, so each forged header still counts against the peer', async () => {
    const s = await serve({ TRUST_PROXY: 'false' });
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await s.browser(`203.0.113.${i}`).post('/chat/verify', { phone: fresh(i) })).status);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
  });

  it('TRUST_PROXY=<the proxy address>: that proxy names the client; any other peer is the client itself', async () => {
    const s = await serve({ TRUST_PROXY: '127.0.0.2' });
    const ask = await startProxy(s.url, '127.0.0.2');
    // Through the trusted proxy: two clients, a budget each, whatever header they forge.
    const a = [];
    for (let i = 0; i < 4; i += 1) a.push((await ask(fresh(i), '198.51.100.30', `203.0.113.${i}`)).status);
    expect(a).toEqual([202, 202, 202, 429]);
    expect((await ask(fresh(4), '198.51.100.31', '198.51.100.30')).status).toBe(202);
    // Straight to the app from 127.0.0.1 (not the proxy): its X-Forwarded-For is not believed.
    const direct = [];
    for (let i = 0; i < 4; i += 1) direct.push((await s.browser(`203.0.113.${50 + i}`).post('/chat/verify', { phone: fresh(10 + i) })).status);
    expect(direct).toEqual([202, 202, 202, 429]);
  });

  it('TRUST_PROXY=1 (one load balancer): the address it appended counts, not what the client wrote before it', async () => {
    const s = await serve({ TRUST_PROXY: '1' });
    const ask = await startProxy(s.url);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await ask(fresh(i), '198.51.100.40', `203.0.113.${i}, 10.0.0.${i}`)).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
  });
});
