import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildCore } from '../../src/core';
import { DEFAULT_LEASE } from '../../src/engine/lease';
import { MemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/store';
import { reconcile } from '../../src/inventory/reconcile';
import { counterIds, customer, expectInvariants, makeCore, registered, silentLog } from '../helpers';

/** Resolves once `check` holds, polling; fails after `tries` (an outcome to wait for, not a clock to watch). */
async function until(check: () => boolean | Promise<boolean>, tries = 2000): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('condition never held');
}

/**
 * A store whose process dies at its first call of `dieAt`: that call and every one after it never answer
 * (nothing reaches the store, lease renewals included), as when a process is killed mid-turn.
 */
function dyingAt(inner: Store, dieAt: string) {
  const state = { dead: false };
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (prop === dieAt) state.dead = true;
        if (state.dead) return new Promise(() => {});
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, state };
}

const PHONE = '+12025550123';

describe('leases on a customer’s conversation', () => {
  it('are short: after a process dies mid-turn, the next message waits one lease (5 s) and is answered, retrying the lost message', async () => {
    expect(DEFAULT_LEASE.ttlMs).toBe(5_000);
    const shared = new MemoryStore();
    const b = await makeCore({}, shared);
    await registered(b, PHONE);
    const a = dyingAt(shared, 'setHoldQty');
    const coreA = await buildCore(loadConfig({}), silentLog, { store: a.store, clock: b.clock, ids: counterIds('a') });
    await customer(coreA, PHONE).say('1 lime');

    // Process A takes the customer's message and dies half-way through it, holding the lease.
    void coreA.engine.handle({ channel: 'sms', phone: PHONE, text: '2 limes', messageId: 'SM-1' });
    await until(() => a.state.dead);

    // Process B gets the platform's redelivery of that message and waits for the lease…
    let answered = false;
    const retried = b.engine.handle({ channel: 'sms', phone: PHONE, text: '2 limes', messageId: 'SM-1' }).then((r) => { answered = true; return r; });
    expect(await shared.acquireConversationLease(PHONE, 'probe', b.clock.now(), 1)).toBe(false);
    b.clock.t += DEFAULT_LEASE.ttlMs - 1;
    expect(await shared.acquireConversationLease(PHONE, 'probe', b.clock.now(), 1)).toBe(false);
    expect(answered).toBe(false);
    // …which is free once one TTL has passed since A last renewed it.
    b.clock.t += 1;
    const replies = await retried;
    expect(replies[0]!.text).toContain('Added 2 × Limes');
    // A reserved the 2 extra limes before it died; the retry finds that reservation made (by the message's id)
    // and makes no second one: the counters are exact at once, with nothing for the reconciler to repair.
    expect((await shared.listHolds({ phone: PHONE, status: 'active' })).map((h) => h.qty)).toEqual([3]);
    expect(await shared.getStock('FRU-LIM')).toMatchObject({ available: 97, reserved: 3 });
    expect((await reconcile(shared, b.clock, silentLog, { settleMs: 0, orphanGraceMs: 0 })).repaired).toHaveLength(0);
    expect(await shared.getStock('FRU-LIM')).toMatchObject({ available: 97, reserved: 3 });
    await expectInvariants(shared);
  });

  it('are renewed while a turn runs, so a slow turn keeps its customer longer than one lease', async () => {
    const shared = new MemoryStore();
    const b = await makeCore({}, shared);
    await registered(b, PHONE);
    // Process A's turn stalls on its first read of the cart until the test lets it go.
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let stalled = false;
    let renewals = 0;
    const slow = new Proxy(shared, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          if (prop === 'listHolds' && !stalled) { stalled = true; await gate; }
          if (prop === 'acquireConversationLease' && stalled) renewals += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const coreA = await buildCore(loadConfig({}), silentLog, { store: slow, clock: b.clock, ids: counterIds('a'), lease: { renewEveryMs: 10 } });
    const first = coreA.engine.handle({ channel: 'sms', phone: PHONE, text: '2 limes', messageId: 'SM-1' });
    await until(() => stalled);
    // Time passes well beyond one lease, and A renews it meanwhile.
    for (let i = 0; i < 4; i += 1) {
      b.clock.t += 3_000;
      const seen = renewals;
      await until(() => renewals > seen);
    }
    expect(await shared.acquireConversationLease(PHONE, 'probe', b.clock.now(), 1)).toBe(false);
    // B's message for the same customer waits behind A's turn, and comes after it.
    const second = b.engine.handle({ channel: 'web', phone: PHONE, text: '3 lemons', messageId: 'W-1' });
    release();
    expect((await first)[0]!.text).toContain('Added 2 × Limes');
    expect((await second)[0]!.text).toContain('Added 3 × Lemons');
    expect(await b.store.getStock('FRU-LIM')).toMatchObject({ reserved: 2 });
    await expectInvariants(shared);
  });
});
