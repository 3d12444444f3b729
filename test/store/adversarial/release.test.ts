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

describe.skipIf(!hasMongo)('staff release a handoff from another process while the customer writes', () => {
  for (const kind of ['memory', 'mongo'] as const) {
    it(`${kind}: 5 rounds of (message on A ‖ release on B): every release lands, the bot answers after it`, async () => {
      let sa: Store; let sb: Store;
      if (kind === 'memory') { sa = new MemoryStore(); sb = sa; } else {
        const db = `grocer_adv_rel_${process.pid}_${Date.now() % 100000}`;
        const a = await MongoStore.connect(MONGO_URI, db); const b = await MongoStore.connect(MONGO_URI, db);
        opened.push(a, b); sa = a; sb = b;
      }
      const clock = new ManualClock();
      const A = await buildCore(loadConfig({}), silentLog, { store: sa, clock, ids: counterIds('a') });
      const B = await buildCore(loadConfig({}), silentLog, { store: sb, clock, ids: counterIds('b') });
      await registered(A, PHONE);
      const c = customer(A, PHONE);
      for (let round = 0; round < 5; round += 1) {
        expect(await c.say('talk to a human', `h${round}`)).toMatch(/member of our team/);
        const [said, released] = await Promise.all([c.say('my eggs broke', `e${round}`), B.engine.release(PHONE)]);
        expect(released, said).toBe('released');
        expect((await sb.getConversation(PHONE))?.stage).not.toBe('handoff');
        expect(await c.say('show my cart', `c${round}`)).toMatch(/cart/i);
      }
    });
  }
});
