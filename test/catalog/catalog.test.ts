import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectInvariants, makeCore, registered } from '../helpers';
import { startServer, type TestServer } from '../http/server';
import { STORES } from '../stores';

/** A catalog file of one product with a limit, so stores seed in a moment. */
const ONE_PRODUCT = fileURLToPath(new URL('./fixtures/one-product.json', import.meta.url));

const put = (s: TestServer, body: unknown) => fetch(`${s.url}/admin/products`, {
  method: 'PUT',
  headers: { 'content-type': 'application/json', ...s.admin },
  body: JSON.stringify(body),
});

describe('the catalog, with names that are also JavaScript words', () => {
  let s: TestServer;
  beforeEach(async () => { s = await startServer(); });
  afterEach(async () => { await s.close(); });

  it('takes a category called Constructor, and the bot browses it and sells from it', async () => {
    const r = await put(s, [
      { sku: 'CON-NAIL', name: 'Nails', price: 1.5, unit: 'each', stock: 20, category: 'Constructor Supplies' },
      { sku: 'PRO-TO', name: 'Proto Bars', price: 2, unit: 'each', stock: 10, category: '__proto__', aliases: ['toString', 'hasOwnProperty'] },
    ]);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ upserted: 2 });
    expect((await s.get('/admin/products/CON-NAIL', s.admin)).body).toMatchObject({ category: 'Constructor Supplies', available: 20 });

    const c = await registered(s.core, '+12025550111');
    expect(await c.say('show me constructor supplies')).toContain('Nails');
    const added = await c.say('2 tostring');
    expect(added).toContain('Proto Bars');
    expect(added).not.toMatch(/NaN|function/);
    expect(await s.core.store.getStock('PRO-TO')).toMatchObject({ available: 8, reserved: 2 });
    await expectInvariants(s.core.store);
  });
});

describe.each(STORES)('on the $name store, a catalog with a Constructor category', ({ open }) => {
  it('starts, as a restarted server does, and the bot understands it', async () => {
    const store = await open();
    await store.upsertProduct({ sku: 'CON-1', name: 'Bricks', category: 'Constructor', unit: 'each', priceCents: 100, aliases: ['constructor'] });
    await store.upsertProduct({ sku: 'CON-2', name: 'Valueof Mortar', category: 'hasOwnProperty', unit: 'each', priceCents: 100, aliases: [] });
    await store.receiveStock('CON-1', 5);
    const core = await makeCore({}, store);
    expect(core.catalog.products().get('CON-1')?.category).toBe('Constructor');
    expect(await core.interpreter.interpret('2 constructor', {})).toMatchObject({
      type: 'add', items: [{ quantity: { kind: 'count', value: 2 }, match: { kind: 'product', sku: 'CON-1' } }],
    });
  });

  it('keeps a product limit in base units across a restart', async () => {
    const store = await open();
    const first = await makeCore({ CATALOG_FILE: ONE_PRODUCT }, store);
    expect(first.catalog.products().get('FRU-LIM')?.maxPerOrder).toBe(24);
    expect(await first.catalog.upsert([
      { sku: 'CHE-MAX', name: 'Bing Cherries', price: 9.99, unit: 'kg', stock: 20, category: 'Fruit', maxPerOrder: 1.5 },
    ])).toEqual({ ok: true, count: 1 });
    const second = await makeCore({ CATALOG_FILE: ONE_PRODUCT }, store);
    expect(second.catalog.products().get('CHE-MAX')?.maxPerOrder).toBe(1500);
  });
});

describe('a product limit per order (maxPerOrder)', () => {
  let s: TestServer;
  beforeEach(async () => { s = await startServer(); });
  afterEach(async () => { await s.close(); });

  it('is kept in the product unit: pieces for products sold by the piece, grams for products sold by weight', async () => {
    const r = await put(s, [
      { sku: 'LIM-MAX', name: 'Key Limes', price: 0.5, unit: 'each', stock: 100, category: 'Fruit', maxPerOrder: 12 },
      { sku: 'CHE-MAX', name: 'Bing Cherries', price: 9.99, unit: 'kg', stock: 20, category: 'Fruit', maxPerOrder: 2.5 },
      { sku: 'NO-MAX', name: 'Plain Pears', price: 3, unit: 'kg', stock: 20, category: 'Fruit' },
    ]);
    expect(r.status).toBe(200);
    expect((await s.core.store.getProduct('LIM-MAX'))?.maxPerOrder).toBe(12);
    expect((await s.core.store.getProduct('CHE-MAX'))?.maxPerOrder).toBe(2500);
    expect(await s.core.store.getProduct('NO-MAX')).not.toHaveProperty('maxPerOrder');
  });

  it('refuses limits that are not a positive amount of the product, naming the field', async () => {
    const base = { sku: 'BAD-MAX', name: 'Bad', price: 1, unit: 'each', stock: 1, category: 'Fruit' };
    for (const bad of [
      { ...base, maxPerOrder: 0 },
      { ...base, maxPerOrder: -3 },
      { ...base, maxPerOrder: 2.5 },
      { ...base, maxPerOrder: '5' },
      { ...base, unit: 'kg', maxPerOrder: 0.0001 },
      { ...base, maxPerOrder: 1e12 },
    ]) {
      const r = await put(s, [bad]);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(JSON.stringify(await r.json()), JSON.stringify(bad)).toContain('maxPerOrder');
    }
    expect(await s.core.store.getProduct('BAD-MAX')).toBeUndefined();
  });
});
