import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPPOSITE_TAGS } from '../../src/domain/tags';
import { startServer, type TestServer } from './server';

// Two tags that say opposite things ("nut-free" and "contains-nuts") are refused at every door the owner
// writes tags through, in words naming both, and nothing changes.
let s: TestServer;
beforeEach(async () => { s = await startServer({}); });
afterEach(async () => { await s.close(); });

const send = (method: string, path: string, body: unknown) =>
  fetch(`${s.url}${path}`, { method, headers: { ...s.admin, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const csv = (text: string) => fetch(`${s.url}/admin/products`, { method: 'PUT', headers: { ...s.admin, 'content-type': 'text/csv' }, body: text });
const tagsOf = async (sku: string) => (await s.get(`/admin/products/${sku}`, s.admin)).body.tags as string[];

const PAIRS: [string, string][] = [
  ['nut-free', 'contains-nuts'], ['vegan', 'contains-milk'], ['gluten-free', 'contains-gluten'],
  ['vegetarian', 'contains-meat'], ['vegan', 'contains-egg'], ['vegan', 'contains-meat'],
];

describe('contradictory tags', () => {
  it('the opposite pairs, read from CLAIMS, are these six and no more', () => {
    const key = (p: readonly string[]) => p.join(' ');
    expect(OPPOSITE_TAGS.map(key).sort()).toEqual(PAIRS.map(key).sort());
  });

  it.each(PAIRS)('PATCH with %s and %s is a 400 naming both, and the tags stay as they were', async (a, b) => {
    const before = await tagsOf('SNA-COO');
    const r = await send('PATCH', '/admin/products/SNA-COO', { tags: [b, a] });
    expect(r.status).toBe(400);
    const said = JSON.stringify(await r.json());
    expect(said).toContain(`tags: \\"${a}\\" and \\"${b}\\" contradict each other`);
    expect(await tagsOf('SNA-COO')).toEqual(before);
  });

  it('POST with opposite tags is a 400 and adds nothing; tags that agree are taken', async () => {
    const product = { sku: 'PAN-PES', name: 'Basil Pesto', price: 2.99, unit: 'jar', stock: 10, category: 'Pantry' };
    const r = await send('POST', '/admin/products', { ...product, tags: ['vegan', 'Contains Milk'] });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toContain('\\"vegan\\" and \\"contains-milk\\" contradict each other');
    expect((await s.get('/admin/products/PAN-PES', s.admin)).status).toBe(404);
    expect((await send('POST', '/admin/products', { ...product, tags: ['vegan', 'nut-free', 'gluten-free', 'contains-soy'] })).status).toBe(201);
  });

  it('a CSV row with opposite tags names its row, and nothing is imported', async () => {
    const header = 'sku,name,price,unit,stock,category,aliases,tags';
    const r = await csv(`${header}\nFRU-BAN,Bananas,1.29,kg,60,Fruit,banana,vegan\nSNA-COO,Chocolate Chip Cookies (200 g),2.49,each,25,Snacks & Sweets,cookies,nut-free|contains-nuts`);
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toMatch(/row 3, tags: \\"nut-free\\" and \\"contains-nuts\\" contradict each other/);
    expect(await tagsOf('FRU-BAN')).toEqual(['vegan', 'gluten-free', 'nut-free']);
  });
});
