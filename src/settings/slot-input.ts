// The delivery slots as PUT /admin/settings takes them: every mistake named in words, beside its field.
import { z } from 'zod';
import { WEEKDAYS } from '../domain/settings';
import type { SlotRule } from '../domain/slots';
import { minutesOf } from './hours';

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const END = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

const slotRule = z.object({
  weekday: z.enum(WEEKDAYS, { error: 'must be a weekday: mon, tue, wed, thu, fri, sat or sun' }),
  from: z.string({ error: 'must be a time like 09:00 (24-hour, HH:MM)' }).regex(TIME, 'must be a time like 09:00 (24-hour, HH:MM)'),
  to: z.string({ error: 'must be a time like 12:00 (24-hour, HH:MM), or 24:00 for midnight' }).regex(END, 'must be a time like 12:00 (24-hour, HH:MM), or 24:00 for midnight'),
  capacity: z.number({ error: 'the capacity must be a number of orders, like 5' }).int('the capacity must be a whole number of orders')
    .min(1, 'the capacity must be at least 1 order').max(10_000, 'the capacity must be at most 10000 orders'),
}, { error: 'each slot needs a weekday, from, to and capacity, like {"weekday": "mon", "from": "09:00", "to": "12:00", "capacity": 5}' })
  .strict()
  .refine((s) => minutesOf(s.to) > minutesOf(s.from), {
    message: 'ends before it starts: to must be later than from', path: ['to'],
    // Only once both times read as times: a mistyped one is named on its own.
    when: (payload) => payload.issues.length === 0,
  });

/** The weekly slots: at most 20 a day, none overlapping another of its day. */
export const slotsInput = z.array(slotRule, { error: 'must be a list of slots (an empty list: no slot is asked)' }).max(140, 'at most 140 slots')
  .superRefine((list, ctx) => {
    for (const day of WEEKDAYS) {
      const ofDay = list.map((s, i) => ({ s, i })).filter((x) => x.s.weekday === day).sort((a, b) => minutesOf(a.s.from) - minutesOf(b.s.from));
      if (ofDay.length > 20) ctx.addIssue({ code: 'custom', message: `at most 20 slots on ${day}` });
      for (let k = 1; k < ofDay.length; k++) {
        const a = ofDay[k - 1]!.s;
        const b = ofDay[k]!;
        if (minutesOf(b.s.from) < minutesOf(a.to)) {
          ctx.addIssue({ code: 'custom', path: [b.i, 'from'], message: `overlaps another ${day} slot (${a.from}–${a.to} and ${b.s.from}–${b.s.to})` });
        }
      }
    }
  });

export const slotLeadInput = z.number({ error: 'the lead time must be a number of minutes, like 120' })
  .int('the lead time must be a whole number of minutes').min(0, 'the lead time cannot be negative').max(20_160, 'the lead time must be at most 20160 minutes (two weeks)');

export const slotJson = z.object({ weekday: z.enum(WEEKDAYS), from: z.string(), to: z.string(), capacity: z.number().int() });

/** The slots as stored: in weekday order, then by start. */
export function sortedSlots(slots: readonly SlotRule[]): SlotRule[] {
  return [...slots].sort((a, b) => WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) || minutesOf(a.from) - minutesOf(b.from));
}
