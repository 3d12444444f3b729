import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';
import { buildCore } from '../../../src/core';
import { MongoStore } from '../../../src/store/mongo/mongo';
import type { Store } from '../../../src/store/store';
import { counterIds, customer, expectInvariants, ManualClock, registered, silentLog } from '../../helpers';
import { hasMongo, MONGO_URI } from '../mongo-server';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => { for (const c of cleanups) await c(); });
const PHONE = '+12025550123';

/** The store, with the end of the turn of message `failKey` failing once (the process died there). */
function failingEnd(store: MongoStore, failKey: { key?: string }): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'endTurn') {
        return async (...args: Parameters<Store['endTurn']>) => {
          if (failKey.key && args[1].message.key.endsWith(failKey.key)) { failKey.key = undefined; throw new Error('process died'); }
          return target.endTurn(...args);
        };
      }
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

describe.skipIf(!hasMongo)('a "yes" whose turn died', () => {
  it('resending "yes" does not place a second order and says the order is placed', async () => {
      const db = `grocer_adv_pm_${process.pid}_${Date.now() % 100000}`;
      const store = await MongoStore.connect(MONGO_URI, db);
      cleanups.push(() => store.close());
      const fail: { key?: string } = {};
      const core = await buildCore(loadConfig({}), silentLog, { store: failingEnd(store, fail), clock: new ManualClock(), ids: counterIds('a') });
      await registered(core, PHONE);
      const c = customer(core, PHONE);
      for (const t of ['2 limes', 'checkout', 'pickup']) await c.say(t);
      fail.key = 'y1';
      expect(await c.say('yes', 'y1')).toMatch(/trouble/);
      expect(await store.listOrders({ phone: PHONE })).toHaveLength(1);
      const again = await c.say('yes', 'y1');
      expect(await store.listOrders({ phone: PHONE })).toHaveLength(1);
      expect(again).toMatch(/ORD-1001 is placed/);
      await expectInvariants(store);
  });
});
