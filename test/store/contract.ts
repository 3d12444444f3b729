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
      expect(await store.replaceStock({ ...now, sold: 99 }, { ...now, reserved: 2, available: 4 })).toBe(false);
      expect(await store.replaceStock(now, { ...now, reserved: 2, available: 4 })).toBe(true);
      expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 4, reserved: 2, sold: 4 });
    });

    it('makes a move or a reservation with an id at most once, and a repair decides which ids count as made', async () => {
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

    it("converts one phone's holds all at once, or none when one of them is no longer active", async () => {
      await store.insertHold(hold({ id: 'h1' }));
      await store.insertHold(hold({ id: 'h2', sku: 'B' }));
      await store.insertHold(hold({ id: 'h3', sku: 'C' }));
      await store.transitionHold('h3', 'active', 'released');
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
      // With a maximum age, each hold stops at its own createdAt + maxAgeMs.
      await store.extendHolds('+12025550123', 900, 300);
      expect(Object.fromEntries((await store.listHolds({ phone: '+12025550123', status: 'active' })).map((h) => [h.id, h.expiresAt]))).toEqual({ h1: 301, h2: 302 });
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

    it('starts a message record once, pending, and finishes it once with its replies', async () => {
      const rec = { key: 'web:+12025550123:m1', phone: '+12025550123', channel: 'web' as const, at: 1000 };
      expect(await store.getMessage(rec.key)).toBeUndefined();
      expect(await store.startMessage(rec)).toEqual({ record: { ...rec, state: 'pending' }, created: true });
      expect(await store.startMessage({ ...rec, at: 2000 })).toEqual({ record: { ...rec, state: 'pending' }, created: false });
      await store.finishMessage(rec.key, [{ key: 'welcome_new', text: 'hi', options: [{ id: 'a', label: 'A' }] }]);
      await store.finishMessage(rec.key, [{ key: 'welcome_new', text: 'a second finish changes nothing' }]);
      const done = { ...rec, state: 'done', replies: [{ key: 'welcome_new', text: 'hi', options: [{ id: 'a', label: 'A' }] }] };
      expect(await store.getMessage(rec.key)).toEqual(done);
      expect(await store.startMessage(rec)).toEqual({ record: done, created: false });
      await store.finishMessage('web:+12025550123:never-started', []);
      expect(await store.getMessage('web:+12025550123:never-started')).toBeUndefined();
    });

    it('creates a message record exactly once when many start it at the same moment', async () => {
      const rec = { key: 'sms:+12025550123:race', phone: '+12025550123', channel: 'sms' as const, at: 1000 };
      const results = await Promise.all(Array.from({ length: 12 }, () => store.startMessage(rec)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      results.forEach((r) => expect(r.record).toEqual({ ...rec, state: 'pending' }));
      expect(await store.countMessages(0, 2000)).toEqual({ sms: 1 });
    });

    it('forgets message records older than the housekeeping cutoff', async () => {
      const rec = { key: 'web:+12025550123:old', phone: '+12025550123', channel: 'web' as const, at: Date.now() - 10_000 };
      await store.startMessage(rec);
      await store.maintain(60_000);
      expect((await store.startMessage(rec)).created).toBe(false);
      await store.maintain(5_000);
      expect(await store.getMessage(rec.key)).toBeUndefined();
      expect((await store.startMessage(rec)).created).toBe(true);
    });

    it('forgets an old message record but keeps the transcript it carried', async () => {
      const at = Date.now() - 10_000;
      const rec = { key: 'web:+12025550123:said', phone: '+12025550123', channel: 'web' as const, at };
      await store.startMessage(rec);
      const entry = (id: string, from: 'customer' | 'bot', text: string) => ({ id: `${rec.key}#${id}`, phone: rec.phone, channel: rec.channel, at, from, text });
      await store.finishMessage(rec.key, [{ key: 'welcome_new', text: 'Hello!' }], [entry('in00', 'customer', 'hi'), entry('out00', 'bot', 'Hello!')]);
      await store.maintain(5_000);
      expect(await store.getMessage(rec.key)).toBeUndefined();
      expect((await store.listTranscript(rec.phone)).map((e) => e.text)).toEqual(['hi', 'Hello!']);
    });

    it('keeps one state per phone and channel', async () => {
      expect(await store.getChannelStates('+12025550123')).toEqual([]);
      await store.putChannelState({ phone: '+12025550123', channel: 'sms', optedOutAt: 5, updatedAt: 5 });
      await store.putChannelState({ phone: '+12025550123', channel: 'telegram', unreachable: { reason: 'blocked', at: 6 }, updatedAt: 6 });
      await store.putChannelState({ phone: '+12025550999', channel: 'sms', optedOutAt: 7, updatedAt: 7 });
      await store.putChannelState({ phone: '+12025550123', channel: 'sms', updatedAt: 8 });
      const states = await store.getChannelStates('+12025550123');
      expect(states.sort((a, b) => a.updatedAt - b.updatedAt)).toEqual([
        { phone: '+12025550123', channel: 'telegram', unreachable: { reason: 'blocked', at: 6 }, updatedAt: 6 },
        { phone: '+12025550123', channel: 'sms', updatedAt: 8 },
      ]);
      expect(await store.getChannelState('+12025550999', 'sms')).toEqual({ phone: '+12025550999', channel: 'sms', optedOutAt: 7, updatedAt: 7 });
      expect(await store.getChannelState('+12025550999', 'whatsapp')).toBeUndefined();
      await store.putChannelState({ phone: '+12025550999', channel: 'web', signedOutAt: 9, updatedAt: 9 });
      expect(await store.getChannelState('+12025550999', 'web')).toMatchObject({ signedOutAt: 9 });
    });

    it('keeps deliveries by id and lists a phone’s newest first', async () => {
      const d = (id: string, createdAt: number, phone = '+12025550123') => ({
        id, phone, channel: 'sms' as const, status: 'queued' as const, attempts: 0, createdAt, updatedAt: createdAt,
      });
      expect(await store.getDelivery('d1')).toBeUndefined();
      await store.putDelivery(d('d1', 10));
      await store.putDelivery(d('d2', 30));
      await store.putDelivery(d('d3', 20));
      await store.putDelivery(d('d4', 40, '+12025550999'));
      await store.putDelivery({ ...d('d1', 10), status: 'failed', errorCode: '21610', attempts: 1, updatedAt: 50 });
      expect(await store.getDelivery('d1')).toEqual({ ...d('d1', 10), status: 'failed', errorCode: '21610', attempts: 1, updatedAt: 50 });
      expect((await store.listDeliveries('+12025550123')).map((x) => x.id)).toEqual(['d2', 'd3', 'd1']);
      expect((await store.listDeliveries('+12025550123', 2)).map((x) => x.id)).toEqual(['d2', 'd3']);
      expect(await store.listDeliveries('+12025550000')).toEqual([]);
    });

    it('keeps one verification code per phone and counts each attempt once, however many race', async () => {
      const v = { phone: '+12025550123', codeHash: 'h1', expiresAt: 600_000, attempts: 0, createdAt: 1 };
      expect(await store.getVerification(v.phone)).toBeUndefined();
      expect(await store.countVerificationAttempt(v.phone, 0)).toBe(false);
      await store.putVerification(v);
      expect(await store.getVerification(v.phone)).toEqual(v);
      const raced = await Promise.all(Array.from({ length: 8 }, () => store.countVerificationAttempt(v.phone, 0)));
      expect(raced.filter(Boolean)).toHaveLength(1);
      expect(await store.countVerificationAttempt(v.phone, 0)).toBe(false);
      expect(await store.countVerificationAttempt(v.phone, 1)).toBe(true);
      expect(await store.getVerification(v.phone)).toEqual({ ...v, attempts: 2 });
      await store.putVerification({ ...v, codeHash: 'h2', createdAt: 2 });
      expect(await store.getVerification(v.phone)).toEqual({ ...v, codeHash: 'h2', createdAt: 2 });
      expect(await store.countVerificationAttempt(v.phone, 0)).toBe(true);
      await store.deleteVerification(v.phone);
      expect(await store.getVerification(v.phone)).toBeUndefined();
      expect(await store.countVerificationAttempt(v.phone, 1)).toBe(false);
      await store.deleteVerification(v.phone);
      await store.putVerification(v);
      expect(await store.getVerification(v.phone)).toEqual(v);
    });

    it('records the message that last set a cart line, and the message that placed an order', async () => {
      await store.insertHold(hold({ opKey: 'web:+12025550123:m1' }));
      expect(await store.getHold('h1')).toMatchObject({ opKey: 'web:+12025550123:m1' });
      expect(await store.setHoldQty('h1', 2, 3)).toBe(true);
      expect(await store.getHold('h1')).toMatchObject({ qty: 3, opKey: 'web:+12025550123:m1' });
      expect(await store.setHoldQty('h1', 3, 4, 'web:+12025550123:m2')).toBe(true);
      expect(await store.getHold('h1')).toMatchObject({ qty: 4, opKey: 'web:+12025550123:m2' });
      expect(await store.setHoldQty('h1', 3, 5, 'web:+12025550123:m3')).toBe(false);
      expect((await store.getHold('h1'))!.opKey).toBe('web:+12025550123:m2');
      await store.insertOrder(order({ messageKey: 'web:+12025550123:yes' }));
      expect(await store.getOrder('ORD-1001')).toMatchObject({ messageKey: 'web:+12025550123:yes' });
      expect((await store.listOrders({ phone: '+12025550123' }))[0]!.messageKey).toBe('web:+12025550123:yes');
    });

    it('refuses quantities that are not whole numbers, and holds or reservations that are not positive', async () => {
      await store.receiveStock('A', 10);
      await store.insertHold(hold({ qty: 2 }));
      for (const bad of [Number.NaN, Infinity, -Infinity, 1.5, 2 ** 60]) {
        await expect(store.receiveStock('A', bad)).rejects.toThrow(RangeError);
        await expect(store.reserveStock('A', bad)).rejects.toThrow(RangeError);
        await expect(store.moveStock('A', { available: bad, reserved: -bad })).rejects.toThrow(RangeError);
        await expect(store.insertHold(hold({ id: `bad-${bad}`, sku: 'B', qty: bad }))).rejects.toThrow(RangeError);
        await expect(store.setHoldQty('h1', 2, bad)).rejects.toThrow(RangeError);
        await expect(store.replaceStock({ sku: 'A', received: 10, available: 8, reserved: 2, sold: 0 },
          { sku: 'A', received: 10, available: bad, reserved: 2, sold: 0 })).rejects.toThrow(RangeError);
      }
      for (const notPositive of [0, -3]) {
        await expect(store.reserveStock('A', notPositive)).rejects.toThrow(RangeError);
        await expect(store.insertHold(hold({ id: `np-${notPositive}`, sku: 'B', qty: notPositive }))).rejects.toThrow(RangeError);
        await expect(store.setHoldQty('h1', 2, notPositive)).rejects.toThrow(RangeError);
      }
      await expect(store.moveStock('A', { available: 1 })).rejects.toThrow(RangeError);
      await expect(store.replaceStock({ sku: 'A', received: 10, available: 8, reserved: 2, sold: 0 },
        { sku: 'A', received: 10, available: 12, reserved: -2, sold: 0 })).rejects.toThrow(RangeError);
      expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 10, reserved: 0, sold: 0 });
      expect(await store.getHold('h1')).toMatchObject({ qty: 2, status: 'active' });
      expect(await store.listHolds({ sku: 'B' })).toEqual([]);
      expect(await store.receiveStock('A', -4)).toBe(true);
      expect(await store.receiveStock('A', 0)).toBe(true);
    });

    it('lets one of many concurrent holds for the same cart line in', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.insertHold(hold({ id: `c${i}` }))));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.listHolds({ phone: '+12025550123', sku: 'A', status: 'active' })).toHaveLength(1);
      expect(await store.repairCartLines()).toBe(0);
    });

    it('finds holds by order, and holds of any status by phone', async () => {
      await store.insertHold(hold({ id: 'h1' }));
      await store.insertHold(hold({ id: 'h2', sku: 'B', createdAt: 2 }));
      await store.transitionHold('h1', 'active', 'converted', { orderId: 'ORD-1' });
      await store.transitionHold('h2', 'active', 'expired');
      expect((await store.listHolds({ orderId: 'ORD-1' })).map((h) => h.id)).toEqual(['h1']);
      expect((await store.listHolds({ orderId: 'ORD-1', status: 'converted' })).map((h) => h.id)).toEqual(['h1']);
      expect((await store.listHolds({ phone: '+12025550123' })).map((h) => h.id)).toEqual(['h1', 'h2']);
      expect((await store.listHolds({ phone: '+12025550123', status: 'expired' })).map((h) => h.id)).toEqual(['h2']);
      expect(await store.transitionHold('h1', 'converted', 'active')).toMatchObject({ status: 'active', orderId: 'ORD-1' });
      expect((await store.listHolds({ phone: '+12025550123', sku: 'A', status: 'active' })).map((h) => h.id)).toEqual(['h1']);
      expect(await store.insertHold(hold({ id: 'h3' }))).toBe(false);
    });

    it('keeps every record through housekeeping of old history', async () => {
      await store.receiveStock('A', 10);
      for (let i = 0; i < 5; i += 1) await store.reserveStock('A', 1);
      // Finished this minute: younger than any cutoff, so every adapter keeps it.
      await store.insertHold(hold({ createdAt: Date.now(), expiresAt: Date.now() + 60_000 }));
      await store.transitionHold('h1', 'active', 'released');
      await store.insertHold(hold({ id: 'h2', sku: 'B', createdAt: 1, expiresAt: 100 }));
      await store.transitionHold('h2', 'active', 'converted', { orderId: 'ORD-1' });
      await new Promise((r) => setTimeout(r, 5));
      await store.maintain(1);
      expect(await store.getHold('h2')).toMatchObject({ status: 'converted', orderId: 'ORD-1' });
      expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 5, reserved: 5, sold: 0 });
      expect(await store.getHold('h1')).toMatchObject({ status: 'released' });
      expect(await store.reserveStock('A', 5)).toBe(true);
      expect(await store.getStock('A')).toMatchObject({ available: 0, reserved: 10 });
    });

    it('counts messages per channel in a time range, and keeps daily stats', async () => {
      const start = (key: string, channel: 'web' | 'sms', at: number) => store.startMessage({ key, phone: '+12025550123', channel, at });
      await start('web:a', 'web', 1000);
      await start('web:b', 'web', 1500);
      await start('sms:c', 'sms', 1999);
      await start('web:e', 'web', 2000);
      await start('web:a', 'web', 1001);
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

    it('keeps a phone\'s transcript oldest first, the last ones when limited, and forgets old entries', async () => {
      const entry = (id: string, phone: string, at: number, from: 'customer' | 'bot' | 'staff' = 'customer') =>
        ({ id, phone, at, from, channel: 'whatsapp' as const, text: `message ${id}` });
      await store.appendTranscript([entry('t1', '+12025550123', 100)]);
      await store.appendTranscript([entry('t2', '+12025550123', 200, 'bot')]);
      await store.appendTranscript([entry('t3', '+12025550124', 250)]);
      await store.appendTranscript([entry('t4', '+12025550123', 300, 'staff')]);
      expect(await store.listTranscript('+12025550123')).toEqual([
        entry('t1', '+12025550123', 100), entry('t2', '+12025550123', 200, 'bot'), entry('t4', '+12025550123', 300, 'staff'),
      ]);
      expect((await store.listTranscript('+12025550123', 2)).map((e) => e.id)).toEqual(['t2', 't4']);
      expect(await store.listTranscript('+12025550199')).toEqual([]);
      expect(await store.pruneTranscripts(250)).toBe(2);
      expect((await store.listTranscript('+12025550123')).map((e) => e.id)).toEqual(['t4']);
      expect((await store.listTranscript('+12025550124')).map((e) => e.id)).toEqual(['t3']);
      expect(await store.pruneTranscripts(250)).toBe(0);
    });

    it('keeps the entries of one call in order, and an entry already kept (same id) once, with the others of its call', async () => {
      const entry = (id: string, at: number) => ({ id, phone: '+12025550130', at, from: 'bot' as const, channel: 'sms' as const, text: `reply ${id}` });
      await store.appendTranscript([entry('r1', 10), entry('r2', 11)]);
      await store.appendTranscript([entry('r2', 11), entry('r3', 12)]);
      await store.appendTranscript([]);
      expect((await store.listTranscript('+12025550130')).map((e) => e.id)).toEqual(['r1', 'r2', 'r3']);
    });

    it('keeps the transcript entries given with finishing a message, read back with those appended alone, and forgets them', async () => {
      const phone = '+12025550140';
      const entry = (id: string, at: number, from: 'customer' | 'bot' = 'bot') => ({ id, phone, at, from, channel: 'sms' as const, text: `text ${id}` });
      await store.appendTranscript([entry('a1', 10)]);
      await store.startMessage({ key: 'sms:m1', phone, channel: 'sms', at: 15 });
      await store.finishMessage('sms:m1', [{ key: 'welcome_new', text: 'hi' }], [entry('m1#in00', 20, 'customer'), entry('m1#out00', 21)]);
      // A retry finishing again keeps the first record and entries; one appended alone too is listed once.
      await store.finishMessage('sms:m1', [{ key: 'welcome_new', text: 'hi again' }], [entry('m1#in00', 30, 'customer')]);
      await store.appendTranscript([entry('m1#in00', 20, 'customer'), entry('a2', 40)]);
      expect((await store.getMessage('sms:m1'))?.replies).toEqual([{ key: 'welcome_new', text: 'hi' }]);
      expect(await store.listTranscript(phone)).toEqual([entry('a1', 10), entry('m1#in00', 20, 'customer'), entry('m1#out00', 21), entry('a2', 40)]);
      expect((await store.listTranscript(phone, 2)).map((e) => e.id)).toEqual(['m1#out00', 'a2']);
      expect(await store.pruneTranscripts(25)).toBeGreaterThanOrEqual(3);
      expect((await store.listTranscript(phone)).map((e) => e.id)).toEqual(['a2']);
      expect((await store.startMessage({ key: 'sms:m1', phone, channel: 'sms', at: 50 })).record.state).toBe('done');
    });

    it('replaces the whole set of promotions', async () => {
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

    it('lists audit entries newest first, of one SKU or all, at most the limit', async () => {
      const entry = (id: string, sku: string, at: number) => ({
        id, at, sku, by: { kind: 'order' as const, orderId: 'ORD-1001' }, what: 'stock' as const, reason: 'checkout',
        before: { reserved: 2, sold: 0 }, after: { reserved: 0, sold: 2 },
      });
      await store.appendAudit(entry('a1', 'A', 100));
      await store.appendAudit(entry('a2', 'B', 200));
      // Several in one call (a checkout's lines); same instant: the later write (higher id) first.
      await store.appendAudit([entry('a3', 'A', 300), entry('a4', 'A', 300)]);
      await store.appendAudit([]);
      expect((await store.listAudit({})).map((e) => e.id)).toEqual(['a4', 'a3', 'a2', 'a1']);
      expect((await store.listAudit({ sku: 'A' })).map((e) => e.id)).toEqual(['a4', 'a3', 'a1']);
      expect((await store.listAudit({ sku: 'A', limit: 2 })).map((e) => e.id)).toEqual(['a4', 'a3']);
      expect(await store.listAudit({ sku: 'C' })).toEqual([]);
      expect((await store.listAudit({ sku: 'B' }))[0]).toEqual(entry('a2', 'B', 200));
    });

    it('lets exactly one of many claim a flag, until it is cleared', async () => {
      const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => store.claimFlag('low-stock:A', i)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.claimFlag('low-stock:A', 10)).toBe(false);
      expect(await store.claimFlag('low-stock:B', 10)).toBe(true);
      await store.clearFlag('low-stock:A');
      await store.clearFlag('low-stock:never-set');
      expect(await store.claimFlag('low-stock:A', 11)).toBe(true);
      expect(await store.claimFlag('low-stock:B', 11)).toBe(false);
    });

    it('returns copies, so callers cannot change stored records by accident', async () => {
      await store.insertHold(hold());
      const h = (await store.getHold('h1'))!;
      h.qty = 99;
      expect((await store.getHold('h1'))!.qty).toBe(2);
    });
  });
}
