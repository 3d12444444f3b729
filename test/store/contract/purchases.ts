import { describe, expect } from 'vitest';
import type { OrdersPort, PurchasesPort } from '../../../src/store/store';
import { order, portTest } from './fixtures';

/** The purchases port's contract, run once per adapter. */
export function purchasesContract(adapter: string, open: () => Promise<PurchasesPort & OrdersPort>) {
  const it = portTest(open);
  describe(`purchases port contract: ${adapter}`, () => {
    it('gives a phone\'s latest orders newest first, up to the limit, leaving out cancelled ones and other phones', async ({ store }) => {
      const line = { sku: 'FRU-LIM', name: 'Limes', unit: 'each' as const, qty: 3, unitPriceCents: 49, lineTotalCents: 147 };
      await store.insertOrder(order({ id: 'ORD-1001', createdAt: 10, lines: [line] }));
      await store.insertOrder(order({ id: 'ORD-1002', createdAt: 30 }));
      await store.insertOrder(order({ id: 'ORD-1003', createdAt: 20, status: 'delivered' }));
      await store.insertOrder(order({ id: 'ORD-1004', createdAt: 40, status: 'cancelled' }));
      await store.insertOrder(order({ id: 'ORD-1005', createdAt: 50, phone: '+12025550999' }));
      expect((await store.recentOrders('+12025550123', 10)).map((o) => o.id)).toEqual(['ORD-1002', 'ORD-1003', 'ORD-1001']);
      expect((await store.recentOrders('+12025550123', 2)).map((o) => o.id)).toEqual(['ORD-1002', 'ORD-1003']);
      expect((await store.recentOrders('+12025550123', 10)).at(-1)).toEqual(order({ id: 'ORD-1001', createdAt: 10, lines: [line] }));
      expect(await store.recentOrders('+12025550123', 0)).toEqual([]);
      expect(await store.recentOrders('+12025550000', 5)).toEqual([]);
    });

    it('orders placed at the same instant come newest id first', async ({ store }) => {
      await store.insertOrder(order({ id: 'ORD-1001', createdAt: 10 }));
      await store.insertOrder(order({ id: 'ORD-1002', createdAt: 10 }));
      expect((await store.recentOrders('+12025550123', 1)).map((o) => o.id)).toEqual(['ORD-1002']);
    });
  });
}
