import { execFileSync } from 'node:child_process';
import { MongoClient, type Db, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hold } from '../../src/domain/types';
import { assertCurrentLayout } from '../../src/store/mongo/migrate/check';
import { ENTRIES_KEPT, MESSAGE_KEPT_MS } from '../../src/store/mongo/migrate/messages';
import { collectionNames } from '../../src/store/mongo/migrate/old-layout';
import { LAYOUT_MIGRATION, migrate, STEPS } from '../../src/store/mongo/migrate/run';
import { MongoStore } from '../../src/store/mongo/mongo';
import { OrderRecords } from '../../src/store/mongo/orders';
import { StockCounters } from '../../src/store/mongo/stock';
import { CODE_KEPT_MS, VerificationCodes } from '../../src/store/mongo/verifications';
import { MongoStore as VersionedStore } from '../fixtures/versioned-adapter/mongo';
import { Versioned } from '../fixtures/versioned-adapter/versioned';
import { ManualClock } from '../helpers';
import { hasMongo, MONGO_URI } from './mongo-server';
import { ANA, ANA_VERSIONS, BEN, CLEO, DAN, EVE, ORDERS, writeVersionedShop } from './versioned-shop';

/** A document as mongosh shows it: every _id of these layouts is a string. */
type Raw = { _id: string } & Document;

let client: MongoClient;
let n = 0;
const freshName = (label: string) => `grocer_migrate_${label}_${process.pid}_${++n}_${Date.now() % 100000}`;

/** Every collection's indexes and documents (the migration marker's time left out): what "changes nothing" compares. */
async function dump(db: Db): Promise<Record<string, { indexes: unknown[]; docs: Raw[] }>> {
  const out: Record<string, { indexes: unknown[]; docs: Raw[] }> = {};
  for (const name of (await collectionNames(db)).sort()) {
    const collection = db.collection<Raw>(name);
    const indexes = (await collection.listIndexes().toArray()).map((i) => [i.name, i.key]).sort();
    const docs = (await collection.find({}).sort({ _id: 1 }).toArray())
      .map((d) => (name === 'migrations' && d._id === LAYOUT_MIGRATION ? { ...d, at: 0 } : d));
    out[name] = { indexes, docs };
  }
  return out;
}

const RETIRED = ['carts', 'conversations', 'channel_states', 'hold_owners', 'orders_by_phone', 'leases'];

describe.skipIf(!hasMongo)('npm run migrate: the versioned layout into plain documents', () => {
  let db: Db;
  let before: Awaited<ReturnType<typeof dump>>;

  beforeAll(async () => {
    client = await MongoClient.connect(MONGO_URI);
    const name = freshName('shop');
    await writeVersionedShop(MONGO_URI, name);
    db = client.db(name);
    before = await dump(db);
  });
  afterAll(async () => { await client?.close(); });

  it('the database written by the old adapter has lagging heads and keeps the new adapter out', async () => {
    // The walk forward from a head is part of what is converted: these heads are behind their newest version.
    expect((await db.collection<Raw>('conversations').findOne({ _id: ANA }))?.v).toBe(8);
    expect(await db.collection<Raw>('conversations_versions').findOne({ _id: `${ANA}#${ANA_VERSIONS}` })).not.toBeNull();
    expect((await db.collection<Raw>('sequences').findOne({ _id: 'order' }))?.v).toBe(8);
    expect((await db.collection<Raw>('verifications').findOne({ _id: DAN }))?.v).toBe(8);
    await expect(assertCurrentLayout(db)).rejects.toThrow(/npm run migrate/);
    await expect(MongoStore.connect(MONGO_URI, db.databaseName)).rejects.toThrow(/npm run migrate/);
  });

  it('runs as `npm run migrate` on MONGODB_URI / MONGODB_DB and prints what it converted', () => {
    const printed = execFileSync('npm', ['run', '--silent', 'migrate'], {
      env: { ...process.env, MONGODB_URI: MONGO_URI, MONGODB_DB: db.databaseName }, encoding: 'utf8', timeout: 60_000,
    });
    expect(printed).toContain(`Migrating database "${db.databaseName}"`);
    expect(printed).toContain('stock: 3 converted, 0 deleted, 0 already converted');
    expect(printed).toContain(`orders: ${ORDERS} converted`);
    expect(printed).toContain('verifications: 1 converted, 1 deleted');
    expect(printed).toContain('customers: 3 documents, 3 conversations, 13 holds, 1 channel states, 1 phone indexes dropped');
    expect(printed).toContain("messages: 4 into their customer's document, 0 left in the archive, 0 given expireAt, 1 unfinished noted as begun");
    expect(printed).toMatch(/dropped: .*carts.*stock_versions/);
  });

  it('leaves only the new layout: the new adapter may start', async () => {
    const names = await collectionNames(db);
    expect(names.filter((c) => c.endsWith('_versions') || RETIRED.includes(c))).toEqual([]);
    await expect(assertCurrentLayout(db)).resolves.toBeUndefined();
    expect(await db.collection<Raw>('migrations').findOne({ _id: LAYOUT_MIGRATION })).toMatchObject({ at: expect.any(Number) });
  });

  it('stock: one document per SKU with its counters, the sum invariant and the holds agreeing', async () => {
    const stock = db.collection<Raw>('stock');
    expect(await stock.findOne({ _id: 'apple' })).toMatchObject({ sku: 'apple', received: 40, available: 26, reserved: 4, sold: ORDERS });
    expect(await stock.findOne({ _id: 'milk' })).toMatchObject({ sku: 'milk', received: 10, available: 8, reserved: 2, sold: 0 });
    const bread = await stock.findOne({ _id: 'bread' });
    expect(bread).toMatchObject({ sku: 'bread', received: 5, available: 5, reserved: 0, sold: 0 });
    expect(bread?.applied).not.toContain('h-ana-bread');
    const holds = (await db.collection<Raw>('customers').find({}).toArray()).flatMap((c) => (c.holds ?? []) as Hold[]);
    for (const s of await stock.find({}).toArray()) {
      expect(Object.keys(s).sort()).toEqual(['_id', 'applied', 'available', 'received', 'reserved', 'sku', 'sold']);
      expect(s.available + s.reserved + s.sold, s.sku).toBe(s.received);
      const sum = (status: string) => holds.filter((h) => h.sku === s._id && h.status === status).reduce((q, h) => q + h.qty, 0);
      expect(s.reserved, `${s.sku} reserved`).toBe(sum('active'));
      expect(s.sold, `${s.sku} sold`).toBe(sum('converted'));
    }
    expect((await stock.findOne({ _id: 'apple' }))?.applied).toEqual(expect.arrayContaining(['h-ana-apple', 'msg-ana-4-apples', `sold-h-ben-${ORDERS}`]));
  });

  it('customers: one document each with name, conversation at its newest version, cart and channel states', async () => {
    const customers = db.collection<Raw>('customers');
    const ana = await customers.findOne({ _id: ANA });
    expect(ana).toMatchObject({ phone: ANA, name: 'Ana', address: '12 Main Street', registeredAt: expect.any(Number), lastChannel: 'web' });
    expect(ana?.conversation).toMatchObject({ phone: ANA, stage: 'ordering', version: ANA_VERSIONS, lastSku: 'apple' });
    expect((ana?.holds as Hold[]).map((h) => [h.id, h.status, h.qty])).toEqual([
      ['h-ana-apple', 'active', 4], ['h-ana-milk', 'active', 2], ['h-ana-bread', 'released', 1],
    ]);
    expect((ana?.holds as Hold[])[0]?.opKey).toBe('msg-ana-4-apples');
    expect(ana?.channelStates).toEqual({ sms: { phone: ANA, channel: 'sms', optedOutAt: expect.any(Number), updatedAt: expect.any(Number) } });
    expect(ana).not.toHaveProperty('lease');

    const ben = await customers.findOne({ _id: BEN });
    expect(ben?.conversation).toMatchObject({ stage: 'placed', version: ORDERS + 1 });
    expect((ben?.holds as Hold[]).map((h) => [h.status, h.orderId])).toEqual(
      Array.from({ length: ORDERS }, (_, i) => ['converted', `ORD-${1001 + i}`]),
    );

    const cleo = await customers.findOne({ _id: CLEO });
    expect(cleo).toMatchObject({ phone: CLEO, name: 'Cleo', createdAt: expect.any(Number) });
    expect(cleo).not.toHaveProperty('registeredAt');
    expect(cleo?.conversation).toMatchObject({ stage: 'registration_address', asking: { kind: 'address' }, version: 2 });
    expect(await customers.countDocuments({})).toBe(3);
    // The phone is the _id: the old unique index on `phone` would refuse a second document made before its customer record.
    expect((await customers.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('orders: plain documents with their lines and newest status; the order number sequence continues', async () => {
    const orders = db.collection<Raw>('orders');
    // The old unique index on `d.id` would refuse every plain order after the first (none has `d.id`).
    expect((await orders.indexes()).map((i) => i.name)).not.toContain('order_number_unique');
    expect(await orders.countDocuments({})).toBe(ORDERS);
    const first = await orders.findOne({ _id: 'ORD-1001' });
    expect(first).toMatchObject({ id: 'ORD-1001', phone: BEN, status: 'delivered', totalCents: 450, holdIds: ['h-ben-1'] });
    expect(first?.lines).toEqual([{ sku: 'apple', name: 'Apples', unit: 'each', qty: 1, unitPriceCents: 150, lineTotalCents: 150 }]);
    expect(await orders.findOne({ _id: `ORD-${1000 + ORDERS}` })).toMatchObject({ status: 'placed' });
    expect(await orders.countDocuments({ d: { $exists: true } })).toBe(0);
    expect((await orders.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);

    const sequences = db.collection<{ _id: string; seq: number }>('sequences');
    expect(await sequences.findOne({ _id: 'order' })).toEqual({ _id: 'order', seq: ORDERS });
    const next = await sequences.findOneAndUpdate({ _id: 'order' }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
    expect(`ORD-${1000 + next!.seq}`).toBe(`ORD-${1001 + ORDERS}`);
    expect(await orders.findOne({ _id: `ORD-${1000 + next!.seq}` })).toBeNull();
    await sequences.updateOne({ _id: 'order' }, { $inc: { seq: -1 } });
  });

  it('verifications: the live code by phone, kept a day past its expiry; a deleted code is gone', async () => {
    const verifications = db.collection<Raw>('verifications');
    const dan = await verifications.findOne({ _id: DAN });
    expect(dan).toMatchObject({ phone: DAN, codeHash: 'hash-dan', attempts: 9 });
    expect(dan?.expireAt).toEqual(new Date((dan?.expiresAt as number) + CODE_KEPT_MS));
    expect(await verifications.findOne({ _id: EVE })).toBeNull();
  });

  it('messages: the answered ones in their customer\'s document, where a turn finds a message it answered', async () => {
    const customers = db.collection<Raw>('customers');
    const entries = async (phone: string) => ((await customers.findOne({ _id: phone }))?.messages ?? []) as { key: string; transcript?: { text: string }[] }[];
    const ana = await entries(ANA);
    expect(ana.map((e) => e.key)).toEqual([`web:${ANA}:m1`, `web:${ANA}:m2`]);
    expect(ana[0]).toMatchObject({ channel: 'web', at: expect.any(Number), state: 'done', replies: [{ key: 'menu' }] });
    expect(ana[0]?.transcript?.map((e) => e.text)).toEqual(['hi', 'What would you like?']);
    expect((await entries(BEN)).map((e) => [e.key, e.transcript])).toEqual([[`web:${BEN}:m1`, undefined]]);
    // Cleo's last message was never answered: sent again, it is answered (a record would replay no reply).
    expect((await entries(CLEO)).map((e) => e.key)).toEqual([`web:${CLEO}:m1`]);
    expect(await db.collection<Raw>('messages').countDocuments({})).toBe(0);
  });

  it('the adapter\'s stock, orders and codes read the converted documents', async () => {
    const clock = new ManualClock();
    const stock = new StockCounters(db);
    expect(await stock.get('apple')).toEqual({ sku: 'apple', received: 40, available: 26, reserved: 4, sold: ORDERS });
    // Ana's reservation is known as made: retried, it reserves nothing more.
    expect(await stock.reserve('apple', 4, 'h-ana-apple')).toBe(true);
    expect((await stock.get('apple'))?.available).toBe(26);

    const orders = new OrderRecords(db);
    expect((await orders.list({ phone: BEN })).map((o) => o.id)).toEqual(Array.from({ length: ORDERS }, (_, i) => `ORD-${1001 + i}`));
    expect((await orders.get('ORD-1001'))?.status).toBe('delivered');
    expect(await orders.nextSequence('order')).toBe(ORDERS + 1);

    const codes = new VerificationCodes(db, clock);
    expect(await codes.get(DAN)).toMatchObject({ codeHash: 'hash-dan', attempts: 9 });
    expect(await codes.countAttempt(DAN, 9)).toBe(true);
    expect(await codes.get(EVE)).toBeUndefined();
  });

  it('leaves products, audit and transcripts as they were', async () => {
    const after = await dump(db);
    for (const name of ['products', 'audit', 'identities', 'transcripts']) expect(after[name], name).toEqual(before[name]);
  });

  it('run a second time it changes nothing', async () => {
    const once = await dump(db);
    const report = await migrate(db);
    expect(report).toEqual({ current: true, resumedAtDrops: false, steps: [], dropped: [] });
    expect(await dump(db)).toEqual(once);
  });

  it('a run that stopped midway, run again, ends where a straight run ends', async () => {
    const straight = client.db(freshName('straight'));
    await writeVersionedShop(MONGO_URI, straight.databaseName);
    await migrate(straight);
    const expected = await dump(straight);

    // Stopped after the stock, orders and sequences steps; run again, stopped before the marker.
    const stopped = client.db(freshName('stopped'));
    await writeVersionedShop(MONGO_URI, stopped.databaseName);
    for (const step of STEPS.slice(0, 3)) await step.run(stopped);
    await expect(assertCurrentLayout(stopped)).rejects.toThrow(/npm run migrate/);
    for (const step of STEPS) await step.run(stopped);
    const resumed = await migrate(stopped);
    expect(resumed.steps.find((s) => s.collection === 'stock')?.counts).toEqual({ converted: 0, deleted: 0, 'already converted': 3 });
    expect(await dump(stopped)).toEqual(expected);

    // Stopped while dropping: conversion finished and marked, some old collections still there.
    const dropping = client.db(freshName('dropping'));
    await writeVersionedShop(MONGO_URI, dropping.databaseName);
    for (const step of STEPS) await step.run(dropping);
    await dropping.collection<{ _id: string; at: number }>('migrations').insertOne({ _id: LAYOUT_MIGRATION, at: 1 });
    await dropping.collection('carts').drop();
    await dropping.collection('stock_versions').drop();
    const finished = await migrate(dropping);
    expect(finished).toMatchObject({ resumedAtDrops: true, steps: [] });
    expect(finished.dropped).toContain('conversations_versions');
    expect(await dump(dropping)).toEqual(expected);
  });

  it('the new adapter serves the converted shop through its ports: customers, carts, orders, the next order number', async () => {
    const store = await MongoStore.connect(MONGO_URI, db.databaseName);
    try {
      expect(await store.getCustomer(ANA)).toMatchObject({ name: 'Ana', address: '12 Main Street' });
      expect(await store.getConversation(ANA)).toMatchObject({ stage: 'ordering', version: ANA_VERSIONS });
      expect((await store.listHolds({ phone: ANA, status: 'active' })).map((h) => [h.sku, h.qty])).toEqual([['apple', 4], ['milk', 2]]);
      expect(await store.listOrders({ phone: BEN })).toHaveLength(ORDERS);
      const taken = (await db.collection<Raw>('sequences').findOne({ _id: 'order' }))?.seq as number;
      expect(taken).toBeGreaterThanOrEqual(ORDERS);
      expect(await store.nextSequence('order')).toBe(taken + 1);
      expect(await store.getStock('milk')).toMatchObject({ available: 8, reserved: 2 });
      // A turn begins and ends on a converted document as on any other.
      const begun = await store.beginTurn(ANA, { owner: 'after-upgrade', now: Date.now(), ttlMs: 5000, key: `sms:${ANA}:new` });
      expect(begun).toMatchObject({ customer: { name: 'Ana' }, retry: false });
      expect(await store.endTurn(ANA, { owner: 'after-upgrade', message: { key: `sms:${ANA}:new`, channel: 'sms', at: Date.now(), replies: [] }, conversation: begun!.conversation! })).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!hasMongo)('npm run migrate: a customer with more messages than their document keeps', () => {
  it('the newest stay in the document; older ones stay archived, expiring unless a transcript waits for housekeeping', async () => {
    const name = freshName('chatty');
    const clock = new ManualClock();
    const old = await VersionedStore.connect(MONGO_URI, name, { clock });
    const total = ENTRIES_KEPT + 3;
    for (let i = 1; i <= total; i++) {
      clock.advance(1);
      const key = `web:${ANA}:${String(i).padStart(3, '0')}`;
      await old.startMessage({ key, phone: ANA, channel: 'web', at: clock.now() });
      const transcript = i === 1 ? [{ id: `t${i}`, phone: ANA, at: clock.now(), from: 'customer' as const, channel: 'web' as const, text: 'hi' }] : [];
      await old.finishMessage(key, [{ key: 'menu', text: 'Menu' }], transcript);
    }
    await old.close();
    const mongo = await MongoClient.connect(MONGO_URI);
    try {
      const db = mongo.db(name);
      const report = await migrate(db);
      expect(report.steps.find((s) => s.collection === 'messages')?.counts).toMatchObject({ 'into their customer\'s document': ENTRIES_KEPT, 'left in the archive': 3, 'given expireAt': 2 });
      const doc = await db.collection<Raw>('customers').findOne({ _id: ANA });
      expect((doc?.messages as { key: string }[]).map((e) => e.key)).toEqual(Array.from({ length: ENTRIES_KEPT }, (_, i) => `web:${ANA}:${String(i + 4).padStart(3, '0')}`));
      const archived = await db.collection<Raw>('messages').find({}).sort({ _id: 1 }).toArray();
      expect(archived.map((m) => [m._id, m.expireAt === undefined, m.transcript?.length])).toEqual([
        [`web:${ANA}:001`, true, 1], [`web:${ANA}:002`, false, undefined], [`web:${ANA}:003`, false, undefined],
      ]);
      expect(archived[1]?.expireAt).toEqual(new Date((archived[1]?.at as number) + MESSAGE_KEPT_MS));
    } finally {
      await mongo.close();
    }
  });
});

describe.skipIf(!hasMongo)('npm run migrate: records the old adapter could misread', () => {
  it('a record whose versions after its lagging head were pruned is converted at its newest version', async () => {
    const mongo = await MongoClient.connect(MONGO_URI);
    try {
      const db = mongo.db(freshName('pruned'));
      const clock = new ManualClock();
      const writer = new Versioned<{ seq: number }>(db, 'sequences', clock, { queried: false });
      for (let i = 0; i < 10; i++) await writer.update('order', (s) => ({ seq: (s?.seq ?? 0) + 1 }));
      clock.advance(180);
      await new Versioned<{ seq: number }>(db, 'sequences', clock, { queried: false }).prune(0);
      // The head stayed at 8 and versions up to 9 are gone: a walk from the head stops there, at 8.
      expect((await new Versioned<{ seq: number }>(db, 'sequences', clock, { queried: false }).get('order'))?.doc.seq).toBe(8);

      await migrate(db);
      expect(await db.collection<Raw>('sequences').findOne({ _id: 'order' })).toEqual({ _id: 'order', seq: 10 });
    } finally {
      await mongo.close();
    }
  });

  it('a hold kept as its own record joins its customer\'s cart unless the cart has it', async () => {
    const mongo = await MongoClient.connect(MONGO_URI);
    try {
      const db = mongo.db(freshName('precarts'));
      const clock = new ManualClock();
      const hold = (id: string, status: Hold['status']): Hold => ({ id, phone: ANA, sku: 'milk', qty: 1, status, createdAt: clock.now(), expiresAt: clock.now() + 60_000 });
      const single = new Versioned<Hold>(db, 'holds', clock);
      await single.update('h-old', () => hold('h-old', 'expired'));
      await single.update('h-both', () => hold('h-both', 'active'));
      await new Versioned<{ holds: Hold[] }>(db, 'carts', clock).update(ANA, () => ({ holds: [hold('h-both', 'converted')] }));

      const report = await migrate(db);
      expect(report.dropped).toEqual(expect.arrayContaining(['carts', 'holds', 'carts_versions', 'holds_versions']));
      const holds = (await db.collection<Raw>('customers').findOne({ _id: ANA }))?.holds as Hold[];
      expect(holds.map((h) => [h.id, h.status])).toEqual([['h-both', 'converted'], ['h-old', 'expired']]);
      expect((await collectionNames(db)).sort()).toEqual(['customers', 'migrations']);
    } finally {
      await mongo.close();
    }
  });
});
