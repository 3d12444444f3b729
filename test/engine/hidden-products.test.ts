import { describe, expect, it } from 'vitest';
import { customer, expectInvariants, makeCore, registered } from '../helpers';
import { STORES } from '../stores';

describe.each(STORES)('a product the owner hides, on the $name store', ({ open }) => {
  it('is not understood, browsed, offered in deals or as an alternative; a cart that has it keeps it; shown again, it sells', async () => {
    const core = await makeCore({}, await open());
    await core.promotions.replace([{ id: 'limes-3for2', kind: 'multibuy', sku: 'FRU-LIM', buy: 3, pay: 2 }]);
    const had = await registered(core, '+12025550111');
    expect(await had.say('3 limes')).toContain('Added 3 × Limes');

    expect((await core.catalog.patch('FRU-LIM', { active: false })).ok).toBe(true);
    const c = await registered(core, '+12025550112');
    // Not "we don't carry": the store does, just not now.
    expect(await c.say('2 limes')).toContain('Sorry, Limes isn’t available right now.');
    expect(await c.say('2 rambutans')).toMatch(/don.t carry/i);
    expect(await c.say('how much are limes?')).not.toMatch(/\$0\.49/);
    expect(await c.say('browse Fruit')).not.toContain('Limes');
    expect(await c.say('browse Fruit')).toContain('Lemons');
    expect(await c.say('any deals?')).not.toContain('Limes');

    // An "add" button sent before it was hidden adds nothing now.
    const beforeButton = (await core.store.getStock('FRU-LIM'))!.reserved;
    expect(await customer(core, '+12025550112').choose('add:FRU-LIM')).not.toMatch(/Added/);
    expect((await core.store.getStock('FRU-LIM'))!.reserved).toBe(beforeButton);

    // The customer who had limes in the cart keeps the line, and may check out with it.
    expect(await had.say('cart')).toContain('3 × Limes');
    expect(await had.say('2 more limes')).not.toContain('5 × Limes');
    await had.say('checkout');
    await had.say('pickup');
    expect(await had.say('yes')).toMatch(/is placed/);
    expect((await core.store.listOrders({ phone: '+12025550111' }))[0]!.lines).toEqual([expect.objectContaining({ sku: 'FRU-LIM', qty: 3 })]);

    // A lemon that is short does not suggest limes.
    const lemons = (await core.store.getStock('FRU-LEM'))!;
    expect((await core.catalog.patch('FRU-LEM', { stock: lemons.reserved + lemons.sold })).ok).toBe(true);
    expect(await c.say('2 lemons')).not.toContain('Limes');

    expect((await core.catalog.patch('FRU-LIM', { active: true })).ok).toBe(true);
    expect(await c.say('2 limes')).toContain('Added 2 × Limes');
    await expectInvariants(core.store);
  });
});
