import { MongoClient, type Db } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import type { Conversation, Customer, Hold, Reply } from '../../src/domain/types';
import { MongoStore } from '../../src/store/mongo/mongo';
import { hasMongo, MONGO_URI } from './mongo-server';

const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => { for (const c of closers.reverse()) await c(); });

const PHONE = '+12025550123';
const TTL = 5_000;
const ann: Customer = { phone: PHONE, name: 'Ann', createdAt: 1, registeredAt: 2, lastChannel: 'sms' };
const reply = (text: string): Reply => ({ key: 'welcome_new', text });
const hold = (over: Partial<Hold> = {}): Hold => ({
  id: 'h1', phone: PHONE, sku: 'A', qty: 2, status: 'active', createdAt: Date.now(), expiresAt: Date.now() + 3_600_000, ...over,
});

let n = 0;
/** A store on a fresh database, and an operator's client on the same database. */
async function fresh(): Promise<{ store: MongoStore; db: Db; name: string }> {
  n += 1;
  const name = `grocer_custdoc_${process.pid}_${n}_${Date.now() % 100000}`;
  const store = await MongoStore.connect(MONGO_URI, name);
  const client = await MongoClient.connect(MONGO_URI);
  closers.push(() => store.close(), () => client.close());
  return { store, db: client.db(name), name };
}

/** The commands `run` sends. */
async function commandsOf<T>(store: MongoStore, run: () => Promise<T>): Promise<{ result: T; commands: number }> {
  const before = store.commands.total();
  const result = await run();
  return { result, commands: store.commands.total() - before };
}

/** One message's turn, ended with its replies (and the given customer and conversation). */
async function answer(store: MongoStore, key: string, at: number, over: { customer?: Customer; conversation?: Conversation; owner?: string } = {}) {
  const owner = over.owner ?? 'p1';
  const begun = await store.beginTurn(PHONE, { owner, now: at, ttlMs: TTL, key });
  const text = (id: string) => ({ id: `${key}#${id}`, phone: PHONE, at, channel: 'sms' as const, from: id === 'in' ? 'customer' as const : 'bot' as const, text: `${id} ${key}` });
  const ended = await store.endTurn(PHONE, {
    owner, message: { key, channel: 'sms', at, replies: [reply(`to ${key}`)], transcript: [text('in'), text('out')] },
    ...(over.customer ? { customer: over.customer } : {}), ...(over.conversation ? { conversation: over.conversation } : {}),
  });
  return { begun, ended };
}

describe.skipIf(!hasMongo)('MongoDB customer document: a message\'s turn', () => {
  it('begins in one command and ends in one command', async () => {
    const { store } = await fresh();
    await store.putCustomer(ann);
    const begin = await commandsOf(store, () => store.beginTurn(PHONE, { owner: 'p1', now: 1000, ttlMs: TTL, key: 'sms:m1' }));
    expect(begin.commands).toBe(1);
    expect(begin.result).toEqual({ customer: ann, retry: false, interrupted: false });
    const conversation: Conversation = { phone: PHONE, stage: 'menu', updatedAt: 1000, version: 0 };
    const end = await commandsOf(store, () => store.endTurn(PHONE, { owner: 'p1', customer: { ...ann, name: 'Annie' }, conversation, message: { key: 'sms:m1', channel: 'sms', at: 1000, replies: [reply('hi')] } }));
    expect(end).toEqual({ result: true, commands: 1 });
    const next = await commandsOf(store, () => store.beginTurn(PHONE, { owner: 'p1', now: 2000, ttlMs: TTL, key: 'sms:m2' }));
    expect(next).toEqual({ result: { customer: { ...ann, name: 'Annie' }, conversation: { ...conversation, version: 1 }, retry: false, interrupted: false }, commands: 1 });
  });

  it('is refused while another owner holds the lease, and begins once it has expired', async () => {
    const { store } = await fresh();
    expect(await store.acquireConversationLease(PHONE, 'other', 1000, TTL)).toBe(true);
    expect(await store.beginTurn(PHONE, { owner: 'p1', now: 1000 + TTL - 1, ttlMs: TTL, key: 'sms:m1' })).toBeUndefined();
    expect(await store.acquireConversationLease(PHONE, 'other', 1000 + TTL - 1, TTL)).toBe(true);
    expect(await store.beginTurn(PHONE, { owner: 'p1', now: 1000 + 2 * TTL, ttlMs: TTL, key: 'sms:m1' })).toEqual({ retry: false, interrupted: false });
    expect(await store.acquireConversationLease(PHONE, 'other', 1000 + 2 * TTL, TTL)).toBe(false);
  });

  it('of many processes beginning a turn of one customer at once, one gets it', async () => {
    const { store, name } = await fresh();
    const others = await Promise.all([1, 2, 3].map(() => MongoStore.connect(MONGO_URI, name)));
    closers.push(...others.map((o) => () => o.close()));
    const begun = await Promise.all([store, ...others].map((s, i) => s.beginTurn(PHONE, { owner: `p${i}`, now: 1000, ttlMs: TTL, key: 'sms:m1' })));
    expect(begun.filter(Boolean)).toHaveLength(1);
  });

  it('ends with false and writes nothing when the conversation changed meanwhile', async () => {
    const { store, db } = await fresh();
    await answer(store, 'sms:m1', 1000, { customer: ann, conversation: { phone: PHONE, stage: 'menu', updatedAt: 1000, version: 0 } });
    const begun = await store.beginTurn(PHONE, { owner: 'p1', now: 2000, ttlMs: TTL, key: 'sms:m2' });
    expect(await store.saveConversation({ ...begun!.conversation!, stage: 'handoff' })).toBe(true);
    const stale = { ...begun!.conversation!, stage: 'ordering' as const };
    expect(await store.endTurn(PHONE, { owner: 'p1', customer: { ...ann, name: 'Changed' }, conversation: stale, message: { key: 'sms:m2', channel: 'sms', at: 2000, replies: [reply('no')] } })).toBe(false);
    const doc = await db.collection('customers').findOne({ _id: PHONE } as never);
    expect(doc).toMatchObject({ name: 'Ann', conversation: { stage: 'handoff', version: 2 }, lease: { owner: 'p1' } });
    expect(await store.getMessage(PHONE, 'sms:m2')).toBeUndefined();
    await store.releaseConversationLease(PHONE, 'p1');
    expect((await db.collection('customers').findOne({ _id: PHONE } as never))?.lease).toBeUndefined();
  });

  it('answers a redelivered message with its first replies, and keeps them when its turn ends again', async () => {
    const { store } = await fresh();
    await answer(store, 'sms:m1', 1000);
    const again = await commandsOf(store, () => store.beginTurn(PHONE, { owner: 'p2', now: 2000, ttlMs: TTL, key: 'sms:m1' }));
    expect(again.result?.answered).toEqual({ key: 'sms:m1', phone: PHONE, channel: 'sms', at: 1000, state: 'done', replies: [reply('to sms:m1')] });
    expect(again.commands).toBe(2);
    expect(await store.endTurn(PHONE, { owner: 'p2', message: { key: 'sms:m1', channel: 'sms', at: 2000, replies: [reply('second')] } })).toBe(true);
    expect((await store.getMessage(PHONE, 'sms:m1'))?.replies).toEqual([reply('to sms:m1')]);
    expect(await store.countMessages(0, 3000)).toEqual({ sms: 1 });
  });

  it('writes a turn whose lease another owner took meanwhile, and leaves that owner\'s lease alone', async () => {
    const { store, db } = await fresh();
    await store.beginTurn(PHONE, { owner: 'p1', now: 1000, ttlMs: TTL, key: 'sms:m1' });
    expect(await store.acquireConversationLease(PHONE, 'p2', 1000 + TTL, TTL)).toBe(true);
    expect(await store.endTurn(PHONE, { owner: 'p1', customer: ann, message: { key: 'sms:m1', channel: 'sms', at: 1000, replies: [reply('hi')] } })).toBe(true);
    expect(await db.collection('customers').findOne({ _id: PHONE } as never)).toMatchObject({ name: 'Ann', lease: { owner: 'p2' } });
    expect(await store.getMessage(PHONE, 'sms:m1')).toMatchObject({ state: 'done' });
  });

  it('moves the oldest 50 entries to the archive with the 101st message, and still finds them', async () => {
    const { store, db } = await fresh();
    for (let i = 0; i < 100; i += 1) await answer(store, `sms:m${i}`, 1000 + i);
    expect(await db.collection('messages').countDocuments()).toBe(0);
    const hundredFirst = await commandsOf(store, () => answer(store, 'sms:m100', 1100));
    const doc = await db.collection('customers').findOne({ _id: PHONE } as never);
    expect((doc?.messages as { key: string }[]).map((m) => m.key)).toEqual(Array.from({ length: 51 }, (_, i) => `sms:m${50 + i}`));
    expect(await db.collection('messages').countDocuments({ phone: PHONE })).toBe(50);
    // The begin, the end, and the move: read the oldest, copy them, pull them.
    expect(hundredFirst.commands).toBe(5);
    expect(await store.getMessage(PHONE, 'sms:m0')).toEqual({ key: 'sms:m0', phone: PHONE, channel: 'sms', at: 1000, state: 'done', replies: [reply('to sms:m0')] });
    expect(await store.getMessage(PHONE, 'sms:m100')).toMatchObject({ at: 1100 });
    const transcript = await store.listTranscript(PHONE, 500);
    expect(transcript).toHaveLength(202);
    expect(transcript[0]).toMatchObject({ id: 'sms:m0#in', text: 'in sms:m0' });
    expect(await store.countMessages(0, 2000)).toEqual({ sms: 101 });
  });

  it('leaves a document an operator reads: name, conversation stage, holds and no lease', async () => {
    const { store, db } = await fresh();
    await store.beginTurn(PHONE, { owner: 'p1', now: 1000, ttlMs: TTL, key: 'sms:m1' });
    await store.insertHold(hold());
    await store.putChannelState({ phone: PHONE, channel: 'sms', updatedAt: 1000 });
    await store.endTurn(PHONE, { owner: 'p1', customer: ann, conversation: { phone: PHONE, stage: 'ordering', updatedAt: 1000, version: 0 }, message: { key: 'sms:m1', channel: 'sms', at: 1000, replies: [reply('added')] } });
    const doc = await db.collection('customers').findOne({ _id: PHONE } as never);
    expect(doc).toMatchObject({ phone: PHONE, name: 'Ann', conversation: { stage: 'ordering', version: 1 }, holds: [{ id: 'h1', sku: 'A', qty: 2, status: 'active' }], channelStates: { sms: { updatedAt: 1000 } } });
    expect(doc).not.toHaveProperty('lease');
  });
});

describe.skipIf(!hasMongo)('MongoDB customer document: reads inside a turn', () => {
  it('answers the customer, conversation, cart and channel states from the turn\'s read, and its own writes keep the cart exact', async () => {
    const { store } = await fresh();
    await answer(store, 'sms:m1', 1000, { customer: ann, conversation: { phone: PHONE, stage: 'menu', updatedAt: 1000, version: 0 } });
    await store.putChannelState({ phone: PHONE, channel: 'sms', optedOutAt: 5, updatedAt: 5 });
    await store.beginTurn(PHONE, { owner: 'p1', now: 2000, ttlMs: TTL, key: 'sms:m2' });
    const reads = await commandsOf(store, async () => [
      await store.getCustomer(PHONE), (await store.getConversation(PHONE))?.stage, await store.listHolds({ phone: PHONE }),
      await store.getChannelState(PHONE, 'sms'), await store.getChannelStates(PHONE),
    ]);
    // Every channel's states together (the outbox's routing) are asked of the server: other processes write them.
    expect(reads).toEqual({ result: [ann, 'menu', [], { phone: PHONE, channel: 'sms', optedOutAt: 5, updatedAt: 5 }, [{ phone: PHONE, channel: 'sms', optedOutAt: 5, updatedAt: 5 }]], commands: 1 });

    await store.insertHold(hold());
    await store.insertHold(hold({ id: 'h2', sku: 'B' }));
    await store.setHoldQty({ id: 'h1', phone: PHONE }, 2, 5);
    await store.transitionHold({ id: 'h2', phone: PHONE }, 'active', 'released');
    const cart = await commandsOf(store, () => store.listHolds({ phone: PHONE, status: 'active' }));
    expect(cart.commands).toBe(0);
    expect(cart.result.map((h) => [h.id, h.qty])).toEqual([['h1', 5]]);
    // The cache is what the server holds.
    expect(await store.listHolds({ status: 'active' })).toEqual(cart.result);

    await store.endTurn(PHONE, { owner: 'p1', message: { key: 'sms:m2', channel: 'sms', at: 2000, replies: [] } });
    const after = await commandsOf(store, () => store.getCustomer(PHONE));
    expect(after).toEqual({ result: ann, commands: 1 });
  });

  it('forgets the cart when two of its changes overlap, and reads it again exactly', async () => {
    const { store } = await fresh();
    await store.beginTurn(PHONE, { owner: 'p1', now: 1000, ttlMs: TTL, key: 'sms:m1' });
    await Promise.all(['A', 'B', 'C'].map((sku) => store.insertHold(hold({ id: sku, sku }))));
    const cart = await commandsOf(store, () => store.listHolds({ phone: PHONE }));
    expect(cart.commands).toBe(1);
    expect(cart.result.map((h) => h.id).sort()).toEqual(['A', 'B', 'C']);
    expect((await commandsOf(store, () => store.listHolds({ phone: PHONE }))).commands).toBe(0);
  });

  it('keeps the turn\'s copy no longer than its lease, unless renewed', async () => {
    const { store } = await fresh();
    await store.putCustomer(ann);
    await store.beginTurn(PHONE, { owner: 'p1', now: 1000, ttlMs: 200, key: 'sms:m1' });
    expect((await commandsOf(store, () => store.getCustomer(PHONE))).commands).toBe(0);
    await new Promise((r) => setTimeout(r, 120));
    expect(await store.acquireConversationLease(PHONE, 'p1', 1120, 200)).toBe(true);
    await new Promise((r) => setTimeout(r, 120));
    expect((await commandsOf(store, () => store.getCustomer(PHONE))).commands).toBe(0);
    await new Promise((r) => setTimeout(r, 120));
    expect(await commandsOf(store, () => store.getCustomer(PHONE))).toEqual({ result: ann, commands: 1 });
  });

  it('reads the server outside a turn, so another process\'s change is seen', async () => {
    const { store, name } = await fresh();
    const other = await MongoStore.connect(MONGO_URI, name);
    closers.push(() => other.close());
    await store.beginTurn(PHONE, { owner: 'p1', now: 1000, ttlMs: TTL, key: 'sms:m1' });
    await store.insertHold(hold());
    await store.releaseConversationLease(PHONE, 'p1');
    await other.transitionHold({ id: 'h1', phone: PHONE }, 'active', 'expired');
    await other.putCustomer(ann);
    expect((await store.listHolds({ phone: PHONE })).map((h) => h.status)).toEqual(['expired']);
    expect(await store.getCustomer(PHONE)).toEqual(ann);
  });

  it('never lets a stale cart win: a hold another process changed during the turn fails its guard', async () => {
    const { store, name } = await fresh();
    const sweeper = await MongoStore.connect(MONGO_URI, name);
    closers.push(() => sweeper.close());
    await store.insertHold(hold());
    await store.beginTurn(PHONE, { owner: 'p1', now: 1000, ttlMs: TTL, key: 'sms:m1' });
    expect(await sweeper.transitionHold({ id: 'h1', phone: PHONE }, 'active', 'expired')).toMatchObject({ status: 'expired' });
    // The turn's copy still shows the hold active; the server refuses the change all the same.
    expect((await store.listHolds({ phone: PHONE, status: 'active' })).map((h) => h.id)).toEqual(['h1']);
    expect(await store.setHoldQty({ id: 'h1', phone: PHONE }, 2, 3)).toBe(false);
    expect(await store.transitionHold({ id: 'h1', phone: PHONE }, 'active', 'released')).toBeUndefined();
    expect(await store.listHolds({ phone: PHONE, status: 'active' })).toEqual([]);
    expect(await store.insertHold(hold({ id: 'h2' }))).toBe(true);
    expect((await store.listHolds({ phone: PHONE, status: 'active' })).map((h) => h.id)).toEqual(['h2']);
  });

  it('names a hold by id and phone: the same id under another phone is another customer\'s, or nothing', async () => {
    const { store } = await fresh();
    await store.insertHold(hold());
    expect(await store.getHold({ id: 'h1', phone: '+12025550999' })).toBeUndefined();
    expect(await store.transitionHold({ id: 'h1', phone: '+12025550999' }, 'active', 'released')).toBeUndefined();
    expect(await store.getHold({ id: 'h1', phone: PHONE })).toMatchObject({ status: 'active' });
  });
});

describe.skipIf(!hasMongo)('MongoDB customer document: housekeeping', () => {
  it('prunes old finished holds, keeps converted ones and recent ones', async () => {
    const { store } = await fresh();
    const old = Date.now() - 10_000;
    await store.insertHold(hold({ id: 'released', createdAt: old, expiresAt: old + 1 }));
    await store.transitionHold({ id: 'released', phone: PHONE }, 'active', 'released');
    await store.insertHold(hold({ id: 'sold', sku: 'B', createdAt: old, expiresAt: old + 1 }));
    await store.transitionHold({ id: 'sold', phone: PHONE }, 'active', 'converted', { orderId: 'ORD-1' });
    await store.insertHold(hold({ id: 'recent', sku: 'C' }));
    await store.transitionHold({ id: 'recent', phone: PHONE }, 'active', 'expired');
    await store.insertHold(hold({ id: 'live', sku: 'D', createdAt: old, expiresAt: old + 1 }));
    await store.maintain(5_000);
    expect((await store.listHolds({ phone: PHONE })).map((h) => h.id).sort()).toEqual(['live', 'recent', 'sold']);
  });

  it('deletes archived entries past the window, handing their transcripts to the transcripts collection', async () => {
    const { store, db } = await fresh();
    const at = Date.now() - 10_000;
    for (let i = 0; i < 101; i += 1) await answer(store, `sms:m${i}`, at + i);
    expect(await db.collection('messages').countDocuments()).toBe(50);
    await store.maintain(60_000);
    expect(await db.collection('messages').countDocuments()).toBe(50);
    await store.maintain(1_000);
    expect(await db.collection('messages').countDocuments()).toBe(0);
    expect((await db.collection('customers').findOne({ _id: PHONE } as never))?.messages).toEqual([]);
    expect(await store.getMessage(PHONE, 'sms:m0')).toBeUndefined();
    expect(await store.listTranscript(PHONE, 500)).toHaveLength(202);
    expect(await db.collection('transcripts').countDocuments({ phone: PHONE })).toBe(202);
  });
});

describe.skipIf(!hasMongo)('MongoDB customer document: commands per operation', () => {
  it('sends one command for each change of a customer\'s document, and none for the turn\'s reads', async () => {
    const { store } = await fresh();
    const count = async (run: () => Promise<unknown>) => (await commandsOf(store, run)).commands;
    const ref = { id: 'h1', phone: PHONE };
    // Outside a turn.
    expect({
      putCustomer: await count(() => store.putCustomer(ann)),
      getCustomer: await count(() => store.getCustomer(PHONE)),
      saveConversation: await count(() => store.saveConversation({ phone: PHONE, stage: 'menu', updatedAt: 1, version: 0 })),
      getConversation: await count(() => store.getConversation(PHONE)),
      insertHold: await count(() => store.insertHold(hold())),
      getHold: await count(() => store.getHold(ref)),
      listHoldsOfPhone: await count(() => store.listHolds({ phone: PHONE })),
      setHoldQty: await count(() => store.setHoldQty(ref, 2, 3)),
      extendHolds: await count(() => store.extendHolds(PHONE, Date.now() + 60_000)),
      extendHoldsWithMaxAge: await count(() => store.extendHolds(PHONE, Date.now() + 60_000, 3_600_000)),
      transitionHold: await count(() => store.transitionHold(ref, 'active', 'released')),
      putChannelState: await count(() => store.putChannelState({ phone: PHONE, channel: 'sms', updatedAt: 1 })),
      getChannelStates: await count(() => store.getChannelStates(PHONE)),
      acquireLease: await count(() => store.acquireConversationLease(PHONE, 'p1', 1000, TTL)),
      releaseLease: await count(() => store.releaseConversationLease(PHONE, 'p1')),
    }).toEqual({
      putCustomer: 1, getCustomer: 1, saveConversation: 1, getConversation: 1, insertHold: 1, getHold: 1, listHoldsOfPhone: 1, setHoldQty: 1,
      extendHolds: 1, extendHoldsWithMaxAge: 2, transitionHold: 1, putChannelState: 1, getChannelStates: 1, acquireLease: 1, releaseLease: 1,
    });
    // Inside a turn: the reads come from its first read, and the cart from the writes' own answers.
    await store.beginTurn(PHONE, { owner: 'p1', now: 2000, ttlMs: TTL, key: 'sms:m1' });
    expect({
      insertHold: await count(() => store.insertHold(hold({ id: 'h2', sku: 'B' }))),
      listHoldsOfPhone: await count(() => store.listHolds({ phone: PHONE, status: 'active' })),
      extendHoldsWithMaxAge: await count(() => store.extendHolds(PHONE, Date.now() + 60_000, 3_600_000)),
      convertHolds: await count(() => store.convertHolds(PHONE, ['h2'], 'ORD-1')),
      getCustomer: await count(() => store.getCustomer(PHONE)),
      getConversation: await count(() => store.getConversation(PHONE)),
      getChannelState: await count(() => store.getChannelState(PHONE, 'sms')),
      endTurn: await count(() => store.endTurn(PHONE, { owner: 'p1', message: { key: 'sms:m1', channel: 'sms', at: 2000, replies: [] } })),
    }).toEqual({ insertHold: 1, listHoldsOfPhone: 0, extendHoldsWithMaxAge: 1, convertHolds: 1, getCustomer: 0, getConversation: 0, getChannelState: 0, endTurn: 1 });
    expect({
      getMessage: await count(() => store.getMessage(PHONE, 'sms:m1')),
      countMessages: await count(() => store.countMessages(0, 3000)),
      listTranscript: await count(() => store.listTranscript(PHONE)),
    }).toEqual({ getMessage: 1, countMessages: 2, listTranscript: 3 });
  });
});
