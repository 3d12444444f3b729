import { describe, expect, it } from 'vitest';
import type { MediaPart } from '../../src/domain/types';
import type { Intent, InterpretContext, ItemRequest } from '../../src/understanding/interpreter';
import { needsModel } from '../../src/understanding/gemini/needs-model';

const product: ItemRequest = { query: 'rye', quantity: { kind: 'count', value: 2 }, match: { kind: 'product', sku: 'BAK-RYE' } };
const none: ItemRequest = { query: 'kiwano', quantity: { kind: 'none' }, match: { kind: 'none' } };
const ambiguous: ItemRequest = { query: 'milk', quantity: { kind: 'none' }, match: { kind: 'ambiguous', skus: ['DAI-MLK-OAT', 'DAI-MLK-WHL'] } };
const ordering: InterpretContext = {};
const howMany: InterpretContext = { asking: { kind: 'how_many', sku: 'FRU-MAN' } };
const which: InterpretContext = { asking: { kind: 'choose_product', action: 'add', quantity: { kind: 'none' }, skus: ['DAI-MLK-OAT', 'DAI-MLK-WHL'] } };
const confirmCancel: InterpretContext = { asking: { kind: 'confirm_cancel', orderId: 'ORD-1001' } };
const photo: MediaPart[] = [{ kind: 'image', mimeType: 'image/jpeg', data: 'AAAA' }];

const table: [string, Intent, InterpretContext, MediaPart[] | undefined, boolean][] = [
  ['every item matched one product', { type: 'add', items: [product] }, ordering, undefined, false],
  ['an item matched nothing', { type: 'add', items: [product, none] }, ordering, undefined, true],
  ['an item matched several products', { type: 'add', items: [ambiguous] }, ordering, undefined, true],
  ['a question about something unmatched', { type: 'ask', about: 'stock', items: [none] }, ordering, undefined, true],
  ['a removal of something unmatched', { type: 'remove', items: [none] }, ordering, undefined, true],
  ['a removal of a product', { type: 'remove', items: [product] }, ordering, undefined, false],
  ['a change of a named line that matched nothing', { type: 'set_qty', item: none, quantity: { kind: 'count', value: 2 } }, ordering, undefined, true],
  ['"make it 3"', { type: 'set_qty', quantity: { kind: 'count', value: 3 } }, ordering, undefined, false],
  ['an unknown intent', { type: 'unknown', text: 'i like turtles' }, ordering, undefined, true],
  ['a command', { type: 'checkout' }, ordering, undefined, false],
  ['a picture, whatever the rules read', { type: 'checkout' }, ordering, photo, true],
  ['a picture with no words', { type: 'unknown', text: '' }, ordering, photo, true],
  ['an empty media list', { type: 'checkout' }, ordering, [], false],
  ['"how many?" answered with an amount', { type: 'quantity', quantity: { kind: 'count', value: 3 } }, howMany, undefined, false],
  ['"how many?" answered with a greeting', { type: 'greet' }, howMany, undefined, true],
  ['"how many?" answered with thanks ("lovely")', { type: 'thanks' }, howMany, undefined, true],
  ['"how many?" set aside for help', { type: 'help' }, howMany, undefined, false],
  ['"how many?" set aside for another clear order', { type: 'add', items: [product] }, howMany, undefined, false],
  ['"which one?" answered by number', { type: 'choose', index: 2 }, which, undefined, false],
  ['"which one?" answered by an option id', { type: 'option', id: 'pick:DAI-MLK-OAT' }, which, undefined, false],
  ['"which one?" answered with a bare yes', { type: 'yes' }, which, undefined, true],
  ['"cancel it?" answered yes', { type: 'yes' }, confirmCancel, undefined, false],
  ['"cancel it?" answered with an amount', { type: 'quantity', quantity: { kind: 'count', value: 2 } }, confirmCancel, undefined, true],
  ['a name at registration', { type: 'name', name: 'Ana' }, { asking: { kind: 'name' } }, undefined, false],
];

describe('needsModel: when the rules are unsure enough to ask Gemini', () => {
  it.each(table)('%s → %s', (_name, intent, context, media, expected) => {
    expect(needsModel(intent, context, media)).toBe(expected);
  });
});
