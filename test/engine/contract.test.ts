import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core';
import type { MediaPart } from '../../src/domain/types';
import type { Intent, InterpretContext } from '../../src/understanding/interpreter';
import { customer, expectInvariants, makeCore, registered } from '../helpers';
import { STORES } from '../stores';

const PHONE = '+12025550123';

/**
 * A stand-in for the Gemini layer's media intake (tested for real by its own suite): a "photo" or "voice
 * note" here carries its words in its bytes, read by the real rules interpreter and proposed as a cart.
 */
function proposeFromMedia(core: Core): void {
  const rules = core.interpreter;
  const real = rules.interpret.bind(rules);
  rules.interpret = async (text: string, ctx: InterpretContext, media?: MediaPart[]): Promise<Intent> => {
    const part = media?.[0];
    if (!part) return real(text, ctx);
    const read = await real(Buffer.from(part.data, 'base64').toString('utf8'), {});
    return { type: 'propose', items: read.type === 'add' ? read.items : [], source: part.kind };
  };
}

const photo = (words: string): MediaPart => ({ kind: 'image', mimeType: 'image/jpeg', data: Buffer.from(words).toString('base64') });

/** How many replies asked for the customer's name. */
const nameQuestions = (texts: string[]) => texts.filter((t) => /what’s your name|What name should I put|What should I call you/.test(t)).length;

describe.each(STORES)('the dialogue contract, on the $name store', ({ open }) => {
  const mk = async () => makeCore({}, await open());

  describe('choosing an option', () => {
    it('by its button id: the product picked, checkout, pickup and "place it" all by id', async () => {
      const core = await mk();
      const c = await registered(core, PHONE);
      expect(await c.say('2 milk')).toContain('Which milk would you like?');
      expect(c.optionIds).toEqual(['pick:DAI-MLK-ALM', 'pick:DAI-MLK-OAT', 'pick:DAI-MLK-SKM', 'pick:DAI-MLK-WHL']);
      // The candidates are the options (buttons, a numbered list, "say … or press N"), not also a list.
      expect(c.options).toEqual(['Almond Milk (1 L)', 'Oat Milk (1 L)', 'Skim Milk (1 L)', 'Whole Milk (1 L)']);
      expect(c.replies.at(-1)!.list).toBeUndefined();
      expect(await c.choose('pick:DAI-MLK-OAT')).toContain('Added 2 × Oat Milk (1 L) — $4.98.');
      expect(c.optionIds).toEqual(['checkout', 'cart', 'browse']);
      expect(c.replies.at(-1)).toMatchObject({ key: 'anything_else', params: { totalCents: 498 } });
      await c.choose('checkout');
      expect(c.optionIds).toEqual(['delivery', 'pickup', 'change_address']);
      expect(await c.choose('pickup')).toMatch(/^Here’s your order:\n• 2 × Oat Milk \(1 L\) — \$4\.98\nPickup from the store: free\nTotal: \$4\.98\nShall I place it\?$/);
      expect(c.replies.at(-1)!.list).toEqual({ intro: 'Here’s your order:', items: [{ label: '2 × Oat Milk (1 L) — $4.98', cents: 498 }], outro: 'Pickup from the store: free\nTotal: $4.98\nShall I place it?' });
      expect(c.options).toEqual(['Yes, place it', 'No, keep shopping']);
      expect(c.optionIds).toEqual(['place_order:498', 'keep_shopping']);
      expect(await c.choose('place_order:498')).toMatch(/Order ORD-1001 is placed! Total \$4\.98/);
      expect(await core.store.getStock('DAI-MLK-OAT')).toMatchObject({ reserved: 0, sold: 2 });
      await expectInvariants(core.store);
    });

    it('refuses an id that is not on offer (a stale button, a made-up id) and offers the choices again, changing nothing', async () => {
      const core = await mk();
      const c = await registered(core, PHONE);
      await c.say('milk');
      const before = await core.store.getStock('DAI-MLK-WHL');
      expect(await c.choose('pick:FRU-LIM')).toBe('Please pick one of these:');
      expect(c.options).toEqual(['Almond Milk (1 L)', 'Oat Milk (1 L)', 'Skim Milk (1 L)', 'Whole Milk (1 L)']);
      expect(await c.choose('place_order:0')).toBe('Please pick one of these:');
      expect(await c.choose('constructor')).toBe('Please pick one of these:');
      expect(await core.store.getStock('DAI-MLK-WHL')).toEqual(before);
      // The question still stands: a valid choice answers it.
      expect(await c.choose('pick:DAI-MLK-WHL')).toContain('Added 1 × Whole Milk (1 L)');
    });

    it('by number and by name, the same as a button', async () => {
      const core = await mk();
      const c = await registered(core, PHONE);
      await c.say('milk');
      expect(await c.say('4')).toContain('Added 1 × Whole Milk (1 L)');
      await c.say('cheese');
      expect(await c.say('feta')).toContain('Added 1 × Feta (200 g)');
      expect(await c.say('do you have limes?')).toContain('How many would you like?');
      expect(await c.say('3')).toContain('Added 3 × Limes');
      await expectInvariants(core.store);
    });

    it('by its whole label, as shown: "Feta (200 g)", "Change address" [needs the rules branch]', async () => {
      const core = await mk();
      const c = await registered(core, PHONE);
      await c.say('cheese');
      expect(await c.say('Feta (200 g)')).toContain('Added 1 × Feta (200 g)');
      await c.say('2 limes');
      await c.say('checkout');
      expect(await c.say('Change address')).toBe('What address should we deliver to?');
    });

    it('an "add" button adds one of that product', async () => {
      const core = await mk();
      const c = await registered(core, PHONE);
      await c.say('search for milk');
      expect(c.optionIds).toContain('add:DAI-MLK-OAT');
      expect(c.replies.at(-1)!.list!.intro).toBe('Here’s what I found for “milk”:');
      expect(await c.choose('add:DAI-MLK-OAT')).toContain('Added 1 × Oat Milk (1 L) — $2.49.');
      expect(await core.store.getStock('DAI-MLK-OAT')).toMatchObject({ reserved: 1 });
    });
  });

  it('gives every reply a copy key and its text, and every option an id and a label', async () => {
    const core = await mk();
    const c = customer(core, PHONE);
    const replies = [];
    for (const text of ['hi', 'Ana', '12 Main Street, Springfield', 'milk', '2', 'do you have limes?', '3', 'veg', 'any deals?', 'show my cart', 'help', 'checkout', 'delivery']) {
      await c.say(text);
      replies.push(...c.replies);
    }
    expect(replies.length).toBeGreaterThan(12);
    for (const r of replies) {
      expect(r.key, r.text).toMatch(/^[a-z_]+$/);
      expect(r.text.length).toBeGreaterThan(0);
      for (const o of r.options ?? []) expect(o).toEqual({ id: expect.stringMatching(/^[a-z_]+(:.+)?$/), label: expect.any(String) });
      if (r.list) expect(r.text).toContain(r.list.items.map((i) => `• ${i.label}`).join('\n'));
    }
    expect(replies.map((r) => r.key)).toEqual(expect.arrayContaining(['welcome_new', 'ask_address', 'registered_delivery', 'which_one', 'added', 'product_info', 'category', 'deals', 'cart', 'help', 'ask_fulfilment', 'read_back']));
  });

  describe('registration', () => {
    it('asks for a name at most twice, then takes the third message as no name and moves on', async () => {
      const core = await mk();
      const c = customer(core, PHONE);
      const texts = [await c.say('hi'), await c.say('12345')];
      expect(c.options).toEqual(['Skip']);
      texts.push(await c.say('67890'));
      expect(texts.at(-1)).toBe('No problem! What’s your delivery address? (Or say “pickup” if you’ll collect from the store.)');
      expect(nameQuestions(texts)).toBe(2);
      expect(await c.say('pickup')).toMatch(/collect your orders from the store/);
      expect((await core.store.getCustomer(PHONE))?.name).toBeUndefined();
      expect(await c.say('hello')).toMatch(/^Welcome back! 😊/);
    });

    it('lets the customer skip the name with the Skip button, and registers without one', async () => {
      const core = await mk();
      const c = customer(core, PHONE);
      await c.say('hi');
      await c.say('?!');
      expect(c.optionIds).toEqual(['skip']);
      expect(await c.choose('skip')).toMatch(/^No problem! What’s your delivery address\?/);
      expect(await c.say('12 Main Street, Springfield')).toMatch(/deliver to 12 Main Street, Springfield/);
      expect(await core.store.getCustomer(PHONE)).toMatchObject({ address: '12 Main Street, Springfield' });
      expect((await core.store.getCustomer(PHONE))?.name).toBeUndefined();
    });

    it('never takes a command as a name: "Checkout", "that’s everything" and "any deals?" are answered, and the name comes after', async () => {
      const core = await mk();
      const c = customer(core, PHONE);
      await c.say('hi');
      for (const command of ['Checkout', 'that’s everything', 'any deals?']) {
        const reply = await c.say(command);
        expect(reply, command).not.toMatch(/Nice to meet you/);
      }
      expect(await c.say('that’s everything')).toContain('Let’s finish setting you up first');
      expect(await c.say('any deals?')).toContain('No offers right now');
      expect(await c.say('Ana')).toMatch(/Nice to meet you, Ana!/);
      expect(await core.store.getCustomer(PHONE)).toMatchObject({ name: 'Ana' });
    });

    it('never takes an order as an address: "2 bags of potatoes" waits, and is added once registered', async () => {
      const core = await mk();
      const c = customer(core, PHONE);
      await c.say('hi');
      await c.say('Ana');
      const reply = await c.say('2 bags of potatoes');
      expect(reply).toContain('I’ll add that to your cart as soon as we’re set up.');
      expect(reply).toContain('full street address');
      expect((await core.store.getCustomer(PHONE))?.address).toBeUndefined();
      expect(await core.store.getStock('VEG-POT')).toMatchObject({ reserved: 0 });
      const done = await c.say('12 Main Street, Springfield');
      expect(done).toMatch(/deliver to 12 Main Street, Springfield/);
      expect(done).toContain('Potatoes');
      expect(done).toMatch(/Cart total: \$/);
      expect((await core.store.getStock('VEG-POT'))!.reserved).toBeGreaterThan(0);
      await expectInvariants(core.store);
    });

    it('keeps items asked for in the very first message and adds them once registration finishes', async () => {
      const core = await mk();
      const c = customer(core, PHONE);
      const first = await c.say('2 limes please');
      expect(first).toMatch(/Welcome to Corner Grocer.*what’s your name/s);
      expect(first).toContain('I’ll add that to your cart as soon as we’re set up.');
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 0 });
      // Asked for while the bot waits for the name: kept too, and the name is still asked for.
      expect(await c.say('a dozen eggs')).toMatch(/I’ll add that to your cart as soon as we’re set up\.\nWhat name should I put/);
      await c.say('Ana');
      const done = await c.say('pickup');
      expect(done).toBe('No problem — you can collect your orders from the store.\nAdded 2 × Limes — $0.98.\nAdded 12 × Free-Range Eggs — $5.40.\nCart total: $6.38. Anything else, or shall I check out?');
      expect(c.options).toEqual(['Check out', 'View cart', 'Browse']);
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 2 });
      await expectInvariants(core.store);
    });
  });

  describe('before registration finishes', () => {
    it('a photo sent first is read back once registered, and nothing is held until the customer says yes', async () => {
      const core = await mk();
      proposeFromMedia(core);
      const c = customer(core, PHONE);
      const first = await core.engine.handle({ channel: 'whatsapp', phone: PHONE, text: '', messageId: 'p1', media: [photo('2 limes')] });
      expect(first.map((r) => r.text).join('\n')).toContain('I’ll read back what I found as soon as we’re set up.');
      await c.say('Ana');
      const done = await c.say('pickup');
      expect(done).toContain('Here’s what I read from your picture:\n• 2 × Limes');
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 0 });
      expect(await c.say('yes')).toContain('Added 2 × Limes');
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 2 });
    });

    it('keeps at most 10 items and says so, rather than promising more it will drop', async () => {
      const core = await mk();
      const c = customer(core, PHONE);
      await c.say('hi');
      for (let i = 0; i < 10; i += 1) await c.say('a lime');
      expect(await c.say('a lime')).toContain('I can keep up to 10 items until we’re set up');
    });
  });

  describe('checkout', () => {
    it('"deliver to 5 Elm Street please" at the delivery question reads the order back to that address [needs the rules branch]', async () => {
      const core = await mk();
      const c = await registered(core, PHONE);
      await c.say('2 limes');
      await c.say('checkout');
      const reply = await c.say('deliver to 5 Elm Street please');
      expect(reply).toContain('Here’s your order:');
      expect(reply).toContain('Delivery to 5 Elm Street: $3.99');
      expect(await core.store.getCustomer(PHONE)).toMatchObject({ address: '5 Elm Street' });
    });

    it('a "Yes, place it" left on an older read-back (another total) places nothing; the newest one places the order', async () => {
      const core = await mk();
      const c = await registered(core, PHONE);
      await c.say('2 limes');
      await c.say('checkout');
      await c.choose('pickup');
      const old = c.optionIds[0]!;
      await c.choose('keep_shopping');
      await c.say('20 limes');
      await c.say('checkout');
      await c.choose('pickup');
      expect(c.optionIds[0]).not.toBe(old);
      expect(await c.choose(old)).toBe('Please pick one of these:');
      expect(await core.store.listOrders({})).toEqual([]);
      expect(await c.choose(c.optionIds[0]!)).toMatch(/Order ORD-1001 is placed/);
    });

    it('"where is my order?" at the read-back leaves the question standing: "Yes, place it" still places it', async () => {
      const core = await mk();
      const c = await registered(core, PHONE);
      await c.say('2 limes');
      await c.say('checkout');
      await c.choose('pickup');
      await c.say('where is my order?');
      expect(c.optionIds).toEqual(['place_order:98', 'keep_shopping']);
      expect(await c.choose('place_order:98')).toMatch(/Order ORD-1001 is placed/);
    });

    it('takes a new address at the address question, and never an order as one', async () => {
      const core = await mk();
      const c = await registered(core, PHONE);
      await c.say('2 limes');
      await c.say('checkout');
      expect(await c.choose('change_address')).toBe('What address should we deliver to?');
      expect(await c.say('2 bags of potatoes')).toContain('Potatoes');
      expect(await core.store.getCustomer(PHONE)).toMatchObject({ address: '12 Main Street, Springfield' });
      await c.say('checkout');
      await c.choose('change_address');
      const readBack = await c.say('7 Oak Avenue, Springfield');
      expect(readBack).toContain('Delivery to 7 Oak Avenue, Springfield: $3.99');
      expect(c.optionIds).toEqual([expect.stringMatching(/^place_order:\d+$/), 'keep_shopping']);
    });
  });

  describe('a cart proposed from a photo', () => {
    it('is read back with nothing reserved; "yes" reserves it all, and what was not found is named', async () => {
      const core = await mk();
      proposeFromMedia(core);
      const c = await registered(core, PHONE);
      const replies = await core.engine.handle({ channel: 'whatsapp', phone: PHONE, text: '', media: [photo('2 limes, 1 kg potatoes and 3 kiwanos')] });
      const proposal = replies.at(-1)!;
      expect(proposal.key).toBe('proposal');
      expect(proposal.text).toBe('Here’s what I read from your picture:\n• 2 × Limes\n• 1 kg Potatoes\nI couldn’t find “kiwanos”.\nShall I add these to your cart?');
      expect(proposal.list!.items.map((i) => i.label)).toEqual(['2 × Limes', '1 kg Potatoes']);
      expect(proposal.options).toEqual([{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }]);
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 0 });
      expect(await core.store.getStock('VEG-POT')).toMatchObject({ reserved: 0 });
      const added = await c.say('yes');
      expect(added).toContain('Added 2 × Limes — $0.98.');
      expect(added).toContain('Added 1 kg Potatoes — $1.49.');
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 2 });
      expect(await core.store.getStock('VEG-POT')).toMatchObject({ reserved: 1000 });
      await expectInvariants(core.store);
    });

    it('declined with "no": nothing reserved, and the proposal is gone', async () => {
      const core = await mk();
      proposeFromMedia(core);
      const c = await registered(core, PHONE);
      await core.engine.handle({ channel: 'telegram', phone: PHONE, text: '', media: [photo('2 limes')] });
      expect(await c.say('no')).toBe('Okay, I haven’t added any of them. What would you like?');
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 0 });
      expect(await c.say('yes')).not.toContain('Limes');
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 0 });
    });
  });
});
