import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';
import { buildCore } from '../../../src/core';
import { MemoryStore } from '../../../src/store/memory';
import { MongoStore } from '../../../src/store/mongo/mongo';
import type { Store } from '../../../src/store/store';
import { counterIds, customer, expectInvariants, ManualClock, registered, silentLog } from '../../helpers';
import { hasMongo, MONGO_URI } from '../mongo-server';

const opened: MongoStore[] = [];
afterAll(async () => { await Promise.all(opened.map((s) => s.close())); });
const PHONE = '+12025550123';

/** Store A whose reserveStock waits at a gate once armed (a slow turn; its lease renewals fail meanwhile). */
function gated(store: Store, gate: { wait?: Promise<void>; reached?: () => void }): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'reserveStock') {
        return async (...args: Parameters<Store['reserveStock']>) => {
          const w = gate.wait;
          if (w) { gate.wait = undefined; gate.reached?.(); await w; }
          return target.reserveStock(...args);
        };
      }
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

describe.skipIf(!hasMongo)('a turn slower than its lease', () => {
  for (const kind of ['memory', 'mongo'] as const) {
    it(`${kind}: A stalls on "2 limes" past its lease, B answers "3 lemons": the cart has both, stock adds up`, async () => {
      let sa: Store; let sb: Store;
      if (kind === 'memory') { sa = new MemoryStore(); sb = sa; } else {
        const db = `grocer_adv_slow_${process.pid}_${Date.now() % 100000}`;
        const a = await MongoStore.connect(MONGO_URI, db); const b = await MongoStore.connect(MONGO_URI, db);
        opened.push(a, b); sa = a; sb = b;
      }
      const clock = new ManualClock();
      const gate: { wait?: Promise<void>; reached?: () => void } = {};
      const A = await buildCore(loadConfig({}), silentLog, { store: gated(sa, gate), clock, ids: counterIds('a'), lease: { ttlMs: 150, renewEveryMs: 60_000 } });
      const B = await buildCore(loadConfig({}), silentLog, { store: sb, clock, ids: counterIds('b'), lease: { ttlMs: 150, renewEveryMs: 60_000 } });
      await registered(A, PHONE);
      let open!: () => void;
      gate.wait = new Promise<void>((r) => { open = r; });
      const reached = new Promise<void>((r) => { gate.reached = r; });
      const slow = A.engine.handle({ channel: 'web', phone: PHONE, text: '2 limes', messageId: 'a1' });
      await reached;
      clock.t += 1000; // the lease's time has passed
      await sleep(300);
      const fast = await B.engine.handle({ channel: 'web', phone: PHONE, text: '3 lemons', messageId: 'b1' });
      open();
      const slowReply = await slow;
      const cart = await customer(B, PHONE).say('show my cart', 'b2');
      const conv = await sb.getConversation(PHONE);
      expect({ fast: fast.map((r) => r.text).join('\n'), slow: slowReply.map((r) => r.text).join('\n'), cart, held: conv?.held?.length }).toMatchObject({ cart: expect.stringMatching(/Lemons[\s\S]*|Limes/) as unknown });
      expect(cart, `slow: ${slowReply.map((r) => r.text).join('\n')}`).toMatch(/3 × Lemons/);
      expect(cart).toMatch(/2 × Limes/);
      await expectInvariants(sb);
    });
  }
});
