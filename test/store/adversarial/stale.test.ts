import { afterAll, describe, expect, it } from 'vitest';
import { MongoStore } from '../../../src/store/mongo/mongo';
import type { Hold } from '../../../src/domain/types';
import { hasMongo, MONGO_URI } from '../mongo-server';

const opened: MongoStore[] = [];
afterAll(async () => { await Promise.all(opened.map((s) => s.close())); });
const phone = '+12025550101';
const T0 = Date.UTC(2026, 10, 2, 10);

async function two() {
  const db = `grocer_adv_stale_${process.pid}_${Date.now() % 100000}_${opened.length}`;
  const a = await MongoStore.connect(MONGO_URI, db);
  const b = await MongoStore.connect(MONGO_URI, db);
  opened.push(a, b);
  return { a, b };
}
const hold: Hold = { id: 'h1', phone, sku: 'APPLE', qty: 2, status: 'active', createdAt: T0, expiresAt: T0 + 60_000 };

describe.skipIf(!hasMongo)('turn cache against another process', () => {
  it('a hold expired by another process (the sweeper) during a turn shows as expired to the turn', async () => {
    const { a, b } = await two();
    await a.insertHold(hold);
    // The turn runs when the hold falls due, as the sweeper does.
    await a.beginTurn(phone, { owner: 'A', now: T0 + 60_000, ttlMs: 5000, key: 'web:x:1' });
    expect(await b.transitionHold({ id: 'h1', phone }, 'active', 'expired', { ifExpiredBy: T0 + 60_000 })).toBeDefined();
    expect((await a.listHolds({ phone, status: 'active' })).map((h) => h.id), 'cart read by the turn').toEqual([]);
  });

  it('channel states written by another process (the outbox) during a turn are read by the outbox\'s routing', async () => {
    const { a, b } = await two();
    await a.putChannelState({ phone, channel: 'sms', updatedAt: T0 });
    await a.beginTurn(phone, { owner: 'A', now: T0, ttlMs: 5000, key: 'web:x:1' });
    await b.putChannelState({ phone, channel: 'sms', unreachable: { reason: 'blocked', at: T0 + 1 }, updatedAt: T0 + 1 });
    expect(await a.getChannelStates(phone)).toEqual(await b.getChannelStates(phone));
  });

  it('a web sign-out made by another process during a turn ends the sessions this process checks meanwhile', async () => {
    const { a, b } = await two();
    await a.putChannelState({ phone, channel: 'web', updatedAt: T0 });
    await a.beginTurn(phone, { owner: 'A', now: T0, ttlMs: 5000, key: 'web:x:1' });
    await b.putChannelState({ phone, channel: 'web', signedOutAt: T0 + 1, updatedAt: T0 + 1 });
    // src/http/session.ts phone(): a cookie issued before signedOutAt is refused; this process reads the turn's copy.
    expect((await a.getChannelState(phone, 'web'))?.signedOutAt).toBe(T0 + 1);
  });
});
