import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectInvariants } from '../helpers';
import { startServer, type TestServer } from './server';

let s: TestServer;
beforeEach(async () => { s = await startServer(); });
afterEach(async () => { await s.close(); });

async function order(phone: string, lines: string) {
  for (const text of ['hi', 'Ana', '12 Main Street, Springfield', lines, 'checkout', 'pickup', 'yes']) {
    await s.post('/api/messages', { from: phone, text }, s.api);
  }
}

describe('admin API', () => {
  it('answers 401 without the right token, on every admin route', async () => {
    const routes: [string, string][] = [['GET', '/admin/products/FRU-LIM'], ['GET', '/admin/orders'], ['PUT', '/admin/products'],
      ['POST', '/admin/orders/ORD-1001/status'], ['POST', '/admin/handoff/+12025550123/release'], ['GET', '/admin/handoffs']];
    for (const [method, path] of routes) {
      for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic abc' }] as Record<string, string>[]) {
        const r = await fetch(s.url + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: method === 'GET' ? undefined : '[]' });
        expect(r.status, `${method} ${path}`).toBe(401);
      }
    }
  });

  it('takes a POST with no body at all (no Content-Length, as curl -X POST sends) without asking for a content type', async () => {
    const { port } = new URL(s.url);
    const status = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.end(`POST /admin/handoff/+12025550123/release HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${s.admin.authorization}\r\nConnection: close\r\n\r\n`);
      });
      let data = '';
      socket.on('data', (d) => { data += d; }).on('end', () => resolve(data.split('\r\n')[0]!)).on('error', reject);
    });
    expect(status).toMatch(/^HTTP\/1\.1 (200|404|409)/);
    // A body in another format is still refused with 415.
    const form = await fetch(`${s.url}/admin/handoff/+12025550123/release`, { method: 'POST', headers: { ...s.admin, 'content-type': 'text/plain' }, body: 'x' });
    expect(form.status).toBe(415);
  });

  it('upserts products, and reports their stock counters', async () => {
    const put = await fetch(`${s.url}/admin/products`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...s.admin },
      body: JSON.stringify([
        { sku: 'FRU-DRG', name: 'Dragon Fruit', price: 2.49, unit: 'each', stock: 12, category: 'Fruit', aliases: ['pitaya'] },
        { sku: 'FRU-LIM', name: 'Limes', price: 0.55, unit: 'each', stock: 150, category: 'Fruit' },
      ]),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ upserted: 2 });
    expect((await s.get('/admin/products/FRU-DRG', s.admin)).body).toEqual({
      sku: 'FRU-DRG', name: 'Dragon Fruit', category: 'Fruit', price: 2.49, unit: 'each', aliases: ['pitaya'], active: true, tags: [],
      received: 12, available: 12, reserved: 0, sold: 0,
    });
    // The new product and its alias are understood at once.
    for (const text of ['hi', 'Ana', 'pickup']) await s.post('/api/messages', { from: '+12025550123', text }, s.api);
    const r = await s.post('/api/messages', { from: '+12025550123', text: '2 pitayas' }, s.api);
    expect(r.body.replies[0].text).toBe('Added 2 × Dragon Fruit — $4.98.');
    expect((await s.get('/admin/products/FRU-DRG', s.admin)).body).toMatchObject({ received: 12, available: 10, reserved: 2, sold: 0 });
    expect((await s.get('/admin/products/FRU-LIM', s.admin)).body).toMatchObject({ price: 0.55, received: 150, available: 150 });
    expect((await s.get('/admin/products/FRU-APL-GAL', s.admin)).body).toMatchObject({ unit: 'kg', received: 40, available: 40 });
    expect((await s.get('/admin/products/NOPE', s.admin)).status).toBe(404);
  });

  it('answers 400 with the path of every bad field, and writes nothing', async () => {
    const bad = [
      { sku: 'OK-1', name: 'Fine', price: 1, unit: 'each', stock: 1, category: 'X' },
      { sku: '', name: 'No sku', price: 1, unit: 'each', stock: 1, category: 'X' },
      { sku: 'P-2', name: 'Bad price', price: -1, unit: 'each', stock: 1, category: 'X' },
      { sku: 'P-3', name: 'Bad unit', price: 1, unit: 'k g', stock: 1.5, category: 'X' },
      { sku: 'P-4', name: 'Half piece', price: 1.999, unit: 'each', stock: 1.5, category: 'X' },
      { sku: 'P-5', price: 1, unit: 'each', stock: 1, category: 'X', colour: 'red' },
    ];
    const r = await fetch(`${s.url}/admin/products`, { method: 'PUT', headers: { 'content-type': 'application/json', ...s.admin }, body: JSON.stringify(bad) });
    expect(r.status).toBe(400);
    const body = await r.json() as { error: string; details: string[] };
    expect(body.error).toBe('invalid products');
    for (const path of ['1.sku', '2.price', '3.unit', '4.price', '4.stock', '5.name']) {
      expect(body.details.some((d) => d.startsWith(`${path}:`)), `${path} in ${body.details.join(' | ')}`).toBe(true);
    }
    expect(body.details).toContain('5: This field is not known here: colour');
    expect(body.details.some((d) => d.startsWith('0.'))).toBe(false);
    expect((await s.get('/admin/products/OK-1', s.admin)).status).toBe(404);
    for (const body2 of ['{}', '[]', '{"sku":']) {
      const r2 = await fetch(`${s.url}/admin/products`, { method: 'PUT', headers: { 'content-type': 'application/json', ...s.admin }, body: body2 });
      expect(r2.status, body2).toBe(400);
    }
  });

  it('lists orders by phone and status, moves them forward, and restocks a cancel once', async () => {
    await order('+12025550123', '3 limes and 500g carrots');
    await order('+12025550124', 'a coke');
    const all = (await s.get('/admin/orders', s.admin)).body.orders;
    expect(all.map((o: { id: string }) => o.id)).toEqual(['ORD-1002', 'ORD-1001']);
    const mine = (await s.get('/admin/orders?phone=%2B12025550123', s.admin)).body.orders;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      id: 'ORD-1001', phone: '+12025550123', status: 'placed', total: 2.17,
      lines: [{ sku: 'FRU-LIM', name: 'Limes', qty: 3, unitPrice: 0.49 }, { sku: 'VEG-CAR', name: 'Carrots', qty: 0.5, unitPrice: 1.39 }],
    });
    expect(mine[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await s.get('/admin/orders?phone=abc', s.admin)).status).toBe(400);
    expect((await s.get('/admin/orders?status=lost', s.admin)).status).toBe(400);

    expect((await s.post('/admin/orders/ORD-1001/status', { status: 'preparing' }, s.admin)).body.order.status).toBe('preparing');
    const back = await s.post('/admin/orders/ORD-1001/status', { status: 'placed' }, s.admin);
    expect(back.status).toBe(400);
    const [a, b] = await Promise.all([
      s.post('/admin/orders/ORD-1001/status', { status: 'cancelled' }, s.admin),
      s.post('/admin/orders/ORD-1001/status', { status: 'cancelled' }, s.admin),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await s.get('/admin/products/FRU-LIM', s.admin)).body).toMatchObject({ available: 100, sold: 0 });
    expect((await s.get('/admin/orders?status=cancelled', s.admin)).body.orders.map((o: { id: string }) => o.id)).toEqual(['ORD-1001']);

    await s.post('/admin/orders/ORD-1002/status', { status: 'delivered' }, s.admin);
    const late = await s.post('/admin/orders/ORD-1002/status', { status: 'preparing' }, s.admin);
    expect(late.status).toBe(409);
    // ORD-1002 is a pickup order: delivered means collected.
    expect(late.body.error).toBe('Collected orders cannot change (ORD-1002 is collected).');
    const cancelLate = await s.post('/admin/orders/ORD-1002/status', { status: 'cancelled' }, s.admin);
    expect(cancelLate.status).toBe(409);
    expect(cancelLate.body.error).toBe('Collected orders cannot change (ORD-1002 is collected).');
    expect((await s.post('/admin/orders/ORD-4242/status', { status: 'preparing' }, s.admin)).status).toBe(404);
    expect((await s.post('/admin/orders/ORD-1002/status', { state: 'x' }, s.admin)).status).toBe(400);
    await expectInvariants(s.core.store);
  });

  it('lists customers waiting for a human and hands them back', async () => {
    for (const text of ['hi', 'Ana', 'pickup', 'talk to a human']) await s.post('/api/messages', { from: '+12025550123', text }, s.api);
    expect((await s.post('/api/messages', { from: '+12025550123', text: 'hello?' }, s.api)).body.replies).toEqual([{ key: 'handoff_waiting', text: expect.stringMatching(/member of our team will read this/) }]);
    expect((await s.post('/api/messages', { from: '+12025550123', text: 'anyone there?' }, s.api)).body).toEqual({ replies: [] });
    expect((await s.get('/admin/handoffs', s.admin)).body.handoffs).toEqual([{ phone: '+12025550123', since: expect.any(String), unread: 3, name: 'Ana', lastMessage: 'anyone there?', reason: 'asked' }]);
    expect((await s.post('/admin/handoff/not-a-phone/release', undefined, s.admin)).status).toBe(400);
    expect((await s.post('/admin/handoff/+12025550123/release', undefined, s.admin)).body).toEqual({ released: true, phone: '+12025550123' });
    expect((await s.post('/admin/handoff/+12025550123/release', undefined, s.admin)).status).toBe(409);
    expect((await s.post('/api/messages', { from: '+12025550123', text: 'hi' }, s.api)).body.replies[0].text).toMatch(/Welcome back, Ana/);
  });
});
