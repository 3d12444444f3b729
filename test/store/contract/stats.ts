import { describe, expect } from 'vitest';
import type { StatsPort } from '../../../src/store/store';
import { portTest } from './fixtures';

/** The stats port's contract, run once per adapter. */
export function statsContract(adapter: string, open: () => Promise<StatsPort>) {
  const it = portTest(open);
  describe(`stats port contract: ${adapter}`, () => {
    it('lets exactly one of many claim a flag, until it is cleared', async ({ store }) => {
      const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => store.claimFlag('low-stock:A', i)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.claimFlag('low-stock:A', 10)).toBe(false);
      expect(await store.claimFlag('low-stock:B', 10)).toBe(true);
      await store.clearFlag('low-stock:A');
      await store.clearFlag('low-stock:never-set');
      expect(await store.claimFlag('low-stock:A', 11)).toBe(true);
      expect(await store.claimFlag('low-stock:B', 11)).toBe(false);
    });

    it('keeps daily stats, one per day, listed oldest first', async ({ store }) => {
      await store.putDailyStats({ day: '2026-11-01', channels: { web: { messages: 3, orders: 1, revenueCents: 500 } }, newCustomers: 1 });
      await store.putDailyStats({ day: '2026-11-02', channels: {}, newCustomers: 0 });
      await store.putDailyStats({ day: '2026-11-01', channels: { web: { messages: 4, orders: 1, revenueCents: 500 } }, newCustomers: 2 });
      expect(await store.getDailyStats('2026-10-01', '2026-11-01')).toEqual([
        { day: '2026-11-01', channels: { web: { messages: 4, orders: 1, revenueCents: 500 } }, newCustomers: 2 },
      ]);
      expect((await store.getDailyStats('2026-11-01', '2026-11-30')).map((s) => s.day)).toEqual(['2026-11-01', '2026-11-02']);
    });
  });
}
