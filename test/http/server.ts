import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { webChat } from '../../channels/web/index';
import { createApp, type AppOptions } from '../../src/http/app';
import { consoleCodes } from '../../src/http/verification';
import type { Store } from '../../src/store/store';
import { makeCore, type TestCore } from '../helpers';

export const ADMIN = 'admin-token-for-tests-0001';
export const API = 'api-token-for-tests-0001';

export interface Reply { status: number; body: any; headers: Headers }

export interface TestServer {
  core: TestCore;
  url: string;
  close(): Promise<void>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  admin: Record<string, string>;
  /** The message API's bearer header. */
  api: Record<string, string>;
  /** Lines the development code sender printed (when the test did not pass a sender of its own). */
  printed: string[];
  /** The last code printed for a phone. */
  codeFor(phone: string): string | undefined;
  /** A browser-like client of the web chat that keeps its cookie. */
  browser(ip?: string): ChatClient;
}

export interface ChatClient {
  cookie(): string | undefined;
  post(path: string, body: unknown): Promise<Reply>;
  /** Asks for a code and sends the printed one back: a verified session. */
  signIn(phone: string): Promise<void>;
}

/** The real app on a loopback port, driven with fetch (on a store of the test's, else a fresh memory store). */
export async function startServer(env: Record<string, string> = {}, opts: Partial<AppOptions> = {}, store?: Store): Promise<TestServer> {
  const core = await makeCore(env, store);
  const printed: string[] = [];
  const app = createApp(core, {
    adminToken: ADMIN, apiToken: API, channels: [webChat('Test Store').routes()],
    codeSender: consoleCodes((line) => printed.push(line)), ...opts,
  });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const res = await fetch(url + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  const codeFor = (phone: string) => {
    const line = printed.filter((l) => l.includes(`ending ${phone.slice(-4)}:`)).at(-1);
    return line && /: (\d{6}) /.exec(line)?.[1];
  };
  const s: TestServer = {
    core,
    url,
    admin: { authorization: `Bearer ${ADMIN}` },
    api: { authorization: `Bearer ${API}` },
    printed,
    codeFor,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    post: (path, body, headers) => call('POST', path, body, headers),
    get: (path, headers) => call('GET', path, undefined, headers),
    browser(ip) {
      let cookie: string | undefined;
      const client: ChatClient = {
        cookie: () => cookie,
        async post(path, body) {
          // X-Forwarded-For counts because the app trusts its loopback proxy: one test plays many addresses.
          const r = await call('POST', path, body, { ...(cookie ? { cookie } : {}), ...(ip ? { 'x-forwarded-for': ip } : {}) });
          const set = r.headers.get('set-cookie');
          if (set) cookie = /Expires=Thu, 01 Jan 1970/i.test(set) ? undefined : set.split(';')[0];
          return r;
        },
        async signIn(phone) {
          const sent = await client.post('/chat/verify', { phone });
          if (sent.status !== 202) throw new Error(`verify answered ${sent.status}: ${JSON.stringify(sent.body)}`);
          const checked = await client.post('/chat/verify/check', { phone, code: codeFor(phone) });
          if (checked.status !== 200) throw new Error(`check answered ${checked.status}: ${JSON.stringify(checked.body)}`);
        },
      };
      return client;
    },
  };
  return s;
}
