import { describe, expect, it } from 'vitest';
import type { UsualMode } from '../../src/domain/settings';
import { customer, expectInvariants, makeCore, registered, type TestCore } from '../helpers';
import { STORES } from '../stores';

const PHONE = '+12025550123';
const OTHER = '+12025550177';

/** Places one pickup order of what `items` says, and returns the customer at the `placed` stage. */
async function order(c: Awaited<ReturnType<typeof registered>>, items: string) {
  await c.say(items);
  await c.say('checkout');
  await c.say('pickup');
  expect(await c.say('yes')).toMatch(/is placed!/);
}

async function useMode(core: TestCore, usual: UsualMode) {
  const saved = await core.settings.save({ usual }, core.settings.current().version, 'owner');
  expect(saved.ok).toBe(true);
}

/** What the phone holds in its cart, by SKU. */
async function cartOf(core: TestCore, phone = PHONE) {
  const holds = await core.store.listHolds({ phone, status: 'active' });
  return Object.fromEntries(holds.map((h) => [h.sku, h.qty]));
}

describe.each(STORES)('the usual, on the $name store', ({ open }) => {
  const mk = async () => makeCore({}, await open());

  it('“the usual but no eggs” proposes the usual without the eggs; words naming nothing in it are said', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '2 oat milk and 6 eggs');
    const proposed = await c.say('the usual but no eggs');
    expect(proposed).toContain('• 2 × Oat Milk (1 L)');
    expect(proposed).not.toContain('Eggs');
    expect(await c.say('yes')).toContain('Added 2 × Oat Milk (1 L)');
    expect(await cartOf(core)).toEqual({ 'DAI-MLK-OAT': 2 });
    expect(await c.say('same as last time without the bread please')).toMatch(/^Your usual has no bread, so there’s nothing to leave out\.\nYour last order/);
  });

  it('reads the last order back at today’s prices, reserves nothing, and adds it all on “yes”', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '2 oat milk and 6 eggs');
    const before = await core.store.getStock('DAI-MLK-OAT');
    // Oat milk costs more today.
    expect((await core.catalog.patch('DAI-MLK-OAT', { price: 2.99 })).ok).toBe(true);

    const proposed = await c.say('same as last time please');
    expect(proposed).toBe([
      'Your last order, at today’s prices:',
      '• 2 × Oat Milk (1 L) — $5.98',
      '• 6 × Free-Range Eggs — $2.70',
      'Total today: $8.68',
      'Nothing’s set aside yet. Shall I add these to your cart?',
    ].join('\n'));
    expect(c.options).toEqual(['Yes', 'No']);
    // Nothing reserved until "yes".
    expect(await core.store.getStock('DAI-MLK-OAT')).toEqual(before);
    expect(await cartOf(core)).toEqual({});

    const added = await c.say('yes please');
    expect(added).toContain('Added 2 × Oat Milk (1 L) — $5.98.');
    expect(added).toContain('Added 6 × Free-Range Eggs — $2.70.');
    expect(added).toContain('Cart total: $8.68.');
    expect(await cartOf(core)).toEqual({ 'DAI-MLK-OAT': 2, 'DAI-EGG': 6 });
    expect(await core.store.getStock('DAI-MLK-OAT')).toMatchObject({ reserved: 2, available: before!.available - 2 });
    await expectInvariants(core.store);
  });

  it('“no” adds nothing and leaves the stock as it was', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '3 limes');
    const before = await core.store.getStock('FRU-LIM');
    expect(await c.say('my usual')).toContain('• 3 × Limes — $1.47');
    expect(await c.say('no thanks')).toBe('Okay, I haven’t added any of them. What would you like?');
    expect(await cartOf(core)).toEqual({});
    expect(await core.store.getStock('FRU-LIM')).toEqual(before);
  });

  it('prices the usual with today’s promotions, as the cart would', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '4 limes');
    await core.promotions.replace([{ id: 'limes-half', kind: 'percent', percent: 50, sku: 'FRU-LIM' }]);
    const proposed = await c.say('the usual');
    expect(proposed).toContain('• 4 × Limes — $0.98 (you save $0.98)');
    await c.say('yes');
    expect((await c.say('show my cart'))).toContain('4 × Limes — $0.98 (you save $0.98)');
  });

  it('says what is short today with the amount that can be had, proposes that amount, and leaves out what is gone', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '5 oat milk, 2 rye bread and a pineapple');
    // Another customer holds all but 2 of the oat milk; the rye bread is sold out; the pineapple hidden.
    const other = await registered(core, OTHER, 'Bo');
    const { available } = (await core.store.getStock('DAI-MLK-OAT'))!;
    await other.say(`${available - 2} oat milk`);
    await other.say(`${(await core.store.getStock('BAK-RYE'))!.available} rye bread`);
    expect((await core.catalog.patch('FRU-PIN', { active: false })).ok).toBe(true);

    const proposed = await c.say('repeat my last order');
    expect(proposed).toBe([
      'Your last order, at today’s prices:',
      '• 2 × Oat Milk (1 L) — $4.98',
      'Only 2 of Oat Milk (1 L) today.',
      'Rye Bread is sold out today.',
      'Pineapple is no longer available, so I’ve left it out.',
      'Nothing’s set aside yet. Shall I add it to your cart?',
    ].join('\n'));
    await c.say('yes');
    expect(await cartOf(core)).toEqual({ 'DAI-MLK-OAT': 2 });
    await expectInvariants(core.store);
  });

  it('when the stock goes between the proposal and “yes”, says so honestly and adds what it can', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '2 oat milk and 3 limes');
    expect(await c.say('the usual')).toContain('• 2 × Oat Milk (1 L) — $4.98');
    // Meanwhile someone else takes every oat milk left.
    const other = await registered(core, OTHER, 'Bo');
    await other.say(`${(await core.store.getStock('DAI-MLK-OAT'))!.available} oat milk`);
    const added = await c.say('yes');
    expect(added).toContain('Sorry, Oat Milk (1 L) is out of stock right now.');
    expect(added).toContain('Added 3 × Limes — $1.47.');
    expect(await cartOf(core)).toEqual({ 'FRU-LIM': 3 });
    await expectInvariants(core.store);
  });

  it('with usual “frequent”, proposes what they buy most often, each in its usual amount', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '2 oat milk and 6 eggs');
    await order(c, '2 oat milk and a rye bread');
    await order(c, '1 oat milk, 6 eggs and 3 limes');
    // The setting's default: the last order.
    expect(await c.say('same as last time')).toContain('• 1 × Oat Milk (1 L) — $2.49\n• 6 × Free-Range Eggs — $2.70\n• 3 × Limes — $1.47');
    await c.say('no');
    await useMode(core, 'frequent');
    expect(await c.say('same as last time')).toBe([
      'What you usually get, at today’s prices:',
      '• 2 × Oat Milk (1 L) — $4.98',
      '• 6 × Free-Range Eggs — $2.70',
      'Total today: $7.68',
      'Nothing’s set aside yet. Shall I add these to your cart?',
    ].join('\n'));
    await c.say('yes');
    expect(await cartOf(core)).toEqual({ 'DAI-MLK-OAT': 2, 'DAI-EGG': 6 });
  });

  it('a product sold by weight comes back in its weight, and is added by weight', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '1.5 kg potatoes and 2 apples');
    const proposed = await c.say('what i got last week');
    expect(proposed).toContain('• 1.5 kg Potatoes — $2.24');
    expect(proposed).toContain('• 360 g Gala Apples — $1.26');
    await c.say('yes');
    expect(await cartOf(core)).toEqual({ 'VEG-POT': 1500, 'FRU-APL-GAL': 360 });
  });

  it('a favourite by name: the product of that kind they bought most, in their usual amount', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '2 instant coffee and a wholemeal bread');
    await order(c, '2 instant coffee and a rye bread');
    await order(c, '1 ground coffee and a wholemeal bread');
    expect(await c.say('add my usual coffee')).toBe([
      'Your usual coffee, at today’s price:',
      '• 2 × Instant Coffee (100 g) — $8.98',
      'Nothing’s set aside yet. Shall I add it to your cart?',
    ].join('\n'));
    expect(await cartOf(core)).toEqual({});
    await c.say('yes');
    expect(await c.say('the bread I always get')).toContain('Your usual bread, at today’s price:\n• 1 × Wholemeal Bread — $2.49');
    await c.say('yes');
    expect(await cartOf(core)).toEqual({ 'DRI-COF-INS': 2, 'BAK-BRD-WHM': 1 });
  });

  it('“2 limes and my usual coffee”: the limes are added, the coffee proposed, and “yes” answers the proposal', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '2 instant coffee');
    const reply = await c.say('2 limes and my usual coffee');
    expect(reply).toContain('Added 2 × Limes — $0.98.');
    expect(reply).toMatch(/Your usual coffee, at today’s price:\n• 2 × Instant Coffee \(100 g\) — \$8\.98\nNothing’s set aside yet\. Shall I add it to your cart\?$/);
    expect(c.options).toEqual(['Yes', 'No']);
    expect(await cartOf(core)).toEqual({ 'FRU-LIM': 2 });
    await c.say('yes');
    expect(await cartOf(core)).toEqual({ 'FRU-LIM': 2, 'DRI-COF-INS': 2 });
  });

  it('a favourite never bought: says so and searches the word, never guessing a product', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '3 limes');
    const reply = await c.say('my usual coffee please');
    expect(reply).toMatch(/^You haven’t bought coffee from us before, so I won’t guess which one you like\.\nHere’s what I found for “coffee”:/);
    expect(reply).toContain('Ground Coffee (250 g)');
    expect(reply).toContain('Instant Coffee (100 g)');
    expect(c.options).toContain('Add Ground Coffee (250 g)');
    expect(await cartOf(core)).toEqual({});
  });

  it('with no past order, says so kindly and offers the shelves and the deals', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    expect(await c.say('the usual please')).toBe('You haven’t ordered from us yet, so there’s no usual to repeat — once you have, just say “the usual”. Would you like to browse the shelves or see today’s deals?');
    expect(c.options).toEqual(['Browse', 'Deals']);
    expect(await c.choose('deals')).toMatch(/offer/i);
    // A favourite asked for before any order: the kind is searched, never guessed.
    expect(await c.say('my usual coffee')).toMatch(/^You haven’t bought coffee from us before, so I won’t guess which one you like\.\nHere’s what I found for “coffee”:/);
  });

  it('a cancelled order is no usual: the one before it is', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '3 limes');
    await order(c, '2 rye bread');
    await c.say('cancel order ORD-1002');
    expect(await c.say('yes')).toContain('is cancelled');
    expect(await c.say('same as last time')).toContain('• 3 × Limes — $1.47');
  });

  it('when none of the usual can be had, says what and offers the next step', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '2 rye bread');
    expect((await core.catalog.patch('BAK-RYE', { active: false })).ok).toBe(true);
    expect(await c.say('my usual')).toBe('Sorry — none of your usual can be had today. Rye Bread is no longer available, so I’ve left it out. Would you like to browse the shelves or see today’s deals?');
    expect(c.options).toEqual(['Browse', 'Deals']);
  });

  it('reads out no order history to a caller whose number is not proven', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '3 limes');
    const replies = await core.engine.handle({ channel: 'voice', phone: PHONE, text: 'the usual', messageId: 'call-1', unverified: true });
    expect(replies.map((r) => r.key)).toEqual(['needs_verified_caller']);
    expect(replies[0]!.text).not.toContain('Limes');
  });

  it('works the same for a customer who has just come back', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await order(c, '3 limes');
    const again = customer(core, PHONE, 'sms');
    const reply = await again.say('same again');
    expect(reply).toContain('Your last order, at today’s prices:\n• 3 × Limes — $1.47');
  });
});
