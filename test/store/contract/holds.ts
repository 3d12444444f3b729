import { describe, expect } from 'vitest';
import type { HoldsPort, OrdersPort } from '../../../src/store/store';
import { hold, order, portTest, ref } from './fixtures';

/** The holds port's contract, run once per adapter. */
export function holdsContract(adapter: string, open: () => Promise<HoldsPort & OrdersPort>) {
  const it = portTest(open);
  describe(`holds port contract: ${adapter}`, () => {
    it('keeps one active hold per phone and SKU', async ({ store }) => {
      expect(await store.insertHold(hold({ id: 'h1' }))).toBe(true);
      expect(await store.insertHold(hold({ id: 'h2' }))).toBe(false);
      expect(await store.insertHold(hold({ id: 'h3', sku: 'B' }))).toBe(true);
      expect(await store.insertHold(hold({ id: 'h4', phone: '+12025550999' }))).toBe(true);
      await store.transitionHold(ref('h1'), 'active', 'released');
      expect(await store.insertHold(hold({ id: 'h5' }))).toBe(true);
      expect(await store.transitionHold(ref('h1'), 'released', 'active')).toBeUndefined();
      expect((await store.listHolds({ phone: '+12025550123', status: 'active' })).map((h) => h.id)).toEqual(['h3', 'h5']);
    });

    it('transitions a hold once, and only when its condition holds', async ({ store }) => {
      await store.insertHold(hold());
      await expect(store.insertHold(hold())).rejects.toThrow();
      expect(await store.transitionHold(ref('h1'), 'active', 'expired', { ifExpiredBy: 99 })).toBeUndefined();
      const results = await Promise.all([
        store.transitionHold(ref('h1'), 'active', 'converted', { orderId: 'ORD-1' }),
        store.transitionHold(ref('h1'), 'active', 'released'),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const won = results[0] ? { status: 'converted', orderId: 'ORD-1', qty: 2 } : { status: 'released', qty: 2 };
      expect(results[0] ?? results[1]).toMatchObject(won);
      expect(await store.transitionHold(ref('h1'), 'active', 'released')).toBeUndefined();
      expect(await store.getHold(ref('h1'))).toMatchObject(won);
    });

    it("converts one phone's holds all at once, or none when one of them is no longer active", async ({ store }) => {
      await store.insertHold(hold({ id: 'h1' }));
      await store.insertHold(hold({ id: 'h2', sku: 'B' }));
      await store.insertHold(hold({ id: 'h3', sku: 'C' }));
      await store.transitionHold(ref('h3'), 'active', 'released');
      expect(await store.convertHolds('+12025550123', ['h1', 'h2', 'h3'], 'ORD-1')).toEqual({ converted: [], lost: ['h3'] });
      expect((await store.listHolds({ phone: '+12025550123', status: 'active' })).map((h) => h.id)).toEqual(['h1', 'h2']);
      const results = await Promise.all([
        store.convertHolds('+12025550123', ['h1', 'h2'], 'ORD-2'),
        store.convertHolds('+12025550123', ['h1', 'h2'], 'ORD-3'),
      ]);
      const won = results.filter((r) => r.converted.length);
      expect(won).toHaveLength(1);
      expect(won[0]!.converted.map((h) => [h.id, h.status])).toEqual([['h1', 'converted'], ['h2', 'converted']]);
      expect(results.find((r) => !r.converted.length)!.lost).toEqual(['h1', 'h2']);
      const orderId = won[0]!.converted[0]!.orderId;
      expect((await store.listHolds({ orderId, status: 'converted' })).map((h) => h.id)).toEqual(['h1', 'h2']);
    });

    it('changes a hold quantity only from the expected value, while active', async ({ store }) => {
      await store.insertHold(hold());
      expect(await store.setHoldQty(ref('h1'), 3, 5)).toBe(false);
      expect(await store.setHoldQty(ref('h1'), 2, 5)).toBe(true);
      await store.transitionHold(ref('h1'), 'active', 'released');
      expect(await store.setHoldQty(ref('h1'), 5, 1)).toBe(false);
      expect(await store.getHold(ref('h1'))).toMatchObject({ qty: 5, status: 'released' });
    });

    it('filters holds and extends only a phone’s active ones', async ({ store }) => {
      await store.insertHold(hold({ id: 'h1', createdAt: 1 }));
      await store.insertHold(hold({ id: 'h2', sku: 'B', createdAt: 2, expiresAt: 50 }));
      await store.insertHold(hold({ id: 'h3', phone: '+12025550999', createdAt: 3 }));
      await store.insertHold(hold({ id: 'h4', status: 'released', createdAt: 4 }));
      expect((await store.listHolds({ phone: '+12025550123', status: 'active' })).map((h) => h.id)).toEqual(['h1', 'h2']);
      expect((await store.listHolds({ sku: 'B' })).map((h) => h.id)).toEqual(['h2']);
      expect((await store.listHolds({ status: 'active', expiresBefore: 60 })).map((h) => h.id)).toEqual(['h2']);
      await store.extendHolds('+12025550123', 500);
      expect((await store.listHolds({ expiresBefore: 499 })).map((h) => h.id)).toEqual(['h3', 'h4']);
      // With a maximum age, each hold stops at its own createdAt + maxAgeMs.
      await store.extendHolds('+12025550123', 900, 300);
      expect(Object.fromEntries((await store.listHolds({ phone: '+12025550123', status: 'active' })).map((h) => [h.id, h.expiresAt]))).toEqual({ h1: 301, h2: 302 });
    });

    it('lets one of many concurrent holds for the same cart line in', async ({ store }) => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.insertHold(hold({ id: `c${i}` }))));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.listHolds({ phone: '+12025550123', sku: 'A', status: 'active' })).toHaveLength(1);
      expect(await store.repairCartLines()).toBe(0);
    });

    it('finds holds by order, and holds of any status by phone', async ({ store }) => {
      await store.insertHold(hold({ id: 'h1' }));
      await store.insertHold(hold({ id: 'h2', sku: 'B', createdAt: 2 }));
      await store.transitionHold(ref('h1'), 'active', 'converted', { orderId: 'ORD-1' });
      await store.transitionHold(ref('h2'), 'active', 'expired');
      expect((await store.listHolds({ orderId: 'ORD-1' })).map((h) => h.id)).toEqual(['h1']);
      expect((await store.listHolds({ orderId: 'ORD-1', status: 'converted' })).map((h) => h.id)).toEqual(['h1']);
      expect((await store.listHolds({ phone: '+12025550123' })).map((h) => h.id)).toEqual(['h1', 'h2']);
      expect((await store.listHolds({ phone: '+12025550123', status: 'expired' })).map((h) => h.id)).toEqual(['h2']);
      expect(await store.transitionHold(ref('h1'), 'converted', 'active')).toMatchObject({ status: 'active', orderId: 'ORD-1' });
      expect((await store.listHolds({ phone: '+12025550123', sku: 'A', status: 'active' })).map((h) => h.id)).toEqual(['h1']);
      expect(await store.insertHold(hold({ id: 'h3' }))).toBe(false);
    });

    it('records the message that last set a cart line, and the message that placed an order', async ({ store }) => {
      await store.insertHold(hold({ opKey: 'web:+12025550123:m1' }));
      expect(await store.getHold(ref('h1'))).toMatchObject({ opKey: 'web:+12025550123:m1' });
      expect(await store.setHoldQty(ref('h1'), 2, 3)).toBe(true);
      expect(await store.getHold(ref('h1'))).toMatchObject({ qty: 3, opKey: 'web:+12025550123:m1' });
      expect(await store.setHoldQty(ref('h1'), 3, 4, 'web:+12025550123:m2')).toBe(true);
      expect(await store.getHold(ref('h1'))).toMatchObject({ qty: 4, opKey: 'web:+12025550123:m2' });
      expect(await store.setHoldQty(ref('h1'), 3, 5, 'web:+12025550123:m3')).toBe(false);
      expect((await store.getHold(ref('h1')))!.opKey).toBe('web:+12025550123:m2');
      await store.insertOrder(order({ messageKey: 'web:+12025550123:yes' }));
      expect(await store.getOrder('ORD-1001')).toMatchObject({ messageKey: 'web:+12025550123:yes' });
      expect((await store.listOrders({ phone: '+12025550123' }))[0]!.messageKey).toBe('web:+12025550123:yes');
    });

    it('returns copies, so callers cannot change stored records by accident', async ({ store }) => {
      await store.insertHold(hold());
      const h = (await store.getHold(ref('h1')))!;
      h.qty = 99;
      expect((await store.getHold(ref('h1')))!.qty).toBe(2);
    });
  });
}
