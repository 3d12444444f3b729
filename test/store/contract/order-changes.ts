import { describe, expect } from 'vitest';
import type { OrderChange, OrderLine } from '../../../src/domain/types';
import type { OrderChangesPort, OrdersPort, StockPort } from '../../../src/store/store';
import { order, portTest } from './fixtures';

const oat: OrderLine = { sku: 'OAT', name: 'Oat Milk', unit: 'each', qty: 2, unitPriceCents: 300, lineTotalCents: 600 };
const almond: OrderLine = { sku: 'ALM', name: 'Almond Milk', unit: 'each', qty: 2, unitPriceCents: 320, lineTotalCents: 640 };
const change = (over: Partial<OrderChange> = {}): OrderChange => ({
  id: 'c1', action: 'substitute', line: oat, offer: almond, status: 'pending', proposedBy: { kind: 'admin' }, proposedAt: 10, expiresAt: 100, ...over,
});

/** The order-changes port's contract, run once per adapter. */
export function orderChangesContract(adapter: string, open: () => Promise<OrderChangesPort & OrdersPort & StockPort>) {
  const it = portTest(open);
  describe(`order changes port contract: ${adapter}`, () => {
    it('proposes only against the changes the caller saw, and never while one awaits an answer', async ({ store }) => {
      await store.insertOrder(order({ lines: [oat], totalCents: 600 }));
      const guard = { from: ['placed', 'preparing'] as const, seen: 0 };
      const won = await store.proposeChanges('ORD-1001', { ...guard, from: [...guard.from] }, [change()], undefined, 11);
      expect(won?.changes?.map((c) => c.status)).toEqual(['pending']);
      expect(won?.updatedAt).toBe(11);
      // A second proposal read before the first was written loses; one read after it loses while it is pending.
      expect(await store.proposeChanges('ORD-1001', { from: ['placed'], seen: 0 }, [change({ id: 'c2' })], undefined, 12)).toBeUndefined();
      expect(await store.proposeChanges('ORD-1001', { from: ['placed'], seen: 1 }, [change({ id: 'c2' })], undefined, 12)).toBeUndefined();
      expect(await store.proposeChanges('ORD-1002', { from: ['placed'], seen: 0 }, [change()], undefined, 12)).toBeUndefined();
      // Not past the statuses it may change in.
      await store.insertOrder(order({ id: 'ORD-1003', status: 'dispatched' }));
      expect(await store.proposeChanges('ORD-1003', { from: ['placed'], seen: 0 }, [change()], undefined, 12)).toBeUndefined();
    });

    it('a removal made at once writes the lines and total with it', async ({ store }) => {
      await store.insertOrder(order({ lines: [oat, almond], totalCents: 1240 }));
      const won = await store.proposeChanges('ORD-1001', { from: ['placed'], seen: 0 }, [change({ action: 'remove', status: 'applied', offer: undefined })], { lines: [almond], totalCents: 640 }, 11);
      expect(won).toMatchObject({ lines: [almond], totalCents: 640 });
      expect(await store.listAwaitingAnswer({})).toEqual([]);
    });

    it('settles pending changes once: the first settlement wins, the second finds none pending', async ({ store }) => {
      await store.insertOrder(order({ lines: [oat], totalCents: 600 }));
      await store.proposeChanges('ORD-1001', { from: ['placed'], seen: 0 }, [change()], undefined, 11);
      const [a, b] = await Promise.all([
        store.settleChanges('ORD-1001', ['placed'], ['c1'], 'accepted', { lines: [almond], totalCents: 640 }, 20),
        store.settleChanges('ORD-1001', ['placed'], ['c1'], 'expired', { lines: [], totalCents: 0 }, 20),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      const now = await store.getOrder('ORD-1001');
      expect(now?.changes?.[0]).toMatchObject({ status: a ? 'accepted' : 'expired', settledAt: 20 });
      expect(now?.totalCents).toBe(a ? 640 : 0);
      expect(await store.settleChanges('ORD-1001', ['placed'], ['nope'], 'accepted', { lines: [], totalCents: 0 }, 21)).toBeUndefined();
    });

    it('lists orders awaiting an answer, of a phone or due by an instant; and an order awaiting one does not move on when asked not to', async ({ store }) => {
      await store.insertOrder(order({ lines: [oat], totalCents: 600 }));
      await store.insertOrder(order({ id: 'ORD-1002', phone: '+12025550999', createdAt: 2, lines: [oat], totalCents: 600 }));
      await store.proposeChanges('ORD-1001', { from: ['placed'], seen: 0 }, [change({ expiresAt: 100 })], undefined, 11);
      await store.proposeChanges('ORD-1002', { from: ['placed'], seen: 0 }, [change({ expiresAt: 200 })], undefined, 11);
      expect((await store.listAwaitingAnswer({})).map((o) => o.id)).toEqual(['ORD-1001', 'ORD-1002']);
      expect((await store.listAwaitingAnswer({ phone: '+12025550999' })).map((o) => o.id)).toEqual(['ORD-1002']);
      expect((await store.listAwaitingAnswer({ dueBy: 150 })).map((o) => o.id)).toEqual(['ORD-1001']);
      expect(await store.transitionOrder('ORD-1001', ['placed'], 'dispatched', 30, { unlessAwaiting: true })).toBeUndefined();
      expect(await store.transitionOrder('ORD-1001', ['placed'], 'preparing', 30)).toMatchObject({ status: 'preparing' });
      await store.settleChanges('ORD-1001', ['preparing'], ['c1'], 'declined', { lines: [], totalCents: 0 }, 40);
      expect(await store.transitionOrder('ORD-1001', ['preparing'], 'dispatched', 41, { unlessAwaiting: true })).toMatchObject({ status: 'dispatched' });
    });

    it('a write-off moves received with the counters it leaves', async ({ store }) => {
      await store.receiveStock('OAT', 10);
      await store.reserveStock('OAT', 3);
      await store.moveStock('OAT', { reserved: -3, sold: 3 });
      expect(await store.moveStock('OAT', { sold: -2, received: -2 }, 'w:1')).toMatchObject({ received: 8, available: 7, reserved: 0, sold: 1 });
      expect(await store.moveStock('OAT', { sold: -2, received: -2 }, 'w:1')).toMatchObject({ received: 8, sold: 1 });
      await expect(store.moveStock('OAT', { sold: -1 })).rejects.toThrow(RangeError);
    });
  });
}
