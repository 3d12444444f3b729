// The stock counters, orders, sequences and verification codes as plain documents changed by one conditional
// update each (src/store/mongo/stock.ts, orders.ts, verifications.ts): races from several processes, retries,
// what an operator reads in mongosh, and the commands each step costs.
import { MongoClient, type Db } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/types';
import { MongoStore } from '../../src/store/mongo/mongo';
import { CODE_KEPT_MS } from '../../src/store/mongo/verifications';
import { APPLIED_KEPT } from '../../src/store/quantities';
import { order } from './contract/fixtures';
import { hasMongo, MONGO_URI } from './mongo-server';

const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => { for (const c of closers.reverse()) await c(); });

let n = 0;
/** `count` stores on one fresh database (each its own client, as separate processes are), and a raw client on it. */
async function fresh(count = 1, clock?: Clock): Promise<{ stores: MongoStore[]; store: MongoStore; db: Db; name: string }> {
  n += 1;
  const name = `grocer_counters_${process.pid}_${n}_${Date.now() % 100000}`;
  const stores = await Promise.all(Array.from({ length: count }, () => MongoStore.connect(MONGO_URI, name, clock ? { clock } : {})));
  const client = await MongoClient.connect(MONGO_URI);
  closers.push(...stores.map((s) => () => s.close()), () => client.close());
  return { stores, store: stores[0]!, db: client.db(name), name };
}

/** The commands `step` sends, by command and collection ("update stock"). */
async function commandsOf(store: MongoStore, step: () => Promise<unknown>): Promise<string[]> {
  const before = new Map(store.commands.byTarget());
  await step();
  return [...store.commands.byTarget()].flatMap(([k, v]) => Array<string>(v - (before.get(k) ?? 0)).fill(k));
}

const PHONE = '+12025550123';

describe.skipIf(!hasMongo)('MongoDB stock counters', () => {
  it('30 callers from 3 processes racing for the last 7 units: exactly 7 win, the counters exact', async () => {
    const { stores, store } = await fresh(3);
    await store.receiveStock('LAST', 7);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % 3]!.reserveStock('LAST', 1, `r${i}`)));
    expect(results.filter(Boolean)).toHaveLength(7);
    expect(await store.getStock('LAST')).toEqual({ sku: 'LAST', received: 7, available: 0, reserved: 7, sold: 0 });
  });

  it('a reservation retried 20 times at once, from 2 processes, reserves once and answers true to every try', async () => {
    const { stores, store } = await fresh(2);
    await store.receiveStock('A', 10);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2]!.reserveStock('A', 3, 'op-1')));
    expect(results).toEqual(Array(20).fill(true));
    expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 7, reserved: 3, sold: 0 });
    // Undone twice at once: once.
    await Promise.all([stores[0]!.unreserveStock('A', 3, 'op-1'), stores[1]!.unreserveStock('A', 3, 'op-1')]);
    expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 10, reserved: 0, sold: 0 });
  });

  it('a move retried 20 times at once with the same id moves once; every try answers the counters after it', async () => {
    const { stores, store } = await fresh(2);
    await store.receiveStock('A', 10);
    await store.reserveStock('A', 4);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2]!.moveStock('A', { reserved: -4, sold: 4 }, 'convert-h1')));
    const after = { sku: 'A', received: 10, available: 6, reserved: 0, sold: 4 };
    expect(results).toEqual(Array(20).fill(after));
    expect(await store.getStock('A')).toEqual(after);
  });

  it('moves without an id are each made: 40 at once from 2 processes', async () => {
    const { stores, store } = await fresh(2);
    await store.receiveStock('A', 40);
    await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2]!.moveStock('A', { available: -1, sold: 1 })));
    expect(await store.getStock('A')).toEqual({ sku: 'A', received: 40, available: 0, reserved: 0, sold: 40 });
  });

  it('refuses a negative receipt that would take available below zero, even when several race', async () => {
    const { stores, store } = await fresh(2);
    expect(await store.receiveStock('NEW', -1)).toBe(false);
    expect(await store.getStock('NEW')).toBeUndefined();
    await store.receiveStock('A', 5);
    await store.reserveStock('A', 2);
    expect(await store.receiveStock('A', -4)).toBe(false);
    const removed = await Promise.all(Array.from({ length: 6 }, (_, i) => stores[i % 2]!.receiveStock('A', -1)));
    expect(removed.filter(Boolean)).toHaveLength(3);
    expect(await store.getStock('A')).toEqual({ sku: 'A', received: 2, available: 0, reserved: 2, sold: 0 });
  });

  it('first receipts of a new product from 2 processes at once all count', async () => {
    const { stores, store } = await fresh(2);
    expect(await Promise.all(Array.from({ length: 10 }, (_, i) => stores[i % 2]!.receiveStock('NEW', 3)))).toEqual(Array(10).fill(true));
    expect(await store.getStock('NEW')).toEqual({ sku: 'NEW', received: 30, available: 30, reserved: 0, sold: 0 });
  });

  it('an operator reads a product\'s stock with one query, as plain counters with the recent move ids', async () => {
    const { store, db } = await fresh();
    await store.receiveStock('FRU-LIM', 10);
    await store.reserveStock('FRU-LIM', 3, 'hold-1');
    await store.moveStock('FRU-LIM', { reserved: -3, sold: 3 }, 'convert-1');
    expect(await db.collection('stock').findOne({ _id: 'FRU-LIM' } as never)).toEqual({
      _id: 'FRU-LIM', sku: 'FRU-LIM', received: 10, available: 7, reserved: 0, sold: 3, applied: ['hold-1', 'convert-1'],
    });
    expect((await db.listCollections().toArray()).map((c) => c.name)).not.toContain('stock_versions');
  });

  it(`remembers the ids of the last ${APPLIED_KEPT} moves only`, async () => {
    const { store, db } = await fresh();
    await store.receiveStock('A', APPLIED_KEPT + 10);
    for (let i = 0; i < APPLIED_KEPT + 10; i += 1) await store.moveStock('A', { available: -1, sold: 1 }, `m${i}`);
    const doc = await db.collection<{ applied: string[] }>('stock').findOne({ _id: 'A' } as never);
    expect(doc!.applied).toHaveLength(APPLIED_KEPT);
    expect(doc!.applied[0]).toBe('m10');
    // A retry of a remembered move changes nothing.
    expect(await store.moveStock('A', { available: -1, sold: 1 }, `m${APPLIED_KEPT + 9}`)).toMatchObject({ sold: APPLIED_KEPT + 10 });
  });

  it('a repair loses to a change made since its read, and rewrites the move ids with the counters', async () => {
    const { stores, store } = await fresh(2);
    await store.receiveStock('A', 10);
    await store.moveStock('A', { available: -2, sold: 2 }, 'm1');
    const seen = (await store.getStock('A'))!;
    await stores[1]!.reserveStock('A', 1);
    expect(await store.replaceStock(seen, { ...seen, available: 10, sold: 0 }, () => [])).toBe(false);
    const now = (await store.getStock('A'))!;
    expect(await store.replaceStock(now, { ...now, available: 9, sold: 0 }, (ids) => ids.filter((id) => id !== 'm1'))).toBe(true);
    expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 9, reserved: 1, sold: 0 });
    // m1 no longer counts as made, so its retry moves again.
    expect(await store.moveStock('A', { available: -2, sold: 2 }, 'm1')).toMatchObject({ available: 7, sold: 2 });
  });

  it('a reservation, a move and a receipt are one command each; a short reservation without an id too', async () => {
    const { store } = await fresh();
    await store.receiveStock('A', 10);
    expect(await commandsOf(store, () => store.reserveStock('A', 2, 'r1'))).toEqual(['findAndModify stock']);
    expect(await commandsOf(store, () => store.reserveStock('A', 2))).toEqual(['findAndModify stock']);
    expect(await commandsOf(store, () => store.reserveStock('A', 99))).toEqual(['findAndModify stock']);
    expect(await commandsOf(store, () => store.moveStock('A', { reserved: -2, sold: 2 }, 'm1'))).toEqual(['findAndModify stock']);
    expect(await commandsOf(store, () => store.unreserveStock('A', 2, 'r1'))).toEqual(['findAndModify stock']);
    expect(await commandsOf(store, () => store.receiveStock('A', 5))).toEqual(['update stock']);
    expect(await commandsOf(store, () => store.getStock('A'))).toEqual(['find stock']);
  });
});

describe.skipIf(!hasMongo)('MongoDB orders and sequences', () => {
  it('an order is one plain document by its id; inserting it is one command; there is no index of ids by phone', async () => {
    const { store, db } = await fresh();
    const placed = order({ id: 'ORD-1001', phone: PHONE, createdAt: 5 });
    expect(await commandsOf(store, () => store.insertOrder(placed))).toEqual(['insert orders']);
    expect(await db.collection('orders').findOne({ _id: 'ORD-1001' } as never)).toEqual({ _id: 'ORD-1001', ...placed });
    expect(await commandsOf(store, () => store.transitionOrder('ORD-1001', ['placed'], 'preparing', 6))).toEqual(['findAndModify orders']);
    // The first number of a sequence creates it; a process's next number is one guarded update.
    expect(await commandsOf(store, () => store.nextSequence('order'))).toEqual(['find sequences', 'insert sequences']);
    expect(await commandsOf(store, () => store.nextSequence('order'))).toEqual(['findAndModify sequences']);
    expect(await commandsOf(store, () => store.listOrders({ phone: PHONE }))).toEqual(['find orders']);
    const collections = (await db.listCollections().toArray()).map((c) => c.name);
    for (const gone of ['orders_by_phone', 'orders_versions', 'sequences_versions']) expect(collections).not.toContain(gone);
    expect((await db.collection('orders').indexes()).map((i) => i.key)).toContainEqual({ phone: 1, createdAt: 1 });
  });

  it('lists a customer\'s orders oldest first, whatever order they were written in, and by status', async () => {
    const { store } = await fresh();
    await store.insertOrder(order({ id: 'ORD-3', phone: PHONE, createdAt: 30 }));
    await store.insertOrder(order({ id: 'ORD-1', phone: PHONE, createdAt: 10 }));
    await store.insertOrder(order({ id: 'ORD-2b', phone: PHONE, createdAt: 20 }));
    await store.insertOrder(order({ id: 'ORD-2a', phone: PHONE, createdAt: 20 }));
    await store.insertOrder(order({ id: 'ORD-9', phone: '+12025550999', createdAt: 1 }));
    await store.transitionOrder('ORD-3', ['placed'], 'cancelled', 40);
    expect((await store.listOrders({ phone: PHONE })).map((o) => o.id)).toEqual(['ORD-1', 'ORD-2a', 'ORD-2b', 'ORD-3']);
    expect((await store.listOrders({ phone: PHONE, status: 'placed' })).map((o) => o.id)).toEqual(['ORD-1', 'ORD-2a', 'ORD-2b']);
    expect((await store.listOrders({ status: 'cancelled' })).map((o) => o.id)).toEqual(['ORD-3']);
    expect((await store.listOrders({})).map((o) => o.id)).toEqual(['ORD-9', 'ORD-1', 'ORD-2a', 'ORD-2b', 'ORD-3']);
  });

  it('of 10 transitions of one order from 2 processes at once, exactly one wins', async () => {
    const { stores, store } = await fresh(2);
    await store.insertOrder(order());
    const won = await Promise.all(Array.from({ length: 10 }, (_, i) => stores[i % 2]!.transitionOrder('ORD-1001', ['placed', 'preparing'], 'cancelled', i)));
    expect(won.filter((o) => o !== undefined)).toHaveLength(1);
    expect(await store.getOrder('ORD-1001')).toMatchObject({ status: 'cancelled' });
  });

  it('numbers 300 orders asked at once from 3 processes 1 to 300, each once, the first of a new sequence included', async () => {
    // An $inc read back gave one number twice here (mongo-java-server returned one document to two callers).
    const { stores } = await fresh(3);
    const seq = await Promise.all(Array.from({ length: 300 }, (_, i) => stores[i % 3]!.nextSequence('order')));
    expect([...seq].sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });
});

describe.skipIf(!hasMongo)('MongoDB verification codes', () => {
  const NOW = Date.UTC(2026, 10, 2, 10, 0, 0);
  const code = { phone: PHONE, codeHash: 'h', expiresAt: NOW + 10 * 60_000, attempts: 0, createdAt: NOW };

  it('of 10 checks at once from 2 processes that read the same count, exactly one counts', async () => {
    const { stores, store } = await fresh(2);
    await store.putVerification(code);
    for (const seen of [0, 1, 2]) {
      const won = await Promise.all(Array.from({ length: 10 }, (_, i) => stores[i % 2]!.countVerificationAttempt(PHONE, seen)));
      expect(won.filter(Boolean)).toHaveLength(1);
    }
    expect(await store.getVerification(PHONE)).toEqual({ ...code, attempts: 3 });
    expect(await commandsOf(store, () => store.countVerificationAttempt(PHONE, 3))).toEqual(['findAndModify verifications']);
  });

  it('keeps an expired code readable for a day (the web chat says "expired"), then no read sees it, TTL or not', async () => {
    const clock = { t: NOW, now() { return this.t; } };
    const { store, db } = await fresh(1, clock);
    await store.putVerification(code);
    expect(await db.collection('verifications').findOne({ _id: PHONE } as never)).toEqual({ _id: PHONE, ...code, expireAt: new Date(code.expiresAt + CODE_KEPT_MS) });
    const ttl = (await db.collection('verifications').indexes()).find((i) => i.name === 'expire_at');
    expect(ttl).toMatchObject({ key: { expireAt: 1 }, expireAfterSeconds: 0 });

    clock.t = code.expiresAt + 1;
    expect(await store.getVerification(PHONE)).toEqual(code);
    clock.t = code.expiresAt + CODE_KEPT_MS;
    // The test server runs no TTL monitor: the document is still there, and no read sees it.
    expect(await db.collection('verifications').countDocuments()).toBe(1);
    expect(await store.getVerification(PHONE)).toBeUndefined();
    expect(await store.countVerificationAttempt(PHONE, 0)).toBe(false);
    await store.maintain(48 * 60 * 60_000);
    expect(await db.collection('verifications').countDocuments()).toBe(0);
    // A new code for the phone is read as usual.
    await store.putVerification({ ...code, expiresAt: clock.t + 10 * 60_000 });
    expect(await store.getVerification(PHONE)).toMatchObject({ attempts: 0 });
  });
});
