import { beforeEach, describe, expect, it } from 'vitest';
import { customer, makeCore, registered, setStock, type TestCore } from '../helpers';

// What a regular hears when asking in their own words: loose produce without an amount is asked about, never
// guessed as one; "is it sold out / when is it back" is answered from the stock, with the wish offered.
let core: TestCore;
beforeEach(async () => { core = await makeCore(); });


describe('loose produce without an amount', () => {
  it('"3 bananas and some tomatoes": the bananas added, then "how many tomatoes?", and the answer adds that many', async () => {
    const c = await registered(core, '+12025550140');
    const first = await c.say('3 bananna and some tomatos');
    expect(first).toContain('Added 3 Bananas');
    expect(first).toContain('How many Vine Tomatoes would you like?');
    expect(first).not.toContain('Tomatoes —');
    expect(await c.say('5')).toContain('Added 5 Vine Tomatoes');
  });

  it('two of them in one message are asked one after the other, none dropped', async () => {
    const c = await registered(core, '+12025550141');
    expect(await c.say('some tomatoes and apples')).toContain('How many Vine Tomatoes');
    const next = await c.say('4');
    expect(next).toContain('Added 4 Vine Tomatoes');
    expect(next).toContain('How many Gala Apples');
    expect(await c.say('2')).toMatch(/Added 2 Gala Apples[\s\S]*Cart total/);
  });

  it('a weight is an answer too, and "a tomato" is one without asking', async () => {
    const c = await registered(core, '+12025550142');
    await c.say('tomatoes');
    expect(await c.say('500g')).toContain('Added 500 g Vine Tomatoes');
    expect(await c.say('a tomato')).toContain('Added 120 g Vine Tomatoes');
  });
});

describe('sold out, or back when, asked in a sentence', () => {
  it('"wen does the rye bread come back" while it is in stock: yes, it is here', async () => {
    const c = await registered(core, '+12025550143');
    expect(await c.say('wen does the rye bread come back')).toMatch(/Yes! Rye Bread.*in stock/);
  });

  it('"anything sold out?? i wanted eggs…" with none left: sold out, and the wish is offered; "yes" records it', async () => {
    await setStock(core, 'DAI-EGG', 0);
    const c = await registered(core, '+12025550144');
    const heard = await c.say('anything sold out?? i wanted eggs but the app said none left');
    expect(heard).toContain('sold out right now');
    expect(heard).toMatch(/tell you when .* back/i);
    expect(await c.say('yes')).toMatch(/I'll|I’ll/);
  });

  it('"ok thx can u tell me when its back" after asking about oat milk is about the oat milk', async () => {
    await setStock(core, 'DAI-MLK-OAT', 0);
    const c = await registered(core, '+12025550145');
    await c.say('do you have oat milk');
    await c.say('no');
    expect(await c.say('ok thx can u tell me when its back')).toMatch(/Oat Milk.*sold out/);
  });
});

describe('answers with more in them', () => {
  it('"chicken breast" keeps "How much?" on the table: "bout 600g" adds 600 g, with no "your cart is empty" between', async () => {
    const c = await registered(core, '+12025550146');
    const asked = await c.say('chicken breast');
    expect(asked).toContain('How much would you like');
    expect(asked).not.toContain('cart is empty');
    expect(await c.say('bout 600g')).toContain('Added 600 g Chicken Breast');
  });

  it('"yes pls. when will it be back roughly?" to the back-in-stock offer records the wish once, no second offer', async () => {
    await setStock(core, 'DAI-MLK-OAT', 0);
    const c = await registered(core, '+12025550147');
    await c.say('2 oat milk');
    const heard = await c.say('yes pls. when will it be back roughly?');
    expect(heard).toMatch(/I’ll message you when Oat Milk \(1 L\) is back/);
    expect(heard).not.toMatch(/Shall I tell you/);
    expect((await core.store.listWishesOf('+12025550147')).map((w) => w.sku)).toEqual(['DAI-MLK-OAT']);
  });

  it('"No thanks. Do you have almond milk then?": the offer declined and the question answered', async () => {
    await setStock(core, 'DAI-MLK-OAT', 0);
    const c = await registered(core, '+12025550148');
    await c.say('2 oat milk');
    const heard = await c.say('No thanks. Do you have almond milk then?');
    expect(heard).toMatch(/Almond Milk \(1 L\).*in stock/);
    expect(await core.store.listWishesOf('+12025550148')).toEqual([]);
  });
});

describe('stock asked with a greeting first, and the way changed at the read-back', () => {
  it('"Hello, do you have 20 avocados in stock? I need them for a party" and "u got hummus" are stock questions', async () => {
    const c = await registered(core, '+12025550149');
    expect(await c.say('Hello, do you have 20 avocados in stock? I need them for a party on Saturday.')).toMatch(/Avocados.*in stock/);
    expect(await c.say('u got hummus')).toMatch(/don’t carry “hummus”/);
  });

  it('"Actually, could I collect it from the shop instead?" at a delivery read-back reads the order back for pickup', async () => {
    const c = await registered(core, '+12025550150');
    await c.say('2 limes'); await c.say('checkout');
    expect(await c.say('delivery')).toMatch(/Shall I place it/);
    const heard = await c.say('Actually, could I collect it from the shop instead?');
    expect(heard).toMatch(/pickup|collect/i);
    expect(heard).not.toMatch(/isn’t placed yet/);
    expect(await c.say('yes')).toMatch(/is placed/);
    const [order] = await core.store.listOrders({ phone: '+12025550150' });
    expect(order?.fulfilment).toBe('pickup');
  });
});

describe('amounts and items changed or left open', () => {
  it('"add 6 cans coke no wait make that diet coke": 6 Diet Coke, no Coke', async () => {
    const c = await registered(core, '+12025550151');
    const heard = await c.say('add 6 cans coke no wait make that diet coke');
    expect(heard).toMatch(/Added 6 × Diet Coke/);
    expect(heard).not.toMatch(/Added 6 × Coca/);
  });

  it('"uh two or three i guess" to "how many?" asks which, and the answer adds it', async () => {
    const c = await registered(core, '+12025550152');
    await c.say('bananas');
    const asked = await c.say('uh two or three i guess');
    expect(asked).toBe('2 or 3? Just say the number you’d like.');
    expect(await c.say('3')).toContain('Added 3 Bananas');
  });

  it('"why do u need my name" at the name question is answered, and the name asked again', async () => {
    const c = customer(core, '+12025550153');
    await c.say('hi');
    const heard = await c.say('why do u need my name');
    expect(heard).toMatch(/We ask your name so we know what to call you/);
    expect(heard).toMatch(/name/);
    expect(await c.say('Ruth')).toMatch(/Nice to meet you, Ruth!/);
  });
});

describe('prices per piece, and a complaint asking for a person', () => {
  it('"how much r the ribeye steaks": the price a kilo, and about what one steak costs', async () => {
    const c = await registered(core, '+12025550154');
    expect(await c.say('how much r the ribeye steaks')).toContain('Ribeye Steak: $29.99/kg (about $9.00 each, at about 300 g)');
  });

  it('"3 were cracked. Not happy. Can I speak to someone?" hands over once, saying so once', async () => {
    const c = await registered(core, '+12025550155');
    await c.say('2 limes'); await c.say('checkout'); await c.say('pickup'); await c.say('yes');
    const heard = await c.say('The eggs came and 3 were cracked. Not happy. Can I speak to someone?');
    expect(heard.match(/member of our team/g)).toHaveLength(1);
    expect((await core.store.getConversation('+12025550155'))?.handoff?.reason).toBe('complaint');
  });
});

it('"remove everything except the kiwis" leaves only the kiwis in the cart', async () => {
  const c = await registered(core, '+12025550156');
  await c.say('1 watermelon, 2 pineapples and 4 kiwis');
  const heard = await c.say('remove everything except the kiwis');
  expect(heard).toMatch(/Removed.*Watermelon[\s\S]*Removed.*Pineapple/);
  expect((await core.store.getStock('FRU-WAT'))!.reserved).toBe(0);
  expect((await core.store.getStock('FRU-PIN'))!.reserved).toBe(0);
  expect((await core.store.getStock('FRU-KIW'))!.reserved).toBe(4);
});

describe('stopping a back-in-stock alert', () => {
  it('"can u stop the oat milk alert" ends that wish and says so; asked again, there is nothing to stop', async () => {
    await setStock(core, 'DAI-MLK-OAT', 0);
    await setStock(core, 'DAI-EGG', 0);
    const c = await registered(core, '+12025550157');
    await c.say('2 oat milk'); await c.say('yes');
    await c.say('eggs'); await c.say('yes');
    expect((await core.store.listWishesOf('+12025550157')).map((w) => w.sku).sort()).toEqual(['DAI-EGG', 'DAI-MLK-OAT']);
    expect(await c.say('can u stop the oat milk alert')).toBe('Okay — I won’t message you when Oat Milk (1 L) is back.');
    expect((await core.store.listWishesOf('+12025550157')).map((w) => w.sku)).toEqual(['DAI-EGG']);
    expect(await c.say('dont tell me when the oat milk is back')).toMatch(/not waiting to hear about oat milk/);
    expect(await c.say('cancel my back in stock messages')).toMatch(/won’t message you when Free-Range Eggs/);
    expect(await core.store.listWishesOf('+12025550157')).toEqual([]);
  });
});

it('"chicken breast and some tomatoes": the weight asked first; "a couple" asks it again; the tomatoes wait their turn', async () => {
  const c = await registered(core, '+12025550158');
  expect(await c.say('chicken breast and some tomatoes')).toContain('Chicken Breast is sold by weight');
  const again = await c.say('a couple');
  expect(again).toContain('Chicken Breast is sold by weight');
  expect(again).not.toContain('Vine Tomatoes');
  const weighed = await c.say('500g');
  expect(weighed).toContain('Added 500 g Chicken Breast');
  expect(weighed).toContain('How many Vine Tomatoes');
  expect(await c.say('4')).toContain('Added 4 Vine Tomatoes');
});

it('"2 or 3?" answered "either" takes 2; "2 or 3" said twice takes 2, never asked forever', async () => {
  const c = await registered(core, '+12025550159');
  await c.say('bananas');
  await c.say('two or three');
  expect(await c.say('either')).toContain('Added 2 Bananas');
  await c.say('apples');
  await c.say('2 or 3');
  expect(await c.say('2 or 3')).toContain('Added 2 Gala Apples');
});

it('"2 of the skim and 1 oat" to "Which milk?" adds both milks, not Rolled Oats', async () => {
  const c = await registered(core, '+12025550160');
  expect(await c.say('milk')).toContain('Which milk');
  const heard = await c.say('2 of the skim and 1 oat');
  expect(heard).toContain('Added 2 × Skim Milk (1 L)');
  expect(heard).toContain('Added 1 × Oat Milk (1 L)');
  expect(heard).not.toContain('Oats');
});

it('"wen does the rye bread come back" while it is sold out: sold out, no date known, and the wish offered', async () => {
  await setStock(core, 'BAK-RYE', 0);
  const c = await registered(core, '+12025550161');
  const heard = await c.say('r u out of rye bread?? wen does it come back');
  expect(heard).toMatch(/Rye Bread.*sold out/);
  expect(heard).toContain('I can’t say when it’ll be back');
  expect(heard).toMatch(/Shall I tell you when Rye Bread/);
});

it('"how much are the um rib eye stakes" and "water melon": split and misheard words still name the product', async () => {
  const c = await registered(core, '+12025550162');
  expect(await c.say('how much are the um rib eye stakes')).toContain('Ribeye Steak: $29.99/kg');
  expect(await c.say('a water melon')).toMatch(/Added 1 × Watermelon/);
});
