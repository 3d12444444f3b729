import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG, BUNDLED_FAQ, loadCatalog, loadFaq, toProduct } from '../../src/catalog/load';
import { STAGES, type Stage } from '../../src/domain/types';
import type { Intent, InterpretContext } from '../../src/understanding/interpreter';
import { MAX_COUNT, MAX_GRAMS } from '../../src/understanding/rules/numbers';
import { RulesInterpreter } from '../../src/understanding/rules/index';
import { ADVERSARIAL } from './adversarial-corpus';
import { at } from './at';

const products = loadCatalog(BUNDLED_CATALOG).map(toProduct);
const interpreter = new RulesInterpreter(products, loadFaq(BUNDLED_FAQ));

/** Generous on purpose: the worst inputs take milliseconds; this only catches a return of the quadratic cost. */
const BOUND_MS = 500;


const catalogWords = [...new Set(products.flatMap((p) => [p.name, ...p.aliases, p.category]).flatMap((s) => s.toLowerCase().split(/\s+/)))];
const WORDS = [
  ...catalogWords,
  'one', 'two', 'ten', 'twelve', 'twenty', 'ninety', 'hundred', 'half', 'quarter', 'dozen', 'couple', 'pair', 'few',
  'a', 'an', 'and', 'of', 'x', 'times', 'to', 'too', 'for', 'won', 'make', 'it', 'change', 'remove', 'add', 'please',
  'kg', 'kilos', 'g', 'grams', 'lb', 'pounds', '0', '1', '2', '3x', 'x3', '1.5kg', '500g', '99', '1000000', '1000001',
  '99999999', '1e9', '-5', '0.001', '1.37', '½', 'Infinity', 'NaN',
  'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__', 'isPrototypeOf',
];
const JOINERS = [' ', ' ', ' ', ', ', ' and ', '; ', ' & ', '', '!', '?', '.', ' x ', ' - '];

/** Messages a shop hears, and messages built to hurt: catalog words, numbers, units, punctuation, prototype names. */
const mixed = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...JOINERS)), { maxLength: 120 })
  .map((parts) => parts.map(([w, j]) => w + j).join('').slice(0, 1000));
const anyText = fc.oneof(
  fc.string({ maxLength: 1000 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  mixed,
);
const stage = fc.constantFrom(...STAGES);

/** Every number anywhere in the intent, with the path to it. */
function numbers(value: unknown, path = '$'): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
  return [];
}

/** Every quantity anywhere in the intent, and whether it may be zero ("make it 0" takes a line out). */
function quantities(intent: Intent): { kind: string; value?: number; zeroAllowed: boolean }[] {
  const zeroAllowed = intent.type === 'set_qty' || intent.type === 'quantity';
  const out: { kind: string; value?: number; zeroAllowed: boolean }[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.kind === 'count' || o.kind === 'grams') out.push({ kind: o.kind, value: o.value as number, zeroAllowed });
      Object.values(o).forEach(visit);
    }
  };
  visit(intent);
  return out;
}

/** Read at stage `s`: its own question, if it asks one, else the question of `context`. */
async function interpretChecked(text: string, s: Stage, context: InterpretContext = {}): Promise<Intent> {
  const started = performance.now();
  const intent = await interpreter.interpret(text, { ...context, ...at(s) });
  const took = performance.now() - started;
  expect(took, `${JSON.stringify(text.slice(0, 60))} took ${took.toFixed(0)} ms`).toBeLessThan(BOUND_MS);
  for (const [path, n] of numbers(intent)) expect(Number.isFinite(n), `${path} = ${n}`).toBe(true);
  for (const q of quantities(intent)) {
    const v = q.value!;
    expect(typeof v).toBe('number');
    if (q.kind === 'grams') expect(Number.isSafeInteger(v) && v <= MAX_GRAMS, `grams ${v}`).toBe(true);
    // Pieces are whole, or halves and quarters the engine weighs out or asks about.
    else expect(Number.isSafeInteger(v * 4) && v <= MAX_COUNT, `count ${v}`).toBe(true);
    expect(q.zeroAllowed ? v >= 0 : v > 0, `${q.kind} ${v} in ${intent.type}`).toBe(true);
  }
  if (intent.type === 'choose') expect(Number.isSafeInteger(intent.index) && intent.index >= 0).toBe(true);
  return intent;
}

describe('the interpreter, for any text', () => {
  it('never throws, returns only finite numbers and sane quantities, within the bound', async () => {
    await fc.assert(fc.asyncProperty(anyText, stage, async (text, s) => { await interpretChecked(text, s); }), { numRuns: 300 });
  });

  it('reads prototype names as words, never as numbers, units or categories', async () => {
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      for (const text of [`${word} bananas`, `${word} limes`, `${word} kg apples`]) {
        // Not an amount, not a unit: the message is not understood as an order at all.
        expect((await interpretChecked(text, 'ordering')).type, text).toBe('unknown');
      }
      // A number before it is a count of something the store does not carry.
      expect(await interpretChecked(`2 ${word}`, 'ordering'), word).toMatchObject({ type: 'add', items: [{ quantity: { kind: 'count', value: 2 }, match: { kind: 'none' } }] });
      // Not a category to browse: a search that finds nothing.
      expect(await interpretChecked(`show me ${word}`, 'ordering'), word).toMatchObject({ type: 'search', skus: [] });
      expect(await interpretChecked(`do you have ${word}`, 'ordering'), word).toMatchObject({ type: 'ask', items: [{ quantity: { kind: 'none' }, match: { kind: 'none' } }] });
    }
  });

  it('turns amounts nobody means into no amount at all', async () => {
    // The same words with an amount someone means are an order: the check below can tell the difference.
    expect(await interpretChecked('2 limes', 'ordering')).toMatchObject({ type: 'add', items: [{ quantity: { kind: 'count', value: 2 }, match: { sku: 'FRU-LIM' } }] });
    for (const text of ['99999999 limes', '1e9 limes', 'limes 0', 'limes x 0.001', '1.37 limes', `${'9'.repeat(400)} limes`]) {
      expect((await interpretChecked(text, 'ordering')).type, text).toBe('unknown');
    }
  });

  it.each(ADVERSARIAL.map((a) => [a.name, a.text] as const))('answers the adversarial message %s within the bound', async (_name, text) => {
    await interpretChecked(text, 'ordering');
  });
});

/** Every kind of context the engine passes: options on offer, a side question asked, how often the name was asked. */
const OFFERED = [
  [{ id: 'checkout', label: 'Check out' }, { id: 'cart', label: 'View cart' }, { id: 'add:FRU-BAN', label: 'Add Bananas' }],
  [{ id: 'pick:PAN-RIC-BAS', label: 'Basmati Rice (1 kg)' }, { id: 'pick:PAN-RIC-BRN', label: 'Brown Rice (1 kg)' }],
  [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }],
];
const context = fc.record({
  options: fc.option(fc.constantFrom(...OFFERED), { nil: undefined }),
  asking: fc.option(fc.constantFrom<NonNullable<InterpretContext['asking']>>(
    { kind: 'how_many', sku: 'FRU-MAN' },
    { kind: 'choose_product', action: 'add', quantity: { kind: 'none' }, skus: ['PAN-RIC-BAS', 'PAN-RIC-BRN'] },
    { kind: 'confirm_cancel', orderId: 'ORD-1001' },
    { kind: 'confirm_restart' },
  ), { nil: undefined }),
  nameAsks: fc.integer({ min: 0, max: 5 }),
});

describe('the interpreter, for any text in any context', () => {
  it('never throws, picks only an option on offer, and keeps names and addresses short, within the bound', async () => {
    await fc.assert(fc.asyncProperty(anyText, stage, context, async (text, s, ctx) => {
      const intent = await interpretChecked(text, s, ctx);
      if (intent.type === 'option') expect((ctx.options ?? []).map((o) => o.id)).toContain(intent.id);
      if (intent.type === 'name') expect(intent.name.length > 0 && intent.name.length <= 60, intent.name).toBe(true);
      if (intent.type === 'address' || (intent.type === 'delivery' && intent.address)) {
        const address = intent.type === 'address' ? intent.address : intent.address!;
        expect(address.length).toBeLessThanOrEqual(200);
      }
    }), { numRuns: 300 });
  });

  it.each(ADVERSARIAL.map((a) => [a.name, a.text] as const))('answers the adversarial message %s in every stage within the bound', async (_name, text) => {
    for (const s of ['registration_name', 'registration_address', 'checkout_address', 'checkout_method', 'ordering'] as const) {
      await interpretChecked(text, s, { nameAsks: 2, options: OFFERED[1], asking: { kind: 'choose_product', action: 'add', quantity: { kind: 'none' }, skus: ['PAN-RIC-BAS', 'PAN-RIC-BRN'] } });
      await interpretChecked(text, s, { asking: { kind: 'how_many', sku: 'FRU-MAN' }, options: OFFERED[0] });
    }
  });
});
