import { describe, expect } from 'vitest';
import type { OrderNotesPort, OrdersPort } from '../../../src/store/store';
import { order, portTest } from './fixtures';

/** The order notes port's contract, run once per adapter. */
export function orderNotesContract(adapter: string, open: () => Promise<OrderNotesPort & OrdersPort>) {
  const it = portTest(open);
  describe(`order notes port contract: ${adapter}`, () => {
    it('appends notes to an order, oldest first, without touching its status', async ({ store }) => {
      await store.insertOrder(order());
      expect(await store.addOrderNote('ORD-404', { at: 1, by: { kind: 'admin' }, text: 'x' })).toBeUndefined();
      await store.addOrderNote('ORD-1001', { at: 5, by: { kind: 'admin' }, text: 'Collecting after 6 pm' });
      await store.transitionOrder('ORD-1001', ['placed'], 'preparing', 6);
      const after = await store.addOrderNote('ORD-1001', { at: 7, by: { kind: 'staff', login: 'sam', name: 'Sam' }, text: 'No plastic bags' });
      expect(after).toMatchObject({ status: 'preparing', updatedAt: 6 });
      expect((await store.getOrder('ORD-1001'))?.notes).toEqual([
        { at: 5, by: { kind: 'admin' }, text: 'Collecting after 6 pm' },
        { at: 7, by: { kind: 'staff', login: 'sam', name: 'Sam' }, text: 'No plastic bags' },
      ]);
    });
  });
}
