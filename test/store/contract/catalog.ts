import { describe, expect } from 'vitest';
import type { CatalogPort } from '../../../src/store/store';
import { portTest } from './fixtures';

/** The catalog port's contract, run once per adapter. */
export function catalogContract(adapter: string, open: () => Promise<CatalogPort>) {
  const it = portTest(open);
  describe(`catalog port contract: ${adapter}`, () => {
    it('upserts and lists products', async ({ store }) => {
      await store.upsertProduct({ sku: 'A', name: 'Apple', category: 'Fruit', unit: 'each', priceCents: 50, aliases: [] });
      await store.upsertProduct({ sku: 'A', name: 'Green Apple', category: 'Fruit', unit: 'each', priceCents: 60, aliases: ['apple'] });
      expect(await store.getProduct('A')).toMatchObject({ name: 'Green Apple', priceCents: 60, aliases: ['apple'] });
      expect(await store.listProducts()).toHaveLength(1);
      expect(await store.getProduct('nope')).toBeUndefined();
    });

    it('inserts a product only when its SKU is new, and keeps a hidden one hidden', async ({ store }) => {
      expect(await store.insertProduct({ sku: 'B', name: 'Bread', category: 'Bakery', unit: 'loaf', priceCents: 250, aliases: [], active: false })).toBe(true);
      expect(await store.insertProduct({ sku: 'B', name: 'Other bread', category: 'Bakery', unit: 'loaf', priceCents: 1, aliases: [] })).toBe(false);
      expect(await store.getProduct('B')).toMatchObject({ name: 'Bread', priceCents: 250, active: false });
      expect(await store.listProducts()).toHaveLength(1);
    });

    it('moves the catalog version on every product write, and only then', async ({ store }) => {
      const v0 = await store.catalogVersion();
      expect(await store.catalogVersion()).toBe(v0);
      await store.upsertProduct({ sku: 'C', name: 'Cheese', category: 'Dairy', unit: 'each', priceCents: 400, aliases: [] });
      const v1 = await store.catalogVersion();
      expect(v1).not.toBe(v0);
      await store.insertProduct({ sku: 'D', name: 'Dates', category: 'Fruit', unit: 'each', priceCents: 300, aliases: [] });
      const v2 = await store.catalogVersion();
      expect(v2).not.toBe(v1);
      await store.insertProduct({ sku: 'D', name: 'Dates again', category: 'Fruit', unit: 'each', priceCents: 300, aliases: [] });
      expect(await store.catalogVersion()).toBe(v2);
    });
  });
}
