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
  });
}
