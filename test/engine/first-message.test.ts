import { describe, expect, it } from 'vitest';
import { customer, makeCore } from '../helpers';
import { STORES } from '../stores';

/** A new customer registered for pickup, at the menu. */
async function pickupCustomer(core: Awaited<ReturnType<typeof makeCore>>, phone: string) {
  const c = customer(core, phone);
  await c.say('hi'); await c.say('Sam'); await c.say('pickup');
  return c;
}

// A new customer's first message is often a question or a whole order: it is answered or kept, not
// swallowed by the welcome.
describe.each(STORES)('a new customer\'s first message on the $name store', ({ open }) => {
  it('"hours?" is answered before the welcome', async () => {
    const core = await makeCore({}, await open());
    const c = customer(core, '+15550002001');
    const reply = await c.say('hours?');
    expect(reply).toMatch(/open/i);
    expect(reply).toMatch(/what’s your name/i);
  });

  it('"are you open on Sunday mornings" is answered before the welcome', async () => {
    const core = await makeCore({}, await open());
    const reply = await customer(core, '+15550002002').say('are you open on Sunday mornings');
    expect(reply).toMatch(/Sunday/);
    expect(reply).toMatch(/what’s your name/i);
  });

  it('"hi, I\'m Sam" as the first message: the name is taken and the address asked, not the name again', async () => {
    const core = await makeCore({}, await open());
    const reply = await customer(core, '+15550002013').say('hi um yeah hello i\'d like to order some stuff my name\'s uh dave dave morris');
    expect(reply).toMatch(/Nice to meet you, Dave Morris!/);
    expect(reply).not.toMatch(/what’s your name/i);
  });

  it('a name and a question in one message: the question answered, the name taken, the address asked', async () => {
    const core = await makeCore({}, await open());
    const reply = await customer(core, '+15550002010').say('hiya its Jen, whats ur opening hours on sunday');
    expect(reply).toMatch(/Sunday 9am/);
    expect(reply).toMatch(/Nice to meet you, Jen!/);
    expect(reply.indexOf('Sunday 9am')).toBeLessThan(reply.indexOf('Nice to meet you'));
  });

  it('"do you have oat milk?" first, or beside a name: what is on the shelf is told, then registration goes on', async () => {
    const core = await makeCore({}, await open());
    expect(await customer(core, '+15550002011').say('hi, do you have oat milk')).toMatch(/Oat Milk \(1 L\): \$2\.49 each, 30 in stock[\s\S]*what’s your name/i);
    const beside = await customer(core, '+15550002012').say('hello this is Priya, do u have oat milk?');
    expect(beside).toMatch(/Oat Milk \(1 L\).*in stock[\s\S]*Nice to meet you, Priya!/);
    expect((await core.store.getStock('DAI-MLK-OAT'))!.reserved).toBe(0);
  });

  it('a name, pickup and items in one message register a pickup customer and fill the cart', async () => {
    const core = await makeCore({}, await open());
    const c = customer(core, '+15550002003');
    const reply = await c.say("hi, I'm Sam, pickup please, 2 bagels and a whole milk");
    expect(reply).toMatch(/collect/i);
    expect(reply).not.toMatch(/delivery address/i);
    expect(reply).toMatch(/2 × Plain Bagels/);
    expect(reply).toMatch(/Whole Milk/);
    expect((await core.store.getCustomer('+15550002003'))?.name).toBe('Sam');
  });

  it('"I take from shop" at the address question is pickup, never an address', async () => {
    const core = await makeCore({}, await open());
    const c = customer(core, '+15550002004');
    await c.say('hi');
    await c.say('Peggy');
    const reply = await c.say('I take from shop');
    expect(reply).toMatch(/collect your orders from the store/);
    expect((await core.store.getCustomer('+15550002004'))?.address).toBeUndefined();
  });
});

describe.each(STORES)('choosing which one, with an amount, on the $name store', ({ open }) => {
  it('"whole. 2" to "which milk?" adds 2 whole milks', async () => {
    const core = await makeCore({}, await open());
    const c = await pickupCustomer(core, '+15550002005');
    await c.say('milk');
    expect(await c.say('whole. 2')).toMatch(/Added 2 × Whole Milk/);
  });
});

describe.each(STORES)('a question the rules cannot answer, on the $name store', ({ open }) => {
  it.each(['can u hold it til 8', 'will the driver ring the bell?', 'do you do gift wrapping', 'my daughter has anaphylaxis to sesame, are your breads made near it'])('"%s" offers a person instead of a guess', async (text) => {
    const core = await makeCore({}, await open());
    const c = await pickupCustomer(core, '+15550002006');
    expect(await c.say(text)).toMatch(/not sure about that one/);
    expect(c.options).toContain('Talk to a person');
  });
});

describe.each(STORES)('"delivery" at a pickup read-back, with no address kept, on the $name store', ({ open }) => {
  it('asks where to deliver, then reads back for delivery there', async () => {
    const core = await makeCore({}, await open());
    const c = await pickupCustomer(core, '+15550002007');
    await c.say('2 bagels');
    await c.say('checkout');
    expect(await c.say('pickup')).toMatch(/Pickup from the store: free/);
    expect(await c.say('delivery')).toMatch(/What address should we deliver to/);
    expect(await c.say('12 Main Street, Springfield')).toMatch(/Delivery to 12 Main Street, Springfield/);
  });
});

describe.each(STORES)('a yes to the usual with a change beside it, on the $name store', ({ open }) => {
  it('"yes but no bread" adds the usual without the bread; "yes, and add a sourdough too" adds both', async () => {
    const core = await makeCore({}, await open());
    const c = await pickupCustomer(core, '+15550002008');
    await c.say('2 whole milk and a wholemeal bread');
    await c.say('checkout'); await c.say('pickup');
    expect(await c.say('yes')).toMatch(/is placed/);
    expect(await c.say('same as last time')).toMatch(/Wholemeal Bread/);
    await c.say('yes but no bread');
    const cart = await c.say('show my cart');
    expect(cart).toMatch(/2 × Whole Milk/);
    expect(cart).not.toMatch(/Wholemeal Bread/);
    await c.say('restart'); await c.say('yes');
    await c.say('same as last time');
    await c.say('Yes, and add a sourdough too');
    const after = await c.say('show my cart');
    expect(after).toMatch(/Whole Milk/);
    expect(after).toMatch(/Wholemeal Bread/);
    expect(after).toMatch(/Sourdough/);
  });
});

describe.each(STORES)('"the usual" as a new number\'s first message, on the $name store', ({ open }) => {
  it('says there is no earlier order, then welcomes them', async () => {
    const core = await makeCore({}, await open());
    const reply = await customer(core, '+15550002009').say('Hi! Can I get what I ordered last time?');
    expect(reply).toMatch(/no usual to repeat yet/);
    expect(reply).toMatch(/what’s your name/i);
  });
});

describe.each(STORES)('the usual spoken of, not surely, on the $name store', ({ open }) => {
  it('is asked back with a "My usual order" choice, which reads the last order back', async () => {
    const core = await makeCore({}, await open());
    const c = await pickupCustomer(core, '+15550002010');
    await c.say('2 whole milk'); await c.say('checkout'); await c.say('pickup');
    expect(await c.say('yes')).toMatch(/is placed/);
    expect(await c.say('Hello dear, could you please send me the same groceries as I had last Thursday. Thank you kindly, Margaret')).toMatch(/Did you mean your usual order/);
    expect(c.options).toContain('My usual order');
    expect(await c.choose('usual')).toMatch(/2 × Whole Milk/);
  });
});
