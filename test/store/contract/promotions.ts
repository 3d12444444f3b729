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

    it('replaces the set only if it is still what the caller read: of two edits from one reading, one wins', async ({ store }) => {
      const a = { id: 'a', kind: 'percent' as const, sku: 'A', percent: 10 };
      const b = { id: 'b', kind: 'percent' as const, sku: 'B', percent: 20 };
      const c = { id: 'c', kind: 'multibuy' as const, sku: 'C', buy: 3, pay: 2 };
      // None yet: the first set is written once, whatever else raced it.
      const first = await Promise.all([store.replacePromotionsIf([], [a]), store.replacePromotionsIf([], [b])]);
      expect(first.filter(Boolean)).toHaveLength(1);
      const read = await store.listPromotions();
      expect(read).toHaveLength(1);
      expect(await store.replacePromotionsIf(read, [...read, c])).toBe(true);
      // A second edit made from the same, now old, reading is refused and changes nothing.
      expect(await store.replacePromotionsIf(read, [])).toBe(false);
      expect(await store.listPromotions()).toEqual([...read, c]);
      expect(await store.replacePromotionsIf(await store.listPromotions(), [])).toBe(true);
      expect(await store.replacePromotionsIf([], [c])).toBe(true);
      expect(await store.listPromotions()).toEqual([c]);
    });
  });
}
