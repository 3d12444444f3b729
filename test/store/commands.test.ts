import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import { createMetrics } from '../../src/http/metrics';
import { MongoStore } from '../../src/store/mongo/mongo';
import { customer, makeCore, setStock } from '../helpers';
import { freshMongoStore, hasMongo, MONGO_URI } from './mongo-server';

/** One customer's whole order, as the issue counts it: greeting, registration, items, cart, checkout, yes. */
const DIALOGUE = [
  'hello', 'my name is ana lopez', '12 Main Street, Springfield',
  '2 kg apples, a dozen eggs and 3 bottles of milk', '2', 'show my cart', 'checkout', 'delivery', 'yes',
  'where is my order?',
];

/**
 * Issue 21's target: at most 4 commands a message on average. A message that changes nothing takes 2: the
 * turn begun (one findAndModify on the customer's document: the lease taken, the customer, conversation, cart
 * and message record read) and ended (one update: customer, conversation, message record with its
 * transcript, lease given back). An item line adds its stock reservation and its hold (one each; the product
 * is read at most every 2 s); "yes" adds the order's number, the order, the stock of each line, the cart's
 * conversion and one audit insert. SHOW_COMMANDS=1 prints each message's commands by command and collection.
 */
const MAX_AVERAGE = 4;

describe.skipIf(!hasMongo)('commands the MongoDB store sends', () => {
  it(`averages at most ${MAX_AVERAGE} commands per message over a whole dialogue, the same for the 20th customer as for the first`, async () => {
    const store = await freshMongoStore('commands');
    try {
      const atConnect = store.commands.total();
      const core = await makeCore({}, store);
      const startUp = store.commands.total();
      // Enough that no customer finds anything sold out (which lists every product's stock).
      for (const [sku, stock] of [['FRU-APL-GAL', 1000], ['DAI-EGG', 10_000], ['DAI-MLK-OAT', 10_000]] as const) await setStock(core, sku, stock);
      /** One new customer's dialogue: the commands each message took. */
      const dialogue = async (phone: string) => {
        const c = customer(core, phone);
        const perMessage: [string, number, string][] = [];
        for (const text of DIALOGUE) {
          const before = new Map(store.commands.byTarget());
          const n0 = store.commands.total();
          await c.say(text);
          const diff = [...store.commands.byTarget()].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([, v]) => v > 0);
          perMessage.push([text, store.commands.total() - n0, diff.map(([k, v]) => (v > 1 ? `${k} ×${v}` : k)).join(', ')]);
        }
        expect(await c.say('show my cart')).toMatch(/Your cart is empty/);
        return perMessage;
      };
      const first = await dialogue('+12025550100');
      for (let i = 1; i < 20; i += 1) await dialogue(`+120255501${String(i).padStart(2, '0')}`);
      const twentieth = await dialogue('+12025550199');
      const average = first.reduce((n, [, k]) => n + k, 0) / first.length;
      if (process.env.SHOW_COMMANDS) {
        console.log(`connect ${atConnect}, start-up ${startUp - atConnect}`);
        for (const row of first) console.log(row.join(' | '));
        console.log(`average ${average}`);
      }
      expect(average).toBeLessThanOrEqual(MAX_AVERAGE);
      // O(1): nothing a message does grows with the customers before it. (The first customer's messages also
      // pay for first reads of shared records: the promotions, the products.)
      twentieth.forEach(([text, n], i) => expect(n, text).toBeLessThanOrEqual(first[i]![1] + 1));
    } finally {
      await store.close();
    }
  });

  it('exports the commands sent, by command, as grocer_store_commands_total in /metrics', async () => {
    const metrics = createMetrics();
    const store = await MongoStore.connect(MONGO_URI, `grocer_metrics_${process.pid}_${Date.now() % 100000}`, { onCommand: metrics.storeCommand });
    const core = await makeCore({}, store);
    const app = createApp(core, { adminToken: 'admin-token-for-tests-0001', metrics });
    const server: Server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
    try {
      for (const text of DIALOGUE.slice(0, 4)) await customer(core, '+12025550123').say(text);
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
      const text = await (await fetch(url, { headers: { authorization: 'Bearer admin-token-for-tests-0001' } })).text();
      const exported = new Map([...text.matchAll(/^grocer_store_commands_total\{command="(\w+)"\} (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
      expect(exported.get('findAndModify')).toBeGreaterThan(0);
      expect(exported.get('update')).toBeGreaterThan(0);
      expect(exported).toEqual(new Map(store.commands.byName()));
    } finally {
      await new Promise((r) => server.close(r));
      await store.close();
    }
  });
});
