import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG, BUNDLED_FAQ, loadCatalog, loadFaq, toProduct } from '../../src/catalog/load';
import type { Option, Product } from '../../src/domain/types';
import type { Intent, InterpretContext } from '../../src/understanding/interpreter';
import { RulesInterpreter } from '../../src/understanding/rules/index';
import { at } from './at';

const interpreter = new RulesInterpreter(loadCatalog(BUNDLED_CATALOG).map(toProduct), loadFaq(BUNDLED_FAQ));
const read = (text: string, context: InterpretContext): Promise<Intent> => interpreter.interpret(text, context);

const MENU: Option[] = [
  { id: 'checkout', label: 'Check out' },
  { id: 'cart', label: 'View cart' },
  { id: 'add:FRU-BAN', label: 'Add Bananas' },
];
const READ_BACK: Option[] = [{ id: 'place_order', label: 'Yes, place it' }, { id: 'keep_shopping', label: 'No, keep shopping' }];
const ORDERING: InterpretContext = { options: MENU };
const WHICH_BREAD: InterpretContext = {
  asking: { kind: 'choose_product', action: 'add', quantity: { kind: 'count', value: 2 }, skus: ['BAK-RYE', 'BAK-BRD-SOU', 'BAK-BRD-WHM'] },
  options: [{ id: 'pick:BAK-RYE', label: 'Rye Bread' }, { id: 'pick:BAK-BRD-SOU', label: 'Sourdough Loaf' }, { id: 'pick:BAK-BRD-WHM', label: 'Wholemeal Bread' }],
};
const WHICH_RICE: InterpretContext = {
  asking: { kind: 'choose_product', action: 'add', quantity: { kind: 'none' }, skus: ['PAN-RIC-BAS', 'PAN-RIC-BRN'] },
  options: [{ id: 'pick:PAN-RIC-BAS', label: 'Basmati Rice (1 kg)' }, { id: 'pick:PAN-RIC-BRN', label: 'Brown Rice (1 kg)' }],
};
const HOW_MANY: InterpretContext = { asking: { kind: 'how_many', sku: 'FRU-MAN' }, options: MENU };

describe('choosing one of the options on offer', () => {
  const table: [string, InterpretContext, Intent][] = [
    // by number, in every way a number is said or typed
    ['2', ORDERING, { type: 'option', id: 'cart' }],
    ['#2', ORDERING, { type: 'option', id: 'cart' }],
    ['2.', ORDERING, { type: 'option', id: 'cart' }],
    ['number two', ORDERING, { type: 'option', id: 'cart' }],
    ['option 3', ORDERING, { type: 'option', id: 'add:FRU-BAN' }],
    ['press 3', ORDERING, { type: 'option', id: 'add:FRU-BAN' }],
    ['two', ORDERING, { type: 'option', id: 'cart' }],
    ['the first one', ORDERING, { type: 'option', id: 'checkout' }],
    ['the last one please', ORDERING, { type: 'option', id: 'add:FRU-BAN' }],
    ['option for', { options: [...MENU, { id: 'help', label: 'Help' }] }, { type: 'option', id: 'help' }],
    // by label, whatever the case and punctuation
    ['check out', ORDERING, { type: 'option', id: 'checkout' }],
    ['View Cart!', ORDERING, { type: 'option', id: 'cart' }],
    ['Add Bananas', ORDERING, { type: 'option', id: 'add:FRU-BAN' }],
    ['Yes, place it', { asking: { kind: 'confirm_order' }, options: READ_BACK }, { type: 'option', id: 'place_order' }],
    ['yes place it', { asking: { kind: 'confirm_order' }, options: READ_BACK }, { type: 'option', id: 'place_order' }],
    ['no keep shopping', { asking: { kind: 'confirm_order' }, options: READ_BACK }, { type: 'option', id: 'keep_shopping' }],
    // out of range: the engine says which numbers there are
    ['7', ORDERING, { type: 'choose', index: 7 }],
    ['option 0', ORDERING, { type: 'choose', index: 0 }],
    ['number nine', ORDERING, { type: 'choose', index: 9 }],
    // "how many?" asked: a bare number is a quantity, never an option
    ['2', HOW_MANY, { type: 'quantity', quantity: { kind: 'count', value: 2 } }],
    ['three', HOW_MANY, { type: 'quantity', quantity: { kind: 'count', value: 3 } }],
    ['7', HOW_MANY, { type: 'quantity', quantity: { kind: 'count', value: 7 } }],
    ['check out', HOW_MANY, { type: 'option', id: 'checkout' }],
    // "which one?" asked: by number, label, or a word of one offered product's name
    ['2', WHICH_BREAD, { type: 'option', id: 'pick:BAK-BRD-SOU' }],
    ['Rye Bread', WHICH_BREAD, { type: 'option', id: 'pick:BAK-RYE' }],
    ['the rye one', WHICH_BREAD, { type: 'option', id: 'pick:BAK-RYE' }],
    ["I'll have the sourdough please", WHICH_BREAD, { type: 'option', id: 'pick:BAK-BRD-SOU' }],
    ['wholemeal', WHICH_BREAD, { type: 'option', id: 'pick:BAK-BRD-WHM' }],
    ['basmati', WHICH_RICE, { type: 'option', id: 'pick:PAN-RIC-BAS' }],
    ['the brown one', WHICH_RICE, { type: 'option', id: 'pick:PAN-RIC-BRN' }],
    ['basmatti', WHICH_RICE, { type: 'option', id: 'pick:PAN-RIC-BAS' }],
  ];
  it.each(table)('%s (%o) → %o', async (text, context, expected) => {
    expect(await read(text, context)).toEqual(expected);
  });

  it('picks no product when the words fit several or none of those offered', async () => {
    expect(await read('bread', WHICH_BREAD)).not.toMatchObject({ type: 'option' });
    expect(await read('rice', WHICH_RICE)).not.toMatchObject({ type: 'option' });
    expect(await read('bananas', WHICH_RICE)).toMatchObject({ type: 'add', items: [{ match: { sku: 'FRU-BAN' } }] });
    expect(await read('checkout', WHICH_RICE)).toEqual({ type: 'checkout' });
  });

  it('reads numbers as before when nothing is on offer', async () => {
    expect(await read('2', {})).toEqual({ type: 'choose', index: 2 });
    expect(await read('2 limes', ORDERING)).toMatchObject({ type: 'add', items: [{ match: { sku: 'FRU-LIM' } }] });
  });
});

describe('the name, when the bot asked for it', () => {
  const asked = (nameAsks = 1): InterpretContext => ({ asking: { kind: 'name' }, nameAsks });

  it.each([
    ['Ana', 'Ana'],
    ['my name is ana maria', 'Ana Maria'],
    ["Hi, I'm Sam", 'Sam'],
    ["Seán O'Neil", "Seán O'Neil"],
    ['call me Ginger', 'Ginger'],
    ['Olive', 'Olive'],
    ['jean-luc', 'Jean-Luc'],
    ['Bob here', 'Bob'],
    ['hi there, Bob', 'Bob'],
    ["sure, it's Maria", 'Maria'],
  ])('%s → name %s', async (text, name) => {
    expect(await read(text, asked())).toEqual({ type: 'name', name });
  });

  it.each(['skip', "I'd rather not say", 'no name', 'rather not', 'skip it please', 'none', 'not saying'])('%s → skip', async (text) => {
    expect(await read(text, asked(2))).toEqual({ type: 'skip' });
  });

  it('reads a sentence as no name on the first asks, and as the name once asked twice', async () => {
    expect(await read('the weather is nice', asked(1))).toMatchObject({ type: 'unknown' });
    expect(await read('what?', asked(1))).toMatchObject({ type: 'unknown' });
    expect(await read('Dr. Who?', asked(1))).toMatchObject({ type: 'unknown' });
    expect(await read('Dr. Who?', asked(2))).toEqual({ type: 'name', name: 'Dr. Who' });
    expect(await read('R2 D2', asked(2))).toEqual({ type: 'name', name: 'R2 D2' });
  });
});

describe('never a name', () => {
  // Commands and product requests keep their meaning, however often the name was asked for.
  const table: [string, Intent['type']][] = [
    ['Checkout', 'checkout'],
    ["That's everything", 'checkout'],
    ["that's all", 'checkout'],
    ['any deals?', 'deals'],
    ['menu', 'browse'],
    ['show me fruit', 'browse'],
    ['my cart', 'show_cart'],
    ['help', 'help'],
    ['talk to a human', 'human'],
    ['where is my order', 'status'],
    ['start over', 'restart'],
    ['hello', 'greet'],
    ['thanks', 'thanks'],
    ['yes', 'yes'],
    ['no', 'no'],
    ['2 bags of potatoes', 'add'],
    ["I'd like 3 limes", 'add'],
    ['bananas', 'add'],
    ['oat milk', 'add'],
    ['do you have mangoes', 'ask'],
    ['pickup', 'pickup'],
    ['deliver to 5 Elm Street', 'delivery'],
  ];
  it.each(table)('%s → %s', async (text, type) => {
    for (const nameAsks of [1, 2, 5]) {
      expect((await read(text, { asking: { kind: 'name' }, nameAsks })).type, `asked ${nameAsks} times`).toBe(type);
    }
  });
});

describe('a product word alone at the name question (attack 5)', () => {
  // One word that is a word of a product's name is shopping, unless it is a given name too.
  it.each(['milk', 'coke', 'avocado', 'tuna', 'eggs', 'rye bread', 'Avocado'])('%s → add, however often the name was asked', async (text) => {
    for (const nameAsks of [1, 2, 5]) {
      expect((await read(text, { asking: { kind: 'name' }, nameAsks })).type, `asked ${nameAsks} times`).toBe('add');
    }
  });
  it.each(['Olive', 'Ginger', 'Basil', 'Rose', 'Sage', 'Honey', 'Bob'])('%s → name %s', async (text) => {
    expect(await read(text, { asking: { kind: 'name' }, nameAsks: 1 })).toEqual({ type: 'name', name: text });
  });
  it('takes a product word as a name when the customer says it is one', async () => {
    expect(await read('my name is Milk', { asking: { kind: 'name' }, nameAsks: 1 })).toEqual({ type: 'name', name: 'Milk' });
  });
  it.each(["I'm hungry", "I'm fine", "I'm good", "I'm new here", 'i am just looking', "hi, I'm starving"])('%s → no name, however often asked', async (text) => {
    for (const nameAsks of [1, 2, 5]) {
      expect((await read(text, { asking: { kind: 'name' }, nameAsks })).type, `asked ${nameAsks} times`).toBe('unknown');
    }
  });
  it("still reads \"I'm Sam\" as Sam", async () => {
    expect(await read("I'm Sam", { asking: { kind: 'name' }, nameAsks: 1 })).toEqual({ type: 'name', name: 'Sam' });
  });
});

describe('a bare number at the address question (attack 18)', () => {
  const PICKUP = [{ id: 'pickup', label: 'Pickup' }];
  it.each(['12', '3 please', 'number 7', '0'])('%s is a bad address, not "pick a number from 1 to 1"', async (text) => {
    for (const stage of ['registration_address', 'checkout_address'] as const) {
      expect(await read(text, { ...at(stage), options: PICKUP }), stage).toMatchObject({ type: 'unknown' });
    }
  });
  it('"1" still picks Pickup', async () => {
    for (const stage of ['registration_address', 'checkout_address'] as const) {
      expect(await read('1', { ...at(stage), options: PICKUP }), stage).toEqual({ type: 'option', id: 'pickup' });
    }
  });
  it('at the name question (options: Skip) a number is no name and no pick either', async () => {
    const intent = await read('67890', { asking: { kind: 'name' }, nameAsks: 2, options: [{ id: 'skip', label: 'Skip' }] });
    expect(['option', 'choose', 'name']).not.toContain(intent.type);
  });
  it('out of range elsewhere is still "which numbers there are"', async () => {
    expect(await read('12', { options: PICKUP })).toEqual({ type: 'choose', index: 12 });
  });
});

describe('"deliver to" with no usable address (attack 9)', () => {
  const long = `deliver to ${'12 Elm Street '.repeat(40)}`;
  it.each(['ordering', 'checkout_method', 'checkout_address', 'registration_address', 'checkout_confirm'] as const)('in %s: never the FAQ, never an address taken', async (stage) => {
    for (const text of [long, 'deliver to 12', 'please send it to 7']) {
      expect(await read(text, at(stage)), text.slice(0, 20)).toMatchObject({ type: 'unknown' });
    }
  });
  it('a place with no number stays a question about where we deliver', async () => {
    expect(await read('deliver to Springfield', {})).toEqual({ type: 'faq', topic: 'delivery' });
  });
});

describe('the address, when the bot asked for it', () => {
  const stages = ['registration_address', 'checkout_address'] as const;
  it.each([
    ['5 Elm Street', '5 Elm Street'],
    ['my address is 12 Oak Ave, Springfield', '12 Oak Ave, Springfield'],
    ['Flat 2, 10 High St', 'Flat 2, 10 High St'],
    ['Rose Cottage, Little Hampton', 'Rose Cottage, Little Hampton'],
    ['10 Checkout Lane', '10 Checkout Lane'],
    ['22 Orange Grove', '22 Orange Grove'],
  ])('%s → address %s', async (text, address) => {
    for (const stage of stages) expect(await read(text, at(stage)), stage).toEqual({ type: 'address', address });
  });
});

describe('never an address', () => {
  const table: [string, Intent['type']][] = [
    ['pickup', 'pickup'],
    ["I'll collect it", 'pickup'],
    ['checkout', 'checkout'],
    ["that's everything", 'checkout'],
    ['help', 'help'],
    ['talk to a person', 'human'],
    ['any deals today', 'deals'],
    ['2 bags of potatoes', 'add'],
    ["I'd like 3 limes", 'add'],
    ['do you deliver on sundays', 'faq'],
    ['yes', 'yes'],
    ['show my cart', 'show_cart'],
    ['start over', 'restart'],
  ];
  it.each(table)('%s → %s', async (text, type) => {
    for (const stage of ['registration_address', 'checkout_address'] as const) {
      expect((await read(text, at(stage))).type, stage).toBe(type);
    }
  });

  it('reads a stray word as nothing at all', async () => {
    expect(await read('hmm', { asking: { kind: 'address' } })).toMatchObject({ type: 'smalltalk' });
  });
});

describe('delivery with the address said outright, from any stage', () => {
  it.each(['ordering', 'checkout_method', 'checkout_confirm', 'menu'] as const)('in %s', async (stage) => {
    expect(await read('deliver to 5 Elm Street please', at(stage))).toEqual({ type: 'delivery', address: '5 Elm Street' });
    expect(await read('delivery', at(stage))).toEqual({ type: 'delivery' });
  });
});

describe('irregular plurals, by the matcher’s stemming', () => {
  const product = (sku: string, name: string, aliases: string[] = []): Product =>
    ({ sku, name, unit: 'each', category: 'Kitchen', priceCents: 100, aliases });
  const kitchen = new RulesInterpreter([
    product('KNI', 'Bread Knife'),
    product('BAY', 'Bay Leaf', ['bay leaf jar']),
    product('SHE', 'Spice Shelf'),
    product('GOO', 'Goose Fat'),
  ], []);
  it.each([
    ['four knives', 'KNI', 4],
    ['2 bread knives', 'KNI', 2],
    ['a jar of bay leaves', 'BAY', 1],
    ['3 spice shelves', 'SHE', 3],
  ])('%s', async (text, sku, value) => {
    expect(await kitchen.interpret(text, {})).toMatchObject({ type: 'add', items: [{ quantity: { kind: 'count', value }, match: { kind: 'product', sku } }] });
  });
});

describe('"delivery or pickup?" answered with an address', () => {
  it('is delivery there; other answers keep their meaning', async () => {
    const method: InterpretContext = { asking: { kind: 'fulfilment' } };
    expect(await read('12 Oak Ave', method)).toEqual({ type: 'delivery', address: '12 Oak Ave' });
    expect(await read('pickup', method)).toEqual({ type: 'pickup' });
    expect(await read('2 limes', method)).toMatchObject({ type: 'add' });
  });
});

describe('names keep only what shows', () => {
  it('drops control and format characters', async () => {
    expect(await read('Ana\u202e\u200b Lopez', { asking: { kind: 'name' }, nameAsks: 1 })).toEqual({ type: 'name', name: 'Ana Lopez' });
  });
});
