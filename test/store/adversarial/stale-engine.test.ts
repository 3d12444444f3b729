import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/store';
import { customer, registered } from '../../helpers';
import { hasMongo } from '../mongo-server';
import { closeStores, coreOn, twoStores } from './processes';

afterAll(closeStores);
const PHONE = '+12025550123';

/** Store A, but right after a turn of PHONE begins (once armed), `meanwhile` runs in another process. */
function racing(store: Store, armed: { run?: () => Promise<unknown> }): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'beginTurn') {
        return async (...args: Parameters<Store['beginTurn']>) => {
          const r = await target.beginTurn(...args);
          const run = armed.run;
          if (r && run) { armed.run = undefined; await run(); }
          return r;
        };
      }
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

async function pair(kind: 'memory' | 'mongo') {
  const [sa, sb] = await twoStores(kind, 'se');
  const armed: { run?: () => Promise<unknown> } = {};
  const a = await coreOn(racing(sa, armed), 'a');
  const b = await coreOn(sb, 'b');
  return { a, b, armed };
}

/** "2 limes" added on A; then the hold falls due during A's next turn: A began it 1 ms before, B's sweeper runs 1 ms after. */
async function dueDuringNextTurn(kind: 'memory' | 'mongo') {
  const { a, b, armed } = await pair(kind);
  const c = await registered(a, PHONE);
  expect(await c.say('2 limes')).toContain('Added 2 × Limes');
  const [h] = await a.store.listHolds({ phone: PHONE, status: 'active' });
  a.clock.t = h!.expiresAt - 1;
  b.clock.t = h!.expiresAt;
  armed.run = () => b.inventory.sweep();
  return { a, c };
}

describe.skipIf(!hasMongo)('the sweeper in another process while a turn runs', () => {
  for (const kind of ['memory', 'mongo'] as const) {
    it(`${kind}: "2 limes" while the sweeper puts the 2 limes back: the cart the bot reports is held`, async () => {
      const { a, c } = await dueDuringNextTurn(kind);
      const reply = await c.say('2 limes');
      const held = await a.store.listHolds({ phone: PHONE, status: 'active' });
      const stock = await a.store.getStock('FRU-LIM');
      expect({ reply, held: held.map((h) => `${h.qty} ${h.sku}`), reserved: stock?.reserved }).toEqual({ reply: expect.stringContaining('Limes') as unknown, held: ['2 FRU-LIM'], reserved: 2 });
      const cart = await customer(a, PHONE).say('show my cart');
      expect(cart, `after: ${reply}`).toMatch(/2 × Limes/);
    });

    it(`${kind}: "show my cart" while the sweeper puts the 2 limes back: the bot does not list lines it no longer holds`, async () => {
      const { a, c } = await dueDuringNextTurn(kind);
      const reply = await c.say('show my cart');
      const held = await a.store.listHolds({ phone: PHONE, status: 'active' });
      expect({ reply, held: held.map((x) => `${x.qty} ${x.sku}`) }).toEqual({ reply: expect.not.stringMatching(/• 2 × Limes/) as unknown, held: [] });
    });
  }
});
