// The free slots a customer's words fit: "tomorrow morning" against the slots on offer this week. Pure.
import type { DatedSlot, OfferedSlot, SlotWish } from '../domain/slots';
import { dayAfter, minutesOf } from '../settings/hours';

export type WishMatch =
  | { kind: 'one'; slot: OfferedSlot }
  | { kind: 'several'; slots: OfferedSlot[] }
  | { kind: 'none' };

const PART_STARTS = { morning: [0, 12 * 60], afternoon: [12 * 60, 17 * 60], evening: [17 * 60, 24 * 60] } as const;

/** Whether a slot's date is the day the customer named, `today` being the store's date now. */
function onDay(s: DatedSlot, wish: SlotWish, today: string): boolean {
  if (!wish.day) return true;
  if (wish.day === 'today') return s.date === today;
  if (wish.day === 'tomorrow') return s.date === dayAfter(today, 1).date;
  // A weekday is the next one with a free slot that fits: today's, or (today's gone) the same weekday next week.
  return dayAfter(s.date, 0).weekday === wish.day && s.date <= dayAfter(today, 7).date;
}

function fits(s: DatedSlot, wish: SlotWish): boolean {
  const from = minutesOf(s.from);
  const to = minutesOf(s.to);
  if (wish.part) {
    const [a, b] = PART_STARTS[wish.part];
    if (from < a || from >= b) return false;
  }
  if (wish.after && from < minutesOf(wish.after)) return false;
  if (wish.before && to > minutesOf(wish.before)) return false;
  if (wish.from && (s.from !== wish.from || s.to !== wish.to)) return false;
  if (wish.at && !(from <= minutesOf(wish.at) && minutesOf(wish.at) < to)) return false;
  return true;
}

/**
 * The free slots (in time order) that fit the wish: one is the customer's choice; several are offered to
 * choose from (never one guessed), unless they asked for the earliest; none, and they hear the next ones.
 */
export function matchWish(free: readonly OfferedSlot[], wish: SlotWish, today: string): WishMatch {
  let fitting = free.filter((s) => onDay(s, wish, today) && fits(s, wish));
  // "Saturday": the next Saturday that has a free slot.
  if (wish.day && wish.day !== 'today' && wish.day !== 'tomorrow' && fitting.length) fitting = fitting.filter((s) => s.date === fitting[0]!.date);
  if (!fitting.length) return { kind: 'none' };
  if (fitting.length === 1 || wish.first) return { kind: 'one', slot: fitting[0]! };
  return { kind: 'several', slots: fitting };
}
