import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setActor } from '../../src/http/actor';
import { settingsRoutes } from '../../src/http/admin-settings';
import { startServer, type TestServer } from './server';

// The `usual` setting of GET/PUT /admin/settings: what "the usual" proposes to a regular customer.

let s: TestServer;
beforeEach(async () => { s = await startServer(); });
afterEach(async () => { await s.close(); });

const put = (body: unknown, headers = s.admin) =>
  fetch(`${s.url}/admin/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    .then(async (r) => ({ status: r.status, body: await r.json() as { settings?: { usual: string; version: number }; error?: string; details?: string[] } }));

describe('the usual in /admin/settings', () => {
  it('is "last" until the owner changes it, then "frequent" is saved, read back and used', async () => {
    expect((await s.get('/admin/settings', s.admin)).body.settings).toMatchObject({ version: 1, usual: 'last' });
    const saved = await put({ version: 1, usual: 'frequent' });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toMatchObject({ version: 2, usual: 'frequent' });
    expect(s.core.settings.current().usual).toBe('frequent');
    expect((await s.get('/admin/settings', s.admin)).body.settings).toMatchObject({ version: 2, usual: 'frequent' });
    // A save that does not name it keeps it.
    expect((await put({ version: 2, deliveryFee: 1 })).body.settings).toMatchObject({ version: 3, usual: 'frequent' });
  });

  it('answers 400 in words to anything but "last" or "frequent", and changes nothing', async () => {
    for (const usual of ['sometimes', '', null, 3, ['last']]) {
      const r = await put({ version: 1, usual });
      expect(r.status, JSON.stringify(usual)).toBe(400);
      expect(r.body.details).toEqual(['usual: What "the usual" proposes must be "last" (the customer\'s last order) or "frequent" (what they buy most often)']);
    }
    expect(s.core.settings.current()).toMatchObject({ version: 1, usual: 'last' });
  });

  it('answers 409 to a save from a stale version, 401 without the token', async () => {
    expect((await put({ version: 1, storeName: 'Another name' })).status).toBe(200);
    const stale = await put({ version: 1, usual: 'frequent' });
    expect(stale.status).toBe(409);
    expect(stale.body.settings).toMatchObject({ version: 2, usual: 'last' });
    expect((await put({ version: 2, usual: 'frequent' }, {})).status).toBe(401);
    expect(s.core.settings.current().usual).toBe('last');
  });

  it('answers 403 to a member of staff who is not the owner', async () => {
    const app = express();
    app.use(express.json());
    app.use((_req, res, next) => { setActor(res, { kind: 'staff', login: 'sam', name: 'Sam', role: 'staff' }); next(); });
    app.use(settingsRoutes(s.core));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/settings`;
      const r = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 1, usual: 'frequent' }) });
      expect(r.status).toBe(403);
      expect(s.core.settings.current().usual).toBe('last');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
