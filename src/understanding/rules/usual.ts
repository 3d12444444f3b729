// "Same as last time", "my usual", "repeat my last order": the customer's usual order; "my usual coffee", "the
// bread I always get": the product of that kind they buy most. Read only when the whole message says it (a
// longer sentence with "usually" in it, "whatever my wife usually gets", is not read here).
import type { Intent } from '../interpreter';
import type { Vocabulary } from './intents';
import { parseItems } from './items';

/** Shorthand and slips of the keyboard, word by word, before the phrases are matched. */
const SPELLED = new Map<string, string>([
  ['teh', 'the'], ['hte', 'the'], ['lst', 'last'], ['las', 'last'], ['wk', 'week'], ['b4', 'before'], ['sme', 'same'], ['smae', 'same'],
  ['saem', 'same'], ['tiem', 'time'], ['tim', 'time'], ['ordr', 'order'], ['oder', 'order'], ['re-order', 'reorder'],
  ['ill', "i'll"], ['id', "i'd"], ['im', "i'm"], ['wat', 'what'], ['wot', 'what'], ['u', 'you'], ['pls', 'please'], ['plz', 'please'],
  ['favourite', 'favourite'], ['favorite', 'favourite'], ['fave', 'favourite'], ['fav', 'favourite'], ['regualr', 'regular'], ['reguler', 'regular'],
]);

/** Whether a word is "usual" with one letter wrong, missing, extra or swapped ("usal", "usuall", "usaul"). */
function isUsual(w: string): boolean {
  const target = 'usual';
  if (w === target) return true;
  if (Math.abs(w.length - target.length) > 1 || w.length < 4 || w[0] !== 'u') return false;
  // One edit (Damerau): walk both words until they differ, then compare what is left each way.
  let i = 0;
  while (i < w.length && i < target.length && w[i] === target[i]) i += 1;
  const a = w.slice(i);
  const b = target.slice(i);
  return a.slice(1) === b.slice(1) || a === b.slice(1) || a.slice(1) === b || (a.length >= 2 && a[0] === b[1] && a[1] === b[0] && a.slice(2) === b.slice(2));
}

function tidy(said: string): string {
  return said.toLowerCase().replace(/[’‘`]/g, "'").replace(/[.?!,;:]+/g, ' ').split(/\s+/).filter(Boolean)
    .map((w) => (isUsual(w) ? 'usual' : SPELLED.get(w) ?? w)).join(' ')
    // Speech fillers mean nothing here ("um yeah the uh the stuff from last time").
    .replace(/\b(?:um+|uh+|erm|er|ah|hmm)\b/g, ' ').replace(/\b(the|my) (?:the|my)\b/g, '$1').replace(/\s+/g, ' ').trim();
}

/** Words before the request: greetings, assent, and the ways of asking for something. */
const LEAD = String.raw`^(?:(?:hi|hey|hiya|hello|ok|okay|yeah|yes|yep|right|so|and|oh|actually|just do|do|um|uh|erm|just|again|please|can i just (?:get|have)|could i just (?:get|have)|i'?d just like|chuck|throw|pop|put|stick|bung|can you|could you|can i (?:get|have)|could i (?:get|have)|can i order|may i have|can you (?:do|get me|send|send me|repeat|put through|do me)|could you (?:do|repeat|send|get me)|i'll (?:have|take|go with|get)|i'd like|i want|i need|i'll just have|give me|gimme|get me|let's (?:do|have|go with)|add|order|do|send|send me|put through)\s+)*`;
/** Words after it: thanks, "again", "this week". */
const TAIL = String.raw`(?:\s+(?:please|thanks|thank you|thx|ta|cheers|again|then|today|this week|as well|mate|love|too|for me|for today|if you can|in|on top))*$`;

const WHEN_BEFORE = String.raw`(?:last time|the last time|last week|before|always|usual|normal|my last order|the last order|last order|previous order|my previous order|the other week|last month)`;
const SAME = String.raw`(?:the )?same(?: thing| things| stuff| order| lot| shop| items| again)?`;

const WHOLE_ORDER = [
  // "same as last time", "the same stuff as last week", "same order as before", "same as usual".
  String.raw`${SAME} (?:as|like) ${WHEN_BEFORE}`,
  // "the usual", "my usual order", "my regular", "my normal shop".
  String.raw`(?:the |my )?usual(?: order| shop| shopping| lot| one| stuff| list| things)?`,
  String.raw`my (?:regular|normal)(?: order| shop| shopping| lot| stuff| list)?`,
  // "what I got last week", "whatever I ordered last time", "the stuff from last time".
  String.raw`(?:what|whatever|the stuff|the things|everything|all the stuff|the same stuff|the same things|the lot) (?:i|we) (?:got|had|ordered|bought|get|have|order) ${WHEN_BEFORE}`,
  String.raw`(?:the |all the |same )?(?:stuff|things|items|lot|order|shopping) (?:from|of|i had|i got) ${WHEN_BEFORE}`,
  // "repeat my last order", "reorder", "order the same again", "same again".
  String.raw`repeat (?:my |the )?(?:last |previous |usual )?order`,
  String.raw`reorder(?: (?:my |the )?(?:last |previous |usual )?order)?`,
  String.raw`re order(?: (?:my |the )?(?:last |previous )?order)?`,
  String.raw`order the same(?: again| as ${WHEN_BEFORE})?`,
  String.raw`(?:the )?same (?:order )?again`,
].map((core) => new RegExp(`${LEAD}${core}${TAIL}`));

/** A kind of product: one to three words, none of them a word of the phrases above. */
const KIND = String.raw`(?<kind>[a-z][a-z'-]*(?: [a-z][a-z'-]*){0,2}?)`;
const FAVOURITE = [
  // "my usual coffee", "the usual brand of coffee", "my regular bread", "my favourite milk".
  new RegExp(`${LEAD}(?:the |my )?(?:usual|regular|normal|favourite)(?: (?:brand|kind|type|sort) of)? ${KIND}${TAIL}`),
  // "the bread I always get", "the milk we usually have".
  new RegExp(`${LEAD}(?:the |my |that )?${KIND} (?:i|we) (?:always|usually|normally|generally|typically|regularly|tend to) (?:get|have|buy|order|take|like|drink|eat)${TAIL}`),
];
/** Words that name no kind of product: the order itself, or grammar ("my usual bread and milk" is two things). */
const NOT_A_KIND = /\b(?:order|orders|shop|shopping|lot|stuff|things|items|list|one|ones|what|whatever|everything|it|that|them|please|again|thanks|as|like|from|and|but|or|no|not|with|without|plus|also|except|then|minus|hold|skip)\b/;

/** The products the words of a kind fit: the one they name, or all they might name. */
function kindSkus(query: string, v: Vocabulary): string[] {
  const match = v.matcher.match(query);
  const named = match.kind === 'product' ? [match.sku] : match.kind === 'ambiguous' ? match.skus : [];
  return [...new Set([...named, ...v.matcher.search(query, 12)])];
}

/** The usual order, or the usual of one kind, when the message asks for it and nothing else. */
export function readUsual(said: string, v: Vocabulary): Intent | undefined {
  const text = tidy(said);
  if (!text || text.split(' ').length > 14) return undefined;
  if (WHOLE_ORDER.some((r) => r.test(text))) return { type: 'usual' };
  for (const r of FAVOURITE) {
    const query = r.exec(text)?.groups?.kind;
    if (query && !NOT_A_KIND.test(query)) return { type: 'usual', kind: { query, skus: kindSkus(query, v) } };
  }
  return undefined;
}

/** Words that speak of the usual inside a longer message: "…and my usual coffee", "same as last time but…". */
const SPEAKS_OF_USUAL = /\b(?:usual|my regular|(?:i|we) (?:always|usually|normally) (?:get|buy|have|order)|last time|last order|last week|last (?:mon|tues|wednes|thurs|fri|satur|sun)day|same as|same (?:order|stuff|things|groceries|shopping|lot)(?: again)? (?:as|like)|(?:order|stuff|things|groceries) (?:as|like) before)\b/;
/** "the usual but no eggs", "same as last time without the bread", "my usual minus the milk". */
const USUAL_BUT = /^(.+?)\s+(?:(?:but|except|only|just|and)\s+)?(?:(?:the|my|any)\s+)*(?:no|not|without|hold|skip|leave out|drop|minus)\s+(?:(?:the|my|any)\s+)*(.+?)(?:\s+(?:please|thanks|this time|today|thx|pls))*$|^(.+?)\s+(?:without|minus|except(?: for)?)\s+(.+?)(?:\s+(?:please|thanks|this time|today|thx|pls))*$/;

/** The whole usual with products left out, when the first words are the usual and the rest name products surely. */
function usualWithout(text: string, v: Vocabulary): Intent | undefined {
  const m = USUAL_BUT.exec(text);
  if (!m) return undefined;
  const usual = readUsual(m[1] ?? m[3]!, v);
  if (usual?.type !== 'usual' || usual.kind) return undefined;
  const { items, unread } = parseItems((m[2] ?? m[4])!.replace(/\b(?:this time|today)\b/g, ' '), v.matcher, false, v.products);
  if (!items.length || unread.length || items.some((i) => i.match.kind === 'none' || i.quantity.kind !== 'none')) return undefined;
  return { type: 'usual', without: items };
}

/** Where a message of several requests divides. */
const BETWEEN = /\s*,\s*|\s+(?:and|plus|also|but|then|&)\s+/;

/**
 * "2 limes and my usual coffee", "same as last time but add 2 limes": the usual beside products that need
 * no guess, as several requests, the usual last (its yes/no is the question left on the table). Any other
 * message that speaks of the usual is unsure: the model, or the customer, is asked, never a guess made.
 */
export function usualAmong(said: string, v: Vocabulary, read: (part: string) => Intent): Intent | undefined {
  const text = tidy(said);
  if (!SPEAKS_OF_USUAL.test(text)) return undefined;
  const less = usualWithout(text, v);
  if (less) return less;
  const parts = text.split(BETWEEN).map((p) => p.trim()).filter(Boolean);
  const unsure: Intent = { type: 'unknown', text, usual: true };
  if (parts.length < 2 || parts.length > 4) return unsure;
  const usual = parts.map((p) => readUsual(p, v));
  // A part that speaks of the usual is read as the usual or not at all (never read again from the top).
  if (parts.some((p, i) => !usual[i] && SPEAKS_OF_USUAL.test(p))) return unsure;
  const others = parts.filter((_, i) => !usual[i]).map(read);
  const found = usual.filter((u): u is Intent => u !== undefined);
  const clear = others.every((o) => o.type === 'add' && !o.unsure && o.items.every((i) => i.match.kind === 'product'));
  // One usual a message: two would be two questions, and only the last could be answered.
  return found.length === 1 && clear ? { type: 'multi', intents: [...others, ...found] } : unsure;
}
