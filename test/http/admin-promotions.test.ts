import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './server';

let s: TestServer;
beforeEach(async () => { s = await startServer(); });
afterEach(async () => { await s.close(); });

const put = (body: unknown, headers = s.admin) =>
  fetch(`${s.url}/admin/promotions`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    .then(async (r) => ({ status: r.status, body: await r.json() as any }));

// The test clock stands at 2026-11-02T10:00:00Z.
const LIMES_3_FOR_2 = { id: 'limes-3for2', kind: 'multibuy', sku: 'FRU-LIM', buy: 3, pay: 2 };
const DAIRY_15 = { id: 'dairy-15', kind: 'percent', category: 'dairy & eggs', percent: 15, startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-11-08T00:00:00+01:00' };
const LATER = { id: 'xmas', kind: 'percent', sku: 'FRU-CHE', percent: 20, startsAt: '2026-12-20T00:00:00Z' };

async function order(phone: string, items: string) {
  for (const text of ['hi', 'Ana', '12 Main Street, Springfield', items, 'checkout', 'pickup', 'yes']) {
    await s.post('/api/messages', { from: phone, text }, s.api);
  }
}

describe('PUT and GET /admin/promotions', () => {
  it('replaces the whole set and lists it, times in ISO-8601, each marked active when it runs now', async () => {
    expect((await s.get('/admin/promotions', s.admin)).body).toEqual({ promotions: [] });
    const saved = await put([LIMES_3_FOR_2, DAIRY_15, LATER]);
    const expected = {
      promotions: [
        { ...LIMES_3_FOR_2, active: true, state: 'current' },
        { ...DAIRY_15, category: 'Dairy & Eggs', startsAt: '2026-11-01T00:00:00.000Z', endsAt: '2026-11-07T23:00:00.000Z', active: true, state: 'current' },
        { ...LATER, startsAt: '2026-12-20T00:00:00.000Z', active: false, state: 'scheduled' },
      ],
    };
    expect(saved).toEqual({ status: 200, body: expected });
    expect((await s.get('/admin/promotions', s.admin)).body).toEqual(expected);
    // A second PUT replaces, never merges; an empty array ends them all.
    expect((await put([LATER])).body.promotions.map((p: { id: string }) => p.id)).toEqual(['xmas']);
    expect((await put([])).body).toEqual({ promotions: [] });
    expect((await s.get('/admin/promotions', s.admin)).body).toEqual({ promotions: [] });
  });

  it('answers 400 naming the index and field of each mistake, and keeps the set it had', async () => {
    await put([LIMES_3_FOR_2]);
    const cases: [unknown, string][] = [
      [{ not: 'an array' }, 'The body must be a list'],
      [[{ ...LIMES_3_FOR_2, sku: undefined }], '0.sku: Give exactly one of sku or category'],
      [[{ ...LIMES_3_FOR_2, category: 'Fruit' }], '0.category: Give exactly one of sku or category'],
      [[DAIRY_15, { id: 'p', kind: 'percent', sku: 'FRU-LIM' }], '1.percent: A percent promotion needs percent'],
      [[{ id: 'p', kind: 'percent', sku: 'FRU-LIM', percent: 0 }], '0.percent:'],
      [[{ id: 'p', kind: 'percent', sku: 'FRU-LIM', percent: 100 }], '0.percent:'],
      [[{ id: 'p', kind: 'percent', sku: 'FRU-LIM', percent: 12.5 }], '0.percent:'],
      [[{ id: 'p', kind: 'percent', sku: 'FRU-LIM', percent: 10, buy: 3 }], '0.buy: Buy belongs to multibuy promotions'],
      [[{ ...LIMES_3_FOR_2, buy: 1, pay: 1 }], '0.buy:'],
      [[{ ...LIMES_3_FOR_2, buy: 3, pay: 3 }], '0.pay: Pay must be less than buy (3)'],
      [[{ ...LIMES_3_FOR_2, pay: 0 }], '0.pay:'],
      [[{ ...LIMES_3_FOR_2, pay: undefined }], '0.pay: A multibuy promotion needs pay'],
      [[{ ...LIMES_3_FOR_2, buy: 2.5 }], '0.buy:'],
      [[{ ...LIMES_3_FOR_2, kind: 'bogof' }], '0.kind:'],
      [[{ ...LIMES_3_FOR_2, startsAt: 'tomorrow' }], '0.startsAt:'],
      [[{ ...LIMES_3_FOR_2, endsAt: '2026-11-05' }], '0.endsAt:'],
      [[{ ...LIMES_3_FOR_2, startsAt: '2026-11-05T00:00:00Z', endsAt: '2026-11-05T00:00:00Z' }], '0.endsAt: The end (endsAt) must be after the start'],
      [[LIMES_3_FOR_2, { ...LIMES_3_FOR_2, sku: 'FRU-LEM' }], '1.id: limes-3for2 appears twice'],
      [[{ ...LIMES_3_FOR_2, sku: 'FRU-NOPE' }], '0.sku: no product has sku FRU-NOPE'],
      [[{ ...DAIRY_15, category: 'Toys' }], '0.category: no product is in a category named Toys'],
      [[{ ...LIMES_3_FOR_2, sku: 'FRU-APL-GAL' }], '0.kind: FRU-APL-GAL is sold by weight'],
      [[{ ...LIMES_3_FOR_2, id: '' }], '0.id:'],
      [[{ ...LIMES_3_FOR_2, colour: 'red' }], '0:'],
    ];
    for (const [body, detail] of cases) {
      const r = await put(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toBe('invalid promotions');
      expect(r.body.details.some((d: string) => d.startsWith(detail)), `${JSON.stringify(r.body.details)} names ${detail}`).toBe(true);
    }
    const malformed = await fetch(`${s.url}/admin/promotions`, { method: 'PUT', headers: { 'content-type': 'application/json', ...s.admin }, body: '[{"id":' });
    expect(malformed.status).toBe(400);
    expect((await s.get('/admin/promotions', s.admin)).body).toEqual({ promotions: [{ ...LIMES_3_FOR_2, active: true, state: 'current' }] });
  });

  it('answers 401 without the admin token', async () => {
    expect((await put([LIMES_3_FOR_2], { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await s.get('/admin/promotions')).status).toBe(401);
  });

  it('shows each line\'s discount in the admin order, and keeps it when the promotions change later', async () => {
    await put([LIMES_3_FOR_2, DAIRY_15]);
    await order('+12025550123', '3 limes and 2 eggs and a whole milk');
    const [placed] = (await s.get('/admin/orders', s.admin)).body.orders;
    // Limes 3 × 0.49 = 1.47, one free → 0.98. Eggs 2 × 0.45 = 0.90, 15 % → 0.14 off. Milk 1.39 → 0.21 off.
    expect(placed.lines).toEqual([
      { sku: 'FRU-LIM', name: 'Limes', unit: 'each', qty: 3, unitPrice: 0.49, discount: 0.49, lineTotal: 0.98, promotionId: 'limes-3for2' },
      { sku: 'DAI-EGG', name: 'Free-Range Eggs', unit: 'each', qty: 2, unitPrice: 0.45, discount: 0.14, lineTotal: 0.76, promotionId: 'dairy-15' },
      { sku: 'DAI-MLK-WHL', name: 'Whole Milk (1 L)', unit: 'each', qty: 1, unitPrice: 1.39, discount: 0.21, lineTotal: 1.18, promotionId: 'dairy-15' },
    ]);
    expect(placed.total).toBe(2.92);
    await put([]);
    expect((await s.get('/admin/orders', s.admin)).body.orders[0]).toEqual(placed);
  });
});

describe('POST, PATCH and POST …/end /admin/promotions', () => {
  const send = (method: string, path: string, body?: unknown, headers = s.admin) =>
    fetch(`${s.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
      .then(async (r) => ({ status: r.status, body: await r.json() as any }));

  it('adds one (201), changes it, ends it now; the list says current, scheduled or ended', async () => {
    await put([LATER]);
    const added = await send('POST', '/admin/promotions', LIMES_3_FOR_2);
    expect(added).toEqual({ status: 201, body: { ...LIMES_3_FOR_2, active: true, state: 'current' } });
    const changed = await send('PATCH', '/admin/promotions/limes-3for2', { kind: 'percent', percent: 25, buy: null, pay: null, sku: null, category: 'fruit' });
    expect(changed).toEqual({ status: 200, body: { id: 'limes-3for2', kind: 'percent', percent: 25, category: 'Fruit', active: true, state: 'current' } });
    const ended = await send('POST', '/admin/promotions/limes-3for2/end');
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ state: 'ended', active: false, endsAt: '2026-11-02T10:00:00.000Z' });
    expect((await send('POST', '/admin/promotions/limes-3for2/end')).status).toBe(409);
    // One not started yet is removed when ended.
    expect((await send('POST', '/admin/promotions/xmas/end')).body).toMatchObject({ id: 'xmas', removed: true });
    const list = (await s.get('/admin/promotions', s.admin)).body.promotions;
    expect(list.map((p: { id: string; state: string }) => `${p.id} ${p.state}`)).toEqual(['limes-3for2 ended']);
    // Prices follow at once: limes at full price again.
    await order('+12025550177', '3 limes');
    expect((await s.get('/admin/orders?phone=%2B12025550177', s.admin)).body.orders[0].total).toBe(1.47);
  });

  it('answers 400 in words, 404 for an unknown id, 409 for an id that exists, 401 without the token', async () => {
    await put([LIMES_3_FOR_2]);
    const bad = await send('POST', '/admin/promotions', { id: 'p', kind: 'percent', sku: 'FRU-LIM', percent: 'ten' });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(['percent: Percent must be a number, like 20']);
    expect((await send('POST', '/admin/promotions', { id: 'p', kind: 'percent', sku: 'FRU-NOPE', percent: 10 })).body.details).toEqual(['sku: no product has sku FRU-NOPE']);
    expect((await send('POST', '/admin/promotions', LIMES_3_FOR_2)).status).toBe(409);
    expect((await send('PATCH', '/admin/promotions/limes-3for2', { pay: 5 })).body.details).toEqual(['pay: Pay must be less than buy (3)']);
    expect((await send('PATCH', '/admin/promotions/limes-3for2', { id: 'other' })).status).toBe(400);
    expect((await send('PATCH', '/admin/promotions/limes-3for2', {})).status).toBe(400);
    expect((await send('PATCH', '/admin/promotions/nope', { percent: 5 })).status).toBe(404);
    expect((await send('POST', '/admin/promotions/nope/end')).status).toBe(404);
    for (const [method, path] of [['POST', '/admin/promotions'], ['PATCH', '/admin/promotions/limes-3for2'], ['POST', '/admin/promotions/limes-3for2/end']] as const) {
      expect((await send(method, path, { percent: 5 }, {})).status).toBe(401);
    }
    expect((await s.get('/admin/promotions', s.admin)).body.promotions).toEqual([{ ...LIMES_3_FOR_2, active: true, state: 'current' }]);
  });
});
