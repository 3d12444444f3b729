// When an order placed now will be prepared: from the store's opening hours, closures and same-day cut-off,
// in the store's time zone. Pure functions of the settings and an instant (the injected clock's).
import { WEEKDAYS, type OpeningWindow, type StoreSettings, type Weekday } from '../domain/settings';

/** Why an order placed now waits: the store is closed now, closed all day (a closure), or past the cut-off. */
export type WaitReason = 'closed' | 'closure' | 'after_cutoff';

/** The next time the store opens, as the customer hears it: "today", "tomorrow", a weekday, or a date. */
export interface Opening {
  /** Days from today (in the store's zone): 0 today, 1 tomorrow… */
  inDays: number;
  /** The weekday's name, "Tuesday". */
  weekday: string;
  /** "2026-12-29". */
  date: string;
  /** "08:00". */
  at: string;
}

export type Preparation =
  | { kind: 'now' }
  | { kind: 'later'; reason: WaitReason; note?: string; opens?: Opening; cutoff?: string };

/** How far ahead the next opening is looked for; a store closed longer says only "when we open again". */
const LOOK_AHEAD_DAYS = 60;
export const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
};

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The calendar date and time of day of an instant in a time zone. */
export function localTime(instant: number, timeZone: string): { date: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, minutes: Number(part('hour')) * 60 + Number(part('minute')) };
}

/** The date `days` after a YYYY-MM-DD date, and its weekday. */
export function dayAfter(date: string, days: number): { date: string; weekday: Weekday } {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return { date: d.toISOString().slice(0, 10), weekday: WEEKDAYS[(d.getUTCDay() + 6) % 7]! };
}

const sorted = (windows: OpeningWindow[]) => [...windows].sort((a, b) => minutesOf(a.open) - minutesOf(b.open));

/** Whether the store is open at an instant, and whether an order placed then is prepared that same day. */
export function preparation(settings: Pick<StoreSettings, 'timeZone' | 'hours' | 'closures' | 'sameDayCutoff'>, instant: number): Preparation {
  const now = localTime(instant, settings.timeZone);
  const closedDates = new Map(settings.closures.map((c) => [c.date, c]));
  const today = dayAfter(now.date, 0);
  const closure = closedDates.get(now.date);
  const openNow = !closure && settings.hours[today.weekday].some((w) => minutesOf(w.open) <= now.minutes && now.minutes < minutesOf(w.close));
  const pastCutoff = settings.sameDayCutoff !== undefined && now.minutes >= minutesOf(settings.sameDayCutoff);
  if (openNow && !pastCutoff) return { kind: 'now' };
  const reason: WaitReason = closure ? 'closure' : openNow ? 'after_cutoff' : 'closed';
  const extra = { ...(closure?.note ? { note: closure.note } : {}), ...(reason === 'after_cutoff' ? { cutoff: settings.sameDayCutoff } : {}) };
  for (let inDays = 0; inDays <= LOOK_AHEAD_DAYS; inDays++) {
    if (inDays === 0 && pastCutoff) continue;
    const day = dayAfter(now.date, inDays);
    if (closedDates.has(day.date)) continue;
    const window = sorted(settings.hours[day.weekday]).find((w) => inDays > 0 || minutesOf(w.open) > now.minutes);
    if (window) {
      const opens = { inDays, weekday: DAY_NAMES[day.weekday], date: day.date, at: window.open };
      return { kind: 'later', reason, opens, ...extra };
    }
  }
  return { kind: 'later', reason, ...extra };
}

/** "Mon–Sat 8:00–21:00, Sun 9:00–18:00": the week's hours, days with the same hours run together. */
export function weekHours(hours: Record<Weekday, OpeningWindow[]>, closedWord = 'closed'): string {
  const short = (d: Weekday) => DAY_NAMES[d].slice(0, 3);
  const clock = (hhmm: string) => hhmm.replace(/^0(\d)/, '$1');
  const span = (w: OpeningWindow) => (w.open === '00:00' && w.close === '24:00' ? 'open all day' : `${clock(w.open)}–${clock(w.close)}`);
  const spans = (d: Weekday) => (hours[d].length ? sorted(hours[d]).map(span).join(', ') : closedWord);
  const runs: { from: Weekday; to: Weekday; what: string }[] = [];
  for (const d of WEEKDAYS) {
    const last = runs[runs.length - 1];
    if (last && last.what === spans(d)) last.to = d;
    else runs.push({ from: d, to: d, what: spans(d) });
  }
  return runs.map((r) => `${r.from === r.to ? short(r.from) : `${short(r.from)}–${short(r.to)}`} ${r.what}`).join(', ');
}
