import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG, BUNDLED_FAQ, loadCatalog, loadFaq, toProduct } from '../../src/catalog/load';
import type { Intent, InterpretContext } from '../../src/understanding/interpreter';
import { RulesInterpreter } from '../../src/understanding/rules/index';

// What new customers answer while they are being registered, in their own words: the classes a fresh
// set of messages missed (a sentence taken for an address, a question taken for a name, a typo of
// "pickup", a name said inside a sentence, "is it ready?" read as crisps).
const interpreter = new RulesInterpreter(loadCatalog(BUNDLED_CATALOG).map(toProduct), loadFaq(BUNDLED_FAQ));
const read = (text: string, context: InterpretContext): Promise<Intent> => interpreter.interpret(text, context);
const ASKS_NAME: InterpretContext = { asking: { kind: 'name' }, nameAsks: 1 };
const ASKS_NAME_AGAIN: InterpretContext = { asking: { kind: 'name' }, nameAsks: 2 };
const ASKS_ADDRESS: InterpretContext = { asking: { kind: 'address' } };
const SHOPPING: InterpretContext = {};

describe('words at the address question that are no address', () => {
  it.each([
    'I take from shop', 'i will take it from the shop', 'ill get it from store myself', 'we collect at the store',
    'i come to shop', 'from shop pls', 'I pick it in store', 'pikcup', 'pickup pls', 'pick-up', 'pik up',
    'i will come and get it', 'collect in shop', 'get it at ur shop',
  ])('%s → pickup', async (text) => {
    expect(await read(text, ASKS_ADDRESS)).toEqual({ type: 'pickup' });
  });

  it.each([
    'I dont know yet', 'can you wait a sec', 'what do you need that for', 'i will tell you later',
    'my son will give it to you', 'not sure what to put',
  ])('%s is never kept as an address', async (text) => {
    expect((await read(text, ASKS_ADDRESS)).type).not.toBe('address');
  });

  it.each([
    ['12 Main Street, Springfield', '12 Main Street, Springfield'],
    ['Rose Cottage, Little Hampton', 'Rose Cottage, Little Hampton'],
    ['The Old Vicarage, Church Lane, Ashby', 'The Old Vicarage, Church Lane, Ashby'],
    ['Flat 2, 10 High St', 'Flat 2, 10 High St'],
    ['Mill House, Upper Slaughter, Cheltenham', 'Mill House, Upper Slaughter, Cheltenham'],
  ])('%s is still an address', async (text, address) => {
    expect(await read(text, ASKS_ADDRESS)).toEqual({ type: 'address', address });
  });
});

describe('a name said in a first message, or corrected at the name question', () => {
  const OPENING: InterpretContext = { asking: { kind: 'opening' } };
  it.each([
    ['hi I\'m Sam', 'Sam'], ['my name\'s dave morris', 'Dave Morris'], ['Hello, this is Priya', 'Priya'],
    ['hi um yeah hello i\'d like to order some stuff my name\'s uh dave dave morris', 'Dave Morris'],
    ['hi I\'m Dave i\'d like to order some stuff', 'Dave'],
  ])('%s (first message) → %s', async (text, name) => {
    expect(await read(text, OPENING)).toEqual({ type: 'name', name });
  });
  it.each(['hey, returning customer here', 'I\'m hungry', 'hi im new here', 'hi im diabetic', 'hello this is urgent', 'hi its Tuesday', 'hey its about my order', 'hi I\'m Sam\'s mum'])('%s (first message) is no name', async (text) => {
    expect((await read(text, OPENING)).type).not.toBe('name');
  });
  it.each([
    ['Its Tom. Actually Thomas, Tom is fine', 'Tom'], ['Thomas, but Tom is fine', 'Tom'], ['Elizabeth. Liz for short', 'Liz'],
    ['uh dave dave morris', 'Dave Morris'],
  ])('%s (name asked) → %s', async (text, name) => {
    expect(await read(text, ASKS_NAME)).toEqual({ type: 'name', name });
  });
});

describe('questions at the name question', () => {
  it.each(['hours?', 'opening hours?', 'what time do you close?', 'are you open on sunday?'])('%s is the hours question, not a name', async (text) => {
    expect(await read(text, ASKS_NAME)).toEqual({ type: 'faq', topic: 'hours' });
  });
  it.each(['hours?', 'delivery fee?', 'payment?'])('%s while shopping is its FAQ', async (text) => {
    expect((await read(text, SHOPPING)).type).toBe('faq');
  });
});

describe('names said inside a sentence', () => {
  it.each([
    ['my name is Margaret Ellis, but everyone calls me Peggy', 'Peggy'],
    ["I'm Robert but call me Bob", 'Bob'],
    ['uh Carlos like I said', 'Carlos'],
    ['um its Dave', 'Dave'],
    ['Priya, as I said', 'Priya'],
    ['well my name is Jo lol', 'Jo'],
  ])('%s → %s', async (text, name) => {
    expect(await read(text, ASKS_NAME)).toEqual({ type: 'name', name });
    expect(await read(text, ASKS_NAME_AGAIN)).toEqual({ type: 'name', name });
  });
});

describe('asking whether the order is ready', () => {
  it.each(['ready?', 'is it ready', 'is it ready yet?', 'my order ready?', 'is my order ready for collection',
    'r u ready with my order', 'ready yet', 'is my shopping ready', 'are my groceries ready to pick up'])('%s → status', async (text) => {
    expect(await read(text, SHOPPING)).toEqual({ type: 'status' });
  });
  it('ordering the crisps by name still adds them', async () => {
    const intent = await read('2 ready salted crisps', SHOPPING);
    expect(intent.type).toBe('add');
  });
});

describe('pickup said inside a first message', () => {
  const OPENING: InterpretContext = { asking: { kind: 'opening' } };
  it.each([
    "hi, I'm Sam, pickup please, 2 bagels and milk",
    'Sam here, pickup, 2 bagels',
    "hi I'm Jo, 2 bagels and a whole milk, for pickup",
    "I'm Ann, 2 bagels, I'll collect it",
  ])('%s keeps the pickup beside the name and the items', async (text) => {
    const intent = await read(text, OPENING);
    expect(intent.type).toBe('multi');
    const types = intent.type === 'multi' ? intent.intents.map((i) => i.type) : [];
    expect(types).toEqual(expect.arrayContaining(['name', 'pickup', 'add']));
  });
});

describe('a product chosen from "which one?" with its amount beside it', () => {
  const MILKS = ['DAI-MLK-ALM', 'DAI-MLK-OAT', 'DAI-MLK-SKM', 'DAI-MLK-WHL'];
  const LABELS: Record<string, string> = { 'DAI-MLK-ALM': 'Almond Milk (1 L)', 'DAI-MLK-OAT': 'Oat Milk (1 L)', 'DAI-MLK-SKM': 'Skim Milk (1 L)', 'DAI-MLK-WHL': 'Whole Milk (1 L)' };
  const WHICH_MILK: InterpretContext = {
    asking: { kind: 'choose_product', action: 'add', quantity: { kind: 'none' }, skus: MILKS },
    options: MILKS.map((sku) => ({ id: `pick:${sku}`, label: LABELS[sku]! })),
  };
  it.each([
    ['whole. 2', 'DAI-MLK-WHL', 2], ['2 of the whole', 'DAI-MLK-WHL', 2], ['oat x3', 'DAI-MLK-OAT', 3],
    ['3 oat milks please', 'DAI-MLK-OAT', 3], ['two of the almond', 'DAI-MLK-ALM', 2], ['skim, 4 please', 'DAI-MLK-SKM', 4],
  ])('%s → %s × %i', async (text, sku, value) => {
    expect(await read(text, WHICH_MILK)).toEqual({ type: 'add', items: [{ query: LABELS[sku], quantity: { kind: 'count', value }, match: { kind: 'product', sku } }] });
  });
  it.each([['2', 'DAI-MLK-OAT'], ['whole', 'DAI-MLK-WHL'], ['the oat one', 'DAI-MLK-OAT']])('%s is only the choice', async (text, sku) => {
    expect(await read(text, WHICH_MILK)).toEqual({ type: 'option', id: `pick:${sku}` });
  });
});

describe('questions about the shop typed with a slip', () => {
  it.each([
    ['wen r u guys clsoing tnight', 'hours'], ['wat time do u opne', 'hours'], ['delivry fee?', 'delivery'],
    ['do u take crad', 'payment'], ['whats ur opening hours', 'hours'], ['are you clsoed on sunday', 'hours'],
  ])('%s → %s', async (text, topic) => {
    expect(await read(text, SHOPPING)).toEqual({ type: 'faq', topic });
  });
});

describe('answers to the store\'s question about a change to an order, in sentences', () => {
  const CHANGES: InterpretContext = { asking: { kind: 'confirm_changes', orderId: 'ORD-1001' }, options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }] };
  it.each([
    ['well, I suppose the wholemeal will do, yes go ahead', 'yes'], ['sure thing', 'yes'], ['that works for me', 'yes'],
    ['ok fine whatever', 'yes'], ['no problem, swap it', 'yes'], ['go for it', 'yes'], ['yeah that’s fine', 'yes'],
    ['nah dont want instnt coffe just drop it', 'no'], ['skip the apples altogether no substitute thanks', 'no'],
    ['no thanks, leave it out', 'no'], ['rather not', 'no'], ['just remove it', 'no'], ['nope', 'no'],
  ])('%s → %s', async (text, type) => {
    expect(await read(text, CHANGES)).toEqual({ type });
  });
  it.each(['is unsalted butter same price? if yes then ok', 'how much more is it', 'yes for the milk but no for the bread'])('%s is not taken as an answer', async (text) => {
    const intent = await read(text, CHANGES);
    expect(['yes', 'no']).not.toContain(intent.type);
  });
});

describe('someone else collecting, asked', () => {
  it.each(['can my husband pick it up', 'can my wife collect it', 'could my son sign for it', 'can someone else collect my order', 'is it ok if my neighbour picks it up'])('%s is a question for a person, not politeness or the status', async (text) => {
    expect((await read(text, SHOPPING)).type).toBe('unknown');
  });
  it('"can I order for my mom" is still politeness', async () => {
    expect((await read('can I order for my mom', SHOPPING)).type).toBe('smalltalk');
  });
});

describe('a yes to proposed items with a change beside it', () => {
  const PROPOSED: InterpretContext = {
    asking: { kind: 'confirm_items', items: [{ query: 'Whole Milk', quantity: { kind: 'count', value: 2 }, skus: ['DAI-MLK-WHL'] }, { query: 'Wholemeal Bread', quantity: { kind: 'count', value: 1 }, skus: ['BAK-BRD-WHM'] }] },
    options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }],
  };
  it.each([
    ['yes but no bread', 'remove', 'BAK-BRD-WHM'], ['ok but not the bread', 'remove', 'BAK-BRD-WHM'],
    ['Yes, and add a sourdough too', 'add', 'BAK-BRD-SOU'], ['yeah and 2 bananas', 'add', 'FRU-BAN'],
  ])('%s → yes, then %s %s', async (text, type, sku) => {
    const intent = await read(text, PROPOSED);
    expect(intent).toMatchObject({ type: 'multi', intents: [{ type: 'yes' }, { type, items: [{ match: { kind: 'product', sku } }] }] });
  });
});

describe('answers to "tell me when it\'s back?" and to the notice, in sentences', () => {
  const WISH: InterpretContext = { asking: { kind: 'confirm_wish', sku: 'DAI-MLK-OAT' }, options: [{ id: 'yes', label: 'Yes, tell me' }, { id: 'no', label: 'No thanks' }] };
  const BACK: InterpretContext = { asking: { kind: 'confirm_back', sku: 'DAI-MLK-OAT' }, options: [{ id: 'yes', label: 'Yes, add 1' }, { id: 'no', label: 'No thanks' }] };
  it.each([
    ['yeah uh just text me when it comes in', WISH, 'yes'], ['yes please tell me, i am waiting the cherries for make a cake', WISH, 'yes'],
    ['please let me know', WISH, 'yes'], ['no dont bother', WISH, 'no'], ['No thanks, got some elsewhere', BACK, 'no'],
  ])('%s → %s', async (text, ctx, type) => {
    expect(await read(text, ctx as InterpretContext)).toEqual({ type });
  });
  it('"yes and 2 more" to the notice is not a bare yes', async () => {
    expect(await read('yes and 2 more', BACK)).not.toEqual({ type: 'yes' });
  });
});

describe('allergies said beside the question', () => {
  it.each([
    ['my son has a peanut allergy, are the granola bars safe', 'nut-free', 'product'],
    ['I am lactose intolerant. Which milk can I have', 'milk-free', 'list'],
    ['my daughter is allergic to eggs, what can she have from bakery', 'egg-free', 'list'],
    ['is the granola safe for nut allergies', 'nut-free', 'product'],
    ['my son has a really bad peanut allergy are the uh granola bars safe for him', 'nut-free', 'product'],
    ['Good morning. I am lactose intolerant. Which milk would be alright for me please?', 'milk-free', 'list'],
  ])('%s → %s (%s)', async (text, claim, kind) => {
    expect(await read(text, SHOPPING)).toMatchObject({ type: 'diet', claim, about: { kind } });
  });
  it.each(['anaphylaxis to sesame and tree nuts are the breads ok', 'is all this ok for my diet'])('%s is not answered from the tags', async (text) => {
    expect((await read(text, SHOPPING)).type).toBe('unknown');
  });
  it('"2 diet coke" is still an order', async () => {
    expect((await read('2 diet coke', SHOPPING)).type).toBe('add');
  });
});

describe('the usual asked with fillers around it', () => {
  it.each(['hi yeah um can i just get my usual coffee please', 'oh and chuck my usual in as well', 'can i just get my usual coffee'])('%s → the usual', async (text) => {
    expect((await read(text, SHOPPING)).type).toBe('usual');
  });
});

describe('when something will be back', () => {
  it.each([['when is the oat milk back in stock', 'DAI-MLK-OAT'], ['when do you get cherries back', 'FRU-CHE']])('%s asks whether %s is in stock', async (text, sku) => {
    expect(await read(text, SHOPPING)).toMatchObject({ type: 'ask', about: 'stock', items: [{ match: { kind: 'product', sku } }] });
  });
  it('"when will it be back" asks of the product last talked about', async () => {
    expect(await read('when will it be back', { lastSku: 'DAI-MLK-OAT' })).toMatchObject({ type: 'ask', about: 'stock', items: [{ match: { kind: 'product', sku: 'DAI-MLK-OAT' } }] });
  });
  it('with nothing talked about, it is a question for a person, never the refunds answer', async () => {
    expect((await read('when will it be back', SHOPPING)).type).toBe('unknown');
  });
});
