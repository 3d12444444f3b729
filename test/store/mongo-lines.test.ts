import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import type { Hold } from '../../src/domain/types';
import { AuditTrail } from '../../src/audit/audit-trail';
import { Inventory } from '../../src/inventory/inventory';
import { reconcile } from '../../src/inventory/reconcile';
import { MongoStore } from '../../src/store/mongo/mongo';
import { openStore } from '../../src/store/open';
import { counterIds, expectInvariants, ManualClock, silentLog } from '../helpers';
import { hasMongo, MONGO_URI } from './mongo-server';

const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => { for (const c of closers.reverse()) await c(); });

const PHONE = '+12025550123';
const hold = (over: Partial<Hold> = {}): Hold => ({
  id: 'h1', phone: PHONE, sku: 'A', qty: 2, status: 'active', createdAt: 1, expiresAt: Date.now() + 3_600_000, ...over,
});

let n = 0;
/** A store on a fresh database, and a raw client on the same database to leave what a crash leaves. */
async function fresh() {
  n += 1;
  const name = `grocer_lines_${process.pid}_${n}_${Date.now() % 100000}`;
  const store = await MongoStore.connect(MONGO_URI, name);
  const client = await MongoClient.connect(MONGO_URI);
  closers.push(() => store.close(), () => client.close());
  const db = client.db(name);
  return { store, db, name };
}

function withDatabase(uri: string, name: string): string {
  const url = new URL(uri);
  url.pathname = `/${name}`;
  return url.toString();
}

describe.skipIf(!hasMongo)('MongoDB cart lines after a crash', () => {
  it('a hold whose write never happened leaves the line free: the line can be changed again', async () => {
    const { store } = await fresh();
    await store.upsertProduct({ sku: 'A', name: 'Apple', category: 'Fruit', unit: 'each', priceCents: 50, aliases: [] });
    await store.receiveStock('A', 10);
    expect(await store.getHold({ id: 'never-written', phone: PHONE })).toBeUndefined();
    const clock = new ManualClock(Date.now());
    const inventory = new Inventory({ store, clock, ids: counterIds('x'), holdMs: 30 * 60_000, audit: new AuditTrail({ store, clock }) });
    expect(await inventory.setLine(PHONE, 'A', 3)).toEqual({ ok: true, qty: 3, previous: 0 });
    expect(await inventory.setLine(PHONE, 'A', 5)).toEqual({ ok: true, qty: 5, previous: 3 });
    expect(await store.listHolds({ phone: PHONE, status: 'active' })).toMatchObject([{ sku: 'A', qty: 5 }]);
    await expectInvariants(store);
  });

  it('a change made by one process is seen by every other process at once', async () => {
    const { store, name } = await fresh();
    expect(await store.insertHold(hold())).toBe(true);
    const other = await MongoStore.connect(MONGO_URI, name);
    closers.push(() => other.close());
    expect(await other.transitionHold({ id: 'h1', phone: PHONE }, 'active', 'released')).toMatchObject({ status: 'released' });
    expect(await store.getHold({ id: 'h1', phone: PHONE })).toMatchObject({ status: 'released' });
    expect(await other.listHolds({ status: 'active' })).toEqual([]);
    expect(await other.insertHold(hold({ id: 'h2' }))).toBe(true);
    expect(await store.insertHold(hold({ id: 'h3' }))).toBe(false);
    expect((await store.listHolds({ phone: PHONE, status: 'active' })).map((h) => h.id)).toEqual(['h2']);
  });

  it('of many processes racing for one cart line, exactly one gets it', async () => {
    const { store, name } = await fresh();
    const others = await Promise.all([1, 2, 3].map(() => MongoStore.connect(MONGO_URI, name)));
    closers.push(...others.map((o) => () => o.close()));
    const all = [store, ...others];
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => all[i % all.length]!.insertHold(hold({ id: `r${i}` }))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.listHolds({ phone: PHONE, sku: 'A', status: 'active' })).toHaveLength(1);
  });

  it('a converted hold going back to active cannot share its line with a newer hold', async () => {
    const { store } = await fresh();
    await store.insertHold(hold());
    await store.transitionHold({ id: 'h1', phone: PHONE }, 'active', 'converted', { orderId: 'ORD-1' });
    const [back, fresher] = await Promise.all([store.transitionHold({ id: 'h1', phone: PHONE }, 'converted', 'active'), store.insertHold(hold({ id: 'h2' }))]);
    expect([back !== undefined, fresher].filter(Boolean).length).toBe(1);
    expect((await store.listHolds({ phone: PHONE, sku: 'A', status: 'active' })).length).toBe(1);
  });

  it('the reconciler finds no claims to free: a cart line is part of its customer\'s record', async () => {
    const { store } = await fresh();
    await store.insertHold(hold({ id: 'live', sku: 'B' }));
    const report = await reconcile(store, new ManualClock(), silentLog, { settleMs: 10, orphanGraceMs: 60_000 });
    expect(report.freedLines).toBe(0);
    expect(await store.insertHold(hold({ id: 'other', sku: 'B' }))).toBe(false);
    expect(await store.insertHold(hold({ id: 'a1', sku: 'A' }))).toBe(true);
  });
});

describe.skipIf(!hasMongo)('MongoDB database name', () => {
  it('writes to the database MONGODB_URI names, or MONGODB_DB, or grocer when neither names one', async () => {
    const tag = `${process.pid}_${Date.now() % 100000}`;
    const client = await MongoClient.connect(MONGO_URI);
    closers.push(() => client.close());
    const skuIn = async (db: string, sku: string) => (await client.db(db).collection('products').countDocuments({ _id: sku } as never)) > 0;
    const put = async (config: { MONGODB_URI: string; MONGODB_DB?: string }, sku: string) => {
      const store = await openStore(config);
      await store.upsertProduct({ sku, name: sku, category: 'Test', unit: 'each', priceCents: 1, aliases: [] });
      await store.close();
    };

    await put({ MONGODB_URI: withDatabase(MONGO_URI, `probe_${tag}`) }, `P1_${tag}`);
    await put({ MONGODB_URI: withDatabase(MONGO_URI, `probe2_${tag}`) }, `P2_${tag}`);
    await put({ MONGODB_URI: withDatabase(MONGO_URI, `probe2_${tag}`), MONGODB_DB: `override_${tag}` }, `P3_${tag}`);
    await put({ MONGODB_URI: withDatabase(MONGO_URI, '') }, `P4_${tag}`);

    expect(await skuIn(`probe_${tag}`, `P1_${tag}`)).toBe(true);
    expect(await skuIn(`probe2_${tag}`, `P2_${tag}`)).toBe(true);
    expect(await skuIn(`probe_${tag}`, `P2_${tag}`)).toBe(false);
    expect(await skuIn(`override_${tag}`, `P3_${tag}`)).toBe(true);
    expect(await skuIn(`probe2_${tag}`, `P3_${tag}`)).toBe(false);
    expect(await skuIn('grocer', `P4_${tag}`)).toBe(true);
    for (const sku of [`P1_${tag}`, `P2_${tag}`, `P3_${tag}`]) expect(await skuIn('grocer', sku)).toBe(false);
    await client.db('grocer').collection('products').deleteOne({ _id: `P4_${tag}` } as never);
  });
});
