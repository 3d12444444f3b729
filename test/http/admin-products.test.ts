import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './server';

let s: TestServer;
beforeEach(async () => { s = await startServer({ LOW_STOCK_THRESHOLD: '5' }); });
afterEach(async () => { await s.close(); });

const send = (method: string, path: string, body: unknown, headers = s.admin) =>
  fetch(`${s.url}${path}`, { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const add = (body: unknown, headers = s.admin) => send('POST', '/admin/products', body, headers);
const patch = (sku: string, body: unknown) => send('PATCH', `/admin/products/${sku}`, body);
const audit = async (sku: string) => (await s.get(`/admin/audit?sku=${sku}`, s.admin)).body.entries as { what: string; reason: string; before: object; after: object; by: object }[];

const RAMBUTANS = { sku: 'FRU-RAM', name: 'Rambutans', price: 0.4, unit: 'each', stock: 50, category: 'Fruit', aliases: ['rambutan'] };

describe('POST /admin/products', () => {
  it('adds one product with its stock (201), which the assistant sells at once', async () => {
    const r = await add(RAMBUTANS);
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({
      sku: 'FRU-RAM', name: 'Rambutans', category: 'Fruit', unit: 'each', price: 0.4, aliases: ['rambutan'], active: true, tags: [],
      stock: 50, available: 50, reserved: 0, sold: 0, low: false,
    });
    for (const text of ['hi', 'Ana', 'pickup']) await s.post('/api/messages', { from: '+12025550123', text }, s.api);
    const reply = await s.post('/api/messages', { from: '+12025550123', text: '4 rambutans' }, s.api);
    expect(reply.body.replies[0].text).toBe('Added 4 × Rambutans — $1.60.');
    expect((await audit('FRU-RAM')).map((e) => `${e.what} ${e.reason}`)).toEqual(expect.arrayContaining(['product added', 'stock added']));
  });

  it('answers 409 for a SKU that exists, and changes nothing', async () => {
    const r = await add({ ...RAMBUTANS, sku: 'FRU-LIM', name: 'Not limes', price: 9 });
    expect(r.status).toBe(409);
    expect((await r.json()).error).toMatch(/FRU-LIM already exists/);
    expect((await s.get('/admin/products/FRU-LIM', s.admin)).body).toMatchObject({ name: 'Limes', price: 0.49 });
  });

  it('answers 400 in words, naming each field, and writes nothing', async () => {
    const r = await add({ sku: 'NEW-1', price: 'abc', unit: 'crate of 12', stock: -1, category: 'Fruit' });
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body.error).toBe('invalid product');
    expect(body.details).toEqual(expect.arrayContaining([
      'name: Name is required',
      'price: Price must be a number, like 2.49',
      'unit: Unit must be a shelf label of 1 to 20 letters, like each, bag, jar, kg or lb',
      'stock: Stock must be at least 0, like 12',
    ]));
    expect((await s.get('/admin/products/NEW-1', s.admin)).status).toBe(404);
    expect((await add([RAMBUTANS])).status).toBe(400);
  });

  it('answers 401 without the admin token', async () => {
    expect((await add(RAMBUTANS, {})).status).toBe(401);
    expect((await add(RAMBUTANS, { authorization: 'Bearer wrong' })).status).toBe(401);
  });
});

describe('PATCH /admin/products/:sku, every field', () => {
  it('renames, recategorises, changes the unit within its kind, sets and clears the order limit, each audited', async () => {
    const r = await patch('FRU-LIM', { name: 'Key Limes', category: 'Citrus', unit: 'bag', maxPerOrder: 6 });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ name: 'Key Limes', category: 'Citrus', unit: 'bag', maxPerOrder: 6, active: true });
    expect((await patch('FRU-APL-GAL', { unit: 'lb' })).status).toBe(200);
    expect((await s.get('/admin/products/FRU-APL-GAL', s.admin)).body).toMatchObject({ unit: 'lb' });
    const cleared = await patch('FRU-LIM', { maxPerOrder: null });
    expect(await cleared.json()).not.toHaveProperty('maxPerOrder');
    const [last, first] = await audit('FRU-LIM');
    expect(first).toMatchObject({
      what: 'product', reason: 'edit', by: { kind: 'admin' },
      before: { name: 'Limes', category: 'Fruit', unit: 'each', maxPerOrder: 0 }, after: { name: 'Key Limes', category: 'Citrus', unit: 'bag', maxPerOrder: 6 },
    });
    expect(last).toMatchObject({ what: 'product', before: { maxPerOrder: 6 }, after: { maxPerOrder: 0 } });
  });

  it('refuses a unit of the other kind (count ↔ weight) with the reason, and a bad field in words', async () => {
    const r = await patch('FRU-LIM', { unit: 'kg' });
    expect(r.status).toBe(400);
    expect((await r.json()).details[0]).toMatch(/FRU-LIM is sold by count \(each\).*counts and weights do not convert/);
    expect((await (await patch('FRU-APL-GAL', { unit: 'jar' })).json()).details[0]).toMatch(/sold by weight \(kg\)/);
    expect((await (await patch('FRU-LIM', { price: '1,20' })).json()).details).toEqual(['price: Price must be a number, like 2.49']);
    expect((await (await patch('FRU-LIM', { name: '  ' })).json()).details).toEqual(['name: Name is required']);
    expect((await patch('FRU-LIM', { active: 'no' })).status).toBe(400);
    expect((await patch('FRU-LIM', {})).status).toBe(400);
    expect((await patch('NOPE', { name: 'x' })).status).toBe(404);
    expect((await s.get('/admin/products/FRU-LIM', s.admin)).body).toMatchObject({ name: 'Limes', unit: 'each', price: 0.49 });
  });

  it('hides and shows a product (audited as hidden and shown); the list marks it; the price and stock edits keep working', async () => {
    expect(await (await patch('FRU-LIM', { active: false })).json()).toMatchObject({ active: false });
    expect(((await s.get('/admin/products', s.admin)).body.products as { sku: string; active: boolean }[]).find((p) => p.sku === 'FRU-LIM')).toMatchObject({ active: false });
    for (const text of ['hi', 'Ana', 'pickup']) await s.post('/api/messages', { from: '+12025550124', text }, s.api);
    expect((await s.post('/api/messages', { from: '+12025550124', text: '2 limes' }, s.api)).body.replies[0].text).toMatch(/Limes isn.t available right now/);
    expect(await (await patch('FRU-LIM', { active: true, price: 0.59, stock: 200 })).json()).toMatchObject({ active: true, price: 0.59, stock: 200 });
    expect((await s.post('/api/messages', { from: '+12025550124', text: '2 limes' }, s.api)).body.replies[0].text).toBe('Added 2 × Limes — $1.18.');
    const reasons = (await audit('FRU-LIM')).map((e) => `${e.what} ${e.reason}`);
    expect(reasons).toEqual(expect.arrayContaining(['product hidden', 'product shown', 'price price', 'stock edit']));
  });
});

describe('the CSV sheet and active', () => {
  const csv = (text: string) => fetch(`${s.url}/admin/products`, { method: 'PUT', headers: { ...s.admin, 'content-type': 'text/csv' }, body: text });
  const activeOf = async (sku: string) => (await s.get(`/admin/products/${sku}`, s.admin)).body.active;

  it('hides with active "no", leaves a hidden product hidden when the sheet has no such column, and names a bad cell', async () => {
    expect((await csv('sku,name,price,unit,stock,category,aliases,active\nFRU-LIM,Limes,0.49,each,100,Fruit,lime,no\n')).status).toBe(200);
    expect(await activeOf('FRU-LIM')).toBe(false);
    expect((await csv('sku,name,price,unit,stock,category,aliases\nFRU-LIM,Limes,0.55,each,100,Fruit,lime\n')).status).toBe(200);
    expect(await activeOf('FRU-LIM')).toBe(false);
    expect((await s.get('/admin/products/FRU-LIM', s.admin)).body.price).toBe(0.55);
    const bad = await csv('sku,name,price,unit,stock,category,aliases,active\nFRU-LIM,Limes,0.49,each,100,Fruit,lime,maybe\n');
    expect(bad.status).toBe(400);
    expect((await bad.json()).details).toEqual(['row 2, active: must be yes or no (on sale or hidden), not "maybe"']);
    expect((await csv('sku,name,price,unit,stock,category,aliases,active\nFRU-LIM,Limes,0.49,each,100,Fruit,lime,yes\n')).status).toBe(200);
    expect(await activeOf('FRU-LIM')).toBe(true);
  });
});
