// The owner changes a price at the moment the customer says "yes": the order is placed at exactly the total
// the customer last heard, or the bot reads the order back again with the new total. Through the message
// API and the admin API of a real server, on every store.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { STORES } from '../stores';
import { expectInvariants } from '../helpers';
import { startServer, type TestServer } from './server';

const TRIALS = 50;
let s: TestServer | undefined;
afterEach(async () => { await s?.close(); s = undefined; });

interface Said { key: string; text: string; params?: { totalCents?: number }; options?: { id: string }[] }

describe.each(STORES)('a price changed against "yes" ($name store)', (kind) => {
  it(`${TRIALS} trials: no order placed at a total other than the last one read back`, async () => {
    s = await startServer({}, {}, await kind.open());
    const server = s;
    const say = async (from: string, text: string, option?: string): Promise<Said[]> => {
      const r = await server.post('/api/messages', { from, text, ...(option ? { option } : {}) }, server.api);
      expect(r.status).toBe(200);
      return r.body.replies;
    };
    const heardTotal = (replies: Said[]) => replies.find((r) => r.key === 'read_back')?.params?.totalCents;
    const findings: string[] = [];
    let readBackAgain = 0;
    let placedFirstTime = 0;
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const phone = `+1202555${String(2000 + trial).padStart(4, '0')}`;
      await say(phone, 'hi');
      await say(phone, 'Ana');
      await say(phone, 'Pickup', 'pickup');
      await say(phone, '2 limes and 1 whole milk');
      await say(phone, 'checkout');
      let heard = heardTotal(await say(phone, 'Pickup', 'pickup'));
      expect(heard, 'the read-back states its total').toBeTypeOf('number');
      // A new price for limes, sent a few milliseconds either side of the "yes".
      const price = Number((0.3 + trial / 100).toFixed(2));
      const [yes] = await Promise.all([
        say(phone, 'yes'),
        sleep(trial % 7).then(async () => {
          const r = await fetch(`${server.url}/admin/products/FRU-LIM`, { method: 'PATCH', headers: { ...server.admin, 'content-type': 'application/json' }, body: JSON.stringify({ price }) });
          expect(r.status).toBe(200);
        }),
      ]);
      let replies = yes;
      for (let again = 0; !replies.some((r) => r.key === 'placed'); again += 1) {
        const total = heardTotal(replies);
        if (total === undefined || again > 2) { findings.push(`trial ${trial}: "yes" answered ${JSON.stringify(replies.map((r) => r.text))}`); break; }
        readBackAgain += 1;
        heard = total;
        replies = await say(phone, 'yes');
      }
      if (replies === yes && replies.some((r) => r.key === 'placed')) placedFirstTime += 1;
      const orders = await server.core.store.listOrders({ phone });
      if (orders.length !== 1) findings.push(`trial ${trial}: ${orders.length} orders`);
      for (const o of orders) {
        if (o.totalCents !== heard) findings.push(`trial ${trial}: placed at ${o.totalCents} after a read-back of ${heard}`);
        if (o.totalCents !== o.lines.reduce((n, l) => n + l.lineTotalCents, 0) + o.deliveryFeeCents) findings.push(`trial ${trial}: lines do not add up to the total`);
      }
      const placed = replies.find((r) => r.key === 'placed');
      if (placed && placed.params?.totalCents !== heard) findings.push(`trial ${trial}: told ${placed.params?.totalCents}, heard ${heard}`);
    }
    expect(findings).toEqual([]);
    await expectInvariants(server.core.store);
    console.log(`price race (${kind.name}): ${TRIALS} trials, ${placedFirstTime} placed at the first "yes", ${readBackAgain} read back again`);
  }, 180_000);
});
