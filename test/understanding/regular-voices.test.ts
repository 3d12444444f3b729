import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG, BUNDLED_FAQ, loadCatalog, loadFaq, toProduct } from '../../src/catalog/load';
import type { Intent, InterpretContext } from '../../src/understanding/interpreter';
import { RulesInterpreter } from '../../src/understanding/rules/index';

// Regulars asking after stock, what they can eat, and loose produce without an amount, in their own words:
// the classes a fresh set of messages missed ("wen does the rye bread come back" → "didn't catch that",
// "i am coeliac, anything gluten free in bakery" → "didn't catch that", "some tomatos" → one tomato).
const interpreter = new RulesInterpreter(loadCatalog(BUNDLED_CATALOG).map(toProduct), loadFaq(BUNDLED_FAQ));
const read = (text: string, context: InterpretContext = {}): Promise<Intent> => interpreter.interpret(text, context);
const stockOf = (intent: Intent) => (intent.type === 'ask' && intent.about === 'stock' ? intent.items.map((i) => (i.match.kind === 'product' ? i.match.sku : i.match.kind)) : intent.type);

describe('when something is back, or whether it is sold out, asked of a named product', () => {
  it.each([
    ['wen does the rye bread come back', 'BAK-RYE'],
    ['when is rye bread coming back?', 'BAK-RYE'],
    ['is the rye bread sold out? when will it be back', 'BAK-RYE'],
    ['r the eggs sold out', 'DAI-EGG'],
    ['are eggs out of stock again', 'DAI-EGG'],
    ['anything sold out?? i wanted eggs but the app said none left', 'DAI-EGG'],
    ['any idea when oat milk is back in stock', 'DAI-MLK-OAT'],
    ['did u run out of oat milk', 'DAI-MLK-OAT'],
    ['have you run out of eggs?', 'DAI-EGG'],
    ['when do you restock the oat milk', 'DAI-MLK-OAT'],
    ['will the rye bread be back tomorrow', 'BAK-RYE'],
    ['eggs back yet?', 'DAI-EGG'],
    ['hi is the oat milk back', 'DAI-MLK-OAT'],
    ['no eggs left?', 'DAI-EGG'],
    ['when are you getting more eggs', 'DAI-EGG'],
    ['will you get more oat milk in this week?', 'DAI-MLK-OAT'],
  ])('%s → whether %s is in stock', async (text, sku) => {
    expect(stockOf(await read(text))).toEqual([sku]);
  });

  it.each([
    'ok thx can u tell me when its back', 'when will it be back', 'is it sold out?', 'let me know when its back in stock pls',
    'text me when they come back',
  ])('%s, just after the oat milk → the oat milk', async (text) => {
    expect(stockOf(await read(text, { lastSku: 'DAI-MLK-OAT' }))).toEqual(['DAI-MLK-OAT']);
  });

  it('beside an order, each is read: the order added, the stock asked', async () => {
    const both = await read('2 limes. are eggs sold out?');
    expect(both.type === 'multi' && both.intents.map((i) => i.type)).toEqual(['add', 'ask']);
    expect(both.type === 'multi' && stockOf(both.intents[1]!)).toEqual(['DAI-EGG']);
  });

  it('"is the bread back?" names a shelf: the shelf is shown, with what is sold out on it', async () => {
    expect(await read('is the bread back?')).toEqual({ type: 'browse', category: 'Bakery' });
  });

  it.each(['ill come back later', 'be right back', 'back to the menu', 'im back', 'can i come back and pick it up later'])('%s is no stock question', async (text) => {
    expect((await read(text, { lastSku: 'DAI-MLK-OAT' })).type).not.toBe('ask');
  });
});

describe('what someone can eat, told before the question', () => {
  it.each([
    ['i am coeliac, anything gluten free in bakery', 'gluten-free'],
    ["I'm celiac so what bread is gluten free", 'gluten-free'],
    ['im vegan - which milks can i have', 'vegan'],
    ['my daughter is vegetarian, what snacks are vegetarian?', 'vegetarian'],
    ['we keep halal. which of your meat is halal', 'halal'],
  ])('%s → a %s question', async (text, claim) => {
    const intent = await read(text);
    expect(intent.type).toBe('diet');
    expect(intent.type === 'diet' && intent.claim).toBe(claim);
  });
});

describe('loose produce named without an amount', () => {
  const several = async (text: string) => (await read(text)).type === 'add' ? (await read(text) as Extract<Intent, { type: 'add' }>).items.map((i) => [i.match.kind === 'product' ? i.match.sku : '', i.quantity]) : [];
  it('a plural with no amount is marked "several", so the engine asks how many', async () => {
    expect(await several('3 bananna and some tomatos')).toEqual([['FRU-BAN', { kind: 'count', value: 3 }], ['VEG-TOM', { kind: 'none', several: true }]]);
    expect(await several('and apples')).toEqual([['FRU-APL-GAL', { kind: 'none', several: true }]]);
    expect(await several('some potatoes please')).toEqual([['VEG-POT', { kind: 'none', several: true }]]);
  });
  it('one said, or a singular, is one', async () => {
    expect(await several('a tomato')).toEqual([['VEG-TOM', { kind: 'count', value: 1 }]]);
    expect(await several('tomato')).toEqual([['VEG-TOM', { kind: 'none' }]]);
  });
});

describe('everything out of the cart but what is named', () => {
  const cart = [{ sku: 'FRU-WAT', name: 'Watermelon', qty: 1 }, { sku: 'FRU-PIN', name: 'Pineapple', qty: 2 }, { sku: 'FRU-KIW', name: 'Kiwi Fruit', qty: 4 }];
  const removed = async (text: string) => {
    const intent = await read(text, { cart });
    return intent.type === 'remove' ? intent.items.map((i) => (i.match.kind === 'product' ? i.match.sku : '?')) : intent.type;
  };
  it.each([
    ['remove everything except the kiwis', ['FRU-WAT', 'FRU-PIN']],
    ['take it all out but the kiwi and pineapple', ['FRU-WAT']],
    ['keep only the kiwis', ['FRU-WAT', 'FRU-PIN']],
    ['keep only the kiwis and remove the rest', ['FRU-WAT', 'FRU-PIN']],
    ['please delete all apart from the pineapple', ['FRU-WAT', 'FRU-KIW']],
  ])('%s → removes %j', async (text, skus) => {
    expect(await removed(text)).toEqual(skus);
  });
  it('a kept word that is no line of the cart, or an amount kept, removes nothing', async () => {
    expect(await removed('remove everything except the bread')).not.toEqual(expect.any(Array));
    expect(await removed('remove everything except 2 kiwis')).not.toEqual(expect.any(Array));
    expect(await removed('just keep my kiwis for later')).not.toEqual(expect.any(Array));
  });
  it('everything named stays and nothing else is there: the cart is shown, nothing removed', async () => {
    expect(await removed('remove everything except the kiwis and watermelon and pineapple')).toBe('show_cart');
  });
});

describe('stopping alerts', () => {
  it.each([
    ['can u stop the oat milk alert', ['DAI-MLK-OAT']], ['dont tell me when the eggs are back', ['DAI-EGG']],
    ['cancel my back in stock messages', []], ['stop the alerts pls', []], ['turn off the notification for oat milk', ['DAI-MLK-OAT']],
  ])('%s → stop %j', async (text, skus) => {
    const intent = await read(text);
    expect(intent.type).toBe('stop_wish');
    expect(intent.type === 'stop_wish' && intent.items.map((i) => (i.match.kind === 'product' ? i.match.sku : '?'))).toEqual(skus);
  });
  it.each(['stop', 'remove the oat milk', 'stop texting me'])('%s is no alert stopped', async (text) => {
    expect((await read(text)).type).not.toBe('stop_wish');
  });
});
