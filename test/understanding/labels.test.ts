import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/domain/types';
import { RulesInterpreter } from '../../src/understanding/rules/index';

const product = (sku: string, name: string, unit: string, aliases: string[] = []): Product =>
  ({ sku, name, unit, category: 'Pantry', priceCents: 100, aliases });

/** Labels no built-in list knows: the catalog's own labels are read as labels too. */
const interpreter = new RulesInterpreter([
  product('SAF', 'Saffron Threads', 'sachet', ['saffron']),
  product('EGG', 'Duck Eggs', 'tray'),
  product('CAK', 'Rice Cakes', 'cake'),
  product('TRA', 'Trail Mix', 'pouch'),
], []);
const read = (text: string) => interpreter.interpret(text, {});

describe('a catalog’s own shelf labels', () => {
  it('do not disturb matching, singular or plural, with or without "of"', async () => {
    expect(await read('2 sachets of saffron')).toMatchObject({ type: 'add', items: [{ quantity: { kind: 'count', value: 2 }, match: { kind: 'product', sku: 'SAF' } }] });
    expect(await read('a tray of duck eggs')).toMatchObject({ type: 'add', items: [{ query: 'duck eggs', quantity: { kind: 'count', value: 1 }, match: { kind: 'product', sku: 'EGG' } }] });
    expect(await read('3 pouches trail mix')).toMatchObject({ type: 'add', items: [{ quantity: { kind: 'count', value: 3 }, match: { kind: 'product', sku: 'TRA' } }] });
  });

  it('alone are never a product, and after an amount are only an amount', async () => {
    expect(await read('sachets')).toMatchObject({ type: 'smalltalk' });
    expect(await read('add a tray')).not.toMatchObject({ type: 'add', items: [{ match: { kind: 'product' } }] });
    expect(await read('2 sachets')).toEqual({ type: 'quantity', quantity: { kind: 'count', value: 2 } });
  });

  it('stay words of a name when a product is called by them', async () => {
    expect(await read('2 cakes')).toMatchObject({ type: 'add', items: [{ quantity: { kind: 'count', value: 2 }, match: { kind: 'product', sku: 'CAK' } }] });
  });
});
