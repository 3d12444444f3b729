import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCore } from '../helpers';
import { startServer, type TestServer } from '../http/server';

/** A real store's catalog: 54 products on bag, bottle, pack, jar, tub, loaf, carton, box, tin, punnet, roll, bar, each, kg, g, lb, oz. */
const SHELF_LABELS = fileURLToPath(new URL('./fixtures/shelf-labels.json', import.meta.url));
const shelfLabels = JSON.parse(readFileSync(SHELF_LABELS, 'utf8')) as { sku: string; unit: string }[];

const put = (s: TestServer, body: unknown) => fetch(`${s.url}/admin/products`, {
  method: 'PUT',
  headers: { 'content-type': 'application/json', ...s.admin },
  body: JSON.stringify(body),
});

describe('a catalog labelled as the store labels its shelves', () => {
  it('uses every label the issue names, and weights in g, lb and oz', () => {
    expect(shelfLabels).toHaveLength(54);
    const units = new Set(shelfLabels.map((p) => p.unit));
    for (const u of ['bag', 'bottle', 'pack', 'jar', 'tub', 'loaf', 'carton', 'box', 'tin', 'punnet', 'roll', 'bar', 'each', 'kg', 'g', 'lb', 'oz']) {
      expect(units, u).toContain(u);
    }
  });

  it('loads at start-up from CATALOG_FILE, with weights kept in grams', async () => {
    const core = await makeCore({ CATALOG_FILE: SHELF_LABELS });
    expect(core.catalog.products().size).toBe(54);
    expect(core.catalog.products().get('PAN-HON')).toMatchObject({ unit: 'jar', priceCents: 599 });
    // 20 lb of ground beef on the shelf is 9,072 g; 200 oz of cheddar is 5,670 g; 50 g of saffron is 50 g.
    expect(await core.store.getStock('MEA-BEF-GRD')).toMatchObject({ received: 9072, available: 9072 });
    expect(await core.store.getStock('DEL-CHD')).toMatchObject({ received: 5670 });
    expect(await core.store.getStock('PAN-SAF')).toMatchObject({ received: 50 });
    expect(await core.store.getStock('BAK-RYE')).toMatchObject({ received: 24 });
  });

  describe('through the admin API', () => {
    let s: TestServer;
    beforeEach(async () => { s = await startServer(); });
    afterEach(async () => { await s.close(); });

    it('PUT /admin/products takes the whole catalog, and reads it back in the product’s unit', async () => {
      const r = await put(s, shelfLabels);
      expect(r.status, JSON.stringify(await r.clone().json())).toBe(200);
      expect(await r.json()).toEqual({ upserted: 54 });
      expect((await s.get('/admin/products/MEA-BEF-GRD', s.admin)).body).toMatchObject({ unit: 'lb', price: 4.99, received: 20, available: 20 });
      expect((await s.get('/admin/products/DEL-CHD', s.admin)).body).toMatchObject({ unit: 'oz', received: 200 });
      expect((await s.get('/admin/products/BAK-RYE', s.admin)).body).toMatchObject({ unit: 'loaf', received: 24 });
      const list = (await s.get('/admin/products', s.admin)).body.products as { sku: string; unit: string }[];
      expect(list.find((p) => p.sku === 'FRU-STR')).toMatchObject({ unit: 'punnet', available: 20 });
    });

    it('keeps labels lower-case and trimmed, and reads "lbs" or "Kilo" as the weight they are', async () => {
      const r = await put(s, [
        { sku: 'JAR-1', name: 'Fig Jam', price: 3, unit: ' Jar ', stock: 5, category: 'Pantry' },
        { sku: 'LBS-1', name: 'Pork Shoulder', price: 3.49, unit: 'lbs', stock: 12.5, category: 'Meat' },
        { sku: 'KIL-1', name: 'Loose Plums', price: 4, unit: 'Kilo', stock: 3, category: 'Fruit' },
      ]);
      expect(r.status).toBe(200);
      expect((await s.get('/admin/products/JAR-1', s.admin)).body).toMatchObject({ unit: 'jar' });
      expect((await s.get('/admin/products/LBS-1', s.admin)).body).toMatchObject({ unit: 'lb', received: 12.5 });
      expect(await s.core.store.getStock('LBS-1')).toMatchObject({ received: 5670 });
      expect((await s.get('/admin/products/KIL-1', s.admin)).body).toMatchObject({ unit: 'kg', received: 3 });
    });

    it('refuses a bad unit with a 400 naming unit, and writes nothing', async () => {
      const base = { sku: 'BAD-UNIT', name: 'Mystery', price: 1, stock: 1, category: 'Pantry' };
      for (const unit of ['', '   ', 'k g', 'a'.repeat(30), 'kg2', 'bag!', 5]) {
        const r = await put(s, [{ ...base, unit }]);
        expect(r.status, JSON.stringify(unit)).toBe(400);
        const body = await r.json();
        expect(JSON.stringify(body), JSON.stringify(unit)).toMatch(/0\.unit: /);
      }
      expect(await s.core.store.getProduct('BAD-UNIT')).toBeUndefined();
    });

    it('counts whole labels and weighs weights: 2.5 jars and a piece weight on a bag are refused', async () => {
      const base = { sku: 'ODD', name: 'Odd', price: 1, category: 'Pantry' };
      const half = await put(s, [{ ...base, unit: 'jar', stock: 2.5 }]);
      expect(half.status).toBe(400);
      expect(JSON.stringify(await half.json())).toContain('0.stock');
      const piece = await put(s, [{ ...base, unit: 'bag', stock: 2, pieceGrams: 200 }]);
      expect(piece.status).toBe(400);
      expect(JSON.stringify(await piece.json())).toContain('0.pieceGrams');
      expect((await put(s, [{ ...base, unit: 'lb', stock: 2.5, maxPerOrder: 0.25 }])).status).toBe(200);
      expect(await s.core.store.getStock('ODD')).toMatchObject({ received: 1134 });
      expect((await s.core.store.getProduct('ODD'))?.maxPerOrder).toBe(113);
    });

    it('lets a product be relabelled within count or within weight, never across', async () => {
      const egg = { sku: 'EGG-RE', name: 'Eggs', price: 4, stock: 10, category: 'Dairy' };
      expect((await put(s, [{ ...egg, unit: 'each' }])).status).toBe(200);
      expect((await put(s, [{ ...egg, unit: 'carton' }])).status).toBe(200);
      expect((await s.get('/admin/products/EGG-RE', s.admin)).body).toMatchObject({ unit: 'carton', received: 10 });
      const across = await put(s, [{ ...egg, unit: 'kg' }]);
      expect(across.status).toBe(400);
      expect(JSON.stringify(await across.json())).toContain('0.unit');
    });
  });
});
