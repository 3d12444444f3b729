import { describe, expect, it } from 'vitest';
import type { ConsoleEvent } from '../../src/events/console-events';
import { makeCore, registered, type TestCore } from '../helpers';

const PHONE = '+12025550188';

/** A customer with order ORD-1001 placed in the web chat, and what the console hears from then on. */
async function placedOrder(core: TestCore) {
  const c = await registered(core, PHONE);
  const heard: ConsoleEvent[] = [];
  core.events.on((e) => heard.push(e));
  for (const text of ['2 limes', 'checkout', 'pickup']) await c.say(text);
  expect(await c.say('yes')).toMatch(/Order ORD-1001 is placed/);
  return { c, heard };
}

/** What was pushed to the customer (not answered in their conversation), as it reached them. */
async function pushed(core: TestCore): Promise<string[]> {
  await core.outbox.drain();
  const sent = (await core.store.listTranscript(PHONE)).filter((e) => e.id.startsWith('sent-'));
  return sent.map((e) => e.text);
}

describe('what happens to an order is told by its events, whichever path made it', () => {
  it('an order the store moves on without the admin route (through Orders itself) is told to the customer, once, and to the console', async () => {
    const core = await makeCore();
    const { heard } = await placedOrder(core);
    expect(heard).toContainEqual({ type: 'order', orderId: 'ORD-1001' });
    expect(await pushed(core)).toEqual([]);

    heard.length = 0;
    expect((await core.orders.advance('ORD-1001', 'preparing')).ok).toBe(true);
    const order = (await core.store.getOrder('ORD-1001'))!;
    expect(await pushed(core)).toEqual([core.engine.copy.orderUpdate(order)]);
    const orderEvents = () => heard.filter((e) => e.type === 'order');
    expect(orderEvents()).toEqual([{ type: 'order', orderId: 'ORD-1001' }]);

    // A move that loses (already there) tells nobody.
    expect((await core.orders.advance('ORD-1001', 'preparing')).ok).toBe(false);
    expect(await pushed(core)).toHaveLength(1);
    expect(orderEvents()).toHaveLength(1);
  });

  it('a cancel by the store is told to the customer; a cancel the customer asked for is answered in their conversation only', async () => {
    const core = await makeCore();
    const { c, heard } = await placedOrder(core);
    await c.say('cancel my order');
    expect(await c.say('yes')).toMatch(/ORD-1001 is cancelled/);
    expect(await pushed(core)).toEqual([]);
    expect(heard.filter((e) => e.type === 'order')).toHaveLength(2);

    core.clock.advance(1);
    for (const text of ['2 limes', 'checkout', 'pickup']) await c.say(text);
    expect(await c.say('yes')).toMatch(/Order ORD-1002 is placed/);
    expect((await core.orders.cancel('ORD-1002', { by: 'store' })).ok).toBe(true);
    const order = (await core.store.getOrder('ORD-1002'))!;
    expect(await pushed(core)).toEqual([core.engine.copy.orderUpdate(order)]);
  });

  it('a subscriber that fails neither undoes the change nor keeps the others from hearing of it', async () => {
    const core = await makeCore();
    await placedOrder(core);
    core.domain.on('order.status_changed', () => { throw new Error('a broken subscriber'); });
    expect((await core.orders.advance('ORD-1001', 'preparing')).ok).toBe(true);
    expect((await core.store.getOrder('ORD-1001'))!.status).toBe('preparing');
    expect(await pushed(core)).toHaveLength(1);
  });
});
