import { describe, expect, it } from 'vitest';
import { begin } from '../../../src/engine/pipeline/begin';
import { Leases } from '../../../src/engine/lease';
import { KeyedQueue } from '../../../src/lib/keyed-queue';
import { kit, PHONE, stubNext } from './kit';

type Kit = Awaited<ReturnType<typeof kit>>;
const piece = (k: Kit, leases = new Leases(k.store, k.clock)) => begin({ queue: new KeyedQueue(), leases, store: k.store });

describe('begin: one message of a phone at a time, its turn begun in the store in one step', () => {
  it('reads the customer and the conversation as the turn begins, under the lease, and gives the lease back after', async () => {
    const k = await kit();
    await k.store.putCustomer({ phone: PHONE, name: 'Ana', createdAt: 1 });
    await k.store.saveConversation({ phone: PHONE, stage: 'ordering', updatedAt: 1, version: 0 });
    const c = k.ctx('2 limes', { id: 'SM1' });
    const next = stubNext(async () => {
      // Held: another process's turn of this customer waits.
      expect(await k.store.beginTurn(PHONE, { owner: 'another', now: k.clock.now(), ttlMs: 5000, key: 'sms:x:y' })).toBeUndefined();
    });
    await piece(k)(c, next);
    expect(next.calls).toBe(1);
    expect(c.begun).toMatchObject({ customer: { name: 'Ana' }, conversation: { stage: 'ordering' }, retry: false });
    expect(c.created).toBe(true);
    expect(await k.store.acquireConversationLease(PHONE, 'another', k.clock.now(), 5000)).toBe(true);
  });

  it('an id answered before: its replies again, or nothing when duplicates are silent; it goes no further', async () => {
    const k = await kit();
    const first = k.ctx('2 limes', { id: 'SM1' });
    await k.store.beginTurn(PHONE, { owner: 'o', now: k.clock.now(), ttlMs: 5000, key: first.key });
    await k.store.endTurn(PHONE, { owner: 'o', message: { key: first.key, channel: 'sms', at: k.clock.now(), replies: [{ key: 'added', text: 'Added 2 × Limes' }] } });
    const next = stubNext();
    const again = k.ctx('2 limes', { id: 'SM1' });
    await piece(k)(again, next);
    expect(again.replies).toEqual([{ key: 'added', text: 'Added 2 × Limes' }]);
    const silent = k.ctx('2 limes', { id: 'SM1', duplicates: 'silent' });
    await piece(k)(silent, next);
    expect(silent.replies).toEqual([]);
    expect(next.calls).toBe(0);
  });

  it('a replayed id ends its turn: the next message is neither a retry nor told of an interrupted one', async () => {
    const k = await kit();
    const first = k.ctx('2 limes', { id: 'SM1' });
    await k.store.beginTurn(PHONE, { owner: 'o', now: k.clock.now(), ttlMs: 5000, key: first.key });
    await k.store.endTurn(PHONE, { owner: 'o', message: { key: first.key, channel: 'sms', at: k.clock.now(), replies: [{ key: 'added', text: 'Added 2 × Limes' }] } });
    await piece(k)(k.ctx('2 limes', { id: 'SM1' }), stubNext());
    const next = k.ctx('3 lemons', { id: 'SM2' });
    await piece(k)(next, stubNext());
    expect(next.begun).toMatchObject({ retry: false, interrupted: false });
  });

  it('an id whose turn began and never ended (it failed) goes on as a retry', async () => {
    const k = await kit();
    const first = k.ctx('2 limes', { id: 'SM1' });
    await piece(k)(first, stubNext(() => { throw new Error('store down'); })).catch(() => undefined);
    const again = k.ctx('2 limes', { id: 'SM1' });
    const next = stubNext();
    await piece(k)(again, next);
    expect(next.calls).toBe(1);
    expect(again.retry).toBe(true);
  });

  it('waits while another process holds the customer\'s lease, and goes on once it is free', async () => {
    const k = await kit();
    expect(await k.store.acquireConversationLease(PHONE, 'another', k.clock.now(), 60_000)).toBe(true);
    const c = k.ctx('hi');
    const next = stubNext();
    const running = piece(k)(c, next);
    await new Promise((r) => setTimeout(r, 30));
    expect(next.calls).toBe(0);
    await k.store.releaseConversationLease(PHONE, 'another');
    await running;
    expect(next.calls).toBe(1);
  });
});
