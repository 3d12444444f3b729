// Issue 23, slots: the customer says when they want the order, in their own words, while the bot asks "when?".
// Written before the rules: every voice (typed, texted, spoken), and what the rules must leave unsure.
import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG, BUNDLED_FAQ, loadCatalog, loadFaq, toProduct } from '../../src/catalog/load';
import type { Option } from '../../src/domain/types';
import type { SlotWish } from '../../src/domain/slots';
import type { InterpretContext } from '../../src/understanding/interpreter';
import { RulesInterpreter } from '../../src/understanding/rules/index';
import { readSlotWish } from '../../src/understanding/rules/slots';

const interpreter = new RulesInterpreter(loadCatalog(BUNDLED_CATALOG).map(toProduct), loadFaq(BUNDLED_FAQ));
const OFFERED: Option[] = [
  { id: 'slot:2026-12-08T09:00-12:00', label: 'Tuesday 8 Dec, 9:00–12:00' },
  { id: 'slot:2026-12-08T14:00-17:00', label: 'Tuesday 8 Dec, 14:00–17:00' },
  { id: 'slot:2026-12-09T09:00-12:00', label: 'Wednesday 9 Dec, 9:00–12:00' },
  { id: 'slots_more', label: 'Later times' },
];
const ASKING_SLOT: InterpretContext = { asking: { kind: 'slot' }, options: OFFERED };
const read = (text: string) => interpreter.interpret(text, ASKING_SLOT);

describe('a slot said in words, while the bot asks when', () => {
  const table: [string, SlotWish][] = [
    // "tomorrow morning"
    ['tomorrow morning', { day: 'tomorrow', part: 'morning' }],
    ['Tomorrow morning please', { day: 'tomorrow', part: 'morning' }],
    ['tmrw morning pls', { day: 'tomorrow', part: 'morning' }],
    ['tomorow mornin', { day: 'tomorrow', part: 'morning' }],
    ['um tomorrow in the morning I guess', { day: 'tomorrow', part: 'morning' }],
    ['in the morning tomorrow', { day: 'tomorrow', part: 'morning' }],
    ['tomorrow afternoon would be great', { day: 'tomorrow', part: 'afternoon' }],
    ['this evening', { day: 'today', part: 'evening' }],
    ['tonight', { day: 'today', part: 'evening' }],
    // "Saturday after 2"
    ['Saturday after 2', { day: 'sat', after: '14:00' }],
    ['sat after 2pm', { day: 'sat', after: '14:00' }],
    ['saturday, after 2 o\'clock', { day: 'sat', after: '14:00' }],
    ['on saturday any time after two', { day: 'sat', after: '14:00' }],
    ['saturday after 10am', { day: 'sat', after: '10:00' }],
    ['friday before noon', { day: 'fri', before: '12:00' }],
    // "the earliest"
    ['the earliest', { first: true }],
    ['earliest pls', { first: true }],
    ['first available', { first: true }],
    ['asap', { first: true }],
    ['as soon as possible please', { first: true }],
    ['whenever is soonest', { first: true }],
    ['the soonest one', { first: true }],
    // "friday 9 to 12"
    ['friday 9 to 12', { day: 'fri', from: '09:00', to: '12:00' }],
    ['Fri 9-12', { day: 'fri', from: '09:00', to: '12:00' }],
    ['friday from 9 till 12', { day: 'fri', from: '09:00', to: '12:00' }],
    ['friday 9:00–12:00', { day: 'fri', from: '09:00', to: '12:00' }],
    ['tuesday 2 to 5', { day: 'tue', from: '14:00', to: '17:00' }],
    ['wednesday between 9 and 12', { day: 'wed', from: '09:00', to: '12:00' }],
    // "any time thursday"
    ['any time thursday', { day: 'thu', first: true }],
    ['thurs anytime is fine', { day: 'thu', first: true }],
    ['whenever on thursday', { day: 'thu', first: true }],
    ['thursday, I don\'t mind when', { day: 'thu', first: true }],
    ['thursday', { day: 'thu' }],
    ['THURSDAY!', { day: 'thu' }],
    ['tuesday at 10', { day: 'tue', at: '10:00' }],
    ['tuesday around 3pm', { day: 'tue', at: '15:00' }],
    ['morning', { part: 'morning' }],
    // more of them
    ['more', { more: true }],
    ['later times', { more: true }],
    ['anything later?', { more: true }],
    ['other times please', { more: true }],
    ['none of those work, what else', { more: true }],
  ];
  it.each(table)('%s', async (text, wish) => {
    expect(await read(text)).toEqual({ type: 'slot', wish });
  });
});

describe('a slot chosen by its number or its label, as any option', () => {
  it.each([
    ['1', 'slot:2026-12-08T09:00-12:00'],
    ['2', 'slot:2026-12-08T14:00-17:00'],
    ['number three', 'slot:2026-12-09T09:00-12:00'],
  ])('%s', async (text, id) => {
    expect(await read(text)).toEqual({ type: 'option', id });
  });
});

describe('words the rules cannot be sure of are not read as a slot', () => {
  it.each([
    'next month sometime',
    'tuesday or wednesday',
    'morning or afternoon',
    'after 2 or before 10',
    'when my wife gets home',
    'saturday after the game',
    'friday 9 to',
  ])('%s', async (text) => {
    expect((await read(text)).type).not.toBe('slot');
  });

  it('reads no slot when no slot is asked', async () => {
    expect((await interpreter.interpret('tomorrow morning', {})).type).not.toBe('slot');
  });

  it('keeps a command said instead: "show my cart", "pickup"', async () => {
    expect((await read('show my cart')).type).toBe('show_cart');
    expect((await read('actually pickup')).type).toBe('pickup');
  });
});

describe('slots said the way a fresh set of customers said them', () => {
  it.each([
    ['earliest u got', { first: true }],
    ['any day is fine but not before 5', { after: '17:00' }],
    ['oh whenever suits you love', { first: true }],
    ['wednesday is possible? in afternoon after lunch', { day: 'wed', part: 'afternoon', after: '13:00' }],
    ['is there anything tonight', { day: 'today', part: 'evening' }],
    ['Friday at 7pm exactly please', { day: 'fri', at: '19:00' }],
    ['ill swing by after work today like half 5', { day: 'today', at: '17:30' }],
    ['coming tuesday please', { day: 'tue' }],
    ['6pm', { at: '18:00' }],
    ['thursday before lunch', { day: 'thu', before: '12:00' }],
  ])('%s', (text, wish) => {
    expect(readSlotWish(text)).toEqual(wish);
  });
  it.each(['1', '2 limes', 'yes', 'wednesday or thursday', 'next tuesday please'])('%s is no slot said in words', (text) => {
    expect(readSlotWish(text)).toBeUndefined();
  });
});
