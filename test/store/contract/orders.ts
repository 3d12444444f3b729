import { describe, expect } from 'vitest';
import type { OrdersPort } from '../../../src/store/store';
import { order, portTest } from './fixtures';

/** The orders port's contract, run once per adapter. */
export function ordersContract(adapter: string, open: () => Promise<OrdersPort>) {
  const it = portTest(open);
  describe(`orders port contract: ${adapter}`, () => {
    it('numbers orders and moves their status conditionally', async ({ store }) => {
      const seq = await Promise.all([store.nextSequence('order'), store.nextSequence('order'), store.nextSequence('order')]);
      expect(new Set(seq).size).toBe(3);
      await store.insertOrder(order());
      await expect(store.insertOrder(order())).rejects.toThrow();
      await store.insertOrder(order({ id: 'ORD-1002', phone: '+12025550999', createdAt: 2 }));
      expect(await store.transitionOrder('ORD-1001', ['dispatched'], 'delivered', 5)).toBeUndefined();
      expect(await store.transitionOrder('ORD-1001', ['placed', 'preparing'], 'cancelled', 5)).toMatchObject({ status: 'cancelled', updatedAt: 5 });
      expect(await store.transitionOrder('ORD-1001', ['placed', 'preparing'], 'cancelled', 6)).toBeUndefined();
      expect((await store.listOrders({ status: 'cancelled' })).map((o) => o.id)).toEqual(['ORD-1001']);
      expect((await store.listOrders({ phone: '+12025550999' })).map((o) => o.id)).toEqual(['ORD-1002']);
      expect((await store.listOrders({})).map((o) => o.id)).toEqual(['ORD-1001', 'ORD-1002']);
    });
  });
}
