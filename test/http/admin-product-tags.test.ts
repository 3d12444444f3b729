import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRODUCT_TAGS } from '../../src/domain/tags';
import { startServer, type TestServer } from './server';

// Tags through the products API and the CSV sheet: what the bot answers "is it vegan?" from.
let s: TestServer;
beforeEach(async () => { s = await startServer({}); });
afterEach(async () => { await s.close(); });

const send = (method: string, path: string, body: unknown, headers = s.admin) =>
  fetch(`${s.url}${path}`, { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const csv = (text: string, query = '') => fetch(`${s.url}/admin/products${query}`, { method: 'PUT', headers: { ...s.admin, 'content-type': 'text/csv' }, body: text });
const tagsOf = async (sku: string) => (await s.get(`/admin/products/${sku}`, s.admin)).body.tags as string[];
const ask = async (text: string) => (await s.post('/api/messages', { from: '+12025550150', text }, s.api)).body.replies.map((r: { text: string }) => r.text).join('\n') as string;

const PESTO = { sku: 'PAN-PES', name: 'Basil Pesto', price: 2.99, unit: 'jar', stock: 10, category: 'Pantry', aliases: ['pesto'] };

describe('tags through the products API', () => {
  it('POST takes tags in any case or spacing, keeps them in one order, and the bot answers from them', async () => {
    const r = await send('POST', '/admin/products', { ...PESTO, tags: ['Contains Milk', 'vegetarian', 'vegetarian'] });
    expect(r.status).toBe(201);
    expect((await r.json()).tags).toEqual(['vegetarian', 'contains-milk']);
    for (const text of ['hi', 'Ana', 'pickup']) await ask(text);
    expect(await ask('is the pesto vegan?')).toBe('No — Basil Pesto contains milk, so it isn’t vegan.');
  });

  it('PATCH replaces the tags, [] clears them, and the change is in the audit trail with who made it', async () => {
    await send('POST', '/admin/products', PESTO);
    expect(await tagsOf('PAN-PES')).toEqual([]);
    expect((await send('PATCH', '/admin/products/PAN-PES', { tags: ['vegan', 'gluten-free'] })).status).toBe(200);
    expect(await tagsOf('PAN-PES')).toEqual(['vegan', 'gluten-free']);
    expect((await (await send('PATCH', '/admin/products/PAN-PES', { tags: [] })).json()).tags).toEqual([]);
    const entries = (await s.get('/admin/audit?sku=PAN-PES', s.admin)).body.entries as { what: string; before: Record<string, unknown>; after: Record<string, unknown> }[];
    expect(entries.filter((e) => e.what === 'product' && 'tags' in e.after).map((e) => [e.before.tags, e.after.tags])).toEqual(expect.arrayContaining([['', 'vegan, gluten-free'], ['vegan, gluten-free', '']]));
  });

  it('an unknown tag is a 400 in words that lists the known ones, and nothing changes', async () => {
    const r = await send('POST', '/admin/products', { ...PESTO, tags: ['vegan', 'paleo'] });
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(JSON.stringify(body)).toContain(`“paleo” is not a tag we know; the tags are ${PRODUCT_TAGS.join(', ')}`.replace(/[“”]/g, '\\"'));
    expect((await s.get('/admin/products/PAN-PES', s.admin)).status).toBe(404);

    const p = await send('PATCH', '/admin/products/FRU-BAN', { tags: ['vegan', 'keto'] });
    expect(p.status).toBe(400);
    expect(JSON.stringify(await p.json())).toMatch(/keto.*is not a tag we know; the tags are vegan, vegetarian, gluten-free/);
    expect(await tagsOf('FRU-BAN')).toEqual(['vegan', 'gluten-free', 'nut-free']);
    expect((await send('PATCH', '/admin/products/FRU-BAN', { tags: 'vegan' })).status).toBe(400);
    expect((await send('PATCH', '/admin/products/NOPE', { tags: ['vegan'] })).status).toBe(404);
    expect((await send('PATCH', '/admin/products/FRU-BAN', { tags: ['vegan'] }, {})).status).toBe(401);
  });
});

describe('tags through the CSV sheet', () => {
  it('round-trips: the export has a tags column, and reading it back changes nothing', async () => {
    const text = await (await fetch(`${s.url}/admin/products.csv`, { headers: s.admin })).text();
    expect(text.split('\n')[0]).toBe('sku,name,price,unit,stock,category,aliases,active,tags');
    expect(text).toContain('DAI-MLK-ALM,Almond Milk (1 L),');
    expect(text).toMatch(/DAI-MLK-ALM,.*,yes,vegan\|contains-nuts/);
    const preview = await (await csv(text, '?dryRun=true')).json();
    expect(preview.changes.filter((c: { change: string }) => c.change !== 'unchanged')).toEqual([]);
  });

  it('a sheet without the column keeps each product\'s tags; an empty cell clears them; an unknown tag names its row', async () => {
    const header = 'sku,name,price,unit,stock,category,aliases';
    expect((await csv(`${header}\nFRU-BAN,Bananas,1.29,kg,60,Fruit,banana`)).status).toBe(200);
    expect(await tagsOf('FRU-BAN')).toEqual(['vegan', 'gluten-free', 'nut-free']);
    expect((await csv(`${header},tags\nFRU-BAN,Bananas,1.29,kg,60,Fruit,banana,organic; vegan`)).status).toBe(200);
    expect(await tagsOf('FRU-BAN')).toEqual(['vegan', 'organic']);
    expect((await csv(`${header},tags\nFRU-BAN,Bananas,1.29,kg,60,Fruit,banana,`)).status).toBe(200);
    expect(await tagsOf('FRU-BAN')).toEqual([]);
    const bad = await csv(`${header},tags\nFRU-BAN,Bananas,1.29,kg,60,Fruit,banana,vegan|raw`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/row 2, tags: .*raw.* is not a tag we know/);
    expect(await tagsOf('FRU-BAN')).toEqual([]);
  });
});
