import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { WEEKDAYS } from '../../src/domain/settings';
import type { settingsJson } from '../../src/settings/input';
import { setActor } from '../../src/http/actor';
import { settingsRoutes } from '../../src/http/admin-settings';
import { startServer, type TestServer } from './server';

let s: TestServer;
beforeEach(async () => { s = await startServer({ STORE_NAME: 'Rosa’s Pantry', DELIVERY_FEE: '2.5', STORE_TIME_ZONE: 'Europe/London' }); });
afterEach(async () => { await s.close(); });

/** What PUT /admin/settings answers: the settings (saved, or current on a 409), or what is wrong. */
interface Answer { settings: z.infer<typeof settingsJson>; error?: string; details?: string[] }

const put = (body: unknown, headers = s.admin) =>
  fetch(`${s.url}/admin/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    .then(async (r) => ({ status: r.status, body: await r.json() as Answer }));

const OPEN_8_TO_9 = Object.fromEntries(WEEKDAYS.map((d) => [d, d === 'sun' ? [] : [{ open: '08:00', close: '21:00' }]]));

describe('GET and PUT /admin/settings', () => {
  it('starts from the environment and data/faq.json, and saves a change over the version it read', async () => {
    const first = await s.get('/admin/settings', s.admin);
    expect(first.status).toBe(200);
    expect(first.body.settings).toMatchObject({
      version: 1, storeName: 'Rosa’s Pantry', contact: null, timeZone: 'Europe/London', closures: [], sameDayCutoff: null, deliveryFee: 2.5, minimumOrder: 0,
    });
    expect(first.body.settings.hours.mon).toEqual([{ open: '00:00', close: '24:00' }]);
    expect(first.body.settings.faq.map((e: { topic: string }) => e.topic)).toEqual(['hours', 'delivery', 'payment', 'location', 'returns', 'privacy']);

    const saved = await put({
      version: 1, hours: OPEN_8_TO_9, closures: [{ date: '2026-12-26', note: 'Boxing Day' }, { date: '2026-12-25' }], sameDayCutoff: '18:00',
      deliveryFee: 3.99, minimumOrder: 15, contact: '+12025550100',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toMatchObject({
      version: 2, storeName: 'Rosa’s Pantry', contact: '+12025550100', hours: OPEN_8_TO_9, sameDayCutoff: '18:00', deliveryFee: 3.99, minimumOrder: 15,
      closures: [{ date: '2026-12-25' }, { date: '2026-12-26', note: 'Boxing Day' }], updatedBy: 'admin',
    });
    // Kept: what the save did not name; inside, cents.
    expect(saved.body.settings.faq).toHaveLength(6);
    expect(s.core.settings.current()).toMatchObject({ deliveryFeeCents: 399, minimumOrderCents: 1500 });
    expect((await s.get('/admin/settings', s.admin)).body).toEqual(saved.body);
    // null clears an optional field.
    expect((await put({ version: 2, sameDayCutoff: null, contact: null })).body.settings).toMatchObject({ version: 3, sameDayCutoff: null, contact: null });
  });

  it('refuses a save from a stale version with 409 and the current settings, keeping the change made since', async () => {
    expect((await put({ version: 1, storeName: 'First Owner’s Name' })).status).toBe(200);
    const stale = await put({ version: 1, deliveryFee: 9 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('the settings were changed by admin since you opened them (version 1, now 2); reload them and make your change again');
    expect(stale.body.settings).toMatchObject({ version: 2, storeName: 'First Owner’s Name', deliveryFee: 2.5 });
    expect(s.core.settings.current().deliveryFeeCents).toBe(250);
  });

  it('answers 400 naming each mistake in words, and changes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ deliveryFee: 3 }, 'version: Say which version you changed'],
      [{ version: 1, deliveryFee: 'three' }, 'deliveryFee: The delivery fee must be a number, like 3.99'],
      [{ version: 1, deliveryFee: -1 }, 'deliveryFee: The delivery fee cannot be negative'],
      [{ version: 1, minimumOrder: 1.234 }, 'minimumOrder: The minimum order has at most two decimals, like 3.99'],
      [{ version: 1, hours: { ...OPEN_8_TO_9, mon: [{ open: '21:00', close: '08:00' }] } }, 'hours.mon.0.close: Closes before it opens: close must be later than open'],
      [{ version: 1, hours: { ...OPEN_8_TO_9, tue: [{ open: '8am', close: '21:00' }] } }, 'hours.tue.0.open: Open must be a time like 08:00 (24-hour, HH:MM)'],
      [{ version: 1, hours: { ...OPEN_8_TO_9, wed: [{ open: '08:00', close: '13:00' }, { open: '12:00', close: '18:00' }] } }, 'hours.wed: Opening windows overlap (08:00–13:00 and 12:00–18:00)'],
      [{ version: 1, hours: { mon: [] } }, 'hours.tue:'],
      [{ version: 1, closures: [{ date: '2026-02-30' }] }, 'closures.0.date: Date is not a real date'],
      [{ version: 1, closures: [{ date: '2026-12-25' }, { date: '2026-12-25' }] }, 'closures.1.date: 2026-12-25 is listed twice'],
      [{ version: 1, sameDayCutoff: '25:00' }, 'sameDayCutoff: The same-day cut-off must be a time like 08:00'],
      [{ version: 1, timeZone: 'Mars/Olympus' }, 'timeZone: The time zone is not a time zone this server knows'],
      [{ version: 1, storeName: '  ' }, 'storeName: The store name must not be empty'],
      [{ version: 1, faq: [{ topic: 'hours', answer: '' }] }, 'faq.0.answer: The answer must not be empty'],
      [{ version: 1, faq: [{ topic: 'Hours', answer: 'a' }, { topic: 'hours', answer: 'b' }] }, 'faq.1.topic: The topic “hours” is listed twice'],
    ];
    for (const [body, message] of cases) {
      const r = await put(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toBe('invalid settings');
      expect((r.body.details ?? []).join('\n'), JSON.stringify(body)).toContain(message);
    }
    expect(s.core.settings.current().version).toBe(1);
    // A mistyped opening time is named on its own, not blamed on the closing time as well.
    const typo = await put({ version: 1, hours: { ...OPEN_8_TO_9, mon: [{ open: '8:00', close: '12:00' }] } });
    expect(typo.body.details).toEqual(['hours.mon.0.open: Open must be a time like 08:00 (24-hour, HH:MM)']);
    // No other method: POST is not how settings change.
    expect((await s.post('/admin/settings', undefined, s.admin)).status).toBe(405);
  });

  it('answers 401 without the admin token', async () => {
    expect((await s.get('/admin/settings')).status).toBe(401);
    expect((await put({ version: 1, storeName: 'X' }, {})).status).toBe(401);
    expect((await put({ version: 1, storeName: 'X' }, { authorization: 'Bearer wrong-token-0000000000' })).status).toBe(401);
  });
});

describe('PUT /admin/settings for a member of staff', () => {
  // The staff sign-in is another part of issue 22: a tiny app sets the signed-in person as it will.
  it('lets staff read the settings and answers 403 to their save', async () => {
    const app = express();
    app.use(express.json());
    app.use((_req, res, next) => { setActor(res, { kind: 'staff', login: 'sam', name: 'Sam', role: 'staff' }); next(); });
    app.use(settingsRoutes(s.core));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/settings`;
    try {
      expect((await fetch(url)).status).toBe(200);
      const r = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 1, deliveryFee: 0 }) });
      expect(r.status).toBe(403);
      expect(await r.json()).toEqual({ error: 'only the store owner can do this; ask the owner to sign in' });
      expect(s.core.settings.current().deliveryFeeCents).toBe(250);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
