// The classes of phrasing issue #18 names, each through the engine as a customer meets it: what they said,
// what the bot answered, and what happened to the cart, the customer record and the stock.
import { describe, expect, it } from 'vitest';
import { customer, expectInvariants, makeCore, registered } from '../helpers';
import { STORES } from '../stores';

describe.each(STORES)('on the $name store', ({ open }) => {
  const mk = async () => makeCore({}, await open());
  const PHONE = '+12025550142';
  const cartOf = async (core: Awaited<ReturnType<typeof mk>>, phone = PHONE) =>
    Object.fromEntries((await core.store.listHolds({ phone, status: 'active' })).map((h) => [h.sku, h.qty]));

  it('an item said with where it goes and who it is for is added, and no part of the sentence is named as a product', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    const reply = await c.say('could you put two packs of spaghetti onto my shopping list for my mum please');
    expect(reply).toContain('Added 2 × Spaghetti (500 g)');
    expect(reply).not.toMatch(/don’t carry|couldn’t find|didn’t catch/);
    expect(await cartOf(core)).toEqual({ 'PAN-PAS-SPA': 2 });
  });

  it('words it did not follow are asked about in one short question, never quoted as a product', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    const reply = await c.say('3 lemons and whatever my wife usually gets');
    expect(reply).toContain('Added 3 × Lemons');
    expect(reply).toContain('Was there something else in that message?');
    expect(reply).not.toMatch(/“[^”]*wife[^”]*”/);
    expect(await c.say('please could you')).not.toMatch(/don’t carry|couldn’t find/);
  });

  it('a unit word chooses the product sold that way: tins of tomatoes are the canned ones, a kilo the loose ones', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    expect(await c.say('2 tins of tomatoes')).toContain('Added 2 × Chopped Tomatoes (400 g can)');
    expect(await c.say('a kilo of tomatoes')).toContain('Vine Tomatoes');
    expect(await cartOf(core)).toEqual({ 'PAN-TOM-CAN': 2, 'VEG-TOM': 1000 });
  });

  it('two changes joined by "and", each with its own verb, are both done: the second verb does not take over the first item', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await c.say('3 lemons');
    expect(await c.say('add 2 limes and remove the lemons')).toMatch(/Added 2 × Limes[^]*Removed Lemons/);
    expect(await cartOf(core)).toEqual({ 'FRU-LIM': 2 });
    expect(await c.say('remove the limes and add 2 lemons')).toMatch(/Removed Limes[^]*Added 2 × Lemons/);
    expect(await cartOf(core)).toEqual({ 'FRU-LEM': 2 });
    expect(await c.say('a baguette, and please take the lemons out')).toMatch(/Removed Lemons/);
    expect(Object.keys(await cartOf(core))).toHaveLength(1);
    await expectInvariants(core.store);
  });

  it('corrections: "no, make the eggs 8" sets the amount (it removed the eggs), "3 bananas no wait 4" adds 4, "remove the bread" takes out the loaf in the cart', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await c.say('10 eggs');
    expect(await c.say('no make the eggs 8')).toContain('Updated: 8 × Free-Range Eggs');
    expect(await c.say('3 lemons no wait 4')).toContain('Added 4 × Lemons');
    expect(await c.say('2 limes, actually make that 5')).toContain('Added 5 × Limes');
    await c.say('a sourdough loaf');
    expect(await c.say('remove the bread')).toContain('Removed Sourdough Loaf');
    expect(await cartOf(core)).toEqual({ 'DAI-EGG': 8, 'FRU-LEM': 4, 'FRU-LIM': 5 });
  });

  it('"I meant …" after adding the wrong thing swaps it: "oops I meant lemons", "my bad, I meant almond milk"; "I meant 4" is an amount', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await c.say('3 limes');
    expect(await c.say('oops I meant lemons')).toContain('Swapped Limes for 3 × Lemons');
    expect(await c.say('i meant 4')).toContain('Updated: 4 × Lemons');
    await c.say('2 oat milk');
    expect(await c.say('my bad, i meant almond milk')).toContain('Swapped Oat Milk (1 L) for 2 × Almond Milk (1 L)');
    // A product already in the cart: its amount, not a swap of the line added last.
    expect(await c.say('oops I meant 4 lemons')).toContain('4 × Lemons');
    expect(await c.say('sorry i meant 5 lemons')).toContain('Updated: 5 × Lemons');
    expect(await cartOf(core)).toEqual({ 'FRU-LEM': 5, 'DAI-MLK-ALM': 2 });
  });

  it('a fraction of a kilo is that fraction, not the number under the line', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    expect(await c.say('1/3 kg potatoes')).toContain('Added 333 g Potatoes');
    expect(await c.say('2/3 kilo carrots')).toContain('Added 667 g Carrots');
    expect(await c.say('1 1/4 kg tomatoes')).toContain('Added 1.25 kg Vine Tomatoes');
    expect(await cartOf(core)).toEqual({ 'VEG-POT': 333, 'VEG-CAR': 667, 'VEG-TOM': 1250 });
  });

  it('at "Shall I place it?": a yes in many words places the order, and words that answer nothing ask again instead of dropping it', async () => {
    const core = await mk();
    const yesses = ['Yes, please place it. Thank you so much.', 'Then please place it now.', 'yep too easy', 'ye', 'go ahead with the order'];
    for (const [i, yes] of yesses.entries()) {
      const c = await registered(core, `+1202555017${i}`);
      for (const t of ['2 limes', 'check out', 'pickup']) await c.say(t);
      expect(await c.say('hmm let me think')).toContain('Your order isn’t placed yet. Shall I place it?');
      expect(await c.say(yes)).toMatch(/Order ORD-\d+ is placed!/);
    }
    const c = await registered(core, PHONE);
    for (const t of ['2 limes', 'check out', 'pickup']) await c.say(t);
    expect(await c.say('no, don’t place it yet')).not.toMatch(/is placed/);
    expect(await core.store.listOrders({ phone: PHONE })).toEqual([]);
  });

  it('"ditch the beer, get a bottle of red wine instead" removes one and adds the other; "neither" at "which one?" leaves the item out', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await c.say('6 pack of lager beer and 2 limes');
    expect(await c.say('ditch the beer, get a bottle of red wine instead')).toMatch(/Removed Lager Beer[^]*Added 1 × Red Wine/);
    expect(await c.say('yoghurt')).toContain('Which yoghurt would you like?');
    expect(await c.say('neither, I already have the natural one')).toContain('I’ve left that one out');
    expect(Object.keys(await cartOf(core)).sort()).toEqual(['DRI-WIN-RED', 'FRU-LIM'].sort());
  });

  it('a name with a particle that is an English word: "my name is Nguyen Van An"', async () => {
    const core = await mk();
    const c = customer(core, PHONE);
    await c.say('hi');
    expect(await c.say('my name is Nguyen Van An')).toContain('Nice to meet you, Nguyen Van An!');
    const d = customer(core, '+12025550143');
    await d.say('hi');
    expect(await d.say('Jo And Me')).not.toContain('Nice to meet you');
  });

  it('"nah thats everything thx", "no that\'ll be all for today cheers", "nope, ring me up" at "Anything else?" check out', async () => {
    const core = await mk();
    for (const [i, done] of ['nah thats everything thx', 'no that\'ll be all for today cheers', 'nope, ring me up'].entries()) {
      const c = await registered(core, `+1202555018${i}`);
      await c.say('2 limes');
      expect(await c.say(done)).toMatch(/pick up from the store/);
    }
    const c = await registered(core, PHONE);
    expect(await c.say('can i get 3 lemons.. no wait make it 4 actually')).toContain('Added 4 × Lemons');
  });

  it('"sweet, check out" checks out (it added sweets)', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await c.say('2 limes');
    expect(await c.say('sweet, check out')).toMatch(/pick up from the store/);
    expect(await cartOf(core)).toEqual({ 'FRU-LIM': 2 });
  });

  it('"yes" to "Anything else, or shall I check out?" checks out', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    expect(await c.say('3 lemons')).toContain('Anything else, or shall I check out?');
    expect(await c.say('yes please')).toMatch(/pick up from the store/);
  });

  it('removals asked as questions, corrections and emptying the cart', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await c.say('butter, crisps and 2 lemons');
    expect(await c.say('can you drop the butter?')).toContain('Removed Salted Butter (250 g).');
    expect(await c.say('get rid of the crisps pls')).toContain('Removed Ready Salted Crisps (150 g).');
    expect(await c.say('actually only 1 lemon, not 2')).toContain('Updated: 1 × Lemons');
    expect(await c.say('clear it all')).toMatch(/Start over\? That empties your cart/);
    await c.say('yes');
    expect(await cartOf(core)).toEqual({});
    await expectInvariants(core.store);
  });

  it('changes relative to the cart: one more of those, another three, swap one product for another', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await c.say('2 avocados');
    expect(await c.say('one more of those')).toContain('(3 in your cart now)');
    expect(await c.say('another three')).toContain('(6 in your cart now)');
    await c.say('a loaf of brown bread');
    const swapped = await c.say('swap the brown bread for white');
    expect(swapped).toContain('Swapped Wholemeal Bread for 1 × White Sandwich Bread');
    expect(await cartOf(core)).toEqual({ 'FRU-AVO': 6, 'BAK-BRD-WHT': 1 });
    await expectInvariants(core.store);
  });

  it('two unclear items in one message are each asked about in turn; neither is dropped', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    const first = await c.say('some bread and 2 milk');
    expect(first).toContain('Which bread would you like?');
    expect(first).toContain('Then I’ll ask about the milk.');
    const second = await c.say('rye');
    expect(second).toContain('Added 1 × Rye Bread');
    expect(second).toContain('Which milk would you like?');
    expect(await c.say('oat')).toContain('Added 2 × Oat Milk (1 L)');
    expect(await cartOf(core)).toEqual({ 'BAK-RYE': 1, 'DAI-MLK-OAT': 2 });
  });

  it('questions about the cart, thanks and goodbyes', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await c.say('2 lemons');
    expect(await c.say('what’s it come to?')).toMatch(/Total: \$1\.18/);
    expect(await c.say('how much is that altogether')).toMatch(/Total: \$1\.18/);
    expect(await c.say('thanks, bye!')).toContain('You’re welcome!');
  });

  it('a name, an address and an order in the first message: registered at once, the order added', async () => {
    const core = await mk();
    const c = customer(core, PHONE);
    const reply = await c.say('hi I’m Sam, 12 Baker Street, can I get 2 lemons and a sourdough');
    expect(reply).toContain('12 Baker Street');
    expect(reply).toContain('Added 2 × Lemons');
    expect(reply).toContain('Added 1 × Sourdough Loaf');
    expect(await core.store.getCustomer(PHONE)).toMatchObject({ name: 'Sam', address: '12 Baker Street' });
    expect(await cartOf(core)).toEqual({ 'FRU-LEM': 2, 'BAK-BRD-SOU': 1 });
  });

  it('a greeting with the name at the name question', async () => {
    const core = await mk();
    const c = customer(core, PHONE);
    await c.say('hello');
    expect(await c.say('hiya, Priya here')).toContain('Priya');
    expect(await core.store.getCustomer(PHONE)).toMatchObject({ name: 'Priya' });
  });

  it('an address change at any point is saved; an unverified caller may not change it', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await c.say('2 lemons');
    expect(await c.say('I’ve moved, it’s 4 Elm Row now')).toContain('I’ll deliver to 4 Elm Row from now on');
    expect(await core.store.getCustomer(PHONE)).toMatchObject({ address: '4 Elm Row' });

    const caller = await core.engine.handle({ channel: 'voice', phone: PHONE, text: 'my new address is 9 Station Road', unverified: true });
    expect(caller.map((r) => r.text).join('\n')).toContain('can’t confirm the number');
    expect(await core.store.getCustomer(PHONE)).toMatchObject({ address: '4 Elm Row' });
    expect(await c.say('check out')).toContain('4 Elm Row');
  });

  it('"yes" to delivery-or-pickup asks which one, and places nothing', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await c.say('2 lemons');
    await c.say('check out');
    expect(await c.say('yes')).toBe('Delivery or pickup? Tap one, or say which.');
    expect(c.options).toEqual(['Delivery', 'Pickup', 'Change address']);
    expect(await c.say('I’ll swing by and grab it')).toMatch(/Pickup|pick/i);
    expect(await core.store.listOrders({ phone: PHONE })).toEqual([]);
  });

  it('a complaint about an order goes to a person with the order attached; a question the FAQ answers by meaning', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await c.say('2 lemons');
    await c.say('check out');
    await c.say('pickup');
    await c.say('yes');
    const [order] = await core.store.listOrders({ phone: PHONE });
    expect(await c.say('what time do you close today?')).toMatch(/open Monday to Saturday/);
    expect(await c.say('any open-faced sandwiches?')).not.toMatch(/open Monday to Saturday/);
    expect(await c.say('my order was missing the bread')).toContain('passed it to a member of our team with your order');
    const conv = await core.store.getConversation(PHONE);
    expect(conv).toMatchObject({ stage: 'handoff', handoff: { reason: 'complaint', about: 'missing', orderId: order!.id } });
  });

  it('misspellings with letters swapped or dropped still find the product', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    expect(await c.say('2 greek yoghrt')).toContain('Added 2 × Greek Yogurt (500 g)');
    expect(await c.say('1/2 kg carrots')).toContain('500 g Carrots');
    expect(await c.say('half dozen eggs')).toContain('Added 6 × Free-Range Eggs');
  });

  it('what a cold review found read wrongly: a remark with a request, "I have got", a wish to change the method, a time', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    await c.say('2 lemons');
    // A remark about last time with a request in it is shopping, not a complaint that hands the chat to staff.
    expect(await c.say('my address is wrong')).not.toContain('passed it to a member of our team');
    expect((await core.store.getConversation(PHONE))?.stage).not.toBe('handoff');
    // "I've got 2 kids" is no removal.
    expect(await c.say('i’ve got 2 kids, so add 3 cokes')).toContain('Added 3 × Coca-Cola');
    // Neither a change of mind about the method nor a question about when starts a read-back.
    expect(await c.say('change delivery to pickup')).not.toMatch(/Here’s your order/);
    expect(await c.say('can you deliver tomorrow?')).not.toMatch(/Here’s your order/);
    // A new address stops where the next request starts.
    await c.say('we moved to 4 Elm Row last year');
    expect(await core.store.getCustomer(PHONE)).toMatchObject({ address: '4 Elm Row' });
    // A finish with the method said is a read-back at once.
    expect(await c.say('that’s all, pickup')).toMatch(/Here’s your order:[\s\S]*Pickup from the store/);
  });

  it('what a second cold set found: "could you not do the crisps", "make that 3 instead of 2", a name after "mate", pickup at the address question', async () => {
    const core = await mk();
    const c = customer(core, PHONE);
    await c.say('hello');
    expect(await c.say('yeah mate, call me Bazza')).toContain('Bazza');
    expect(await c.say('I’ll come pick it up myself')).not.toContain('deliver to');
    expect(await core.store.getCustomer(PHONE)).toMatchObject({ name: 'Bazza', registeredAt: expect.any(Number) });
    expect((await core.store.getCustomer(PHONE))?.address).toBeUndefined();
    await c.say('2 avocados and some crisps');
    expect(await c.say('could you not do the crisps after all')).toContain('Removed Ready Salted Crisps');
    expect(await c.say('make that 3 avocados instead of 2')).toContain('Updated: 3 × Hass Avocados');
    expect(await cartOf(core)).toEqual({ 'FRU-AVO': 3 });
  });
});

