import { describe, expect, it } from 'vitest';
import { dedupe } from '../../../src/engine/pipeline/dedupe';
import { kit, stubNext } from './kit';

describe('dedupe: a message with an id is recorded pending first, and an answered one is not handled again', () => {
  it('a new id: its record is started pending by this call, and the message goes on', async () => {
    const { deps, ctx, store } = await kit();
    const c = ctx('2 limes', { id: 'SM1' });
    const next = stubNext(async () => expect(await store.getMessage(c.key)).toMatchObject({ state: 'pending' }));
    await dedupe(deps)(c, next);
    expect(next.calls).toBe(1);
    expect(c.created).toBe(true);
  });

  it('an id answered before: its replies again, or nothing when duplicates are silent; it goes no further', async () => {
    const { deps, ctx, store, clock } = await kit();
    const first = ctx('2 limes', { id: 'SM1' });
    await store.startMessage({ key: first.key, phone: first.msg.phone, channel: 'sms', at: clock.now() });
    await store.finishMessage(first.key, [{ key: 'added', text: 'Added 2 × Limes' }]);
    const again = ctx('2 limes', { id: 'SM1' });
    const next = stubNext();
    await dedupe(deps)(again, next);
    expect(again.replies).toEqual([{ key: 'added', text: 'Added 2 × Limes' }]);
    const silent = ctx('2 limes', { id: 'SM1', duplicates: 'silent' });
    await dedupe(deps)(silent, next);
    expect(silent.replies).toEqual([]);
    expect(next.calls).toBe(0);
  });

  it('an id whose turn began and failed (record still pending) goes on as a retry', async () => {
    const { deps, ctx, store, clock } = await kit();
    const first = ctx('2 limes', { id: 'SM1' });
    await store.startMessage({ key: first.key, phone: first.msg.phone, channel: 'sms', at: clock.now() });
    const again = ctx('2 limes', { id: 'SM1' });
    const next = stubNext();
    await dedupe(deps)(again, next);
    expect(next.calls).toBe(1);
    expect(again.retry).toBe(true);
  });

  it('a message without an id is left to be recorded under the lease (see record)', async () => {
    const { deps, ctx, store } = await kit();
    const c = ctx('hi');
    await dedupe(deps)(c, stubNext());
    expect(c.created).toBe(false);
    expect(await store.getMessage(c.key)).toBeUndefined();
  });
});
