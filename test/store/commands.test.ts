import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import { createMetrics } from '../../src/http/metrics';
import { MongoStore } from '../../src/store/mongo/mongo';
import { customer, makeCore } from '../helpers';
import { freshMongoStore, hasMongo, MONGO_URI } from './mongo-server';

/** One customer's whole order, as the issue counts it: greeting, registration, items, cart, checkout, yes. */
const DIALOGUE = [
  'hello', 'my name is ana lopez', '12 Main Street, Springfield',
  '2 kg apples, a dozen eggs and 3 bottles of milk', '2', 'show my cart', 'checkout', 'delivery', 'yes',
  'where is my order?',
];

describe.skipIf(!hasMongo)('commands the MongoDB store sends', () => {
  it('averages at most 8 commands per message over a whole dialogue', async () => {
    const store = await freshMongoStore('commands');
    try {
      const atConnect = store.commands.total();
      const core = await makeCore({}, store);
      const startUp = store.commands.total();
      const c = customer(core, '+12025550123');
      const perMessage: [string, number, string][] = [];
      for (const text of DIALOGUE) {
        const before = new Map(store.commands.byName());
        const n0 = store.commands.total();
        await c.say(text);
        const diff = [...store.commands.byName()].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([, v]) => v > 0);
        perMessage.push([text, store.commands.total() - n0, diff.map(([k, v]) => `${k}:${v}`).join(' ')]);
      }
      expect(await c.say('show my cart')).toMatch(/Your cart is empty/);
      const total = perMessage.reduce((n, [, k]) => n + k, 0);
      if (process.env.SHOW_COMMANDS) {
        console.log(`connect ${atConnect}, start-up ${startUp - atConnect}`);
        for (const row of perMessage) console.log(row.join(' | '));
        console.log(`average ${total / perMessage.length}`);
      }
      expect(total / perMessage.length).toBeLessThanOrEqual(8);
    } finally {
      await store.close();
    }
  });

  it('exports the commands sent, by command, as grocer_store_commands_total in /metrics', async () => {
    const metrics = createMetrics();
    const store = await MongoStore.connect(MONGO_URI, `grocer_metrics_${process.pid}_${Date.now() % 100000}`, 5000, metrics.storeCommand);
    const core = await makeCore({}, store);
    const app = createApp(core, { adminToken: 'admin-token-for-tests-0001', metrics });
    const server: Server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
    try {
      for (const text of DIALOGUE.slice(0, 4)) await customer(core, '+12025550123').say(text);
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
      const text = await (await fetch(url, { headers: { authorization: 'Bearer admin-token-for-tests-0001' } })).text();
      const exported = new Map([...text.matchAll(/^grocer_store_commands_total\{command="(\w+)"\} (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
      expect(exported.get('insert')).toBeGreaterThan(0);
      expect(exported.get('find')).toBeGreaterThan(0);
      expect(exported).toEqual(new Map(store.commands.byName()));
    } finally {
      await new Promise((r) => server.close(r));
      await store.close();
    }
  });
});
