// The slots a customer may be offered, and which of them their words fit: pure functions of the settings,
// an instant and the store's zone.
import { describe, expect, it } from 'vitest';
import type { SlotRule } from '../../src/domain/slots';
import { upcomingSlots } from '../../src/slots/calendar';
import { matchWish } from '../../src/slots/wish';

const rule = (weekday: SlotRule['weekday'], from: string, to: string): SlotRule => ({ weekday, from, to, capacity: 3 });
const EVERY_DAY: SlotRule[] = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).flatMap((d) => [rule(d, '08:00', '10:00'), rule(d, '18:00', '20:00')]);
const keys = (slots: { date: string; from: string }[]) => slots.map((s) => `${s.date} ${s.from}`);

describe('upcoming slots', () => {
  it('are in the store\'s zone: 23:30 in London is 18:30 in New York, when the evening slot has begun', () => {
    const instant = Date.UTC(2026, 10, 2, 23, 30);
    expect(keys(upcomingSlots({ timeZone: 'Europe/London', closures: [], slots: EVERY_DAY }, instant)).slice(0, 2)).toEqual(['2026-11-03 08:00', '2026-11-03 18:00']);
    expect(keys(upcomingSlots({ timeZone: 'America/New_York', closures: [], slots: EVERY_DAY }, instant)).slice(0, 2)).toEqual(['2026-11-03 08:00', '2026-11-03 18:00']);
    expect(keys(upcomingSlots({ timeZone: 'America/New_York', closures: [], slots: EVERY_DAY }, Date.UTC(2026, 10, 2, 22, 0))).slice(0, 1)).toEqual(['2026-11-02 18:00']);
  });

  it('start no sooner than the lead time, across midnight, and skip closures; a week or so ahead', () => {
    const instant = Date.UTC(2026, 10, 2, 21, 0);
    const slots = upcomingSlots({ timeZone: 'UTC', closures: [{ date: '2026-11-03' }], slots: EVERY_DAY, slotLeadMinutes: 12 * 60 }, instant);
    // 21:00 + 12 h is 09:00 tomorrow, a closure: Wednesday first.
    expect(keys(slots).slice(0, 2)).toEqual(['2026-11-04 08:00', '2026-11-04 18:00']);
    expect(slots.at(-1)?.date).toBe('2026-11-10');
    expect(slots[0]).toMatchObject({ capacity: 3 });
  });

  it('are none when the store sets none', () => {
    expect(upcomingSlots({ timeZone: 'UTC', closures: [] }, 0)).toEqual([]);
  });
});

describe('which free slots the customer\'s words fit', () => {
  // Saturday 7 November 2026; two Saturdays are within the coming days.
  const free = upcomingSlots({ timeZone: 'UTC', closures: [], slots: EVERY_DAY }, Date.UTC(2026, 10, 7, 6, 0), 9);
  const today = '2026-11-07';
  it('"saturday" is the next one (today), and several fitting are offered, not guessed', () => {
    const m = matchWish(free, { day: 'sat' }, today);
    expect(m.kind === 'several' && keys(m.slots)).toEqual(['2026-11-07 08:00', '2026-11-07 18:00']);
  });
  it('one fitting is the choice; "the earliest" of several is the first', () => {
    expect(matchWish(free, { day: 'sun', part: 'evening' }, today)).toMatchObject({ kind: 'one', slot: { date: '2026-11-08', from: '18:00' } });
    expect(matchWish(free, { first: true }, today)).toMatchObject({ kind: 'one', slot: { date: '2026-11-07', from: '08:00' } });
    expect(matchWish(free, { day: 'tomorrow', after: '12:00' }, today)).toMatchObject({ kind: 'one', slot: { date: '2026-11-08', from: '18:00' } });
    expect(matchWish(free, { day: 'mon', at: '09:00' }, today)).toMatchObject({ kind: 'one', slot: { date: '2026-11-09', from: '08:00' } });
  });
  it('none fitting is none', () => {
    expect(matchWish(free, { day: 'mon', from: '09:00', to: '12:00' }, today)).toEqual({ kind: 'none' });
    expect(matchWish(free, { part: 'afternoon' }, today)).toEqual({ kind: 'none' });
  });
});
