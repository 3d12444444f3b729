// The store settings as the admin API speaks them: money in major units, nullable optional fields, every
// mistake named in words. The store keeps cents (src/domain/settings.ts).
import { z } from 'zod';
import { USUAL_MODES, WEEKDAYS, type OpeningWindow, type StoreSettings, type Weekday } from '../domain/settings';
import { minutesOf } from './hours';
import type { SettingsChange } from './service';
import { slotJson, slotLeadInput, slotsInput, sortedSlots } from './slot-input';

const time = z.string({ error: 'must be a time like 08:00 (24-hour, HH:MM)' })
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 08:00 (24-hour, HH:MM)');
const closingTime = z.string({ error: 'must be a time like 21:00 (24-hour, HH:MM), or 24:00 for midnight' })
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time like 21:00 (24-hour, HH:MM), or 24:00 for midnight');

const openingWindow = z.object({ open: time, close: closingTime }, { error: 'each opening window needs open and close times, like {"open": "08:00", "close": "21:00"}' })
  .strict()
  .refine((w) => minutesOf(w.close) > minutesOf(w.open), {
    message: 'closes before it opens: close must be later than open', path: ['close'],
    // Only once both times read as times: a mistyped one is named on its own, not blamed on the other.
    when: (payload) => payload.issues.length === 0,
  });

const day = z.array(openingWindow, { error: 'must be a list of opening windows (an empty list: closed all day)' }).max(6, 'at most 6 opening windows a day')
  .superRefine((windows, ctx) => {
    const byOpen = [...windows].sort((a, b) => minutesOf(a.open) - minutesOf(b.open));
    for (let i = 1; i < byOpen.length; i++) {
      if (minutesOf(byOpen[i]!.open) < minutesOf(byOpen[i - 1]!.close)) {
        ctx.addIssue({ code: 'custom', message: `opening windows overlap (${byOpen[i - 1]!.open}–${byOpen[i - 1]!.close} and ${byOpen[i]!.open}–${byOpen[i]!.close})` });
      }
    }
  });

const hours = z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, day])) as Record<Weekday, typeof day>, { error: 'must give every weekday, mon to sun' })
  .strict();

const date = z.string({ error: 'must be a date like 2026-12-25' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-25')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a real date');

const closures = z.array(z.object({
  date,
  note: z.string({ error: 'must be text' }).trim().max(100, 'at most 100 characters').optional().meta({ description: 'Why (shown to staff; told to customers)' }),
}).strict(), { error: 'must be a list of dates' }).max(366, 'at most 366 closures')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      if (seen.has(c.date)) ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `${c.date} is listed twice` });
      seen.add(c.date);
    });
  });

const knownZone = (zone: string) => { try { new Intl.DateTimeFormat('en-US', { timeZone: zone }); return true; } catch { return false; } };
const timeZone = z.string({ error: 'must be a time zone name like Europe/London' }).trim()
  .refine(knownZone, 'is not a time zone this server knows; use an IANA name like Europe/London or America/New_York');

const money = (what: string) => z.number({ error: `${what} must be a number, like 3.99` })
  .min(0, `${what} cannot be negative`).max(10_000, `${what} must be at most 10000`)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, `${what} has at most two decimals, like 3.99`);

const words = (what: string, max: number) => z.string({ error: `${what} must be text` }).trim().min(1, `${what} must not be empty`).max(max, `${what} is at most ${max} characters`);

const faqEntry = z.object({
  topic: words('the topic', 40),
  answer: words('the answer', 1000).meta({ description: '`{storeName}`, `{deliveryFee}`, `{minimumOrder}` and `{hours}` are filled in' }),
  keywords: z.array(words('a keyword', 60)).max(30).optional().meta({ description: 'Words customers use for the topic (kept as they are when left out)' }),
  questions: z.array(words('a question', 200)).max(30).optional().meta({ description: 'Example questions in customers\' own words' }),
}).strict();

const faq = z.array(faqEntry, { error: 'must be a list of {topic, answer}' }).max(50, 'at most 50 FAQ entries')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((e, i) => {
      const key = e.topic.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'topic'], message: `the topic “${e.topic}” is listed twice` });
      seen.add(key);
    });
  });

const usual = z.enum(USUAL_MODES, { error: 'what "the usual" proposes must be "last" (the customer\'s last order) or "frequent" (what they buy most often)' });

/** PUT /admin/settings: the version it was read at, and the fields to change (the others stay). */
export const settingsInput = z.object({
  version: z.number({ error: 'say which version you changed (the `version` GET /admin/settings gave), so a save never overwrites a change made since' })
    .int().min(1),
  storeName: words('the store name', 60).optional(),
  contact: words('the contact', 200).nullable().optional().meta({ description: 'How customers reach a person (null: the SMS number)' }),
  timeZone: timeZone.optional(),
  hours: hours.optional().meta({ description: 'Per weekday, the opening windows; [] is closed all day' }),
  closures: closures.optional(),
  sameDayCutoff: time.nullable().optional().meta({ description: 'Orders placed after this time are prepared on the next opening day (null: none)' }),
  deliveryFee: money('the delivery fee').optional(),
  minimumOrder: money('the minimum order').optional().meta({ description: 'Smallest delivery order before the fee (0: none)' }),
  faq: faq.optional(),
  usual: usual.optional().meta({ description: 'What “the usual” proposes: "last" (the customer\'s last order, the default) or "frequent" (what they buy most often, each in its usual amount)' }),
  slots: slotsInput.optional().meta({ description: 'Delivery and pickup windows per weekday, each with how many orders it takes; [] asks no slot' }),
  slotLeadMinutes: slotLeadInput.optional().meta({ description: 'Minutes from now before the first slot a customer is offered may start' }),
}, { error: 'send the settings as a JSON object' }).strict();

const windowJson = z.object({ open: z.string(), close: z.string() });
export const settingsJson = z.object({
  version: z.number().int(),
  storeName: z.string(),
  contact: z.string().nullable(),
  timeZone: z.string(),
  hours: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(windowJson)])) as Record<Weekday, z.ZodArray<typeof windowJson>>),
  closures: z.array(z.object({ date: z.string(), note: z.string().optional() })),
  sameDayCutoff: z.string().nullable(),
  deliveryFee: z.number(),
  minimumOrder: z.number(),
  faq: z.array(z.object({ topic: z.string(), answer: z.string(), keywords: z.array(z.string()), questions: z.array(z.string()).optional() })),
  usual: z.enum(USUAL_MODES),
  slots: z.array(slotJson),
  slotLeadMinutes: z.number().int(),
  updatedAt: z.string().meta({ format: 'date-time' }),
  updatedBy: z.string().optional().meta({ description: 'Who saved last: "admin" (the token) or a staff login' }),
});
export const settingsBody = z.object({ settings: settingsJson });

const cents = (major: number) => Math.round(major * 100);

/** The change a parsed body asks for, in the store's terms. FAQ entries without keywords keep the old ones. */
export function toChange(input: z.infer<typeof settingsInput>, current: StoreSettings): SettingsChange {
  const change: SettingsChange = {};
  if (input.storeName !== undefined) change.storeName = input.storeName;
  if (input.contact !== undefined) change.contact = input.contact;
  if (input.timeZone !== undefined) change.timeZone = input.timeZone;
  if (input.hours !== undefined) change.hours = input.hours as Record<Weekday, OpeningWindow[]>;
  if (input.closures !== undefined) change.closures = [...input.closures].sort((a, b) => (a.date < b.date ? -1 : 1));
  if (input.sameDayCutoff !== undefined) change.sameDayCutoff = input.sameDayCutoff;
  if (input.deliveryFee !== undefined) change.deliveryFeeCents = cents(input.deliveryFee);
  if (input.minimumOrder !== undefined) change.minimumOrderCents = cents(input.minimumOrder);
  if (input.usual !== undefined) change.usual = input.usual;
  if (input.slots !== undefined) change.slots = sortedSlots(input.slots);
  if (input.slotLeadMinutes !== undefined) change.slotLeadMinutes = input.slotLeadMinutes;
  if (input.faq !== undefined) {
    const before = new Map(current.faq.map((e) => [e.topic.toLowerCase(), e]));
    change.faq = input.faq.map((e) => {
      const old = before.get(e.topic.toLowerCase());
      const questions = e.questions ?? old?.questions;
      return { topic: e.topic, answer: e.answer, keywords: e.keywords ?? old?.keywords ?? [], ...(questions ? { questions } : {}) };
    });
  }
  return change;
}

export function toJson(s: StoreSettings): z.infer<typeof settingsJson> {
  return {
    version: s.version, storeName: s.storeName, contact: s.contact ?? null, timeZone: s.timeZone, hours: s.hours, closures: s.closures,
    sameDayCutoff: s.sameDayCutoff ?? null, deliveryFee: s.deliveryFeeCents / 100, minimumOrder: s.minimumOrderCents / 100, faq: s.faq,
    usual: s.usual ?? 'last',
    slots: s.slots ?? [], slotLeadMinutes: s.slotLeadMinutes ?? 0,
    updatedAt: new Date(s.updatedAt).toISOString(), ...(s.updatedBy ? { updatedBy: s.updatedBy } : {}),
  };
}
