import { describe, expect, it } from 'vitest';
import { customer, expectInvariants, makeCore, registered, setStock } from '../helpers';
import { STORES } from '../stores';

describe.each(STORES)('on the $name store', ({ open }) => {
  const mk = async (env: Record<string, string> = {}) => makeCore(env, await open());

  describe('holds and the stock counters', () => {
    it('an expired hold returns its stock exactly once, via the sweeper or the customer, whichever comes first', async () => {
      const core = await mk({ HOLD_MINUTES: '10' });
      const c = await registered(core, '+12025550123');
      await c.say('5 limes');
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ available: 95, reserved: 5 });
      core.clock.advance(9);
      expect(await core.inventory.sweep()).toHaveLength(0);
      core.clock.advance(2);
      const [swept, again] = await Promise.all([core.inventory.sweep(), core.inventory.sweep()]);
      expect(swept.length + again.length).toBe(1);
      expect(await core.inventory.sweep()).toHaveLength(0);
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ available: 100, reserved: 0 });
      expect(await c.say('view cart')).toMatch(/empty/);
      await expectInvariants(core.store);
    });

    it('talking to the bot keeps the hold alive', async () => {
      const core = await mk({ HOLD_MINUTES: '10' });
      const c = await registered(core, '+12025550123');
      await c.say('5 limes');
      for (let i = 0; i < 3; i += 1) { core.clock.advance(8); await c.say('show my cart'); }
      expect(await core.inventory.sweep()).toHaveLength(0);
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 5 });
    });

    it('cancelling twice restocks once, whether from the admin side or the customer side', async () => {
      const core = await mk();
      const c = await registered(core, '+12025550123');
      for (const t of ['6 limes', 'checkout', 'pickup', 'yes']) await c.say(t);
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ available: 94, sold: 6 });
      const results = await Promise.all([core.orders.cancel('ORD-1001'), core.orders.cancel('ORD-1001'), core.orders.cancel('ORD-1001')]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([
        { ok: false, reason: 'not_cancellable', status: 'cancelled' },
        { ok: false, reason: 'not_cancellable', status: 'cancelled' },
      ]);
      expect(await core.orders.cancel('ORD-1001')).toMatchObject({ ok: false, reason: 'not_cancellable' });
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ received: 100, available: 100, reserved: 0, sold: 0 });
      await expectInvariants(core.store);
    });

    it('a checkout that loses a hold part-way undoes what it converted', async () => {
      const core = await mk({ HOLD_MINUTES: '10' });
      const c = await registered(core, '+12025550123');
      await c.say('2 limes and 3 lemons');
      const holds = await core.store.listHolds({ phone: c.phone, status: 'active' });
      // The lemons' hold is released behind the checkout's back, after the cart was read.
      await core.inventory.release(holds[1]!);
      const result = await core.inventory.convert(holds, 'ORD-TEST');
      expect(result).toMatchObject({ ok: false, lost: [{ sku: 'FRU-LEM' }] });
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ available: 98, reserved: 2, sold: 0 });
      expect(await core.store.getStock('FRU-LEM')).toMatchObject({ available: 120, reserved: 0, sold: 0 });
      await expectInvariants(core.store);
    });

    it('orders move only forward', async () => {
      const core = await mk();
      const c = await registered(core, '+12025550123');
      for (const t of ['a coke', 'checkout', 'pickup', 'yes']) await c.say(t);
      // A pickup order's path: placed → preparing → ready → delivered (collected); it is never dispatched.
      expect(await core.orders.advance('ORD-1001', 'ready')).toMatchObject({ ok: true });
      expect(await core.orders.advance('ORD-1001', 'preparing')).toEqual({ ok: false, reason: 'not_forward', status: 'ready' });
      expect(await core.orders.advance('ORD-1001', 'dispatched')).toEqual({ ok: false, reason: 'not_on_path', status: 'ready', fulfilment: 'pickup' });
      expect(await core.orders.advance('ORD-1001', 'delivered')).toMatchObject({ ok: true });
      expect(await core.orders.cancel('ORD-1001')).toEqual({ ok: false, reason: 'not_cancellable', status: 'delivered' });
      expect(await core.orders.advance('ORD-9', 'delivered')).toEqual({ ok: false, reason: 'not_found' });
    });

    it('stock cannot be set below what is held or sold', async () => {
      const core = await mk();
      const c = await registered(core, '+12025550123');
      await c.say('8 limes');
      const result = await core.catalog.upsert([{ sku: 'FRU-LIM', name: 'Limes', price: 0.49, unit: 'each', stock: 5, category: 'Fruit' }]);
      expect(result).toEqual({ ok: false, errors: ['0.stock: FRU-LIM already has 8 units held or sold; stock cannot be set lower'] });
      await setStock(core, 'FRU-LIM', 8);
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ received: 8, available: 0, reserved: 8 });
      await expectInvariants(core.store);
    });
  });

  describe('limits', () => {
    it('a cart line never holds more than its limit, and amounts that are not whole finite numbers change nothing', async () => {
      const core = await mk({ MAX_UNITS_PER_LINE: '30', MAX_KG_PER_LINE: '10' });
      const phone = '+12025550123';
      expect(await core.inventory.setLine(phone, 'FRU-LIM', 31)).toEqual({ ok: false, reason: 'over_limit', limit: 30 });
      expect(await core.inventory.setLine(phone, 'VEG-POT', 10_001)).toEqual({ ok: false, reason: 'over_limit', limit: 10_000 });
      expect(await core.inventory.setLine(phone, 'FRU-LIM', 30)).toMatchObject({ ok: true, qty: 30 });
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 2.5, 2 ** 53, Number.MAX_VALUE]) {
        expect(await core.inventory.setLine(phone, 'FRU-LIM', bad), String(bad)).toEqual({ ok: false, reason: 'bad_quantity' });
        expect(await core.inventory.setReceived('FRU-LIM', bad), String(bad)).toEqual({ ok: false, reason: 'bad_quantity' });
      }
      expect(await core.store.getStock('FRU-LIM')).toEqual({ sku: 'FRU-LIM', received: 100, available: 70, reserved: 30, sold: 0 });
      // A line already over a limit that was lowered may still shrink.
      const lime = (await core.store.getProduct('FRU-LIM'))!;
      await core.store.upsertProduct({ ...lime, maxPerOrder: 10 });
      expect(await core.inventory.setLine(phone, 'FRU-LIM', 31)).toEqual({ ok: false, reason: 'over_limit', limit: 10 });
      expect(await core.inventory.setLine(phone, 'FRU-LIM', 20)).toMatchObject({ ok: true, qty: 20 });
      await expectInvariants(core.store);
    });

    it('renewing holds never moves a hold’s expiry past HOLD_MAX_MINUTES after that hold was made', async () => {
      const core = await mk({ HOLD_MINUTES: '30', HOLD_MAX_MINUTES: '45' });
      const phone = '+12025550123';
      await core.inventory.setLine(phone, 'FRU-LIM', 2);
      const made = core.clock.now();
      core.clock.advance(20);
      await core.inventory.setLine(phone, 'FRU-LEM', 1);
      await core.inventory.touch(phone, (await core.inventory.cart(phone)).lines);
      const expiry = Object.fromEntries((await core.store.listHolds({ phone, status: 'active' })).map((h) => [h.sku, h.expiresAt]));
      // The limes (made first) stop at their 45 minutes; the lemons, made 20 minutes later, at a full renewal.
      expect(expiry).toEqual({ 'FRU-LIM': made + 45 * 60_000, 'FRU-LEM': made + 50 * 60_000 });
      core.clock.advance(25);
      expect((await core.inventory.sweep()).map((h) => h.sku)).toEqual(['FRU-LIM']);
      core.clock.advance(5);
      expect((await core.inventory.sweep()).map((h) => h.sku)).toEqual(['FRU-LEM']);
      await expectInvariants(core.store);
    });
  });

  describe('races', () => {
    it('50 customers at once racing for the last 10 units: exactly 10 reserved, never oversold', async () => {
      const core = await mk();
      await setStock(core, 'FRU-MAN', 10);
      const shoppers = await Promise.all(Array.from({ length: 50 }, (_, i) => registered(core, `+1202555${String(1000 + i).padStart(4, '0')}`)));
      const replies = await Promise.all(shoppers.map((s) => s.say('a mango')));
      expect(replies.filter((r) => r.includes('Added 1 × Mangoes'))).toHaveLength(10);
      expect(replies.filter((r) => r.includes('Mangoes is out of stock'))).toHaveLength(40);
      expect(await core.store.getStock('FRU-MAN')).toEqual({ sku: 'FRU-MAN', received: 10, available: 0, reserved: 10, sold: 0 });
      await expectInvariants(core.store);

      // The winners all check out at once; the counters still add up.
      const winners = shoppers.filter((_, i) => replies[i]!.includes('Added'));
      await Promise.all(winners.map(async (w) => { await w.say('checkout'); await w.say('pickup'); await w.say('yes'); }));
      expect(await core.store.getStock('FRU-MAN')).toEqual({ sku: 'FRU-MAN', received: 10, available: 0, reserved: 0, sold: 10 });
      expect(await core.store.listOrders({})).toHaveLength(10);
      await expectInvariants(core.store);
    });

    it('one phone sending 20 messages at once loses no cart line, in arrival order', async () => {
      const core = await mk({ RATE_PER_MINUTE: '100' });
      const c = await registered(core, '+12025550123');
      const items = ['limes', 'lemons', 'avocado', 'coke', 'sprite', 'garlic', 'broccoli', 'cucumber', 'kiwi', 'mango',
        'pineapple', 'celery', 'zucchini', 'baguette', 'croissants', 'butter', 'bacon', 'ham', 'tuna', 'honey'];
      const replies = await Promise.all(items.map((item, i) => core.engine.handle({ channel: 'web', phone: c.phone, text: `add ${item}`, messageId: `m${i}` })));
      replies.forEach((r) => expect(r[0]!.text).toMatch(/^Added 1 × /));
      const totals = replies.map((r) => Number(/Cart total: \$([\d.]+)/.exec(r.at(-1)!.text)![1]));
      expect([...totals].sort((a, b) => a - b)).toEqual(totals);
      const holds = await core.store.listHolds({ phone: c.phone, status: 'active' });
      expect(holds).toHaveLength(20);
      await expectInvariants(core.store);
    });

    it('a repeated messageId is handled once and answered with the same replies', async () => {
      const core = await mk();
      const c = await registered(core, '+12025550123');
      const send = () => core.engine.handle({ channel: 'web', phone: c.phone, text: '2 limes', messageId: 'dup-1' });
      const [a, b] = await Promise.all([send(), send()]);
      const later = await send();
      expect(a[0]!.text).toContain('Added 2 × Limes');
      expect(b).toEqual(a);
      expect(later).toEqual(a);
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 2 });
      // The same id on another channel is another message.
      await core.engine.handle({ channel: 'sms', phone: c.phone, text: '2 limes', messageId: 'dup-1' });
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 4 });
    });

    it('the same phone on two channels is one customer with one cart', async () => {
      const core = await mk();
      await registered(core, '+12025550123');
      await customer(core, '+12025550123', 'web').say('2 limes');
      expect(await customer(core, '+12025550123', 'sms').say('show my cart')).toContain('2 × Limes');
    });
  });
});
