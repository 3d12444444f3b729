// "When would you like it?" answered in words: "tomorrow morning", "Saturday after 2", "the earliest",
// "friday 9 to 12", "any time thursday". Read only while a slot is asked, and only when every word is
// accounted for: anything else is left unsure (the customer is asked again, with the slots on offer).
import type { DayPart, SlotDay, SlotWish } from '../../domain/slots';

const DAYS: [RegExp, SlotDay][] = [
  [/\b(?:today|2day|tday)\b/, 'today'],
  [/\b(?:tomorrow|tomorow|tommorow|tommorrow|tomorro|tmrw|tmr|tmw|tmoz|tomoz|2moro|2morrow|2mrw)\b/, 'tomorrow'],
  [/\b(?:monday|mon)\b/, 'mon'],
  [/\b(?:tuesday|tues|tue)\b/, 'tue'],
  [/\b(?:wednesday|wednes|weds|wed)\b/, 'wed'],
  [/\b(?:thursday|thurs|thur|thu)\b/, 'thu'],
  [/\b(?:friday|fri)\b/, 'fri'],
  [/\b(?:saturday|sat)\b/, 'sat'],
  [/\b(?:sunday|sun)\b/, 'sun'],
];

const PARTS: [RegExp, DayPart][] = [
  [/\b(?:mornings?|mornin|morn|am)\b/, 'morning'],
  [/\b(?:afternoons?|arvo|pm)\b/, 'afternoon'],
  [/\b(?:evenings?|eve|night)\b/, 'evening'],
];

const SPOKEN: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const HOUR = String.raw`(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midday)(?:[:.](\d{2}))?\s*(am|pm)?(?:\s*o'?clock)?`;
const RANGE = new RegExp(String.raw`\b(?:from\s+|between\s+)?${HOUR}\s*(?:-|to|till|til|until|and)\s*${HOUR}(?=\s|$)`);
const AFTER = new RegExp(String.raw`\b(?:after|from|not before|no earlier than)\s+${HOUR}(?=\s|$)`);
const BEFORE = new RegExp(String.raw`\b(?:before|by|no later than)\s+${HOUR}(?=\s|$)`);
const AT = new RegExp(String.raw`\b(?:at|around|about|for|ish)\s+${HOUR}(?=\s|$)`);

const FIRST = /\b(?:(?:the\s+)?(?:earliest|soonest|first available|first free|first possible|next available)(?:\s+(?:one|slot|time|possible|available|you can do|you have|you've got))?|asap|a\.?s\.?a\.?p|as soon as (?:possible|you can)|as early as possible)\b/;
const ANY = /\b(?:any ?time|whenever|(?:i )?don'?t mind(?: when| what time)?|doesn'?t matter(?: when| what time)?|no preference|any)\b/;
const MORE_WORDS = new Set(['more', 'later', 'other', 'else', 'next', 'different', 'times', 'time', 'ones', 'one', 'slots', 'options', 'anything', 'something', 'what', 'none', 'of', 'those', 'these', 'them', 'work', 'works', 'suit', 'suits', 'any', 'show', 'me', 'got', 'have', 'you', 'do', 'are', 'there', 'is', 'the']);
const MORE_CORE = new Set(['more', 'later', 'other', 'else', 'next', 'different']);
/** Words around "more" that ask nothing else: "could I see other times please". */
const FILLER_WORDS = new Set(['please', 'pls', 'plz', 'thanks', 'ok', 'okay', 'um', 'uh', 'so', 'well', 'then', 'a', 'i', 'we', 'can', 'could', 'would', 'like', 'want', 'see']);

/** Words around a time that say nothing of it. */
const FILLER = /\b(?:um+|uh+|erm+|er|hmm+|ah|oh|so|well|ok|okay|yeah|yes|yep|please|pls|plz|thanks|thank you|ta|cheers|i guess|i think|probably|then|is fine|that's fine|thats fine|would be great|would be good|would be best|would be ideal|works(?: for me)?|is good|is best|sounds good|let'?s (?:do|say|go with|make it)|i'?d like(?: it)?|i would like(?: it)?|i'?ll take|i'?ll have|can (?:i|we|you) (?:have|do|get|make it)|how about|what about|go for|go with|ideally|if possible|if you can|preferably|i prefer|prefer|in|on|the|a|at|for|it|its|it's|delivery|deliver(?:ed)?|pick ?up|collect(?:ion)?|slot|this|one|is|be|me|for me|time|just|u|you|ya|got|have|has|suits?|love|dear|mate|hun|day|fine|possible|exactly|like|there|anything|something|available|free|works?|good|great|can|could|would|do|does|will|but|and|with|sometime|maybe|perhaps|also|still|ill|i'll|i will|we'll|swing|pop|come|by|after work|no problem|if that'?s (?:ok|okay|alright|all right|fine|possible|good)|if thats (?:ok|okay|alright|fine)|if (?:that|it) works|if poss(?:ible)?|coming|ish)\b/g;

function hourOf(h: string, m: string | undefined, ampm: string | undefined): number | undefined {
  if (h === 'noon' || h === 'midday') return 12 * 60;
  let hour = SPOKEN[h] ?? Number(h);
  const minutes = m === undefined ? 0 : Number(m);
  if (!Number.isInteger(hour) || hour > 24 || minutes > 59) return undefined;
  if (ampm === 'pm' && hour < 12) hour += 12;
  else if (ampm === 'am' && hour === 12) hour = 0;
  // Without am or pm, 1 to 7 are in the afternoon: a shop's day.
  else if (!ampm && hour >= 1 && hour <= 7) hour += 12;
  return hour * 60 + minutes;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Takes the one match of `re` out of `s`; two matches: unsure. */
function takeOne(s: { rest: string; unsure: boolean }, re: RegExp): RegExpExecArray | undefined {
  const m = re.exec(s.rest);
  if (!m) return undefined;
  s.rest = `${s.rest.slice(0, m.index)} ${s.rest.slice(m.index + m[0].length)}`;
  if (re.exec(s.rest)) s.unsure = true;
  return m;
}

/** The slot a customer's words ask for, when every word of them is accounted for; else undefined. */
export function readSlotWish(original: string): SlotWish | undefined {
  const s = {
    rest: ` ${original.toLowerCase().replace(/[\u2018\u2019`]/g, "'").replace(/[\u2013\u2014]/g, '-').replace(/[!?,;]+|\.(?!\d)|\s-\s/g, (x) => (x.trim() === '-' ? ' - ' : ' ')).replace(/\s+/g, ' ')} `,
    unsure: false,
  };
  if (/\bor\b/.test(s.rest)) return undefined;
  // "half 5" is 5:30; "after lunch" is after 1 pm; "lunchtime" around 12:30.
  s.rest = s.rest.replace(/\bhalf (\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/g, (_m, h: string) => `${SPOKEN[h] ?? h}:30`)
    // "like 6ish": around six.
    .replace(/\b(?:like |about |around )?(\d{1,2})\s*-?ish\b/g, 'at $1')
    .replace(/\bafter lunch\b/g, 'after 1pm').replace(/\b(?:at )?lunch ?time\b/g, 'at 12:30').replace(/\bbefore lunch\b/g, 'before 12pm');
  const wish: SlotWish = {};
  const range = takeOne(s, RANGE);
  if (range) {
    const from = hourOf(range[1]!, range[2], range[3]);
    let to = hourOf(range[4]!, range[5], range[6] ?? range[3]);
    if (from === undefined || to === undefined) return undefined;
    if (to <= from && to + 12 * 60 <= 24 * 60) to += 12 * 60;
    if (to <= from) return undefined;
    wish.from = hhmm(from);
    wish.to = hhmm(to);
  }
  for (const [re, key] of [[AFTER, 'after'], [BEFORE, 'before'], [AT, 'at']] as const) {
    const m = takeOne(s, re);
    if (!m) continue;
    const t = hourOf(m[1]!, m[2], m[3]);
    if (t === undefined) return undefined;
    wish[key] = hhmm(t);
  }
  // A time said alone, with minutes or am/pm ("like 5:30", "6pm"): around then. A bare number picks an option.
  if (!wish.from && !wish.after && !wish.before && !wish.at) {
    const m = takeOne(s, /\b(\d{1,2})(?:[:.](\d{2})\s*(am|pm)?|\s*(am|pm))(?=\s|$)/);
    if (m) {
      const t = hourOf(m[1]!, m[2], m[3] ?? m[4]);
      if (t === undefined) return undefined;
      wish.at = hhmm(t);
    }
  }
  if (/\bthis (?:morning|afternoon|evening)\b/.test(s.rest)) { s.rest = s.rest.replace(/\bthis (?=morning|afternoon|evening)/, ' '); wish.day = 'today'; }
  if (/\btonight\b/.test(s.rest)) { s.rest = s.rest.replace(/\btonight\b/, ' '); wish.day = 'today'; wish.part = 'evening'; }
  for (const [re, day] of DAYS) {
    if (!re.test(s.rest)) continue;
    if (wish.day && wish.day !== day) return undefined;
    wish.day = day;
    takeOne(s, re);
  }
  for (const [re, part] of PARTS) {
    if (!re.test(s.rest)) continue;
    if (wish.part && wish.part !== part) return undefined;
    wish.part = part;
    takeOne(s, re);
  }
  if (takeOne(s, FIRST)) wish.first = true;
  const timed = wish.from ?? wish.after ?? wish.before ?? wish.at ?? wish.part;
  if (takeOne(s, ANY) && !timed) wish.first = true;
  if (s.unsure) return undefined;
  const left = s.rest.replace(FILLER, ' ').replace(/\s+/g, ' ').trim();
  if (!Object.keys(wish).length) {
    const words = s.rest.replace(/[^a-z' ]/g, ' ').split(/\s+/).filter(Boolean);
    return words.length && words.some((w) => MORE_CORE.has(w)) && words.every((w) => MORE_WORDS.has(w) || FILLER_WORDS.has(w)) ? { more: true } : undefined;
  }
  return left ? undefined : wish;
}

