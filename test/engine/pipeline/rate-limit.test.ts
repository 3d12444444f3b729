import { describe, expect, it } from 'vitest';
import { PhoneLimiter } from '../../../src/limits/phone-limiter';
import type { ChannelMiddleware } from '../../../src/engine/pipeline/context';
import { dedupe } from '../../../src/engine/pipeline/dedupe';
import { rateLimit } from '../../../src/engine/pipeline/rate-limit';
import { silentLog } from '../../helpers';
import { kit, stubNext } from './kit';

describe('rateLimit: messages per phone', () => {
  it('lets messages in up to the limit; the first over gets "one moment" and the next nothing, each record finished', async () => {
    const { deps, copy, ctx, store } = await kit();
    const limit = rateLimit({ store, log: silentLog, limiter: new PhoneLimiter({ points: 1 }) }, copy);
    const next = stubNext();
    const sent = [ctx('hi', { id: 'SM1' }), ctx('2 limes', { id: 'SM2' }), ctx('3 limes', { id: 'SM3' })];
    for (const c of sent) await dedupe(deps)(c, () => limit(c, next));
    expect(next.calls).toBe(1);
    expect(sent.map((c) => c.replies.map((r) => r.key))).toEqual([[], ['one_moment'], []]);
    expect(await store.getMessage(sent[1]!.key)).toMatchObject({ state: 'done', replies: [expect.objectContaining({ key: 'one_moment' })] });
    expect(await store.getMessage(sent[2]!.key)).toMatchObject({ state: 'done', replies: [] });
  });

  it('a held-back retry of a turn that began keeps its pending record, so it can run later', async () => {
    const { copy, ctx, store, clock } = await kit();
    const limiter = new PhoneLimiter({ points: 1 });
    await limiter.take(ctx('x').msg.phone);
    const retry = ctx('2 limes', { id: 'SM1' });
    await store.startMessage({ key: retry.key, phone: retry.msg.phone, channel: 'sms', at: clock.now() });
    await rateLimit({ store, log: silentLog, limiter }, copy)(retry, stubNext());
    expect(retry.replies.map((r) => r.key)).toEqual(['one_moment']);
    expect(await store.getMessage(retry.key)).toMatchObject({ state: 'pending' });
  });

  it('never holds back a message its channel marks unlimited (STOP), and lets everything in when the limiter is down', async () => {
    const { copy, ctx, store } = await kit();
    const stop: ChannelMiddleware = { unlimited: (m) => m.text === 'STOP', run: (_c, next) => next() };
    const limiter = new PhoneLimiter({ points: 1 });
    await limiter.take(ctx('x').msg.phone);
    await limiter.take(ctx('x').msg.phone);
    const next = stubNext();
    await rateLimit({ store, log: silentLog, limiter }, copy)(ctx('STOP', { use: stop }), next);
    const down = { take: () => Promise.reject(new Error('redis down')) };
    await rateLimit({ store, log: silentLog, limiter: down }, copy)(ctx('2 limes'), next);
    await rateLimit({ store, log: silentLog }, copy)(ctx('2 limes'), next);
    expect(next.calls).toBe(3);
  });
});
