import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectInvariants } from '../helpers';
import { startServer, type TestServer } from './server';

let s: TestServer;
beforeEach(async () => { s = await startServer({ LOW_STOCK_THRESHOLD: '5' }); });
afterEach(async () => { await s.close(); });

const HEADER = 'sku,name,price,unit,stock,category,aliases';
const put = (body: string, type = 'text/csv', query = '') =>
  fetch(`${s.url}/admin/products${query}`, { method: 'PUT', headers: { ...s.admin, 'content-type': type }, body });
const patch = (sku: string, body: unknown) =>
  fetch(`${s.url}/admin/products/${sku}`, { method: 'PATCH', headers: { ...s.admin, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const product = async (sku: string) => ((await s.get('/admin/products', s.admin)).body.products as { sku: string }[]).find((p) => p.sku === sku);

async function order(phone: string, lines: string) {
  for (const text of ['hi', 'Ana', '12 Main Street, Springfield', lines, 'checkout', 'pickup', 'yes']) {
    await s.post('/api/messages', { from: phone, text }, s.api);
  }
}

describe('PUT /admin/products with a CSV sheet', () => {
  it('takes a sheet as stores keep it, aliases separated by |, and lists the products with their stock', async () => {
    const r = await put([
      HEADER,
      'PAN-HNY,Clover Honey,6.50,each,12,Pantry,honey|clover honey',
      '"DRY-OAT","Rolled Oats, 1 kg",3.2,each,3,Pantry,',
    ].join('\r\n'));
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ upserted: 2 });
    expect(await product('PAN-HNY')).toEqual({
      sku: 'PAN-HNY', name: 'Clover Honey', category: 'Pantry', unit: 'each', price: 6.5, aliases: ['honey', 'clover honey'],
      active: true, tags: [], stock: 12, available: 12, reserved: 0, sold: 0, low: false,
    });
    expect(await product('DRY-OAT')).toMatchObject({ name: 'Rolled Oats, 1 kg', price: 3.2, aliases: [], stock: 3, low: true });
    // Understood by the assistant at once.
    for (const text of ['hi', 'Ana', 'pickup']) await s.post('/api/messages', { from: '+12025550123', text }, s.api);
    const reply = await s.post('/api/messages', { from: '+12025550123', text: '2 clover honey' }, s.api);
    expect(reply.body.replies[0].text).toMatch(/Clover Honey/);
  });

  it('names every bad row and column as the spreadsheet numbers them, and writes nothing', async () => {
    const before = await product('FRU-LIM');
    const r = await put([
      HEADER,
      'FRU-LIM,Limes,0.60,each,999,Fruit,lime',
      'NEW-1,Fine Product,1.00,each,4,Pantry,',
      'NEW-2,Bad Price,abc,each,4,Pantry,',
      'NEW-3,Half Piece,1.00,each,2.5,Pantry,',
      ',No Sku,1.00,each,1,Pantry,',
    ].join('\n'));
    expect(r.status).toBe(400);
    const body = await r.json() as { error: string; details: string[] };
    expect(body.error).toBe('invalid products');
    expect(body.details).toContain('row 4, price: must be a number, not "abc"');
    expect(body.details.some((d) => d.startsWith('row 5, stock:'))).toBe(true);
    expect(body.details.some((d) => d.startsWith('row 6, sku:'))).toBe(true);
    expect(body.details.some((d) => /^row [23]/.test(d))).toBe(false);
    expect(await product('NEW-1')).toBeUndefined();
    expect(await product('FRU-LIM')).toEqual(before);
  });

  it('refuses a sheet without the columns it needs, or with cells that do not line up', async () => {
    const missing = await put('sku,name,price\nA,B,1');
    expect(missing.status).toBe(400);
    expect((await missing.json()).details).toEqual(expect.arrayContaining(['row 1: the column unit is missing', 'row 1: the column stock is missing']));
    const ragged = await put(`${HEADER}\nA-1,Thing,1,each,1,Pantry\n`);
    expect((await ragged.json()).details).toEqual(['row 2: 6 cells where the header has 7 columns']);
    const unknown = await put(`${HEADER},colour\nA-1,Thing,1,each,1,Pantry,,red\n`);
    expect((await unknown.json()).details).toEqual(['row 1: unknown column "colour" (the columns are sku, name, price, unit, stock, category, aliases)']);
    const broken = await put(`${HEADER}\n"A-1,Thing,1,each,1,Pantry,\n`);
    expect(broken.status).toBe(400);
    expect((await broken.json()).details[0]).toMatch(/not readable as CSV/);
  });

  it('previews an upload with ?dryRun=true: new, changed and unchanged products, and writes nothing', async () => {
    const sheet = [HEADER, 'FRU-LIM,Limes,0.60,each,120,Fruit,lime|limes', 'VEG-CAR,Carrots,1.39,kg,30,Vegetables,carrot', 'NEW-9,Wild Rice,4.00,each,10,Pantry,'];
    const carrots = await s.get('/admin/products/VEG-CAR', s.admin);
    sheet[2] = `VEG-CAR,Carrots,${carrots.body.price},kg,${carrots.body.received},${carrots.body.category},${carrots.body.aliases.join('|')}`;
    const before = await s.get('/admin/products', s.admin);
    const r = await put(sheet.join('\n'), 'text/csv', '?dryRun=true');
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.dryRun).toBe(true);
    const bySku = new Map(body.changes.map((c: { sku: string }) => [c.sku, c]));
    expect(bySku.get('FRU-LIM')).toMatchObject({ change: 'changed', fields: expect.arrayContaining(['price', 'stock']) });
    expect(bySku.get('VEG-CAR')).toEqual({ sku: 'VEG-CAR', name: 'Carrots', change: 'unchanged', fields: [] });
    expect(bySku.get('NEW-9')).toEqual({ sku: 'NEW-9', name: 'Wild Rice', change: 'new', fields: [] });
    expect((await s.get('/admin/products', s.admin)).body).toEqual(before.body);
    // The same preview, with the same errors, for JSON.
    const bad = await put(JSON.stringify([{ sku: 'X', name: 'X', price: 'one', unit: 'each', stock: 1, category: 'X' }]), 'application/json', '?dryRun=true');
    expect(bad.status).toBe(400);
    expect((await bad.json()).details[0]).toMatch(/^0\.price:/);
  });

  it('answers 415 for a body that is neither JSON nor CSV', async () => {
    const r = await put('sku,name', 'text/plain');
    expect(r.status).toBe(415);
    expect((await r.json()).error).toMatch(/JSON .* or CSV/);
  });
});

describe('GET /admin/products.csv', () => {
  it('exports the columns the import takes, as an attachment; importing it back changes nothing', async () => {
    const r = await fetch(`${s.url}/admin/products.csv`, { headers: s.admin });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="products.csv"');
    const text = await r.text();
    expect(text.split('\n')[0]).toBe(`${HEADER},active,tags`);
    expect(text).toMatch(/^FRU-APL-GAL,Gala Apples,3\.49,kg,40,Fruit,apples\|apple\|red apples,yes,vegan\|gluten-free\|nut-free$/m);
    const again = await put(text, 'text/csv', '?dryRun=true');
    const preview = await again.json();
    expect(preview.changes.every((c: { change: string }) => c.change === 'unchanged')).toBe(true);
    expect(preview.changes).toHaveLength((await s.get('/admin/products', s.admin)).body.products.length);
  });

  it('guards cells a spreadsheet would run as formulas with a leading \', and reads them back as written', async () => {
    const ok = await put(JSON.stringify([{ sku: 'EVIL-1', name: '=HYPERLINK("http://x.example","click")', price: 1, unit: 'each', stock: 1, category: '@Pantry', aliases: ['-1+1', 'plain'] }]), 'application/json');
    expect(ok.status).toBe(200);
    const text = await (await fetch(`${s.url}/admin/products.csv`, { headers: s.admin })).text();
    const line = text.split(/\r?\n/).find((l) => l.startsWith('EVIL-1'))!;
    expect(line).toBe('EVIL-1,"\'=HYPERLINK(""http://x.example"",""click"")",1.00,each,1,\'@Pantry,\'-1+1|plain,yes,');
    const preview = await (await put(`${HEADER},active,tags\n${line}\n`, 'text/csv', '?dryRun=true')).json();
    expect(preview.changes).toEqual([{ sku: 'EVIL-1', name: '=HYPERLINK("http://x.example","click")', change: 'unchanged', fields: [] }]);
  });
});

describe('PATCH /admin/products/:sku and POST /admin/products/:sku/restock', () => {
  it('changes price, stock and aliases inline, and answers the product as the list shows it', async () => {
    const r = await patch('FRU-LIM', { price: 0.65, aliases: ['lime', 'key lime'] });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ sku: 'FRU-LIM', price: 0.65, aliases: ['lime', 'key lime'] });
    expect(await product('FRU-LIM')).toMatchObject({ price: 0.65, aliases: ['lime', 'key lime'] });
    const stock = await patch('FRU-LIM', { stock: 3 });
    expect(await stock.json()).toMatchObject({ stock: 3, available: 3, low: true });
    const reply = await s.post('/api/messages', { from: '+12025550123', text: 'hi' }, s.api);
    expect(reply.status).toBe(200);
  });

  it('answers 400 naming the field, 404 for an unknown product, 409 below what is held', async () => {
    const cheap = await patch('FRU-LIM', { price: 0.001 });
    expect(cheap.status).toBe(400);
    expect((await cheap.json()).details[0]).toBe('price: Price must be at least 0.01, like 2.49');
    const half = await patch('FRU-LIM', { stock: 2.5 });
    expect(half.status).toBe(400);
    expect((await half.json()).details[0]).toMatch(/^stock: Stock must be a whole number/);
    expect((await patch('FRU-LIM', { colour: 'green' })).status).toBe(400);
    expect((await patch('FRU-LIM', {})).status).toBe(400);
    expect((await patch('NOPE', { price: 1 })).status).toBe(404);
    await order('+12025550123', '4 limes');
    const low = await patch('FRU-LIM', { stock: 3, price: 9 });
    expect(low.status).toBe(409);
    expect((await low.json()).error).toBe('FRU-LIM already has 4 held in carts or sold; stock cannot be set lower');
    expect(await product('FRU-LIM')).toMatchObject({ sold: 4, price: 0.49 });
    await expectInvariants(s.core.store);
  });

  it('restocks in the product\'s unit: pieces, or kilograms to the gram', async () => {
    const limes = await s.post('/admin/products/FRU-LIM/restock', { quantity: 20 }, s.admin);
    expect(limes.status).toBe(200);
    expect(limes.body).toMatchObject({ sku: 'FRU-LIM', stock: 120, available: 120 });
    const apples = await s.post('/admin/products/FRU-APL-GAL/restock', { quantity: 2.5 }, s.admin);
    expect(apples.body).toMatchObject({ unit: 'kg', stock: 42.5, available: 42.5 });
    expect((await s.post('/admin/products/FRU-LIM/restock', { quantity: 1.5 }, s.admin)).status).toBe(400);
    expect((await s.post('/admin/products/FRU-LIM/restock', { quantity: -1 }, s.admin)).status).toBe(400);
    expect((await s.post('/admin/products/FRU-LIM/restock', { quantity: '5' }, s.admin)).status).toBe(400);
    expect((await s.post('/admin/products/NOPE/restock', { quantity: 1 }, s.admin)).status).toBe(404);
    // Never past the ceiling an import takes, so the exported sheet always reads back in.
    const over = await s.post('/admin/products/FRU-LIM/restock', { quantity: 1_000_000 }, s.admin);
    expect(over.status).toBe(400);
    expect(JSON.stringify(over.body)).toContain('over 1000000');
    expect(await product('FRU-LIM')).toMatchObject({ stock: 120 });
    await expectInvariants(s.core.store);
  });

  it('refuses a sheet that is not UTF-8 (a spreadsheet\'s Windows-1252 "CSV"), naming the row, and an alias with the separator', async () => {
    const latin1 = Buffer.concat([Buffer.from(`${HEADER}\nFRU-LIM,Limes,0.49,each,100,Fruit,\nNEW-1,Caf`), Buffer.from([0xe9]), Buffer.from(' Cr\u00e8me,2.5,each,3,Bakery,\n')]);
    const res = await fetch(`${s.url}/admin/products`, { method: 'PUT', headers: { ...s.admin, 'content-type': 'text/csv' }, body: latin1 });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('row 3: the file is not UTF-8 text');
    expect(await s.core.store.getProduct('NEW-1')).toBeUndefined();
    const json = await put(JSON.stringify([{ sku: 'NEW-2', name: 'Tea', price: 2, unit: 'box', stock: 3, category: 'Drinks', aliases: ['a|b'] }]), 'application/json');
    expect(json.status).toBe(400);
    expect(JSON.stringify(await json.json())).toContain('0.aliases.0: Aliases may not contain |');
  });

  it('keeps the aliases of a product when the sheet has no aliases column, and clears them for an empty cell', async () => {
    const before = (await s.core.store.getProduct('FRU-LIM'))!.aliases;
    expect(before.length).toBeGreaterThan(0);
    expect((await put('sku,name,price,unit,stock,category\nFRU-LIM,Limes,0.49,each,100,Fruit\n')).status).toBe(200);
    expect((await s.core.store.getProduct('FRU-LIM'))!.aliases).toEqual(before);
    expect((await put(`${HEADER}\nFRU-LIM,Limes,0.49,each,100,Fruit,\n`)).status).toBe(200);
    expect((await s.core.store.getProduct('FRU-LIM'))!.aliases).toEqual([]);
  });
});

describe('GET /admin/audit', () => {
  it('lists changes of stock and price, newest first, by whom, with figures in the product\'s unit', async () => {
    await patch('FRU-LIM', { price: 0.65 });
    await s.post('/admin/products/FRU-APL-GAL/restock', { quantity: 2.5 }, s.admin);
    await order('+12025550123', '3 limes');
    const all = (await s.get('/admin/audit', s.admin)).body.entries;
    expect(all.slice(0, 3)).toEqual([
      { at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), sku: 'FRU-LIM', by: { kind: 'order', orderId: 'ORD-1001' }, what: 'stock', reason: 'checkout', before: { reserved: 3, sold: 0 }, after: { reserved: 0, sold: 3 } },
      { at: expect.any(String), sku: 'FRU-APL-GAL', by: { kind: 'admin' }, what: 'stock', reason: 'restock', before: { received: 40, available: 40 }, after: { received: 42.5, available: 42.5 } },
      { at: expect.any(String), sku: 'FRU-LIM', by: { kind: 'admin' }, what: 'price', reason: 'price', before: { price: 0.49 }, after: { price: 0.65 } },
    ]);
    const limes = (await s.get('/admin/audit?sku=FRU-LIM&limit=1', s.admin)).body.entries;
    expect(limes).toHaveLength(1);
    expect(limes[0].reason).toBe('checkout');
    expect((await s.get('/admin/audit?limit=0', s.admin)).status).toBe(400);
    expect((await s.get('/admin/audit?limit=abc', s.admin)).status).toBe(400);
  });
});
