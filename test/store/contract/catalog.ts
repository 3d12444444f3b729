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

    it('keeps a product\'s tags, and a guarded replace sees a tag changed meanwhile', async ({ store }) => {
      const tagged = { sku: 'T', name: 'Tofu', category: 'Chilled', unit: 'each', priceCents: 250, aliases: [], tags: ['vegan' as const, 'contains-soy' as const] };
      await store.upsertProduct(tagged);
      expect((await store.getProduct('T'))?.tags).toEqual(['vegan', 'contains-soy']);
      expect((await store.listProducts()).find((p) => p.sku === 'T')?.tags).toEqual(['vegan', 'contains-soy']);
      const { tags: _dropped, ...untagged } = tagged;
      // Someone else took the tags off: a replace that read them there is refused.
      expect(await store.replaceProductIf(tagged, untagged)).toBe(true);
      expect(await store.replaceProductIf(tagged, { ...tagged, priceCents: 1 })).toBe(false);
      expect((await store.getProduct('T'))?.tags).toBeUndefined();
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

    it('replaces a product only if it is still as read: an edit from an older reading does not undo a newer change', async ({ store }) => {
      const read = { sku: 'E', name: 'Eggs', category: 'Dairy', unit: 'each', priceCents: 30, aliases: ['egg'] };
      await store.upsertProduct(read);
      // Someone hides it; an edit of the price made from the reading before is refused and changes nothing.
      expect(await store.replaceProductIf(read, { ...read, active: false })).toBe(true);
      const v = await store.catalogVersion();
      expect(await store.replaceProductIf(read, { ...read, priceCents: 35 })).toBe(false);
      expect(await store.catalogVersion()).toBe(v);
      const now = (await store.listProducts()).find((p) => p.sku === 'E')!;
      expect(now).toMatchObject({ priceCents: 30, active: false });
      // From the current reading it goes through, and a field the new one leaves out is gone (shown again).
      expect(await store.replaceProductIf(now, { ...read, priceCents: 35 })).toBe(true);
      const after = (await store.listProducts()).find((p) => p.sku === 'E')!;
      expect(after).toMatchObject({ priceCents: 35 });
      expect(after.active).toBeUndefined();
      expect(await store.catalogVersion()).not.toBe(v);
      expect(await store.replaceProductIf({ ...read, sku: 'nope' }, { ...read, sku: 'nope' })).toBe(false);
    });
  });
}
