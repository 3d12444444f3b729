import { beforeEach, describe, expect, it } from 'vitest';
import type { Conversation, Hold, Order } from '../../src/domain/types';
import type { Store } from '../../src/store/store';

const hold = (over: Partial<Hold> = {}): Hold => ({
  id: 'h1', phone: '+12025550123', sku: 'A', qty: 2, status: 'active', createdAt: 1, expiresAt: 100, ...over,
});
const order = (over: Partial<Order> = {}): Order => ({
  id: 'ORD-1001', phone: '+12025550123', status: 'placed', lines: [], deliveryFeeCents: 0, totalCents: 0,
  fulfilment: 'pickup', channel: 'web', holdIds: [], createdAt: 1, updatedAt: 1, ...over,
});

/** The behaviour every store adapter must have; run once per adapter. */
export function storeContract(name: string, open: () => Promise<Store>) {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => { store = await open(); });

    it('upserts and lists products', async () => {
      await store.upsertProduct({ sku: 'A', name: 'Apple', category: 'Fruit', unit: 'each', priceCents: 50, aliases: [] });
      await store.upsertProduct({ sku: 'A', name: 'Green Apple', category: 'Fruit', unit: 'each', priceCents: 60, aliases: ['apple'] });
      expect(await store.getProduct('A')).toMatchObject({ name: 'Green Apple', priceCents: 60, aliases: ['apple'] });
      expect(await store.listProducts()).toHaveLength(1);
      expect(await store.getProduct('nope')).toBeUndefined();
    });

    it('receives, reserves only what is available, and moves counters', async () => {
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
      expect(await store.replaceStock({ ...now, sold: 99 }, { ...now, sold: 0 })).toBe(false);
      expect(await store.replaceStock(now, { ...now, reserved: 2, available: 4 })).toBe(true);
      expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 4, reserved: 2, sold: 4 });
    });

    it('leases a key to one owner at a time, until it expires', async () => {
      const got = await Promise.all([store.acquireLease('k', 'p1', 1000, 500), store.acquireLease('k', 'p2', 1000, 500)]);
      expect(got.filter(Boolean)).toHaveLength(1);
      const [winner, loser] = got[0] ? ['p1', 'p2'] : ['p2', 'p1'];
      expect(await store.acquireLease('k', winner, 1100, 500)).toBe(true);
      expect(await store.acquireLease('k', loser, 1200, 500)).toBe(false);
      await store.releaseLease('k', loser);
      expect(await store.acquireLease('k', loser, 1300, 500)).toBe(false);
      await store.releaseLease('k', winner);
      expect(await store.acquireLease('k', loser, 1300, 500)).toBe(true);
      expect(await store.acquireLease('k', winner, 1799, 500)).toBe(false);
      expect(await store.acquireLease('k', winner, 1801, 500)).toBe(true);
    });

    it('only lets one of many concurrent reservations take the last units', async () => {
      await store.receiveStock('A', 5);
      const results = await Promise.all(Array.from({ length: 20 }, () => store.reserveStock('A', 1)));
      expect(results.filter(Boolean)).toHaveLength(5);
      expect(await store.getStock('A')).toMatchObject({ available: 0, reserved: 5 });
    });

    it('keeps one active hold per phone and SKU', async () => {
      expect(await store.insertHold(hold({ id: 'h1' }))).toBe(true);
      expect(await store.insertHold(hold({ id: 'h2' }))).toBe(false);
      expect(await store.insertHold(hold({ id: 'h3', sku: 'B' }))).toBe(true);
      expect(await store.insertHold(hold({ id: 'h4', phone: '+12025550999' }))).toBe(true);
      await store.transitionHold('h1', 'active', 'released');
      expect(await store.insertHold(hold({ id: 'h5' }))).toBe(true);
      expect(await store.transitionHold('h1', 'released', 'active')).toBeUndefined();
      expect((await store.listHolds({ phone: '+12025550123', status: 'active' })).map((h) => h.id)).toEqual(['h3', 'h5']);
    });

    it('transitions a hold once, and only when its condition holds', async () => {
      await store.insertHold(hold());
      await expect(store.insertHold(hold())).rejects.toThrow();
      expect(await store.transitionHold('h1', 'active', 'expired', { ifExpiredBy: 99 })).toBeUndefined();
      const results = await Promise.all([
        store.transitionHold('h1', 'active', 'converted', { orderId: 'ORD-1' }),
        store.transitionHold('h1', 'active', 'released'),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const won = results[0] ? { status: 'converted', orderId: 'ORD-1', qty: 2 } : { status: 'released', qty: 2 };
      expect(results[0] ?? results[1]).toMatchObject(won);
      expect(await store.transitionHold('h1', 'active', 'released')).toBeUndefined();
      expect(await store.getHold('h1')).toMatchObject(won);
    });

    it('changes a hold quantity only from the expected value, while active', async () => {
      await store.insertHold(hold());
      expect(await store.setHoldQty('h1', 3, 5)).toBe(false);
      expect(await store.setHoldQty('h1', 2, 5)).toBe(true);
      await store.transitionHold('h1', 'active', 'released');
      expect(await store.setHoldQty('h1', 5, 1)).toBe(false);
      expect(await store.getHold('h1')).toMatchObject({ qty: 5, status: 'released' });
    });

    it('filters holds and extends only a phone’s active ones', async () => {
      await store.insertHold(hold({ id: 'h1', createdAt: 1 }));
      await store.insertHold(hold({ id: 'h2', sku: 'B', createdAt: 2, expiresAt: 50 }));
      await store.insertHold(hold({ id: 'h3', phone: '+12025550999', createdAt: 3 }));
      await store.insertHold(hold({ id: 'h4', status: 'released', createdAt: 4 }));
      expect((await store.listHolds({ phone: '+12025550123', status: 'active' })).map((h) => h.id)).toEqual(['h1', 'h2']);
      expect((await store.listHolds({ sku: 'B' })).map((h) => h.id)).toEqual(['h2']);
      expect((await store.listHolds({ status: 'active', expiresBefore: 60 })).map((h) => h.id)).toEqual(['h2']);
      await store.extendHolds('+12025550123', 500);
      expect((await store.listHolds({ expiresBefore: 499 })).map((h) => h.id)).toEqual(['h3', 'h4']);
    });

    it('links platform identities to phone numbers', async () => {
      expect(await store.getIdentity('telegram:42')).toBeUndefined();
      await store.putIdentity('telegram:42', '+12025550123');
      await store.putIdentity('telegram:42', '+12025550124');
      expect(await store.getIdentity('telegram:42')).toBe('+12025550124');
    });

    it('keeps customers', async () => {
      await store.putCustomer({ phone: '+12025550123', name: 'Ana', createdAt: 1 });
      expect(await store.getCustomer('+12025550123')).toEqual({ phone: '+12025550123', name: 'Ana', createdAt: 1 });
      expect(await store.getCustomer('+12025550124')).toBeUndefined();
    });

    it('saves conversations only against the version that was read', async () => {
      const conv: Conversation = { phone: '+12025550123', stage: 'menu', updatedAt: 1, version: 0 };
      expect(await store.saveConversation(conv)).toBe(true);
      expect(await store.saveConversation(conv)).toBe(false);
      const read = (await store.getConversation(conv.phone))!;
      expect(read.version).toBe(1);
      const [a, b] = await Promise.all([
        store.saveConversation({ ...read, stage: 'ordering' }),
        store.saveConversation({ ...read, stage: 'handoff' }),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      expect((await store.getConversation(conv.phone))!.version).toBe(2);
      expect(await store.listConversations({ stage: a ? 'ordering' : 'handoff' })).toHaveLength(1);
    });

    it('numbers orders and moves their status conditionally', async () => {
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

    it('claims a message id once and remembers its replies', async () => {
      const claims = await Promise.all([store.claimMessage('web:1'), store.claimMessage('web:1')]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.getReplies('web:1')).toBeUndefined();
      await store.saveReplies('web:1', [{ text: 'hi', options: ['a'] }]);
      expect(await store.getReplies('web:1')).toEqual([{ text: 'hi', options: ['a'] }]);
      await store.maintain(60_000);
      expect(await store.claimMessage('web:1')).toBe(false);
      await new Promise((r) => setTimeout(r, 5));
      await store.maintain(1);
      expect(await store.claimMessage('web:1')).toBe(true);
    });

    it('keeps every record through housekeeping of old history', async () => {
      await store.receiveStock('A', 10);
      for (let i = 0; i < 5; i += 1) await store.reserveStock('A', 1);
      await store.insertHold(hold());
      await store.transitionHold('h1', 'active', 'released');
      await new Promise((r) => setTimeout(r, 5));
      await store.maintain(1);
      expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 5, reserved: 5, sold: 0 });
      expect(await store.getHold('h1')).toMatchObject({ status: 'released' });
      expect(await store.reserveStock('A', 5)).toBe(true);
      expect(await store.getStock('A')).toMatchObject({ available: 0, reserved: 10 });
    });

    it('counts messages per channel in a time range, and keeps daily stats', async () => {
      await store.claimMessage('web:a', { channel: 'web', at: 1000 });
      await store.claimMessage('web:b', { channel: 'web', at: 1500 });
      await store.claimMessage('sms:c', { channel: 'sms', at: 1999 });
      await store.claimMessage('web:e', { channel: 'web', at: 2000 });
      await store.claimMessage('x:d');
      expect(await store.countMessages(1000, 2000)).toEqual({ web: 2, sms: 1 });
      expect(await store.countMessages(0, 1000)).toEqual({});
      await store.putDailyStats({ day: '2026-11-01', channels: { web: { messages: 3, orders: 1, revenueCents: 500 } }, newCustomers: 1 });
      await store.putDailyStats({ day: '2026-11-02', channels: {}, newCustomers: 0 });
      await store.putDailyStats({ day: '2026-11-01', channels: { web: { messages: 4, orders: 1, revenueCents: 500 } }, newCustomers: 2 });
      expect(await store.getDailyStats('2026-10-01', '2026-11-01')).toEqual([
        { day: '2026-11-01', channels: { web: { messages: 4, orders: 1, revenueCents: 500 } }, newCustomers: 2 },
      ]);
      expect((await store.getDailyStats('2026-11-01', '2026-11-30')).map((s) => s.day)).toEqual(['2026-11-01', '2026-11-02']);
      await store.putCustomer({ phone: '+12025550123', createdAt: 5 });
      expect(await store.listCustomers()).toEqual([{ phone: '+12025550123', createdAt: 5 }]);
    });

    it('returns copies, so callers cannot change stored records by accident', async () => {
      await store.insertHold(hold());
      const h = (await store.getHold('h1'))!;
      h.qty = 99;
      expect((await store.getHold('h1'))!.qty).toBe(2);
    });
  });
}
