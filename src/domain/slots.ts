// Delivery and pickup slots: the owner's weekly windows (with a capacity each) and the dated slots a customer
// picks from. Times of day are "HH:MM" in the store's zone; a dated slot is a date and a window of that day.
import type { Weekday } from './settings';

/** One weekly window customers may choose: "mon 09:00–12:00, 5 orders". */
export interface SlotRule {
  weekday: Weekday;
  from: string;
  to: string;
  /** How many orders the window takes, on each date it falls on. */
  capacity: number;
}

/** One slot on one date: "2026-12-08", "09:00" to "12:00". */
export interface DatedSlot {
  date: string;
  from: string;
  to: string;
}

/** A dated slot with the capacity its rule gives it. */
export interface OfferedSlot extends DatedSlot {
  capacity: number;
}

/** The slot's key, which names its bookings document and its option: "2026-12-08T09:00-12:00". */
export const slotKey = (s: DatedSlot): string => `${s.date}T${s.from}-${s.to}`;

const KEY = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})-(\d{2}:\d{2})$/;

/** A key back as its slot; undefined when it is none. */
export function slotOfKey(key: string): DatedSlot | undefined {
  const m = KEY.exec(key);
  return m ? { date: m[1]!, from: m[2]!, to: m[3]! } : undefined;
}

export const sameSlot = (a: DatedSlot | undefined, b: DatedSlot | undefined): boolean =>
  Boolean(a && b && a.date === b.date && a.from === b.from && a.to === b.to);

/** A day as a customer names it: today, tomorrow, or a weekday (the next one). */
export type SlotDay = 'today' | 'tomorrow' | Weekday;
export type DayPart = 'morning' | 'afternoon' | 'evening';

/**
 * When the customer said they want it, as the rules (or the model) read it: matched against the free slots
 * by the engine. Times are "HH:MM". `first`: the earliest that fits ("the earliest", "any time thursday");
 * `more`: later slots than those on offer.
 */
export interface SlotWish {
  more?: true;
  first?: true;
  day?: SlotDay;
  part?: DayPart;
  after?: string;
  before?: string;
  from?: string;
  to?: string;
  at?: string;
}
