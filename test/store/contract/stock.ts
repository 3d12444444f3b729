import { describe, expect } from 'vitest';
import type { HoldsPort, StockPort } from '../../../src/store/store';
import { hold, portTest, ref } from './fixtures';

/** The stock port's contract, run once per adapter. */
export function stockContract(adapter: string, open: () => Promise<StockPort & HoldsPort>) {
  const it = portTest(open);
  describe(`stock port contract: ${adapter}`, () => {
    it('receives, reserves only what is available, and moves counters', async ({ store }) => {
      expect(await store.receiveStock('A', 10)).toBe(true);
      expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 10, reserved: 0, sold: 0 });
      expect(await store.reserveStock('A', 11)).toBe(false);
      expect(await store.reserveStock('A', 10)).toBe(true);
      expect(await store.reserveStock('A', 1)).toBe(false);
      expect(await store.reserveStock('missing', 1)).toBe(false);
      await store.moveStock('A', { reserved: -4, sold: 4 });
      expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 0, reserved: 6, sold: 4 });
      expect(await store.receiveStock('A', -1)).toBe(false);
      expect(await store.receiveStock('A', 5)).toBe(true);
      expect(await store.receiveStock('A', -5)).toBe(true);
      expect(await store.listStock()).toHaveLength(1);
      const now = (await store.getStock('A'))!;
      expect(await store.replaceStock({ ...now, sold: 99 }, { ...now, reserved: 2, available: 4 })).toBe(false);
      expect(await store.replaceStock(now, { ...now, reserved: 2, available: 4 })).toBe(true);
      expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 4, reserved: 2, sold: 4 });
    });

    it('makes a move or a reservation with an id at most once, and a repair decides which ids count as made', async ({ store }) => {
      await store.receiveStock('A', 10);
      expect(await store.reserveStock('A', 3, 'r1')).toBe(true);
      expect(await store.reserveStock('A', 3, 'r1')).toBe(true);
      expect(await store.getStock('A')).toMatchObject({ available: 7, reserved: 3 });
      await store.unreserveStock('A', 3, 'r1');
      await store.unreserveStock('A', 3, 'r1');
      expect(await store.getStock('A')).toMatchObject({ available: 10, reserved: 0 });
      // Undone, the id may reserve again (a retry after the undo).
      expect(await store.reserveStock('A', 3, 'r1')).toBe(true);
      expect(await store.getStock('A')).toMatchObject({ available: 7, reserved: 3 });
      expect(await store.moveStock('A', { reserved: -3, sold: 3 }, 'm1')).toEqual({ sku: 'A', received: 10, available: 7, reserved: 0, sold: 3 });
      expect(await store.moveStock('A', { reserved: -3, sold: 3 }, 'm1')).toEqual({ sku: 'A', received: 10, available: 7, reserved: 0, sold: 3 });
      const now = (await store.getStock('A'))!;
      expect(await store.replaceStock(now, { ...now, sold: 0, available: 10 }, (ids) => [...ids.filter((id) => id !== 'm1'), 'm2'])).toBe(true);
      await store.moveStock('A', { available: -2, sold: 2 }, 'm2');
      expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 10, reserved: 0, sold: 0 });
      await store.moveStock('A', { available: -3, sold: 3 }, 'm1');
      expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 7, reserved: 0, sold: 3 });
    });

    it('only lets one of many concurrent reservations take the last units', async ({ store }) => {
      await store.receiveStock('A', 5);
      const results = await Promise.all(Array.from({ length: 20 }, () => store.reserveStock('A', 1)));
      expect(results.filter(Boolean)).toHaveLength(5);
      expect(await store.getStock('A')).toMatchObject({ available: 0, reserved: 5 });
    });

    it('refuses quantities that are not whole numbers, and holds or reservations that are not positive', async ({ store }) => {
      await store.receiveStock('A', 10);
      await store.insertHold(hold({ qty: 2 }));
      for (const bad of [Number.NaN, Infinity, -Infinity, 1.5, 2 ** 60]) {
        await expect(store.receiveStock('A', bad)).rejects.toThrow(RangeError);
        await expect(store.reserveStock('A', bad)).rejects.toThrow(RangeError);
        await expect(store.moveStock('A', { available: bad, reserved: -bad })).rejects.toThrow(RangeError);
        await expect(store.insertHold(hold({ id: `bad-${bad}`, sku: 'B', qty: bad }))).rejects.toThrow(RangeError);
        await expect(store.setHoldQty(ref('h1'), 2, bad)).rejects.toThrow(RangeError);
        await expect(store.replaceStock({ sku: 'A', received: 10, available: 8, reserved: 2, sold: 0 },
          { sku: 'A', received: 10, available: bad, reserved: 2, sold: 0 })).rejects.toThrow(RangeError);
      }
      for (const notPositive of [0, -3]) {
        await expect(store.reserveStock('A', notPositive)).rejects.toThrow(RangeError);
        await expect(store.insertHold(hold({ id: `np-${notPositive}`, sku: 'B', qty: notPositive }))).rejects.toThrow(RangeError);
        await expect(store.setHoldQty(ref('h1'), 2, notPositive)).rejects.toThrow(RangeError);
      }
      await expect(store.moveStock('A', { available: 1 })).rejects.toThrow(RangeError);
      await expect(store.replaceStock({ sku: 'A', received: 10, available: 8, reserved: 2, sold: 0 },
        { sku: 'A', received: 10, available: 12, reserved: -2, sold: 0 })).rejects.toThrow(RangeError);
      expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 10, reserved: 0, sold: 0 });
      expect(await store.getHold(ref('h1'))).toMatchObject({ qty: 2, status: 'active' });
      expect(await store.listHolds({ sku: 'B' })).toEqual([]);
      expect(await store.receiveStock('A', -4)).toBe(true);
      expect(await store.receiveStock('A', 0)).toBe(true);
    });
  });
}
