// No silent outcomes: a turn that committed something (an order placed or cancelled, a cart line changed)
// and then failed answers 503 with Retry-After on the message API; the same message sent again, or the
// customer's next message, first tells what happened. Through the message API, on every store, with the
// store failing (as a database that goes away would) exactly when the conversation is saved.
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store';
import { STORES } from '../stores';
import { expectInvariants } from '../helpers';
import { startServer, type TestServer } from './server';

let s: TestServer | undefined;
afterEach(async () => { await s?.close(); s = undefined; });

interface Said { key: string; text: string }
const PHONE = '+12025550188';

/**
 * The store, whose next call of `method` fails once armed, as a database that goes away at that instant would:
 * endTurn (the turn's changes are made, its answer is not saved), insertOrder (a checkout that took
 * the cart and died before its order).
 */
function failingOn(store: Store, method: 'endTurn' | 'insertOrder'): { store: Store; arm(): void } {
  let armed = false;
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop !== method) return value.bind(target);
      return async (...args: unknown[]) => {
        if (armed) { armed = false; throw new Error('connection to the database lost'); }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, arm: () => { armed = true; } };
}

describe.each(STORES)('what a failed turn did is told ($name store)', (kind) => {
  async function shopper() {
    const faulty = failingOn(await kind.open(), 'endTurn');
    s = await startServer({}, {}, faulty.store);
    const server = s;
    let n = 0;
    const send = async (text: string, messageId = `m${(n += 1)}`) => {
      const r = await server.post('/api/messages', { from: PHONE, text, messageId }, server.api);
      return { status: r.status, retryAfter: r.headers.get('retry-after'), text: (r.body.replies as Said[]).map((x) => x.text).join('\n'), body: r.body };
    };
    for (const t of ['hi', 'Ana']) await send(t);
    await server.post('/api/messages', { from: PHONE, text: 'Pickup', option: 'pickup' }, server.api);
    return { server, send, arm: faulty.arm };
  }

  it('an order placed by a "yes" that failed: 503 with Retry-After, and the next message says it went through', async () => {
    const { server, send, arm } = await shopper();
    await send('2 limes');
    await send('checkout');
    expect((await send('pickup')).text).toContain('Shall I place it?');
    arm();
    const failed = await send('yes');
    expect(failed.status).toBe(503);
    expect(Number(failed.retryAfter)).toBeGreaterThan(0);
    expect(failed.body.error).toMatch(/send the same message/);
    const [order] = await server.core.store.listOrders({ phone: PHONE });
    expect(order).toBeDefined();
    const next = await send('hello? did it work?');
    expect(next.status).toBe(200);
    expect(next.text).toContain('your last message did go through');
    expect(next.text).toContain(`Order ${order!.id} is placed!`);
    expect(await server.core.store.listOrders({ phone: PHONE })).toHaveLength(1);
    // Told once.
    expect((await send('thanks')).text).not.toContain('did go through');
    await expectInvariants(server.core.store);
  });

  it('the same message id sent again after the 503 completes it: one order, and its confirmation', async () => {
    const { server, send, arm } = await shopper();
    await send('2 limes');
    await send('checkout');
    await send('pickup');
    arm();
    expect((await send('yes', 'yes-1')).status).toBe(503);
    const again = await send('yes', 'yes-1');
    expect(again.status).toBe(200);
    expect(again.text).toMatch(/Order ORD-\d+ is placed!/);
    expect(await server.core.store.listOrders({ phone: PHONE })).toHaveLength(1);
    await expectInvariants(server.core.store);
  });

  it('a cancellation that failed after cancelling: the next message says the order is cancelled', async () => {
    const { server, send, arm } = await shopper();
    for (const t of ['2 limes', 'checkout', 'pickup', 'yes']) await send(t);
    const [order] = await server.core.store.listOrders({ phone: PHONE });
    expect((await send('cancel my order')).text).toContain(`Cancel order ${order!.id}`);
    arm();
    expect((await send('yes')).status).toBe(503);
    expect((await server.core.store.getOrder(order!.id))!.status).toBe('cancelled');
    const next = await send('hi again');
    expect(next.text).toContain(`Order ${order!.id} is cancelled`);
    await expectInvariants(server.core.store);
  });

  it('an order cancelled twice, the second time after 205 other reservations of the product, goes back on the shelf once', async () => {
    const { server, send } = await shopper();
    for (const t of ['3 limes', 'checkout', 'pickup', 'yes']) await send(t);
    const [order] = await server.core.store.listOrders({ phone: PHONE });
    const cancel = () => server.post(`/admin/orders/${order!.id}/status`, { status: 'cancelled' }, server.admin);
    expect((await cancel()).status).toBe(200);
    // Each reservation is a move with an id: the stock remembers only the last 200 of them.
    for (let i = 0; i < 205; i += 1) {
      await server.core.inventory.setLine('+12025550199', 'FRU-LIM', 1, `api:+12025550199:r${i}`);
      await server.core.inventory.setLine('+12025550199', 'FRU-LIM', 0, `api:+12025550199:x${i}`);
    }
    expect((await cancel()).status).toBe(409);
    expect(await server.core.store.getStock('FRU-LIM')).toMatchObject({ sold: 0, reserved: 0, available: 100 });
    await expectInvariants(server.core.store);
  });

  it('a cancel question the store answered first: the customer hears the order is cancelled, not that their message did it', async () => {
    const { server, send } = await shopper();
    for (const t of ['2 limes', 'checkout', 'pickup', 'yes']) await send(t);
    const [order] = await server.core.store.listOrders({ phone: PHONE });
    expect((await send('cancel my order')).text).toContain(`Cancel order ${order!.id}`);
    await server.post(`/admin/orders/${order!.id}/status`, { status: 'cancelled' }, server.admin);
    const next = await send('no, keep it');
    expect(next.text).toContain(`Order ${order!.id} is cancelled`);
    expect(next.text).not.toContain('did go through');
    await expectInvariants(server.core.store);
  });

  it('a "yes" whose checkout died after taking the cart, typed again under a new id (as the web chat does): the order is placed', async () => {
    const faulty = failingOn(await kind.open(), 'insertOrder');
    s = await startServer({}, {}, faulty.store);
    const server = s;
    const send = async (text: string, option?: string) => {
      const r = await server.post('/api/messages', { from: PHONE, text, ...(option ? { option } : {}) }, server.api);
      return { status: r.status, text: (r.body.replies as Said[]).map((x) => x.text).join('\n') };
    };
    for (const t of ['hi', 'Ana']) await send(t);
    await send('Pickup', 'pickup');
    for (const t of ['2 limes', 'checkout', 'pickup']) await send(t);
    faulty.arm();
    expect((await send('yes')).status).toBe(503);
    expect(await server.core.store.listOrders({ phone: PHONE })).toEqual([]);
    const again = await send('yes');
    expect(again.text).toMatch(/Order ORD-\d+ is placed! Total \$0\.98/);
    expect(await server.core.store.listOrders({ phone: PHONE })).toHaveLength(1);
    await expectInvariants(server.core.store);
  });

  it('cart lines changed by a message that failed: the next message says what the cart holds now', async () => {
    const { server, send, arm } = await shopper();
    await send('3 lemons');
    arm();
    expect((await send('add 2 limes and remove the lemons')).status).toBe(503);
    const next = await send('so?');
    expect(next.text).toContain('your last change did go through: 2 × Limes in your cart now, Lemons taken out.');
    expect((await send('show my cart')).text).not.toContain('did go through');
    await expectInvariants(server.core.store);
  });
});
