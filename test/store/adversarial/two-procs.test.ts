import { afterAll, describe, expect, it } from 'vitest';
import { customer, expectInvariants, registered } from '../../helpers';
import { hasMongo } from '../mongo-server';
import { closeStores, coreOn, twoStores } from './processes';

afterAll(closeStores);
const PHONE = '+12025550123';

async function pair(kind: 'memory' | 'mongo') {
  const [sa, sb] = await twoStores(kind, '2p');
  const a = await coreOn(sa, 'a');
  const b = await coreOn(sb, 'b');
  b.clock.t = a.clock.t;
  return { a, b };
}

describe.skipIf(!hasMongo)('two processes, one customer', () => {
  for (const kind of ['memory', 'mongo'] as const) {
    it(`${kind}: alternate processes build a cart and check out: one order of the whole cart`, async () => {
      const { a, b } = await pair(kind);
      await registered(a, PHONE);
      const ca = customer(a, PHONE); const cb = customer(b, PHONE);
      const said: string[] = [];
      said.push(await cb.say('2 limes', 'm1'));
      said.push(await ca.say('3 lemons', 'm2'));
      said.push(await cb.say('1 limes', 'm3'));
      said.push(await ca.say('show my cart', 'm4'));
      said.push(await cb.say('checkout', 'm5'));
      said.push(await ca.say('pickup', 'm6'));
      said.push(await cb.say('yes', 'm7'));
      const orders = await a.store.listOrders({ phone: PHONE });
      expect(orders.map((o) => o.lines.map((l) => `${l.qty} ${l.sku}`).sort()), said.join('\n---\n')).toEqual([['3 FRU-LEM', '3 FRU-LIM']]);
      // Replays of the same ids from the other process change nothing.
      expect(await ca.say('yes', 'm7')).toBe(said[6]);
      expect(await cb.say('2 limes', 'm1')).toBe(said[0]);
      expect(await a.store.listOrders({ phone: PHONE })).toHaveLength(1);
      await expectInvariants(a.store);
    });

    it(`${kind}: the same message id to both processes at once: handled once, both answered alike`, async () => {
      const { a, b } = await pair(kind);
      await registered(a, PHONE);
      for (let i = 0; i < 10; i += 1) {
        const msg = { channel: 'web' as const, phone: PHONE, text: '1 limes', messageId: `dup${i}` };
        const [ra, rb] = await Promise.all([a.engine.handle(msg), b.engine.handle(msg)]);
        expect(ra.map((r) => r.text)).toEqual(rb.map((r) => r.text));
      }
      const [h] = await a.store.listHolds({ phone: PHONE, status: 'active' });
      expect(h?.qty).toBe(10);
      await expectInvariants(a.store);
    });
  }
});
