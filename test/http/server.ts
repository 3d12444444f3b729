import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { webChat } from '../../channels/web/index';
import { createApp } from '../../src/http/app';
import { makeCore, type TestCore } from '../helpers';

export const ADMIN = 'admin-token-for-tests-0001';

export interface TestServer {
  core: TestCore;
  url: string;
  close(): Promise<void>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  admin: Record<string, string>;
}

/** The real app on a loopback port, driven with fetch. */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const core = await makeCore(env);
  const app = createApp(core, { adminToken: ADMIN, channels: [webChat('Test Store', env.API_TOKEN).routes()] });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
    return { status: res.status, body: parsed as any };
  };
  return {
    core,
    url,
    admin: { authorization: `Bearer ${ADMIN}` },
    close: () => new Promise((resolve) => server.close(() => resolve())),
    post: (path, body, headers) => call('POST', path, body, headers),
    get: (path, headers) => call('GET', path, undefined, headers),
  };
}
