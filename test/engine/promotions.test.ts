import { describe, expect, it } from 'vitest';
import type { Promotion } from '../../src/domain/owner';
import { PROMOTIONS_REFRESH_MS } from '../../src/promotions/service';
import { customer, expectInvariants, makeCore, registered } from '../helpers';
import { STORES } from '../stores';

const PHONE = '+12025550123';
const LIMES_3_FOR_2: Promotion = { id: 'limes-3for2', kind: 'multibuy', sku: 'FRU-LIM', buy: 3, pay: 2 };
const DAIRY_15: Promotion = { id: 'dairy-15', kind: 'percent', category: 'Dairy & Eggs', percent: 15 };

describe.each(STORES)('promotions on the $name store', ({ open }) => {
  const mk = async (promotions: Promotion[]) => {
    const core = await makeCore({}, await open());
    await core.promotions.replace(promotions);
    return core;
  };

  it('shows each line\'s discount and the saving in the cart and the read-back, and places the order at the total read back', async () => {
    const core = await mk([LIMES_3_FOR_2, DAIRY_15]);
    const c = await registered(core, PHONE);
    // Limes 3 × $0.49 = $1.47, one free → $0.98; eggs 2 × $0.45 = $0.90, 15 % off → $0.76.
    expect(await c.say('3 limes and 2 eggs')).toContain('Cart total: $1.74 (you save $0.63). Anything else, or shall I check out?');
    expect(await c.say('show my cart')).toContain([
      'Your cart:',
      '• 3 × Limes — $0.98 (you save $0.49)',
      '• 2 × Free-Range Eggs — $0.76 (you save $0.14)',
      'Total: $1.74 (you save $0.63)',
    ].join('\n'));
    await c.say('checkout');
    const readBack = await c.say('delivery');
    expect(readBack).toBe([
      'Here’s your order:',
      '• 3 × Limes — $0.98 (you save $0.49)',
      '• 2 × Free-Range Eggs — $0.76 (you save $0.14)',
      'Delivery to 12 Main Street, Springfield: $3.99',
      'Total: $5.73 (you save $0.63)',
      'Shall I place it?',
    ].join('\n'));
    expect(await c.say('yes')).toMatch(/Order ORD-1001 is placed! Total \$5\.73 \(you save \$0\.63\), delivered to 12 Main Street/);
    const [order] = await core.store.listOrders({ phone: PHONE });
    expect(order).toMatchObject({ totalCents: 573, deliveryFeeCents: 399 });
    expect(order!.lines.map((l) => [l.sku, l.qty, l.lineTotalCents, l.discountCents, l.promotionId])).toEqual([
      ['FRU-LIM', 3, 98, 49, 'limes-3for2'], ['DAI-EGG', 2, 76, 14, 'dairy-15'],
    ]);
    // The promotions end; the order keeps the price paid, and the stock counters are the same as without them.
    await core.promotions.replace([]);
    expect((await core.store.getOrder(order!.id))!.totalCents).toBe(573);
    expect(await c.say('where is my order?')).toContain('ORD-1001 ($5.73)');
    await expectInvariants(core.store);
  });

  it('gives the better of two overlapping promotions, never both', async () => {
    const core = await mk([{ id: 'milk-10', kind: 'percent', sku: 'DAI-MLK-WHL', percent: 10 }, DAIRY_15]);
    const c = await registered(core, PHONE);
    // 4 × $1.39 = $5.56: 10 % is $0.56, 15 % is $0.83; both would be $1.39.
    expect(await c.say('4 whole milk')).toContain('Cart total: $4.73 (you save $0.83).');
  });

  it('answers "any deals?" and its like with the promotions running now, and says so when there are none', async () => {
    const core = await mk([
      LIMES_3_FOR_2, DAIRY_15,
      { id: 'later', kind: 'percent', sku: 'FRU-CHE', percent: 20, startsAt: Date.UTC(2026, 11, 20) },
    ]);
    const c = await registered(core, PHONE);
    const deals = await c.say('any deals?');
    expect(deals).toBe([
      'On offer right now:',
      '• 3 for the price of 2 on Limes',
      '• 15% off everything in Dairy & Eggs',
      'Discounts show in your cart automatically.',
    ].join('\n'));
    expect(c.options).toEqual(['Add Limes']);
    for (const text of ['What’s on offer?', 'specials', 'Promotions', 'do you have any offers', 'what deals do you have?']) {
      expect(await c.say(text), text).toBe(deals);
    }
    // The button adds the product, at its promotion.
    expect(await c.say('Add Limes')).toContain('Added 1 × Limes — $0.49.\nCart total: $0.49.');
    expect(await c.say('add 2 limes')).toContain('Cart total: $0.98 (you save $0.49).');

    await core.promotions.replace([]);
    expect(await c.say('any deals')).toBe('No offers right now — but everything’s fresh! What would you like?');
  });

  it('does not apply a promotion that ended before checkout, in the read-back or the order', async () => {
    const core = await mk([{ ...LIMES_3_FOR_2, endsAt: Date.UTC(2026, 10, 2, 10, 10) }]);
    const c = await registered(core, PHONE);
    expect(await c.say('3 limes')).toContain('Cart total: $0.98 (you save $0.49).');
    core.clock.advance(10); // exactly endsAt: over
    await c.say('checkout');
    const readBack = await c.say('pickup');
    expect(readBack).toContain('• 3 × Limes — $1.47\nPickup from the store: free\nTotal: $1.47\nShall I place it?');
    expect(readBack).not.toContain('save');
    expect(await c.say('yes')).toMatch(/Total \$1\.47, to collect from the store/);
    const [order] = await core.store.listOrders({ phone: PHONE });
    expect(order!.totalCents).toBe(147);
    expect(order!.lines[0]!.discountCents).toBeUndefined();
  });

  it('keeps the price read back when the promotion ends between the read-back and the "yes"', async () => {
    const core = await mk([{ ...LIMES_3_FOR_2, endsAt: Date.UTC(2026, 10, 2, 10, 10) }]);
    const c = await registered(core, PHONE);
    await c.say('3 limes');
    await c.say('checkout');
    core.clock.advance(9);
    expect(await c.say('pickup')).toContain('Total: $0.98 (you save $0.49)');
    core.clock.advance(2);
    expect(await c.say('yes')).toMatch(/Total \$0\.98 \(you save \$0\.49\), to collect from the store/);
    expect((await core.store.listOrders({ phone: PHONE }))[0]!.totalCents).toBe(98);
    // A new cart after the end pays full price.
    await c.say('3 limes');
    expect(await c.say('show my cart')).toContain('Total: $1.47\n');
  });

  it('never charges more than the read-back: when the owner removes the offer before the "yes", the customer hears the new total first', async () => {
    const core = await mk([LIMES_3_FOR_2]);
    const c = await registered(core, PHONE);
    await c.say('3 limes');
    await c.say('checkout');
    expect(await c.say('pickup')).toContain('Total: $0.98 (you save $0.49)');
    await core.promotions.replace([]);
    const again = await c.say('yes');
    expect(again).toContain('Something changed since I read your order back');
    expect(again).toContain('Total: $1.47\nShall I place it?');
    expect(await core.store.listOrders({ phone: PHONE })).toEqual([]);
    expect(await c.say('yes')).toMatch(/Total \$1\.47, to collect from the store/);
    expect((await core.store.listOrders({ phone: PHONE }))[0]!.totalCents).toBe(147);
    await expectInvariants(core.store);
  });

  it('shows the discount in the cart summary a caller has texted to them', async () => {
    const core = await mk([LIMES_3_FOR_2]);
    const c = await registered(core, PHONE);
    await c.say('3 limes');
    const texted: string[] = [];
    core.outbox.use('sms', { send: async (m) => { texted.push(m.reply.text); return {}; } });
    expect(await core.notifier.cartSummary(PHONE, 'sms')).toBe(true);
    await core.outbox.drain();
    expect(texted).toEqual([['Your Corner Grocer cart:', '• 3 × Limes — $0.98 (you save $0.49)', 'Total: $0.98 (you save $0.49)', 'Reply here or call us to finish your order.'].join('\n')]);
  });

  it('sees promotions another process set once its copy is refreshed, without reading them on every message', async () => {
    const core = await mk([]);
    const c = await registered(core, PHONE);
    await core.store.putPromotions([LIMES_3_FOR_2]); // as another web process's PUT would
    expect(await c.say('3 limes')).toContain('Cart total: $1.47.');
    core.clock.t += PROMOTIONS_REFRESH_MS;
    expect(await c.say('show my cart')).toContain('Total: $0.98 (you save $0.49)');
  });
});

describe('promotions before the customer has registered', () => {
  it('asks for the name first, as every request does', async () => {
    const core = await makeCore();
    await core.promotions.replace([LIMES_3_FOR_2]);
    expect(await customer(core, PHONE).say('any deals?')).toMatch(/what’s your name/);
  });
});
