// The slots a customer may be offered: the owner's weekly windows laid on the coming days, in the store's zone,
// from now plus the lead time, skipping the closures, the days the store's hours keep it closed all day, and
// today once its same-day cut-off has passed. A pure function of the settings and an instant.
import type { StoreSettings, Weekday } from '../domain/settings';
import type { OfferedSlot } from '../domain/slots';
import { dayAfter, localTime, minutesOf } from '../settings/hours';

/** How many days ahead slots are offered (today included). */
export const SLOT_DAYS = 8;

export type SlotSettings = Pick<StoreSettings, 'timeZone' | 'closures' | 'slots' | 'slotLeadMinutes'> & Partial<Pick<StoreSettings, 'hours' | 'sameDayCutoff'>>;

/** Whether the store asks customers for a slot at all. */
export const asksSlots = (s: Partial<SlotSettings> | undefined): boolean => Boolean(s?.slots?.length);

/**
 * Every slot from now + the lead time for SLOT_DAYS days, in time order; a slot starting before that moment,
 * on a closure, on a weekday the hours give no opening, or today once the same-day cut-off has passed, is left
 * out. A slot outside the hours of an open day is kept: the owner's windows (a delivery round) may run past
 * opening. Whether it is full is the bookings' to say.
 */
export function upcomingSlots(settings: SlotSettings, instant: number, days = SLOT_DAYS): OfferedSlot[] {
  const rules = settings.slots ?? [];
  if (!rules.length) return [];
  const now = localTime(instant, settings.timeZone);
  const today = now.date;
  const pastCutoff = settings.sameDayCutoff !== undefined && now.minutes >= minutesOf(settings.sameDayCutoff);
  const closedAllDay = (weekday: Weekday) => Boolean(settings.hours && settings.hours[weekday].length === 0);
  const earliest = localTime(instant + (settings.slotLeadMinutes ?? 0) * 60_000, settings.timeZone);
  const closed = new Set(settings.closures.map((c) => c.date));
  const out: OfferedSlot[] = [];
  for (let d = 0; d < days + Math.ceil((settings.slotLeadMinutes ?? 0) / 1440); d++) {
    const day = dayAfter(today, d);
    if (closed.has(day.date) || day.date < earliest.date || closedAllDay(day.weekday) || (day.date === today && pastCutoff)) continue;
    const ofDay = rules.filter((r) => r.weekday === day.weekday).sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
    for (const r of ofDay) {
      if (day.date === earliest.date && minutesOf(r.from) < earliest.minutes) continue;
      out.push({ date: day.date, from: r.from, to: r.to, capacity: r.capacity });
    }
  }
  return out;
}
