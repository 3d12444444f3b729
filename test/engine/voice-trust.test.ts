import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/domain/types';
import { makeCore, registered, type TestCore } from '../helpers';
import { STORES } from '../stores';

const PHONE = '+12025550123';
const ADDRESS = '12 Main Street, Springfield';

/** A caller on the phone: each message says how sure the speech was and whether the caller ID was attested. */
function caller(core: TestCore, flags: Pick<InboundMessage, 'unsure' | 'unverified'> = {}) {
  let n = 0;
  return async (text: string, more: Pick<InboundMessage, 'unsure' | 'unverified'> = {}) => {
    n += 1;
    const replies = await core.engine.handle({ channel: 'voice', phone: PHONE, text, messageId: `CA1:${n}`, ...flags, ...more });
    return replies.map((r) => r.text).join('\n');
  };
}

describe.each(STORES)('phone calls we cannot be sure of, on the $name store', ({ open }) => {
  const mk = async () => makeCore({}, await open());

  it('an unsure "yes" never places the order: the caller is asked again, and a sure one places it', async () => {
    const core = await mk();
    await registered(core, PHONE, 'Ana', ADDRESS);
    const say = caller(core);
    await say('two limes');
    await say('check out');
    expect(await say('pickup')).toMatch(/Shall I place it\?/);
    expect(await say('yes', { unsure: true })).toBe('Sorry, I didn’t catch that for sure — say yes again or press 1.');
    expect(await say('1', { unsure: true })).toBe('Sorry, I didn’t catch that for sure — say yes again or press 1.');
    expect(await core.store.listOrders({})).toEqual([]);
    expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 2, sold: 0 });
    expect(await say('1')).toMatch(/Order ORD-1001 is placed/);
  });

  it('an unverified caller may name where this order goes, but never moves the saved address', async () => {
    const core = await mk();
    await registered(core, PHONE, 'Ana', ADDRESS);
    const say = caller(core, { unverified: true });
    await say('two limes');
    expect(await say('deliver to 1 Other Road')).toMatch(/Delivery to 1 Other Road/);
    expect(await say('yes')).toMatch(/Order ORD-1001 is placed.*delivered to 1 Other Road/);
    expect((await core.store.listOrders({}))[0]).toMatchObject({ address: '1 Other Road' });
    expect(await core.store.getCustomer(PHONE)).toMatchObject({ address: ADDRESS });
    // The next order, by text from the owner's own phone, goes to the saved address again.
    let n = 0;
    const owner = async (text: string) => (await core.engine.handle({ channel: 'sms', phone: PHONE, text, messageId: `SM${(n += 1)}` })).map((r) => r.text).join('\n');
    await owner('three limes');
    await owner('check out');
    expect(await owner('delivery')).toMatch(new RegExp(`Delivery to ${ADDRESS}`));
  });

  it('"one" said at the read-back is the first option, never a new quantity', async () => {
    const core = await mk();
    await registered(core, PHONE, 'Ana', ADDRESS);
    const say = caller(core);
    await say('three limes');
    await say('check out');
    await say('pickup');
    expect(await say('one', { unsure: true })).toBe('Sorry, I didn’t catch that for sure — say yes again or press 1.');
    expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 3 });
    expect(await say('number one')).toMatch(/Order ORD-1001 is placed/);
    expect((await core.store.listOrders({}))[0]!.lines.map((l) => l.qty)).toEqual([3]);
  });

  it('an unsure "yes" never cancels an order', async () => {
    const core = await mk();
    const c = await registered(core, PHONE, 'Ana', ADDRESS);
    for (const t of ['2 limes', 'checkout', 'pickup', 'yes']) await c.say(t);
    const say = caller(core);
    expect(await say('cancel my order')).toBe('Cancel order ORD-1001 ($0.98)?');
    expect(await say('yes', { unsure: true })).toMatch(/didn’t catch that for sure/);
    expect((await core.store.getOrder('ORD-1001'))!.status).toBe('placed');
    expect(await say('yes')).toMatch(/ORD-1001 is cancelled/);
  });

  it('an unverified caller hears neither the saved address nor the order history, and can still order', async () => {
    const core = await mk();
    const c = await registered(core, PHONE, 'Ana', ADDRESS);
    for (const t of ['2 limes', 'checkout', 'delivery', 'yes']) await c.say(t);
    const say = caller(core, { unverified: true });
    const heard: string[] = [];
    const hear = async (t: string) => { const r = await say(t); heard.push(r); return r; };
    expect(await hear('where is my order')).toMatch(/can’t read out or change your orders on this call[^]*Text or chat with us/);
    expect(await hear('cancel my order')).toMatch(/can’t read out or change your orders/);
    expect((await core.store.getOrder('ORD-1001'))!.status).toBe('placed');
    expect(await hear('three lemons')).toContain('Added 3 × Lemons');
    expect(await hear('check out')).toMatch(/deliver to your saved address/);
    expect(await hear('delivery')).toMatch(/Delivery to your saved address: \$3\.99/);
    expect(await hear('yes')).toMatch(/Order ORD-1002 is placed! Total \$5\.76, delivered to your saved address/);
    for (const h of heard) expect(h).not.toMatch(/Main Street|ORD-1001/);
    expect((await core.store.getOrder('ORD-1002'))!.address).toBe(ADDRESS);
  });
});
