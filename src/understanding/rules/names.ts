/**
 * Names and addresses as customers write them. Read from the original text (not the normalized one), so
 * "Ana-María O'Neil" and "Flat 2, 10 High St" keep their letters and case.
 */

const NAME_PREFIX = /^(?:(?:hi|hello|hey|hiya|sure|yes|yeah|yep|ok|okay|oh|well|um|uh|erm|mate|just)(?: there)?[ ,!.]+)*(?:my name is|my name's|name's|i am|i'm|im|it's|its|this is|(?:just )?call me|the name is|you can call me)\s+/i;
/** "Hi there, Bob", "Bob here": the greeting or the "here" around a name said alone. */
const AROUND_NAME = /^(?:(?:hi|hello|hey|hiya)(?: there)?[ ,!.]+)+|[ ,]+(?:here|thanks|thank you|please|pls|thx|ta|cheers|mate)[.!]*$/gi;

/** Whether the customer introduced a name ("my name is …", "call me …"): then the words are meant as one. */
export function saysName(text: string): boolean {
  return NAME_PREFIX.test(text.trim());
}

/** "… but everyone calls me Peggy", "I'm Robert, call me Bob": the name they want to be called by. */
const CALLED = /\b(?:call(?:s)?|calling) me\s+(\p{L}[\p{L}\p{M}'’-]*)[.!]*$|\b(?:goes|go) by\s+(\p{L}[\p{L}\p{M}'’-]*)[.!]*$|[\s,.]\s*(\p{L}[\p{L}\p{M}'’-]*) (?:is fine|is ok|is okay|will do|for short)[.!]*$/iu;
/** "uh", "well", "so" before a name, and "like I said", "lol" after it. */
const FILLER_BEFORE = /^(?:(?:uh+|um+|erm+|er|hmm+|well|oh|so|okay|ok|right|sorry|oops)[ ,!.]+)+/i;
const FILLER_AFTER = /[ ,]+(?:(?:like|as) i (?:said|say|told you|mentioned)(?: before| already| earlier)?|lol|haha+|lmao|hehe)[.!]*$/i;

/** The words meant as the name: fillers around it dropped, a "call me X" at the end preferred. */
function nameWords(text: string): string {
  const said = visible(text).trim();
  const called = CALLED.exec(said);
  // "Thomas, Tom is fine": the name to use, written as a name (never "pickup is fine", "whatever will do").
  const preferred = called?.[3] && /^\p{Lu}/u.test(called[3]) && !/^(?:pickup|collection|delivery|whatever|anything|that|this|it|either|any|both|all|everything|nothing|none)$/i.test(called[3]) ? called[3] : undefined;
  if (called && (called[1] ?? called[2] ?? preferred) && /\b(?:but|though|actually|,|\.)|^(?:just |you can |please )?call me\b/i.test(said)) return (called[1] ?? called[2] ?? preferred)!;
  // Speech: "uh dave dave morris" is Dave Morris.
  return said.replace(FILLER_BEFORE, '').replace(FILLER_AFTER, '').replace(/\b(?:uh+|um+|erm+)\b\s*/gi, '').replace(/\b(\p{L}+)\s+\1\b/giu, '$1').trim();
}

/** "my name is ana maria" → "Ana Maria"; undefined when it does not read as a name. */
export function cleanName(text: string): string | undefined {
  const name = nameWords(text).replace(NAME_PREFIX, '').replace(AROUND_NAME, '').replace(/[.!?]+$/, '').replace(/\s+/g, ' ').trim();
  if (name.length < 1 || name.length > 60 || !/\p{L}/u.test(name) || /\d/.test(name)) return undefined;
  if (name.split(' ').length > 5) return undefined;
  return capitalised(name);
}

/** Without control and format characters (a right-to-left override, a zero-width space): a name is what it shows. */
function visible(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]+/gu, ' ');
}

/** All lower case ("ana maria") is capitalised; anything else is kept as the customer wrote it. */
function capitalised(name: string): string {
  return name === name.toLowerCase() ? name.replace(/(^|[\s'-])\p{L}/gu, (c) => c.toUpperCase()) : name;
}

/** Words of a sentence, not of a name: "the weather is nice" is no name, on the first two asks. */
const NOT_NAME_WORDS = new Set([
  'is', 'are', 'am', 'was', 'be', 'the', 'a', 'an', 'what', 'how', 'why', 'where', 'when', 'who', 'which', 'do', 'does',
  'did', 'can', 'could', 'would', 'will', 'should', 'you', 'your', 'i', 'me', 'my', 'we', 'our', 'want', 'need', 'please',
  'have', 'has', 'got', 'not', "don't", 'dont', 'no', 'yes', 'this', 'that', 'it', 'to', 'for', 'of', 'in', 'on', 'with',
  'or', 'but', 'if', 'so', 'hello', 'hi', 'hey', 'thanks', 'ok', 'okay', 'just', 'get', 'buy', 'order', 'deliver',
  'delivery', 'price', 'much', 'many', 'some', 'any', 'there', 'here', 'name', 'why', 'stuff', 'things', 'and',
  // "returning customer here", "regular here": who they are to the shop, not their name.
  'customer', 'customers', 'regular', 'member', 'again', 'back', 'new', 'everyone', 'somebody', 'someone',
]);

/** What follows "I'm" when it is no introduction: "I'm hungry", "I'm fine", "I'm new here", "I'm just looking". */
const NOT_INTRODUCTIONS = new Set([
  'hungry', 'starving', 'thirsty', 'fine', 'good', 'great', 'ok', 'okay', 'well', 'new', 'here', 'back', 'ready', 'done',
  'finished', 'busy', 'tired', 'lost', 'confused', 'sorry', 'just', 'looking', 'browsing', 'not', 'sure', 'unsure',
  'interested', 'a', 'an', 'the', 'in', 'at', 'on', 'from', 'out', 'after', 'hoping', 'trying', 'wondering',
  'only', 'still', 'also', 'very', 'so', 'really', 'all', 'alright', 'happy', 'bored', 'late', 'early', 'home', 'sick',
  'cold', 'hot', 'fab', 'grand', 'cool', 'glad', 'excited', 'curious', 'vegan', 'vegetarian', 'allergic',
  'calling', 'texting', 'writing', 'ordering', 'shopping', 'buying', 'going', 'gonna', 'coming', 'doing', 'better',
]);
const INTRODUCED_BY_IM = /^(?:(?:hi|hello|hey|hiya|sure|yes|yeah|yep|ok|okay|oh|well|um)(?: there)?[ ,!.]+)*(?:i am|i'm|i’m|im)\s+(\S+)/i;

/** "I'm hungry", "I'm fine": a state, not a name, whatever the ask. */
export function saysState(text: string): boolean {
  const m = INTRODUCED_BY_IM.exec(visible(text).trim());
  return m !== null && NOT_INTRODUCTIONS.has(m[1]!.toLowerCase().replace(/[^a-z]/g, ''));
}

/**
 * Given names that are also words on a grocer's shelf: said alone at the name question they are names,
 * while any other product word said alone ("milk", "tuna") is shopping.
 */
const SHELF_NAMES = new Set([
  'olive', 'olivia', 'ginger', 'basil', 'rose', 'rosemary', 'sage', 'candy', 'honey', 'pepper', 'apple', 'cherry', 'berry',
  'clementine', 'jasmine', 'saffron', 'poppy', 'hazel', 'daisy', 'lily', 'fern', 'heather', 'ruby', 'amber', 'pearl',
  'coco', 'summer', 'melody', 'sherry', 'brandy', 'florence', 'victoria', 'clement', 'angelica', 'sandy', 'crystal',
  'graham', 'barley', 'curry',
]);

/** Whether a word alone may be a name even though it names a product ("Olive", "Ginger", "Rose"). */
export function isShelfName(word: string): boolean {
  return SHELF_NAMES.has(word.toLowerCase());
}

/**
 * The name in a message sent when the bot asked for one. Strict on the first asks (a few words of letters,
 * none of them sentence words); lenient once asked twice: any 1–60 characters with a letter.
 */
const NAME_PARTICLES = new Set(['an', 'van', 'von', 'le', 'la', 'de', 'da', 'do', 'di', 'du', 'del', 'al', 'el', 'bin', 'my']);

export function readName(text: string, lenient: boolean): string | undefined {
  if (lenient) {
    const name = nameWords(text).replace(NAME_PREFIX, '').replace(AROUND_NAME, '').replace(/[.!?]+$/, '').replace(/\s+/g, ' ').trim();
    if (name.length < 1 || name.length > 60 || !/\p{L}/u.test(name)) return undefined;
    return capitalised(name);
  }
  const name = cleanName(text);
  if (!name) return undefined;
  const parts = name.split(' ');
  if (parts.length > 4) return undefined;
  if (!parts.every((w) => /^\p{L}[\p{L}\p{M}'’.-]*,?$/u.test(w))) return undefined;
  // A word that is grammar in English but part of names elsewhere, written as a name after the first word:
  // "Nguyen Van An", "Ana De Souza".
  const asName = (w: string, i: number) => i > 0 && NAME_PARTICLES.has(w.toLowerCase()) && /^\p{Lu}\p{Ll}*$/u.test(w);
  return parts.some((w, i) => NOT_NAME_WORDS.has(w.toLowerCase().replace(/[.,]+$/, '')) && !asName(w, i)) ? undefined : name;
}

const SKIP = /^(?:(?:i'?d |i would |i'?ll )?(?:rather|prefer) not(?: to)?(?: say| tell| give it| share it| share| tell you)?|skip(?: it| this| that| the name| name)?|no name|none|pass|not telling|not saying|i'?m not saying|none of your business|anonymous|i'?d rather not|don'?t want to say|no thanks)(?: please| thanks| thank you)?$/;

/** "skip", "I'd rather not say", "no name": the customer declines an optional question. */
export function saysSkip(plain: string): boolean {
  return SKIP.test(plain);
}

/** The longest address kept; a longer one is asked for again. */
export const MAX_ADDRESS_CHARS = 200;

export function cleanAddress(text: string): string | undefined {
  const address = visible(text).trim().replace(/\s+/g, ' ').replace(/[\u2018\u2019]/g, "'")
    .replace(/^(?:(?:it'?s|its|it is|ok|okay|sure|yes|yeah|so|um|uh|that'?s|that is)[,\s]+)*(?:(?:my|our|the) (?:delivery |home |new )?address is|address is|address:?|i'?m at|i am at|we'?re at|we are at|i live at|we live at|i'?m in|live at|at|deliver (?:it |them )?to|send (?:it |them )?to|to|it'?s|its)\s+/i, '')
    .replace(/[.!?]+$/, '').trim();
  if (address.length < 6 || address.length > MAX_ADDRESS_CHARS || !/\p{L}/u.test(address)) return undefined;
  // A house number, or at least three words ("Rose Cottage, Little Hampton"): not a stray command.
  if (!/\d/.test(address) && address.split(' ').length < 3) return undefined;
  return address;
}

/** The words that end a street's name, in every country's short forms: one list for every reader of addresses. */
export const STREET_SUFFIXES = ['street', 'st', 'road', 'rd', 'avenue', 'ave', 'av', 'lane', 'ln', 'drive', 'dr', 'close', 'way', 'court',
  'ct', 'crt', 'place', 'pl', 'crescent', 'cres', 'terrace', 'tce', 'parade', 'pde', 'circuit', 'cct', 'esplanade', 'esp', 'grove', 'gve',
  'boulevard', 'blvd', 'gardens', 'gdns', 'square', 'sq', 'hill', 'row', 'mews', 'walk', 'highway', 'hwy'];
const SUFFIXES = STREET_SUFFIXES.join('|');
/** Words that also say "this is an address" when a number is beside them. */
const ADDRESS_WORDS = 'apt|apartment|flat|suite|floor|po box|cottage|estate|park|green|view|rise';
const STREET = new RegExp(`\\b(?:${SUFFIXES}|${ADDRESS_WORDS})\\b`, 'i');
/** A UK postcode ("SW1A 1AA") or a US ZIP code after a word ("Springfield 62704"). */
const POSTCODE = /\b[a-z]{1,2}\d[a-z\d]? ?\d[abd-hjlnp-uw-z]{2}\b|\b\p{L}+,? \d{5}(?:-\d{4})?$/iu;

/** Whether words read as a street address even if they also hold a command word ("10 Checkout Lane"). */
export function readsAsAddress(text: string): boolean {
  return /\d/.test(text) && (STREET.test(text) || POSTCODE.test(text));
}

const DELIVER_TO = /^(?:(?:ok|okay|yes|yeah|so|and|please|hi|hello|oh|great|perfect)[\s,]+)*(?:(?:can|could|would|will) (?:you|u) (?:please )?|please |i(?:'d| would) like (?:you )?to |i want (?:you )?to |i(?:'d| would) like (?:it|them|that|my order) |i want (?:it|them|that|my order) |(?:it|they) (?:should|can|must) (?:be )?)?(?:deliver(?:ed)?|send|sent|bring|ship(?:ped)?|drop(?:ped)?|delivery)(?: it| them| this| that| everything| my order| the order| my groceries| the groceries| my shopping| it all)?(?: off| over| round)?(?: please)? (?:to|at)\s+(.+)$/i;

/**
 * "deliver to 5 Elm Street please", "can you deliver it to 12 Oak Ave", "send it to 3 High St": delivery to
 * the address said. Questions about coverage ("do you deliver to Oak Street?") are not requests.
 */
export function deliveryAddress(text: string): string | undefined {
  const said = deliverToWords(text);
  if (said === undefined) return undefined;
  // "to my work instead, 88 Queen Street": the street address in it.
  if (/^(?:my|our|the)\b/i.test(said)) return addressInside(said)?.address ?? cleanAddress(said);
  return cleanAddress(said);
}

/** The words after "deliver to", unless they point at an address already given ("my house"). */
function deliverToWords(text: string): string | undefined {
  const m = DELIVER_TO.exec(text.trim().replace(/[\u2018\u2019]/g, "'"));
  if (!m) return undefined;
  const said = m[1]!.replace(/[?!.\s]+$/, '').replace(/[\s,]+(?:please|pls|plz|thanks|thank you|thx|cheers)$/i, '').trim();
  // "deliver to my house": an address we already have, or none; not one said here.
  if (/^(?:my|me|our|the|that|this|home|there)\b/i.test(said) && !/\d/.test(said)) return undefined;
  return said;
}

/** "deliver to Springfield": a place with no street number is a question about where we deliver. */
export function asksWhereWeDeliver(text: string): boolean {
  const said = deliverToWords(text);
  return said !== undefined && !/\d/.test(said) && cleanAddress(said) === undefined && !/^(?:the|mine|ours|his|hers|their|my|our|your)\b/i.test(said);
}

/**
 * "deliver to" and words meant as an address that is no usable one: too long, or a number without a
 * street ("deliver to 12"). "deliver to Springfield" stays a question about where we deliver.
 */
export function saysUnusableAddress(text: string): boolean {
  const said = deliverToWords(text);
  return said !== undefined && cleanAddress(said) === undefined && (said.length > MAX_ADDRESS_CHARS || /\d/.test(said));
}

/**
 * A new address said at any point: "I've moved, it's 4 Elm Row now", "my new address is 221 Oak Avenue",
 * "change my address to 9 Station Road", "new addy is 7 wattle cres", "I live at 52 Willow Drive".
 */
const MOVED = /^(?:(?:oh|ok|okay|so|hi|hello|hey|btw|by the way|also|and|just so you know|fyi|um|uh|actually|please note|note)[\s,.!:-]+)*(?:(?:i|we)(?:'ve| have)? (?:just |recently )?moved(?: house)?(?: to)?|(?:my|our) (?:new |delivery |home )?(?:address|addy|place|home) (?:is(?: now)?|has changed(?: to)?|changed(?: to)?|now is)|(?:the )?new (?:address|addy)(?: is|:)?|(?:please )?(?:change|update|set) (?:my|the|our) (?:delivery |home )?address(?: to|:)?|(?:my|our) address (?:has )?changed(?: to)?|(?:i|we) (?:now |currently )?live at|(?:i'?m|we'?re|i am|we are) (?:now |currently )?(?:at|living at|staying at)|(?:i|we) (?:now )?stay at)[\s,.;:-]*(?:(?:it'?s|its|it is|the address is|my address is|my new address is|new address is|to|now)\s+)?(.+)$/i;

export function movedTo(text: string): string | undefined {
  const m = MOVED.exec(visible(text).trim().replace(/[\u2018\u2019]/g, "'"));
  if (!m) return undefined;
  // The address ends where the next request starts: "…Apt 3, and please add two packs of bagels".
  const said = m[1]!.split(/,?\s+and\s+(?:please|can|could|i|add|also)\b|[.;!?]\s|,\s*(?:still|but|so|and|please|can|could|i|we|add|also)\b|\s+(?:last|this|next)\s+(?:year|month|week)\b/i)[0]!
    .replace(/[\s,]+(?:now|please|pls|thanks|thank you|thx|cheers|instead)[.!]*$/i, '').replace(/[?!.\s]+$/, '').trim();
  // A street and its number ("4 Elm Row"), not any words with a digit ("at work till 5").
  return readsAsAddress(said) ? cleanAddress(said) : undefined;
}

/** The street address inside a longer message ("hi I'm Sam, 12 Baker St, 2 milks"): from its number to its street word. */
const ADDRESS_INSIDE = new RegExp(String.raw`\b(?:(?:flat|apt|apartment|unit|suite|h\.?\s?no\.?|house no\.?)\s*[\w/-]+,?\s+)?\d+[a-z]?(?:[/-]\d+)?,?\s+(?:[\p{L}'.-]+\s+){0,4}?(?:${SUFFIXES})\b\.?(?:,?\s+(?:apt|apartment|unit|suite|flat)\s*[\w-]+)?`, 'iu');

/** After a street: the town and a postcode or ZIP (", Cambridge CB2 1PH", " Springfield 62704"). */
const TOWN_AND_CODE = /^,?\s+(?:[\p{L}'.-]+\s+){0,3}?(?:[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2}|\d{4,5}(?:-\d{4})?)\b/iu;
/** Or the town alone, capitalised, and its state, ending the sentence (", Cambridge.", ", Hoboken NJ,"). */
const TOWN = /^,?\s+\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?(?:,?\s+\p{Lu}{2})?(?=\s*(?:[.,!?;]|$))/u;

/** The address written inside a longer message, and the message without it. */
export function addressInside(text: string): { address: string; rest: string } | undefined {
  const said = visible(text);
  const m = ADDRESS_INSIDE.exec(said);
  if (!m) return undefined;
  const after = said.slice(m.index + m[0].length);
  const tail = TOWN_AND_CODE.exec(after) ?? TOWN.exec(after);
  const whole = m[0] + (tail?.[0] ?? '');
  const address = cleanAddress(whole.replace(/[,\s]+$/, ''));
  if (!address) return undefined;
  return { address, rest: `${text.slice(0, m.index)} ${text.slice(m.index + whole.length)}` };
}
