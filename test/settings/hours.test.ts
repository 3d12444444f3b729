import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, WEEKDAYS, type OpeningWindow, type Weekday } from '../../src/domain/settings';
import { preparation, weekHours } from '../../src/settings/hours';

const HOURS = Object.fromEntries(WEEKDAYS.map((d) => [d, d === 'sun' ? [] : [{ open: '08:00', close: '12:30' }, { open: '13:30', close: '21:00' }]])) as Record<Weekday, OpeningWindow[]>;
const shop = (over = {}) => ({ timeZone: 'Europe/London', hours: HOURS, closures: [], ...over });
// 2 November 2026 is a Monday.
const at = (iso: string) => Date.parse(iso);

describe('when an order placed now is prepared', () => {
  it('at once while open and before the cut-off; never anything while the store has set no hours', () => {
    expect(preparation(shop(), at('2026-11-02T09:00:00Z'))).toEqual({ kind: 'now' });
    expect(preparation(shop({ hours: ALWAYS_OPEN, sameDayCutoff: undefined }), at('2026-11-02T03:00:00Z'))).toEqual({ kind: 'now' });
  });

  it('between two windows of a day: later that day', () => {
    expect(preparation(shop(), at('2026-11-02T12:45:00Z'))).toMatchObject({ kind: 'later', reason: 'closed', opens: { inDays: 0, at: '13:30' } });
  });

  it('after closing on Saturday, with Sunday closed: Monday', () => {
    expect(preparation(shop(), at('2026-11-07T21:00:00Z'))).toMatchObject({ kind: 'later', reason: 'closed', opens: { inDays: 2, weekday: 'Monday', date: '2026-11-09', at: '08:00' } });
  });

  it('skips closures, naming the note of today\'s', () => {
    const closures = [{ date: '2026-11-02', note: 'stocktaking' }, { date: '2026-11-03' }];
    expect(preparation(shop({ closures }), at('2026-11-02T10:00:00Z'))).toMatchObject({ kind: 'later', reason: 'closure', note: 'stocktaking', opens: { inDays: 2, weekday: 'Wednesday' } });
  });

  it('after the cut-off while open: the next opening day, with the cut-off named', () => {
    expect(preparation(shop({ sameDayCutoff: '18:00' }), at('2026-11-02T18:00:00Z'))).toMatchObject({ kind: 'later', reason: 'after_cutoff', cutoff: '18:00', opens: { inDays: 1, at: '08:00' } });
  });

  it('reads the hours in the store\'s zone, summer time included', () => {
    // 07:30 UTC on 29 March 2026 is 08:30 in London (BST began that night): open.
    expect(preparation(shop(), at('2026-03-30T07:30:00Z'))).toEqual({ kind: 'now' });
    expect(preparation(shop({ timeZone: 'America/New_York' }), at('2026-11-02T09:00:00Z'))).toMatchObject({ kind: 'later', opens: { inDays: 0, at: '08:00' } });
  });

  it('a store closed every day names no opening', () => {
    const closed = Object.fromEntries(WEEKDAYS.map((d) => [d, []])) as unknown as Record<Weekday, OpeningWindow[]>;
    expect(preparation(shop({ hours: closed }), at('2026-11-02T10:00:00Z'))).toEqual({ kind: 'later', reason: 'closed' });
  });
});

describe('the week\'s hours in words', () => {
  it('runs days with the same hours together', () => {
    expect(weekHours(HOURS)).toBe('Mon–Sat 8:00–12:30, 13:30–21:00, Sun closed');
    expect(weekHours(ALWAYS_OPEN)).toBe('Mon–Sun open all day');
  });
});
