// Lines of a cart put back on the shelf are told on the customer's next message, once, whoever put them
// back (the sweeper job, or the customer's own next message finding them overdue), with a button to add
// them again. Through the message API, on every store.
import { afterEach, describe, expect, it } from 'vitest';
import { STORES } from '../stores';
import { expectInvariants } from '../helpers';
import { startServer, type TestServer } from './server';

let s: TestServer | undefined;
afterEach(async () => { await s?.close(); s = undefined; });

interface Said { key: string; text: string; options?: { id: string; label: string }[] }
const PHONE = '+12025550177';

describe.each(STORES)('expired holds are told ($name store)', (kind) => {
  async function shopper() {
    s = await startServer({}, {}, await kind.open());
    const server = s;
    const say = async (text: string, option?: string): Promise<Said[]> => {
      const r = await server.post('/api/messages', { from: PHONE, text, ...(option ? { option } : {}) }, server.api);
      expect(r.status).toBe(200);
      return r.body.replies;
    };
    await say('hi');
    await say('Ana');
    await say('Pickup', 'pickup');
    return { server, say, text: (rs: Said[]) => rs.map((r) => r.text).join('\n') };
  }

  it('the sweeper put them back: "check out" first hears what and why, and one tap adds them again', async () => {
    const { server, say, text } = await shopper();
    await say('3 limes and 2 whole milk');
    server.core.clock.advance(31);
    expect((await server.core.inventory.sweep()).length).toBe(2);
    const replies = await say('check out');
    expect(text(replies)).toContain('Your 3 × Limes, 2 × Whole Milk (1 L) were put back on the shelf after 30 minutes without a message.');
    const last = replies.at(-1)!;
    expect(last.text).toBe('Shall I add them to your cart again?');
    expect(last.options).toEqual([{ id: 'yes', label: 'Add them again' }, { id: 'no', label: 'No' }]);
    const again = text(await say('Add them again', 'yes'));
    expect(again).toContain('3 × Limes');
    expect(again).toContain('2 × Whole Milk (1 L)');
    const cart = text(await say('show my cart'));
    expect(cart).toMatch(/3 × Limes/);
    expect(cart).not.toContain('put back');
    await expectInvariants(server.core.store);
  });

  it('told once: the message after the notice does not repeat it, and "no" leaves the cart empty', async () => {
    const { server, say, text } = await shopper();
    await say('2 limes');
    server.core.clock.advance(31);
    await server.core.inventory.sweep();
    const first = await say('hello?');
    expect(text(first)).toContain('Your 2 × Limes were put back on the shelf after 30 minutes');
    expect(first.at(-1)!.options?.[0]).toEqual({ id: 'yes', label: 'Add them again' });
    expect(text(await say('No', 'no'))).toContain('haven’t added');
    expect(text(await say('show my cart'))).not.toContain('put back');
    expect(await server.core.store.listHolds({ phone: PHONE, status: 'active' })).toEqual([]);
  });

  it('"start over" confirmed after the lines expired: told they went back, a fresh start, and no offer to add them again', async () => {
    const { server, say, text } = await shopper();
    await say('2 limes');
    expect(text(await say('start over'))).toMatch(/start over/i);
    server.core.clock.advance(31);
    const replies = await say('yes');
    expect(text(replies)).toContain('Your 2 × Limes were put back on the shelf');
    expect(replies.at(-1)!.text).toBe('Fresh start — your cart is empty. What would you like?');
    expect(replies.map((r) => r.key)).not.toContain('add_again');
    expect(await server.core.store.listHolds({ phone: PHONE, status: 'active' })).toEqual([]);
  });

  it('nobody swept: the next message finds them overdue and tells the same way', async () => {
    const { server, say, text } = await shopper();
    await say('2 limes');
    server.core.clock.advance(45);
    const replies = await say('what’s in my cart?');
    expect(text(replies)).toContain('Your 2 × Limes were put back on the shelf after 30 minutes');
    expect(replies.at(-1)!.text).toBe('Shall I add them to your cart again?');
    expect(text(await say('yes'))).toContain('2 × Limes');
    await expectInvariants(server.core.store);
  });
});
