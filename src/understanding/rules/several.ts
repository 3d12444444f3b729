import type { Intent, InterpretContext } from '../interpreter';
import { addressInside, movedTo, readName, saysState } from './names';
import { toldOnly } from './diet';

/**
 * Messages that say several things at once: "hi I'm Sam, 12 Baker St, can I get 2 milks and a sourdough" (a
 * name, an address and an order), "take the crisps off. also add 2 packs of gum" (two changes), "add 2 cokes
 * and then check out". Each part is read on its own; the reading is several only when every part is sure.
 */

type ReadOne = (text: string) => Intent;

/** "I'm Sam", "my name is Ellen Park", "this is Raj", "Bruce here": an introduction inside a longer message. */
const INTRODUCTION = /(?:^|[\s,.!;:-])(?:my name is|my name's|name's|the name's|i am|i'm|im|this is|it's|its|call me)\s+([\p{L}'’-]+(?:\s+[\p{L}'’-]+){0,2})|(?:^|[\s,.!;:-])([\p{L}'’-]+)\s+here\b/iu;
/** Words after "I'm", "this is", "it's" that are no name, even capitalised: days, states, the shop. */
const NOT_A_NAME = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|about|urgent|here|back|new|corner|the|your|a|an|pregnant|diabetic|coeliac|celiac|muslim|vegan|vegetarian|disabled|blind|deaf|outside|sick|ill|home|late|early)\b/i;

/**
 * Whether a lone name of a first message was introduced surely: "my name is…", "call me…", or "I'm"/"this is"
 * with the name capitalised as names are written ("I'm Sam"; "hi im diabetic" is no introduction).
 */
function plainIntroduction(text: string, name: string): boolean {
  if (/\b(?:my name is|my name'?s|name'?s|the name'?s|call me)\b/i.test(text)) return !NOT_A_NAME.test(name);
  const first = name.split(' ')[0]!;
  return !NOT_A_NAME.test(name) && new RegExp(`\\b${first.replace(/[^\p{L}]/gu, '')}\\b`, 'u').test(text) && !/['’]s\b/.test(name) && name.split(' ').length <= 2;
}

/** Words that end a name said inside a sentence: "I'm Sam and I'd like…", "this is Tom Baker I want to order". */
const AFTER_NAME = new Set(['and', 'i', "i'm", 'im', 'i’m', 'my', 'from', 'at', 'here', 'please', 'live', 'living', 'want', 'would', "i'd", 'id', 'need',
  'can', 'could', 'calling', 'ordering', "i'll", 'ill', 'i’ll', 'will', 'we', "we'll", 'pickup', 'collecting', 'picking', 'delivery', 'on', 'in', 'of', 'the', 'a', 'to', 'for', 'with', 'but', 'so', 'ok', 'okay', 'thanks', 'just', 'again']);

function nameInside(text: string): { name: string; rest: string } | undefined {
  const m = INTRODUCTION.exec(text);
  if (!m) return undefined;
  const said = (m[1] ?? m[2] ?? '').split(/\s+/);
  // "I'm allergic to nuts", "I'm looking for eggs": how the customer is, not who.
  if (m[1] && saysState(`i'm ${said[0] ?? ''}`)) return undefined;
  const kept: string[] = [];
  for (const w of said) {
    if (AFTER_NAME.has(w.toLowerCase())) break;
    kept.push(w);
  }
  const name = kept.length ? readName(kept.join(' '), false) : undefined;
  if (!name || NOT_A_NAME.test(name)) return undefined;
  const end = m.index + m[0].indexOf(kept[kept.length - 1]!) + kept[kept.length - 1]!.length;
  const tail = m[2] ? text.slice(m.index + m[0].length) : text.slice(end);
  return { name, rest: `${text.slice(0, m.index)} ${tail}` };
}

/** The words that bring an address in. */
const ADDRESS_INTRO = /\b(?:i(?:'ve| have)? (?:just )?moved(?: house)?(?: to)?|we(?:'ve| have)? (?:just )?moved(?: to)?|(?:my |our )?(?:new )?(?:address|addy) is(?: now)?|(?:i|we) live at|i'?m at|we'?re at|(?:can you |could you )?(?:please )?(?:deliver|send|bring)(?: it| this| this one| everything| them| my order)?(?: to)?)\b/gi;

/** Where one request ends and the next begins, said in words or punctuation ("…and remove the lemons": a verb of its own). */
const BOUNDARY = /(?<=[.!?;])\s+|\s*,\s*(?=(?:(?:for |by )?(?:pickup|pick up|pick-up|collection|home delivery|delivery)|i'?ll (?:collect|pick|come|grab)|(?:please )?deliver (?:it|them|to me))\b)|(?<=\b(?:pickup|pick up|pick-up|collection|delivery|collect|collect it|pick it up)(?: please| pls| plz)?)\s*,\s*|,\s*(?=(?:what|what's|whats|how|where|when|can|could|and what)\b)|\s*,?\s+and then\s+|\s*,?\s+then\s+(?=check|pay|place|show|what|how)|\s*[,.]?\s+also\s+(?=add|put|remove|take|get|can|could|chuck|throw|pop|grab|the|a|an|some|\d)|\s*,?\s+and\s+(?=what'?s|what is|how much|check ?out|where|can you (?:check|tell|show))|\s*,?\s+and\s+(?=(?:please\s+)?(?:add|put|remove|take|drop|delete|chuck|throw|pop|grab|swap|cancel)\b)|\s*,\s*(?=(?:please\s+)?(?:add|get|grab|remove|take|drop|ditch|delete|scratch|bin)\s+(?:a|an|the|some|me|\d))/i;

/** Intents that mean nothing beside others: a hello or a "sure" in front of a name is not a request. */
const GREETING_ONLY = new Set<Intent['type']>(['greet', 'yes', 'thanks']);

function sure(intent: Intent): boolean {
  if (intent.type === 'unknown' || intent.type === 'choose' || intent.type === 'quantity') return false;
  // An item naming several products is still a request: the engine asks "which one?" ("take the coke off.
  // also add 2 milks" removes the coke and asks which milk).
  if (intent.type === 'add' || intent.type === 'remove') return !intent.unsure && intent.items.every((i) => i.match.kind !== 'none');
  return true;
}

/** Adjacent additions are one: "2 milks" and "and a sourdough" read apart are one order. */
function merged(parts: Intent[]): Intent[] {
  const out: Intent[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last?.type === 'add' && p.type === 'add') out[out.length - 1] = { type: 'add', items: [...last.items, ...p.items] };
    else if (!out.some((o) => o.type === p.type && JSON.stringify(o) === JSON.stringify(p))) out.push(p);
  }
  return out;
}

/**
 * A sentence beside the request that names nothing we sell and asks nothing ("My grandson is allergic.",
 * "The small one is fine."): said to explain, not to ask.
 */
function aside(clause: string, read: Intent, namesProducts: (text: string) => boolean): boolean {
  // "We are pure vegetarian, no egg also": a diet told beside a question explains it, whatever it names.
  if (toldOnly(clause) && !/\?\s*$/.test(clause) && read.type !== 'diet') return true;
  return read.type === 'unknown' && !/\d/.test(clause) && !/\?\s*$/.test(clause) && !namesProducts(clause);
}

export function several(said: string, ctx: InterpretContext, readOne: ReadOne, namesProducts: (text: string) => boolean = () => true): Intent | undefined {
  const original = said.replace(/[\u2018\u2019]/g, "'");
  const found: Intent[] = [];
  // Speech fillers ("my name's uh dave") are no part of a name or a request.
  let rest = original.replace(/\b(?:uh+|um+|erm+)\b[,]?\s*/gi, '');
  // A name only where one is asked for or not known yet.
  if (ctx.asking?.kind === 'opening' || ctx.asking?.kind === 'name') {
    const named = nameInside(rest);
    if (named) { found.push({ type: 'name', name: named.name }); rest = named.rest; }
  }
  const moved = addressInside(rest);
  if (moved) {
    found.push({ type: 'address', address: moved.address });
    rest = moved.rest;
  }
  let absorbed = 0;
  const clauses = rest.split(BOUNDARY).map((c) => c.replace(/^[\s,.;:!?-]+|[\s,;:-]+$/g, '')).filter((c) => /[\p{L}\d]/u.test(c));
  // One clause and no name or address beside it says one thing, whatever it reads as: not several. Not read
  // here, so a one-part message (most of them) is classified once, by the caller, not twice.
  if (found.length === 0 && clauses.length <= 1) return undefined;
  for (const said of clauses) {
    // The words that brought the address in ("I've moved to", "please deliver to"): said, not asked.
    const clause = moved ? said.replace(ADDRESS_INTRO, ' ').replace(/\s+/g, ' ').replace(/^[\s,.;:-]+|[\s,;:-]+$/g, '') : said;
    if (!/[\p{L}\d]/u.test(clause)) { absorbed += 1; continue; }
    const read = readOne(clause);
    // A greeting, or nothing but politeness and grammar ("is this the grocery place??"), beside a request.
    if (GREETING_ONLY.has(read.type) || (read.type === 'unknown' && read.chatter && clauses.length > 1)) continue;
    if (clauses.length > 1 && aside(clause, read, namesProducts)) continue;
    // "can you deliver to my work instead? 100 Hills Road": the words that bring the address in.
    if (moved && /\b(?:deliver|delivery|send|bring|drop|ship|address|moved|move|live|living|staying)\b/i.test(said) && !sure(read) && !namesProducts(clause)) { absorbed += 1; continue; }
    if (!sure(read)) {
      // Leftover words around a name or an address ("hi", "thanks") are fine; anything else unread is not sure.
      if (found.length > 0 && /^(?:(?:hi|hello|hey|hiya|g'?day|good (?:morning|afternoon|evening)|um|uh|so|and|please|thanks|thank you|ok|okay|yes|yeah|well|there|i want to order some groceries|(?:i'?d like|i want|i wanna|i would like|i need) to (?:order|place an order|get|buy)(?: some)?(?: (?:stuff|things|groceries|food|bits|shopping))?)[\s,.!]*)+$/i.test(clause)) continue;
      return undefined;
    }
    found.push(read);
  }
  const parts = merged(found);
  // "hi, I'm Sam", "my name's dave morris": a name said with only a greeting beside it, as the first message.
  // Only an introduction said in so many words, or a name written as one ("I'm Sam", not "hi im diabetic").
  if (parts.length === 1 && parts[0]!.type === 'name' && ctx.asking?.kind === 'opening' && plainIntroduction(original, parts[0]!.name)) return parts[0];
  if (parts.length === 1 && (clauses.length > 1 || absorbed > 0) && found.length === 1) return parts[0];
  if (parts.length < 2) return undefined;
  return { type: 'multi', intents: parts };
}

/** "I've moved, it's 4 Elm Row now": a new address said on its own, whatever was asked. */
export function newAddress(original: string): Intent | undefined {
  const address = movedTo(original);
  return address ? { type: 'address', address } : undefined;
}
