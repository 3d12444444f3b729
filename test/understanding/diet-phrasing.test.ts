import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG, BUNDLED_FAQ, loadCatalog, loadFaq, toProduct } from '../../src/catalog/load';
import type { Product } from '../../src/domain/types';
import type { DietSubject, Intent, InterpretContext } from '../../src/understanding/interpreter';
import { RulesInterpreter } from '../../src/understanding/rules/index';

// Customers ask what is in the food in many voices: typed, texted, spoken. These read which claim is asked
// and of what; the answer itself comes from the tags (test/engine/diet-dialogue.test.ts).
const PESTO: Product = { sku: 'PAN-PES', name: 'Basil Pesto (190 g)', category: 'Pantry', unit: 'jar', priceCents: 299, aliases: ['pesto'] };
const products = [...loadCatalog(BUNDLED_CATALOG).map(toProduct), PESTO];
const interpreter = new RulesInterpreter(products, loadFaq(BUNDLED_FAQ));
const SHOPPING: InterpretContext = { lastSku: 'PAN-PES' };
const read = (text: string): Promise<Intent> => interpreter.interpret(text, SHOPPING);

const product = (sku: string) => ({ kind: 'product' as const, sku });
type Expected = { claim: string; about: { kind: 'it' } | { kind: 'product'; sku: string } | { kind: 'list'; category?: string; includes?: string[] } };

function shapeOf(intent: Intent): unknown {
  if (intent.type !== 'diet') return intent;
  const about: DietSubject = intent.about;
  if (about.kind === 'product') return { claim: intent.claim, about: about.item.match.kind === 'product' ? product(about.item.match.sku) : about.item.match };
  return { claim: intent.claim, about };
}

function check(text: string, want: Expected) {
  it(`"${text}" → ${want.claim} of ${want.about.kind}`, async () => {
    const got = shapeOf(await read(text)) as { claim: string; about: DietSubject };
    expect(got.claim, JSON.stringify(got)).toBe(want.claim);
    if (want.about.kind === 'list') {
      expect(got.about.kind).toBe('list');
      const list = got.about as Extract<DietSubject, { kind: 'list' }>;
      if (want.about.category) expect(list.category).toBe(want.about.category);
      for (const sku of want.about.includes ?? []) expect(list.skus).toContain(sku);
    } else expect(got.about).toEqual(want.about);
  });
}

describe('is one product so: the claim and the product', () => {
  const vegan = { claim: 'vegan', about: product('PAN-PES') } as const;
  for (const text of ['is the pesto vegan?', 'Is the pesto vegan', 'is pesto vegan', 'pesto vegan?', 'is ur pesto vegan', 'r ur pesto vegan',
    'iz the pesto vegan??', 'hi is the pesto suitable for vegans', 'is the pesto vegen', 'um is the pesto plant based', 'so is your pesto vegan then']) check(text, vegan);
  check('does the granola have nuts', { claim: 'contains-nuts', about: product('BRE-GRA') });
  check('Does the granola have nuts in it?', { claim: 'contains-nuts', about: product('BRE-GRA') });
  check('does granola contain nuts', { claim: 'contains-nuts', about: product('BRE-GRA') });
  check('any nuts in the granola', { claim: 'contains-nuts', about: product('BRE-GRA') });
  check('are there nuts in the granola?', { claim: 'contains-nuts', about: product('BRE-GRA') });
  check('is the granola nut free', { claim: 'nut-free', about: product('BRE-GRA') });
  check('is the granola safe for nut allergies', { claim: 'nut-free', about: product('BRE-GRA') });
  check('is there milk in the pesto', { claim: 'contains-milk', about: product('PAN-PES') });
  check('is the pesto dairy free', { claim: 'milk-free', about: product('PAN-PES') });
  check('does the mayo have eggs', { claim: 'contains-egg', about: product('PAN-MAY') });
  check('is the soy sauce gluten-free?', { claim: 'gluten-free', about: product('PAN-SOY') });
  check('is the rye bread ok for coeliacs', { claim: 'gluten-free', about: product('BAK-RYE') });
  check('is the chicken breast halal', { claim: 'halal', about: product('MEA-CHK-BRS') });
  check('are the bananas organic', { claim: 'organic', about: product('FRU-BAN') });
  check('are the eggs vegetarian', { claim: 'vegetarian', about: product('DAI-EGG') });
  check('is the margherita pizza vegetarian', { claim: 'vegetarian', about: product('FRO-PIZ-MAR') });
});

describe('words that name several products ask of each of them, not of one', () => {
  // "crisps" is an alias of Ready Salted Crisps and the last word of Salt & Vinegar Crisps; "pizza" of
  // Margherita and Pepperoni; "chicken" of Chicken Breast and Whole Chicken.
  const crisps = ['SNA-CRI-SAL', 'SNA-CRI-SVN'];
  for (const text of ['are the crisps vegan?', 'r the crisps vegan', 'crisps vegan?', 'are your chips vegan', 'is the crisps vegan', 'Are the crisps plant based']) {
    check(text, { claim: 'vegan', about: { kind: 'list', includes: crisps } });
  }
  for (const text of ['do the crisps have milk', 'do the crisps contain dairy?', 'any milk in the crisps', 'do crisps have milk in them']) {
    check(text, { claim: 'contains-milk', about: { kind: 'list', includes: crisps } });
  }
  check('are the crisps dairy free', { claim: 'milk-free', about: { kind: 'list', includes: crisps } });
  check('is the pizza vegetarian', { claim: 'vegetarian', about: { kind: 'list', includes: ['FRO-PIZ-MAR', 'FRO-PIZ-PEP'] } });
  check('is the chicken halal', { claim: 'halal', about: { kind: 'list', includes: ['MEA-CHK-BRS', 'MEA-CHK-WHL'] } });
  // One product named whole is still one product, though its words are in others' names.
  check('are the ready salted crisps vegan', { claim: 'vegan', about: product('SNA-CRI-SAL') });
  check('do the salt and vinegar crisps have milk', { claim: 'contains-milk', about: product('SNA-CRI-SVN') });
  check('is the pepperoni pizza halal', { claim: 'halal', about: product('FRO-PIZ-PEP') });
  check('is the oat milk vegan', { claim: 'vegan', about: product('DAI-MLK-OAT') });
});

describe('the product last talked about', () => {
  for (const [text, claim] of [['is this halal', 'halal'], ['is it vegan?', 'vegan'], ['Is that gluten free', 'gluten-free'], ['does it have nuts', 'contains-nuts'],
    ['vegan?', 'vegan'], ['is it kosher', 'kosher'], ['are they organic', 'organic'], ['does it contain milk', 'contains-milk']] as const) {
    check(text, { claim, about: { kind: 'it' } });
  }
});

describe('which products are so: a shelf, a word, or the whole shop', () => {
  check('anything gluten free in bakery?', { claim: 'gluten-free', about: { kind: 'list', category: 'Bakery' } });
  check('anythin gluten free in the bakery', { claim: 'gluten-free', about: { kind: 'list', category: 'Bakery' } });
  check('any gluten free bread', { claim: 'gluten-free', about: { kind: 'list', category: 'Bakery' } });
  check('which crisps have no nuts?', { claim: 'nut-free', about: { kind: 'list', includes: ['SNA-CRI-SAL', 'SNA-CRI-SVN'] } });
  check('which crisps are nut free', { claim: 'nut-free', about: { kind: 'list', includes: ['SNA-CRI-SAL', 'SNA-CRI-SVN'] } });
  check('what crisps dont have nuts', { claim: 'nut-free', about: { kind: 'list', includes: ['SNA-CRI-SAL', 'SNA-CRI-SVN'] } });
  check('got any vegan cheese', { claim: 'vegan', about: { kind: 'list', includes: ['DAI-CHE-CHD', 'DAI-CHE-FET'] } });
  check('do you have any vegan cheese?', { claim: 'vegan', about: { kind: 'list', includes: ['DAI-CHE-CHD'] } });
  check('vegan cheese?', { claim: 'vegan', about: { kind: 'list', includes: ['DAI-CHE-MOZ'] } });
  check('r ur bagels gluten free', { claim: 'gluten-free', about: { kind: 'product', sku: 'BAK-BAG' } });
  check('whats vegan', { claim: 'vegan', about: { kind: 'list' } });
  check('do you have anything halal', { claim: 'halal', about: { kind: 'list' } });
  check('vegan options?', { claim: 'vegan', about: { kind: 'list' } });
  check('anything dairy free in the fridge section', { claim: 'milk-free', about: { kind: 'list' } });
  check('any organic fruit', { claim: 'organic', about: { kind: 'list', category: 'Fruit' } });
  check('which cereals have nuts', { claim: 'contains-nuts', about: { kind: 'list' } });
  check('show me gluten free snacks', { claim: 'gluten-free', about: { kind: 'list', category: 'Snacks & Sweets' } });
});

describe('what is not a question about the food', () => {
  for (const text of ['do you have eggs', 'got any nuts', 'no nuts pls allergic', 'no nuts', 'without the nuts please', 'add 2 organic bananas', 'nuts please', 'add the mixed nuts', 'I want milk',
    'is my order on its way', '2 eggs and a milk', 'peanut butter']) {
    it(`"${text}" is no question about the food`, async () => {
      expect((await read(text)).type).not.toBe('diet');
    });
  }
});
