// Issue 23, slots in the admin API: set in PUT /admin/settings (every mistake named in words), and shown on
// the order (its JSON and its packing slip).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './server';

let s: TestServer;
beforeEach(async () => { s = await startServer({ STORE_TIME_ZONE: 'Europe/London' }); });
afterEach(async () => { await s.close(); });

const put = (body: unknown, headers = s.admin) =>
  fetch(`${s.url}/admin/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    .then(async (r) => ({ status: r.status, body: await r.json() as { settings: Record<string, unknown>; error?: string; details?: string[] } }));
const MON = { weekday: 'mon', from: '09:00', to: '12:00', capacity: 5 };

describe('slots in PUT /admin/settings', () => {
  it('starts with none, saves them in weekday order with the lead time, and [] asks no slot again', async () => {
    expect((await s.get('/admin/settings', s.admin)).body.settings).toMatchObject({ slots: [], slotLeadMinutes: 0 });
    const saved = await put({ version: 1, slots: [{ weekday: 'tue', from: '14:00', to: '17:00', capacity: 3 }, MON, { ...MON, from: '12:00', to: '14:00' }], slotLeadMinutes: 90 });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toMatchObject({
      version: 2, slotLeadMinutes: 90,
      slots: [MON, { ...MON, from: '12:00', to: '14:00' }, { weekday: 'tue', from: '14:00', to: '17:00', capacity: 3 }],
    });
    expect((await put({ version: 2, slots: [] })).body.settings).toMatchObject({ slots: [], slotLeadMinutes: 90 });
  });

  it('answers 400 naming each mistake in words, and changes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ version: 1, slots: [MON, { ...MON, from: '11:00', to: '13:00' }] }, 'slots.1.from: Overlaps another mon slot (09:00–12:00 and 11:00–13:00)'],
      [{ version: 1, slots: [{ ...MON, to: '08:00' }] }, 'slots.0.to: Ends before it starts: to must be later than from'],
      [{ version: 1, slots: [{ ...MON, capacity: 0 }] }, 'slots.0.capacity: The capacity must be at least 1 order'],
      [{ version: 1, slots: [{ ...MON, capacity: 1.5 }] }, 'slots.0.capacity: The capacity must be a whole number of orders'],
      [{ version: 1, slots: [{ ...MON, weekday: 'monday' }] }, 'slots.0.weekday:'],
      [{ version: 1, slots: [{ ...MON, from: '9am' }] }, 'slots.0.from:'],
      [{ version: 1, slots: [{ weekday: 'mon' }] }, 'slots.0.from:'],
      [{ version: 1, slots: 'mornings' }, 'slots: '],
      [{ version: 1, slotLeadMinutes: -5 }, 'slotLeadMinutes: The lead time cannot be negative'],
      [{ version: 1, slotLeadMinutes: 'an hour' }, 'slotLeadMinutes: The lead time must be a number of minutes'],
    ];
    for (const [body, message] of cases) {
      const r = await put(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect((r.body.details ?? []).join('\n'), JSON.stringify(body)).toContain(message);
    }
    expect(s.core.settings.current().version).toBe(1);
  });

  it('answers 401 without the admin token, and 409 over a newer version', async () => {
    expect((await put({ version: 1, slots: [MON] }, {})).status).toBe(401);
    expect((await put({ version: 1, slotLeadMinutes: 30 })).status).toBe(200);
    expect((await put({ version: 1, slots: [MON] })).status).toBe(409);
    expect(s.core.settings.current().slots ?? []).toEqual([]);
  });
});

describe('the slot on the order', () => {
  it('is in the order JSON and on the packing slip', async () => {
    expect((await put({ version: 1, slots: [{ weekday: 'tue', from: '09:00', to: '12:00', capacity: 5 }] })).status).toBe(200);
    await s.core.store.insertOrder({
      id: 'ORD-1001', phone: '+12025550123', status: 'placed', lines: [], deliveryFeeCents: 0, totalCents: 0, fulfilment: 'delivery', address: '1 Elm St',
      slot: { date: '2026-12-08', from: '09:00', to: '12:00' }, channel: 'sms', holdIds: [], createdAt: 1, updatedAt: 1,
    });
    const order = await s.get('/admin/orders/ORD-1001', s.admin);
    expect(order.body.order.slot).toEqual({ date: '2026-12-08', from: '09:00', to: '12:00' });
    const slip = await fetch(`${s.url}/admin/orders/ORD-1001/slip`, { headers: s.admin }).then((r) => r.text());
    expect(slip).toContain('<dt>Deliver</dt><dd class="slot">Tuesday 8 Dec, 9:00–12:00</dd>');
    expect((await s.get('/admin/orders/ORD-1002', s.admin)).status).toBe(404);
  });
});
