import { describe, expect } from 'vitest';
import type { StockWishesPort } from '../../../src/store/store';
import { portTest } from './fixtures';

const ANA = '+12025550123';
const BEN = '+12025550124';

/** The stock wishes port's contract, run once per adapter. */
export function stockWishesContract(adapter: string, open: () => Promise<StockWishesPort>) {
  const it = portTest(open);
  describe(`stock wishes port contract: ${adapter}`, () => {
    it('keeps one wish per customer and product; a second "tell me" renews it', async ({ store }) => {
      await store.putWish({ phone: ANA, sku: 'OAT', at: 100 });
      await store.putWish({ phone: BEN, sku: 'OAT', at: 50 });
      await store.putWish({ phone: ANA, sku: 'EGG', at: 200 });
      await store.putWish({ phone: ANA, sku: 'OAT', at: 300 });
      expect(await store.listWishesOf(ANA)).toEqual([{ phone: ANA, sku: 'EGG', at: 200 }, { phone: ANA, sku: 'OAT', at: 300 }]);
      expect(await store.listWaitingWishes(['OAT'])).toEqual([{ phone: BEN, sku: 'OAT', at: 50 }, { phone: ANA, sku: 'OAT', at: 300 }]);
      expect((await store.listWaitingWishes()).map((w) => w.sku)).toEqual(['OAT', 'EGG', 'OAT']);
      expect(await store.countWaitingWishes()).toEqual({ OAT: 2, EGG: 1 });
      expect(await store.listWishesOf('+12025550999')).toEqual([]);
    });

    it('a wish is claimed once: told, it no longer waits or counts, and a second claim loses', async ({ store }) => {
      await store.putWish({ phone: ANA, sku: 'OAT', at: 100 });
      expect(await store.claimWish(ANA, 'OAT', 500)).toBe(true);
      expect(await store.claimWish(ANA, 'OAT', 501)).toBe(false);
      expect(await store.claimWish(BEN, 'OAT', 500)).toBe(false);
      expect(await store.listWaitingWishes(['OAT'])).toEqual([]);
      expect(await store.countWaitingWishes()).toEqual({});
      expect(await store.listWishesOf(ANA)).toEqual([{ phone: ANA, sku: 'OAT', at: 100, toldAt: 500 }]);
    });

    it('of many claims of one wish at once, exactly one wins', async ({ store }) => {
      await store.putWish({ phone: ANA, sku: 'OAT', at: 100 });
      const won = await Promise.all(Array.from({ length: 8 }, (_, i) => store.claimWish(ANA, 'OAT', 500 + i)));
      expect(won.filter(Boolean)).toHaveLength(1);
    });

    it('a renewed wish waits again; settling the old notice then leaves it alone', async ({ store }) => {
      await store.putWish({ phone: ANA, sku: 'OAT', at: 100 });
      await store.claimWish(ANA, 'OAT', 500);
      await store.putWish({ phone: ANA, sku: 'OAT', at: 600 });
      expect(await store.settleWish(ANA, 'OAT', 500)).toBe(false);
      expect(await store.listWaitingWishes(['OAT'])).toEqual([{ phone: ANA, sku: 'OAT', at: 600 }]);
      await store.claimWish(ANA, 'OAT', 700);
      expect(await store.settleWish(ANA, 'OAT', 700)).toBe(true);
      expect(await store.listWishesOf(ANA)).toEqual([]);
    });

    it('deletes a customer\'s wishes for the products named, and no one else\'s', async ({ store }) => {
      await store.putWish({ phone: ANA, sku: 'OAT', at: 100 });
      await store.putWish({ phone: ANA, sku: 'EGG', at: 100 });
      await store.putWish({ phone: ANA, sku: 'TEA', at: 100 });
      await store.putWish({ phone: BEN, sku: 'OAT', at: 100 });
      await store.claimWish(ANA, 'EGG', 200);
      expect(await store.deleteWishes(ANA, ['OAT', 'EGG', 'NONE'])).toBe(2);
      expect(await store.deleteWishes(ANA, [])).toBe(0);
      expect((await store.listWishesOf(ANA)).map((w) => w.sku)).toEqual(['TEA']);
      expect((await store.listWishesOf(BEN)).map((w) => w.sku)).toEqual(['OAT']);
    });

    it('forgets wishes told long ago, never those still waiting', async ({ store }) => {
      await store.putWish({ phone: ANA, sku: 'OAT', at: 100 });
      await store.putWish({ phone: ANA, sku: 'EGG', at: 100 });
      await store.putWish({ phone: BEN, sku: 'OAT', at: 100 });
      await store.claimWish(ANA, 'OAT', 200);
      await store.claimWish(ANA, 'EGG', 900);
      expect(await store.pruneToldWishes(500)).toBe(1);
      expect((await store.listWishesOf(ANA)).map((w) => w.sku)).toEqual(['EGG']);
      expect(await store.listWaitingWishes()).toEqual([{ phone: BEN, sku: 'OAT', at: 100 }]);
    });
  });
}
