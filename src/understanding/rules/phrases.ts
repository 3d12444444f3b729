import { words } from './text';
import { STREET_SUFFIXES } from './names';

/**
 * The words customers wrap around what they want: politeness, where the item goes ("onto my list"), who it is
 * for ("for my dad"), and the verbs that say add, remove, swap or empty. Peeling them off leaves the part that
 * names products; every word peeled is accounted for, so what is left over can be judged (items.ts: `unread`).
 */

const LIST = String.raw`(?:(?:shopping|grocery|groceries|food|weekly)\s+)?(?:list|cart|basket|order|trolley|bag|shop|shopping)`;
const MY = String.raw`(?:my|the|our|your|this|me)`;

/** "to my list", "onto the order", "in the basket", "on there": where an added item goes. */
const INTO = new RegExp(String.raw`\b(?:(?:add(?:ed)?\s+)?(?:to|on|onto|on\s+to|in|into|in\s+to|at)\s+(?:${MY}\s+)?${LIST}|(?:on|in)\s+(?:there|it))\b`, 'g');
/** "from my list", "off the order", "out of the basket": where a removed item comes from. */
const OUT_OF = new RegExp(String.raw`\b(?:from|off|off\s+of|out\s+of|outta)\s+(?:${MY}\s+)?${LIST}\b`, 'g');

/** Who or what it is for: said around an order, never part of a product's name. */
const FOR_WHOM = new RegExp(String.raw`\bfor\s+(?:(?:my|our|the|his|her|their)\s+(?:(?:little|old|elderly|dear|grand)\s+)?(?:mum|mom|mummy|mommy|mother|dad|daddy|father|mam|ma|pa|nan|nana|nanna|gran|granny|grandma|grandmother|grandpa|grandad|granddad|grandfather|wife|husband|hubby|partner|son|daughter|kids?|children|child|baby|family|boss|neighbou?rs?|friends?|sister|brother|sis|bro|flatmates?|housemates?|roommates?|house|home|flat|office|team|guests?|party|week|weekend|dinner|lunch|breakfast|tea|supper|bbq|barbecue|picnic|birthday|trip|holiday|visit|self|aunt|auntie|uncle|cousin|in-?laws?|parents|folks)(?:'s\s+\w+)?|me|us|myself|ourselves|him|her|them|tonight|tomorrow|later|now|today|dinner|lunch|breakfast|tea|supper|the\s+(?:week|weekend|morning|evening|night))\b`, 'g');

/** When: never part of a product's name. */
/** What it goes with: "tomato sauce to go with the snags", "cream for the tacos" is said about, not asked for. */
const GOES_WITH = /\bto (?:go|have|eat|serve|put) (?:with|on|in)\b.*$/;

const WHEN = /\b(?:this|next)\s+(?:week|weekend|morning|afternoon|evening)\b|\b(?:today|tonight|tomorrow|asap|right now|after all|any ?more|as well|if possible|if you can|if you could|if that'?s ok(?:ay)?|when you can|at the moment)\b/g;

/** Politeness and chat before the request: "hi", "ok so", "um", "actually", "sorry". */
const LEAD = /^(?:(?:hi|hello|hey|hiya|heya|yo|ok|okay|k|so|um+|uh+|erm+|er|ah|oh|hmm+|right|also|and|plus|yeah|yes|yep|please|pls|plz|kindly|actually|sorry|oops|well|now|then|alright|great|cool|lovely|brilliant|perfect|thanks|thank you|cheers|good morning|good afternoon|good evening|morning|evening|there|mate|love|dear|sir|madam|ma'?am|bhaiya|ji|oh and|and also|on second thoughts?|second thoughts?|come to think of it|wait|hang on|hold on|oh wait|nah|nope|(?:sweet|sweet as|too easy|beaut|bonza|ace|champion|nice one|nice|awesome|fab|ta)(?=\s*[,.!]+)|no(?=[ ,.!]+(?:make|change|set|put|add|get|give|i meant|i mean|it should|should|can|could|i'?d|i want|wait|sorry|actually)\b))\b[ ,.!:;-]*)+/;
/** Asking someone to do it: "can you", "could you please", "would you mind", "i was wondering if you could". */
const ASKING = /^(?:(?:can|could|would|will|wud|cud|pls|please)\s+(?:you|u|ya|yu)\s+(?:please\s+|pls\s+|kindly\s+|just\s+|also\s+)*|would you mind\s+|do you mind\s+|(?:i was|i'?m) wondering if (?:you|u) (?:could|can)\s+|is it possible to\s+|mind\s+|be a dear and\s+|kindly\s+|please\s+|pls\s+|plz\s+|just\s+|also\s+|do the needful and\s+)+/;
/** Politeness after the request. */
const TAIL = /(?:[ ,.!]+(?:please|pls|plz|thanks|thank you|thank u|thx|ty|ta|cheers|mate|love|x+|for me|for us|too|also|as well|now|then|thanks a lot|thank you so much|many thanks|ok|okay|yeah|if poss|if possible|instead of that|in there|in too|ji|sir|madam|dear|bro|buddy|pal|lol|haha|:\))|\?+|\.+|!+)+$/;

/** Which way a message moves the cart, by its verb. */
export type Verb = 'add' | 'remove' | 'empty';

const ADD_VERBS = String.raw`(?:add|put|pop|chuck|throw|toss|stick|bung|slip|stuff|place|include|get|grab|buy|order|bring|send|pick\s+up|pick|fetch|write\s+down|write|jot\s+down|note\s+down|note|put\s+down|set\s+aside|reserve|keep|save)`;
const ADD_WAYS = [
  String.raw`(?:i|we)?\s*(?:also\s+)?(?:would|'?d)\s+(?:like|love)(?:\s+to\s+(?:order|get|have|buy|add|grab))?`,
  String.raw`(?:i|we)?\s*(?:also\s+)?(?:want|need|require|fancy)(?:\s+to\s+(?:order|get|have|buy|add|grab|pick\s+up))?`,
  String.raw`(?:i|we)?\s*(?:wanna|gotta|have\s+to|must|should)\s+(?:get|order|buy|add|grab)`,
  String.raw`(?:i|we)?\s*(?:'?ll|will)\s+(?:take|have|get|need|want|grab|order|buy)`,
  String.raw`(?:i|we)?\s*could\s+do\s+with`,
  String.raw`(?:i'?m|i\s+am|we'?re|we\s+are)?\s*after`,
  String.raw`(?:can|could|may|might)\s+(?:i|we)\s+(?:please\s+|also\s+)*(?:get|have|order|buy|grab|add)`,
  String.raw`(?:give|get|grab|bring|send|order|pick\s+up|fetch|buy)\s+(?:me|us)(?:\s+(?:up|over))?`,
  String.raw`gimme|lemme\s+(?:get|have)|let\s+me\s+(?:get|have|order|add|grab)|let'?s\s+(?:get|have|add|grab)`,
  String.raw`(?:(?:i|we)(?:'re|\s+are|'m|\s+am|'ve|\s+have)?\s+)?(?:all\s+)?(?:out\s+of|outta|running\s+(?:low\s+on|out\s+of)|low\s+on|almost\s+out\s+of|nearly\s+out\s+of|short\s+of|(?:run|ran)\s+out\s+of)`,
  String.raw`remind\s+me\s+to\s+(?:get|buy|order|pick\s+up)|don'?t\s+(?:let\s+me\s+)?forget(?:\s+(?:to\s+(?:add|get|buy)|about))?|remember\s+to\s+(?:add|get|buy)`,
  String.raw`${ADD_VERBS}(?:\s+(?:me|us))?(?:\s+(?:in|on|down|up|aside|along|over|out))?`,
  String.raw`and|plus|also|more`,
];
/**
 * Ways of asking for something, at the start once the politeness is peeled: "chuck in", "grab me", "we're out
 * of", "remind me to buy", "I'd like", "I'm after", "could I get".
 */
const ADD_LEAD = new RegExp(String.raw`^(?:(?:${ADD_WAYS.join('|')})\s+)+`);
/** "pop a cucumber in", "chuck the beans on", "throw some peas in too": the particle of a split verb, at the end. */
const ADD_PARTICLE = /\s+(?:in|on|in too|on too|in as well|on as well|in there|on there|down|aside)$/;

const REMOVE_LEAD = /^(?:(?:i|we|i'?ve|we'?ve|i have|we have)\s+)?(?:(?:please\s+)?(?:remove|delete|del|rm|rmv|rem|take\s+out|take\s+off|take\s+away|takeout|drop|ditch|nix|scrap|scratch|cancel|get\s+rid\s+of|lose|skip|leave\s+out|cross\s+off|cross\s+out|strike|strike\s+off|knock\s+off|forget|forget\s+about|bin|axe|kill|exclude|subtract|minus|without|hold|hold\s+off\s+on|no\s+more|no\s+need\s+for|not\s+(?:do|get|bother\s+with|include|bring)|don'?t\s+need|do\s+not\s+need|dont\s+need|don'?t\s+want|do\s+not\s+want|dont\s+want|won'?t\s+need|no\s+longer\s+(?:need|want)|changed\s+(?:my|our)\s+mind\s+(?:about|on)|change\s+(?:of\s+)?mind\s+(?:about|on)|never\s*mind|nevermind|not\s+(?:the|any)|we\s+have\s+(?:enough|plenty\s+of)|no)\s+)+/;
/** "the paneer is no longer needed", "the beans aren't needed", "the tomatoes can go". */
const NOT_NEEDED = /^(?:the |my |that |those )?(.+?)\s+(?:(?:is|are)(?: no longer| not)?|isn'?t|aren'?t|is not|are not)\s+(?:needed|wanted|required)(?: any ?more)?$|^(?:the |my |that |those )?(.+?)\s+can go$/;

/** "take the milk off", "cross the bread out", "leave the ham out": the particle of a split remove verb. */
const REMOVE_SPLIT = /^(?:take|cross|leave|knock|strike|scratch|rub|cut|keep)\s+(.+?)\s+(?:off|out|away)$/;

const EMPTY = new RegExp(String.raw`^(?:(?:please\s+)?(?:clear|empty|wipe|reset|scrap|cancel|delete|remove|bin|dump|ditch|drop|lose|scratch|trash|kill|take\s+out|get\s+rid\s+of|forget)(?:\s+out)?\s+(?:it\s+all|all\s+of\s+it|all\s+that|everything|all|the\s+lot|whole\s+thing|every\s+item|all\s+items|all\s+the\s+items|${MY}\s+(?:whole\s+|entire\s+)?${LIST}|(?:the\s+)?whole\s+${LIST}|(?:the\s+)?entire\s+${LIST})(?:\s+(?:out|please|thanks|completely|off|in\s+${MY}\s+${LIST}|(?:from|in|on|off)\s+${MY}\s+${LIST}|and\s+start\s+(?:again|over|fresh)))*|start\s+(?:again|over|fresh|afresh|from\s+scratch)(?:\s+with\s+${MY}\s+${LIST})?|(?:remove|delete|take\s+off|take\s+out)\s+(?:all|everything)\s+(?:from|in|on|off)\s+${MY}\s+${LIST}|empty\s+(?:it|out)|clear\s+(?:it|out))$`);

/** "delete everything I've put in and I'll start again", "start over, take everything out": the whole cart. */
const EMPTY_SAID = /\b(?:(?:clear|empty|wipe|delete|remove|bin|scrap|ditch|dump|trash|take\s+out|take\s+off|get\s+rid\s+of|cancel)\s+(?:out\s+)?(?:everything|it\s+all|all\s+of\s+it|the\s+lot|all(?:\s+the)?\s+items|every\s+item|all\s+(?:my|the)\s+(?:stuff|things|items|shopping))|(?:take|get)\s+everything\s+(?:out|off)|start(?:ing)?\s+(?:again|over|fresh|afresh|from\s+scratch))\b/;

function saysEmpty(text: string): boolean {
  if (!EMPTY_SAID.test(text)) return false;
  const rest = words(text.replace(new RegExp(EMPTY_SAID.source, 'g'), ' ').replace(/[,.;!?]+/g, ' '));
  return rest.every((w) => SENTENCE_WORDS.has(w) || w === 'scratch' || w === 'ordering' || w === 'instead' || w === 'everything');
}

export interface Peeled {
  /** The words left: what names the products (and their amounts). */
  core: string;
  verb?: Verb;
  /** The message said where the item goes ("to my list") or comes from ("off the order"). */
  into: boolean;
  outOf: boolean;
}

/** Takes the politeness, destinations, beneficiaries and verbs off a normalized message (commas kept). */
export function peel(text: string): Peeled {
  let core = ` ${text} `;
  const outOf = OUT_OF.test(core);
  core = core.replace(OUT_OF, ' ');
  const into = INTO.test(core);
  core = core.replace(INTO, ' ').replace(FOR_WHOM, ' ').replace(WHEN, ' ').replace(GOES_WITH, ' ').replace(/\s+/g, ' ').trim();
  let verb: Verb | undefined;
  for (let i = 0; i < 3; i += 1) {
    const before = core;
    core = core.replace(LEAD, '').replace(ASKING, '').replace(TAIL, '').trim();
    if (core === before) break;
  }
  const bare = core.replace(/[,.;!?]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (EMPTY.test(bare) || saysEmpty(bare)) return { core: '', verb: 'empty', into, outOf };
  const split = REMOVE_SPLIT.exec(bare);
  if (split) return { core: split[1]!, verb: 'remove', into, outOf };
  const removed = core.replace(REMOVE_LEAD, '');
  if (removed !== core) return { core: removed.replace(TAIL, '').trim(), verb: 'remove', into, outOf };
  // "the paneer is no longer needed", "the beans aren't needed", "the tomatoes can go".
  const unneeded = NOT_NEEDED.exec(bare);
  if (unneeded) return { core: (unneeded[1] ?? unneeded[2])!, verb: 'remove', into, outOf };
  const added = core.replace(ADD_LEAD, '');
  if (added !== core) verb = 'add';
  core = added.replace(ADD_PARTICLE, '').replace(TAIL, '').trim();
  // "chuck the crisps out of the basket", "taking the Fairy liquid off my order": whatever the verb, off the list.
  if (outOf) { verb = 'remove'; core = core.replace(/^(?:taking|take|chuck|throw|toss|get|put|knock|cross|leave)\s+/, '').replace(/\s+(?:off|out)$/, '').trim(); }
  // "put it in my basket" adds; "what's in my basket?" asks.
  if (!verb && into && !/^(?:what|what'?s|whats|wots|how|is|are|do|does|did|where|when|which|why|who|can|could|show|tell|read|list)\b/.test(core)) verb = 'add';
  return { core, verb, into, outOf };
}

/**
 * Words that name no product in any shop: the grammar around an order. An unread piece of a message made of
 * these is chatter to ignore; one with other words may be a product we lack, or words we did not follow.
 */
export const SENTENCE_WORDS = new Set([
  'to', 'too', 'for', 'fore', 'me', 'us', 'you', 'u', 'him', 'her', 'them', 'it', 'its', "it's", 'this', 'that', "that's", 'these', 'those', 'is', 'are',
  'am', 'be', 'been', 'being', 'was', 'were', 'go', 'going', 'gonna', 'come', 'coming', 'do', 'does', 'did', 'done', 'doing', 'get', 'got', 'gotten', 'getting',
  'have', 'has', 'had', 'having', 'i', "i'm", 'im', "i'd", "i'll", "i've", 'we', "we're", "we'd", "we'll", 'they', 'he', 'she', 'my', 'our', 'your', 'their', 'his', 'the', 'a', 'an', 'of',
  'and', 'or', 'but', 'now', 'then', 'later', 'here', 'there', 'people', 'person', 'please', 'pls', 'plz', 'what', 'which', 'who', 'why', 'how',
  'when', 'where', 'so', 'not', 'no', 'just', 'today', 'tomorrow', 'tonight', 'myself', 'ourselves', 'everyone', 'everybody', 'someone',
  'somebody', 'something', 'anything', 'everything', 'all', 'both', 'honest', 'sure', 'sec', 'second', 'minute', 'moment', 'bit', 'while', 'time', 'again', 'back',
  'out', 'up', 'down', 'off', 'on', 'in', 'into', 'onto', 'at', 'with', 'by', 'from', 'about', 'if', 'can', 'could', 'will', 'would', 'should',
  'may', 'might', 'must', 'need', 'needs', 'want', 'wants', 'like', 'think', 'know', 'say', 'said', 'tell', 'ask', 'see', 'wait', 'stop', 'start',
  'pay', 'kids', 'family', 'dinner', 'lunch', 'breakfast', 'party', 'week', 'weekend', 'home', 'house', 'work', 'school', 'bed', 'sleep',
  'away', 'shop', 'store', 'list', 'cart', 'basket', 'order', 'trolley', 'shopping', 'mum', 'mom', 'dad', 'mother', 'father', 'wife',
  'husband', 'son', 'daughter', 'friend', 'friends', 'neighbour', 'neighbor', 'sister', 'brother', 'gran', 'nan', 'grandma', 'grandpa',
  'partner', 'boss', 'thanks', 'thank', 'cheers', 'ok', 'okay', 'yes', 'yeah', 'yep', 'hi', 'hello', 'hey', 'hiya', 'also', 'very', 'really',
  'some', 'any', 'more', 'much', 'many', 'lot', 'lots', 'few', 'little', 'bit', 'stuff', 'things', 'thing', 'one', 'ones', 'other', 'another',
  'same', 'usual', 'as', 'well', 'than', 'too', 'maybe', 'perhaps', 'probably', 'actually', 'sorry', 'mate', 'love', 'dear', 'kindly',
  'make', 'made', 'let', "let's", 'put', 'add', 'take', 'give', 'send', 'bring', 'buy', 'order', 'grab', 'pick', 'chuck', 'pop', 'throw',
  'write', 'note', 'remember', 'forget', 'remind', 'help', 'nice', 'good', 'great', 'lovely', 'fine', 'right', 'left', 'still', 'already',
  'ever', 'never', 'always', 'only', 'even', 'though', 'because', 'cos', 'coz', 'since', 'until', 'till', 'over', 'under', 'after', 'before',
  "don't", 'dont', "didn't", "can't", 'cant', "won't", "isn't", "aren't", "doesn't", 'gonna', 'wanna', 'gotta', 'lemme', 'gimme', 'reckon',
  'guess', 'suppose', 'mind', 'wondering', 'possible', 'able', 'tonight', 'yesterday', 'morning', 'evening', 'night', 'afternoon',
  'oh', 'ah', 'um', 'uh', 'er', 'erm', 'hmm', 'so', 'nah', 'nope', 'yup', 'alright', 'oops', 'whoops', 'kind', 'sort', 'type',
  // How an order ends and what it is called: said around a request, never the name of a product.
  'deliver', 'delivered', 'delivery', 'pickup', 'collect', 'collection', 'place', 'placed', 'groceries', 'grocery', 'items', 'righto',
  'rightio', 'instead', 'note', 'noted', 'pkt', 'pkts', 'done', 'finished', 'lot', 'mate', 'k',
  // Sizes said in words: they describe the pack, never name a product.
  'big', 'large', 'small', 'medium', 'mini', 'jumbo', 'huge', 'tiny', 'regular', 'normal', 'standard', 'bigger', 'smaller', 'biggest', 'smallest',
]);

/** Whether every word of a piece is sentence grammar, not a product's name. */
export function onlySentenceWords(said: readonly string[]): boolean {
  return said.length > 0 && said.every((w) => SENTENCE_WORDS.has(w));
}

/** The words that end a street's name: "Baker Street" said after a number is an address, never a product. */
const STREET_WORDS = new Set([...STREET_SUFFIXES, 'apt', 'flat', 'suite',
  // States said after a town ("Coffs Harbour NSW"): an address, never a product.
  'nsw', 'qld', 'vic', 'tas', 'wa', 'sa', 'nt', 'act', 'nj', 'ny', 'ca', 'tx', 'fl', 'il', 'pa', 'ma', 'nz']);

/** Whether an unread piece reads as the name of a thing (a product we lack) rather than words we did not follow. */
const NUMBER_WORDS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'dozen', 'half', 'couple', 'few']);

export function readsAsThing(said: readonly string[]): boolean {
  return said.length > 0 && said.length <= 4 && !said.some((w) => STREET_WORDS.has(w)) && !said.every((w) => NUMBER_WORDS.has(w))
    && said.every((w) => !SENTENCE_WORDS.has(w) && /^[a-z][a-z'-]*$/.test(w));
}
