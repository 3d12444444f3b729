import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG, BUNDLED_FAQ, loadCatalog, loadFaq, toProduct } from '../../src/catalog/load';
import type { Intent, InterpretContext } from '../../src/understanding/interpreter';
import { RulesInterpreter } from '../../src/understanding/rules/index';
import { at } from './at';

const interpreter = new RulesInterpreter(loadCatalog(BUNDLED_CATALOG).map(toProduct), loadFaq(BUNDLED_FAQ));
const read = (text: string, ctx: InterpretContext = {}) => interpreter.interpret(text, ctx);

/** "usual" for the whole usual order, "usual: coffee" for a favourite of that kind, else the intent's type. */
function show(intent: Intent): string {
  if (intent.type !== 'usual') return intent.type;
  return intent.kind ? `usual: ${intent.kind.query}` : 'usual';
}

// Written before the rules: customers asking for their usual order, in many voices (typed, texted, spoken, typos).
const WHOLE_ORDER = [
  'same as last time', 'Same as last time please', 'same as last time pls', 'same as lst time', 'sme as last time',
  'the same as last week', 'same as before', 'same as always', 'same as usual please', 'same again please',
  'my usual', 'My usual!', 'the usual please', 'the usual', 'The usual, please.', 'usual pls', 'just the usual thanks',
  'teh usual', 'the usal please', 'my ususal', 'the usuall', 'my usaul order', 'i’ll have the usual', "I'll have my usual",
  'can i get the usual', 'could I have my usual order please', 'my usual order', 'my usual shop please', 'the usual lot',
  'what I got last week', 'what i had last time', 'what i ordered last time', 'whatever I got last time', 'wat i got last wk',
  'um yeah the uh the stuff from last time', 'the same stuff as last time', 'same order as last time',
  'repeat my last order', 'repeat last order', 'repeat my order', 'reorder', 're-order please', 'order the same again',
  'can i get my regular', 'my regular order please', 'my regular', 'my normal order', 'same as last time thanks',
  'hi can I get the usual', 'hiya, my usual please', 'same thing as last week', 'can you repeat my last order please',
  'same as b4', 'again what i got last time', 'ill have what i had last week',
];

const FAVOURITES: [string, string][] = [
  ['add my usual coffee', 'coffee'],
  ['my usual milk please', 'milk'],
  ['the bread I always get', 'bread'],
  ['the milk i usually get', 'milk'],
  ['my usual brand of coffee', 'coffee'],
  ['the coffee I normally have', 'coffee'],
  ['my regular bread', 'bread'],
  ['usual milk pls', 'milk'],
  ['can I get my usual eggs', 'eggs'],
  ['add the butter i always buy', 'butter'],
  ['my normal milk', 'milk'],
  ['the usual coffee please', 'coffee'],
  ['the yoghurt I usually have', 'yoghurt'],
  ['my usal coffee', 'coffee'],
];

describe('the usual, as customers ask for it', () => {
  it.each(WHOLE_ORDER)('“%s” asks for the usual order', async (said) => {
    expect(show(await read(said))).toBe('usual');
  });

  it.each(FAVOURITES)('“%s” asks for the usual of one kind', async (said, kind) => {
    const intent = await read(said);
    expect(show(intent)).toBe(`usual: ${kind}`);
    // The kind is named by the words said: every product they fit is a candidate, none is picked here.
    if (intent.type === 'usual') expect(intent.kind?.skus.length).toBeGreaterThan(0);
  });

  it('a favourite of a kind the store does not carry keeps its words and names no product', async () => {
    const intent = await read('my usual caviar');
    expect(intent).toEqual({ type: 'usual', kind: { query: 'caviar', skus: [] } });
  });

  it('is heard at every shopping stage, and after an order was placed', async () => {
    for (const stage of ['menu', 'ordering', 'placed'] as const) expect(show(await read('same as last time', at(stage)))).toBe('usual');
  });
});

describe('the usual beside other requests', () => {
  it.each([
    ['2 limes and my usual coffee', 'add FRU-LIM + usual: coffee'],
    ['the usual and 2 limes', 'add FRU-LIM + usual'],
    ['same as last time but add 2 limes', 'add FRU-LIM + usual'],
    ['can I have the same as last time and a loaf of rye bread', 'add BAK-RYE + usual'],
  ])('“%s” is both, the usual last (its yes or no is the question left)', async (said, reading) => {
    const intent = await read(said);
    const parts = intent.type === 'multi' ? intent.intents : [intent];
    expect(parts.map((p) => (p.type === 'add' ? `add ${p.items.map((i) => (i.match.kind === 'product' ? i.match.sku : '?')).join(' ')}` : show(p))).join(' + ')).toBe(reading);
  });

  it.each([
    'my usual bread and milk', 'my usual bread and my usual milk', 'is it the same as last time',
    'the usual with extra cheese',
  ])('“%s” is unsure: asked about, never guessed', async (said) => {
    expect((await read(said)).type).toBe('unknown');
  });
});

describe('the usual with products left out', () => {
  it.each([
    ['the usual but no eggs', ['DAI-EGG']], ['same as last time without the bread please', ['BAK-PIT', 'BAK-RYE', 'BAK-BRD-WHT', 'BAK-BRD-WHM']],
    ['my usual minus the oat milk', ['DAI-MLK-OAT']], ['usual pls but hold the bananas this time', ['FRU-BAN']],
  ])('“%s” is the usual without %j', async (said, skus) => {
    const intent = await read(said);
    expect(intent.type).toBe('usual');
    const without = intent.type === 'usual' ? intent.without ?? [] : [];
    expect(without.flatMap((i) => (i.match.kind === 'product' ? [i.match.sku] : i.match.kind === 'ambiguous' ? i.match.skus : []))).toEqual(skus);
  });
  it('words after it that name no product surely are still asked about', async () => {
    expect((await read('the usual but no fuss')).type).toBe('unknown');
  });
});

describe('what is not the usual', () => {
  it.each([
    ['3 lemons and whatever my wife usually gets', 'add'],
    ['oat milk instead of my usual', 'unknown'],
    ['where is my order', 'status'],
    ['what did i order', 'show_cart'],
    ['are you open as usual tomorrow', 'unknown'],
    ['the bananas last time were all bruised', 'complaint'],
    ['cancel my last order', 'cancel_order'],
  ])('“%s” is not', async (said, type) => {
    const intent = await read(said);
    expect(intent.type).not.toBe('usual');
    if (type !== 'unknown') expect(intent.type).toBe(type);
  });

  it('“same again” just after adding something is more of that, not the usual order', async () => {
    const intent = await read('same again', { cart: [{ sku: 'DAI-MLK-OAT', name: 'Oat Milk (1 L)', qty: 2 }], lastSku: 'DAI-MLK-OAT' });
    expect(intent).toMatchObject({ type: 'add', items: [{ match: { kind: 'product', sku: 'DAI-MLK-OAT' } }] });
    expect(show(await read('same again'))).toBe('usual');
  });

  it('a proposal on the table is answered yes or no, not read as another usual', async () => {
    const asking = { asking: { kind: 'confirm_items' as const, items: [] } };
    expect((await read('yes please', asking)).type).toBe('yes');
    expect((await read('no thanks', asking)).type).toBe('no');
    expect((await read('yeah go on', asking)).type).toBe('yes');
  });
});

describe('the usual as the model says it', () => {
  const catalog = { products: new Map(), matcher: interpreter.matcher, categories: [], faqTopics: [] };
  it('"usual" is the usual order; with an item, the usual of that kind, its products found by the rules, never a SKU the model picked', async () => {
    const { toIntent } = await import('../../src/understanding/gemini/to-intent');
    expect(toIntent({ type: 'usual' }, {}, catalog)).toEqual({ type: 'usual' });
    const kind = toIntent({ type: 'usual', items: [{ words: 'coffee', sku: 'DRI-COF-GRD' }] }, {}, catalog);
    expect(kind).toMatchObject({ type: 'usual', kind: { query: 'coffee' } });
    if (kind?.type === 'usual') expect(kind.kind?.skus).toEqual(expect.arrayContaining(['DRI-COF-GRD', 'DRI-COF-INS']));
  });
});
