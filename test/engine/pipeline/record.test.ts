import { describe, expect, it } from 'vitest';
import { record } from '../../../src/engine/pipeline/record';
import { kit, PHONE, stubNext } from './kit';

describe('record: under the lease, the message recorded and finished with its replies and transcript', () => {
  it('a message without an id is recorded here, then finished with the replies, the transcript kept with it', async () => {
    const { deps, copy, ctx, store } = await kit();
    const c = ctx('2 limes');
    const next = stubNext(async () => {
      expect(await store.getMessage(c.key)).toMatchObject({ state: 'pending' });
      c.replies = [{ key: 'added', text: 'Added 2 × Limes' }];
    });
    await record(deps, copy)(c, next);
    expect(c.created).toBe(true);
    expect(await store.getMessage(c.key)).toMatchObject({ state: 'done', replies: [{ key: 'added', text: 'Added 2 × Limes' }] });
    expect((await store.listTranscript(PHONE, 10)).map((e) => `${e.from}: ${e.text}`)).toEqual(['customer: 2 limes', 'bot: Added 2 × Limes']);
  });

  it('an id another delivery answered while this one waited for the lease: its replies, and nothing runs', async () => {
    const { deps, copy, ctx, store, clock } = await kit();
    const c = ctx('2 limes', { id: 'SM1' });
    await store.startMessage({ key: c.key, phone: PHONE, channel: 'sms', at: clock.now() });
    await store.finishMessage(c.key, [{ key: 'added', text: 'Added 2 × Limes' }]);
    const next = stubNext();
    await record(deps, copy)(c, next);
    expect(next.calls).toBe(0);
    expect(c.replies.map((r) => r.key)).toEqual(['added']);
  });

  it('a turn that fails: "trouble", the record left pending for a retry, what the customer wrote kept', async () => {
    const { deps, copy, ctx, store } = await kit();
    const c = ctx('2 limes', { id: 'SM1' });
    await record(deps, copy)(c, stubNext(() => { throw new Error('store down'); }));
    expect(c.replies).toEqual([{ key: 'trouble', text: copy.trouble }]);
    expect(await store.getMessage(c.key)).toMatchObject({ state: 'pending' });
    expect((await store.listTranscript(PHONE, 10)).map((e) => e.text)).toEqual(['2 limes']);
  });
});
