import { describe, expect, it } from 'vitest';
import { PhoneLimiter } from '../../../src/limits/phone-limiter';
import type { ChannelMiddleware } from '../../../src/engine/pipeline/context';
import { inTurn } from './turn-pieces';
import { rateLimit } from '../../../src/engine/pipeline/rate-limit';
import { silentLog } from '../../helpers';
import { kit, PHONE, stubNext } from './kit';

describe('rateLimit: messages per phone', () => {
  it('lets messages in up to the limit; the first over gets "one moment" and the next nothing, each recorded, none in the transcript', async () => {
    const k = await kit();
    const { copy, ctx, store } = k;
    const next = stubNext();
    const limited = inTurn(k, rateLimit({ log: silentLog, limiter: new PhoneLimiter({ points: 1 }) }, copy), next);
    const sent = [ctx('hi', { id: 'SM1' }), ctx('2 limes', { id: 'SM2' }), ctx('3 limes', { id: 'SM3' })];
    for (const c of sent) await limited(c, stubNext());
    expect(next.calls).toBe(1);
    expect(sent.map((c) => c.replies.map((r) => r.key))).toEqual([[], ['one_moment'], []]);
    expect(await store.getMessage(PHONE, sent[1]!.key)).toMatchObject({ state: 'done', replies: [expect.objectContaining({ key: 'one_moment' })] });
    expect(await store.getMessage(PHONE, sent[2]!.key)).toMatchObject({ state: 'done', replies: [] });
    expect((await store.listTranscript(PHONE, 10)).map((e) => e.text)).toEqual(['hi']);
  });

  it('a held-back retry of a turn that began stays unrecorded, so it can run later', async () => {
    const k = await kit();
    const limiter = new PhoneLimiter({ points: 1 });
    await limiter.take(PHONE);
    const failed = k.ctx('2 limes', { id: 'SM1' });
    await inTurn(k, () => { throw new Error('store down'); })(failed, stubNext());
    const retry = k.ctx('2 limes', { id: 'SM1' });
    await inTurn(k, rateLimit({ log: silentLog, limiter }, k.copy))(retry, stubNext());
    expect(retry.replies.map((r) => r.key)).toEqual(['one_moment']);
    expect(await k.store.getMessage(PHONE, retry.key)).toBeUndefined();
  });

  it('never holds back a message its channel marks unlimited (STOP), and lets everything in when the limiter is down', async () => {
    const { copy, ctx } = await kit();
    const stop: ChannelMiddleware = { unlimited: (m) => m.text === 'STOP', run: (_c, next) => next() };
    const limiter = new PhoneLimiter({ points: 1 });
    await limiter.take(ctx('x').msg.phone);
    await limiter.take(ctx('x').msg.phone);
    const next = stubNext();
    await rateLimit({ log: silentLog, limiter }, copy)(ctx('STOP', { use: stop }), next);
    const down = { take: () => Promise.reject(new Error('redis down')) };
    await rateLimit({ log: silentLog, limiter: down }, copy)(ctx('2 limes'), next);
    await rateLimit({ log: silentLog }, copy)(ctx('2 limes'), next);
    expect(next.calls).toBe(3);
  });
});
