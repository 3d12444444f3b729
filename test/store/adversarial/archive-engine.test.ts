import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';
import { buildCore } from '../../../src/core';
import { MemoryStore } from '../../../src/store/memory';
import { MongoStore } from '../../../src/store/mongo/mongo';
import type { Store } from '../../../src/store/store';
import { counterIds, customer, ManualClock, registered, silentLog } from '../../helpers';
import { hasMongo, MONGO_URI } from '../mongo-server';

const opened: MongoStore[] = [];
afterAll(async () => { await Promise.all(opened.map((s) => s.close())); });
const PHONE = '+12025550123';

describe.skipIf(!hasMongo)('a redelivery of a message answered 110 messages (55 minutes) ago', () => {
  for (const kind of ['memory', 'mongo'] as const) {
    it(`${kind}: "2 limes" sent again with its id is answered from its record and adds nothing`, async () => {
      let store: Store;
      if (kind === 'memory') store = new MemoryStore();
      else { const m = await MongoStore.connect(MONGO_URI, `grocer_adv_ae_${process.pid}_${Date.now() % 100000}`); opened.push(m); store = m; }
      const clock = new ManualClock();
      const core = await buildCore(loadConfig({ RATE_PER_MINUTE: '10000' }), silentLog, { store, clock, ids: counterIds('a') });
      await registered(core, PHONE);
      const c = customer(core, PHONE);
      const first = await c.say('2 limes', 'lime-msg');
      expect(first).toContain('Added 2 × Limes');
      expect(await c.say('1 limes', 'lime-more')).toContain('3 in your cart');
      for (let i = 0; i < 110; i += 1) { clock.t += 30_000; await c.say('show my cart', `s${i}`); }
      clock.t += 30_000;
      const again = await c.say('2 limes', 'lime-msg');
      const [held] = await store.listHolds({ phone: PHONE, status: 'active' });
      expect({ again, qty: held?.qty }).toEqual({ again: first, qty: 3 });
    });
  }
});
