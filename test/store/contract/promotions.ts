import { describe, expect } from 'vitest';
import type { PromotionsPort } from '../../../src/store/store';
import { portTest } from './fixtures';

/** The promotions port's contract, run once per adapter. */
export function promotionsContract(adapter: string, open: () => Promise<PromotionsPort>) {
  const it = portTest(open);
  describe(`promotions port contract: ${adapter}`, () => {
    it('replaces the whole set of promotions', async ({ store }) => {
      expect(await store.listPromotions()).toEqual([]);
      const set = [
        { id: 'p1', kind: 'percent' as const, category: 'Fruit', percent: 15, startsAt: 1000, endsAt: 2000 },
        { id: 'p2', kind: 'multibuy' as const, sku: 'A', buy: 3, pay: 2 },
      ];
      await store.putPromotions(set);
      expect(await store.listPromotions()).toEqual(set);
      await store.putPromotions([set[1]!]);
      expect(await store.listPromotions()).toEqual([set[1]]);
      await store.putPromotions([]);
      expect(await store.listPromotions()).toEqual([]);
    });
  });
}
