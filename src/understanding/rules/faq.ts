import { editsWithin } from './matcher';
import MiniSearch from 'minisearch';

/** One FAQ entry as data/faq.json holds it. `keywords` may be regex fragments (the older matcher's). */
export interface FaqSource {
  topic: string;
  keywords: string[];
  answer: string;
  /** Example questions in customers' own words. */
  questions?: string[];
}

/** Question words: they point at a topic ("where" → location) but are not what a question is about. */
const INTERROGATIVES = new Set(['what', 'when', 'where', 'how', 'which', 'why', 'who']);

/** Words that carry no topic: function words, chat filler, and verbs any message to a shop may hold. */
const STOP_WORDS = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'it', 'its', 'there', 'here', 'some', 'any', 'all', 'every',
  'i', 'me', 'my', 'mine', 'we', 'us', 'our', 'you', 'your', 'yours', 'ya', 'ye', 'he', 'she', 'they', 'them', 'their',
  'is', 'am', 'are', 'was', 'were', 'be', 'been', 'being', 'do', 'does', 'did', 'done', 'doing', 'have', 'has', 'had',
  'can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must', 'not', 'no', 'yes',
  'to', 'of', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'about', 'into', 'up', 'out', 'off', 'over', 'till',
  'until', 'if', 'or', 'and', 'but', 'so', 'than', 'then', 'too', 'also', 'just', 'only', 'still', 'really', 'very',
  'please', 'thanks', 'thank', 'hi', 'hello', 'hey', 'ok', 'okay', 'guys', 'mate', 'sir', 'madam', 'kindly', 'dear',
  'bro', 'pal', 'lol', 'um', 'uh', 'well', 'like', 'want', 'need', 'know', 'tell', 'get', 'got', 'able',
  'much', 'many', 'available', 'availability', 'work', 'take', 'accept', 'make', 'offer', 'provide', 'request', 'ask',
  'exact', 'exactly', 'actually', 'currently', 'usually', 'normally', 'generally', 'possible', 'right', 'even',
  'one', 'ones', 'else', 'other', 'another', 'abouts', 'yo',
]);

/**
 * Nouns that name no topic ("payment methods", "store timings"): left out of the index and the query like
 * stop words, but they make a phrase more than a lone word.
 */
const GENERIC_NOUNS = new Set([
  'shop', 'store', 'option', 'options', 'method', 'methods', 'mode', 'modes', 'kind', 'kinds', 'type', 'types',
  'sort', 'sorts', 'something', 'anything', 'thing', 'things', 'stuff', 'way', 'ways', 'somewhere', 'anywhere',
]);

/** Texting shorthand and common misspellings, spelled out before anything else reads the words. */
const SHORTHAND = new Map<string, string>([
  ['u', 'you'], ['ya', 'you'], ['r', 'are'], ['ur', 'your'], ['yr', 'your'], ['pls', 'please'], ['plz', 'please'],
  ['whats', 'what is'], ['wheres', 'where is'], ['whens', 'when is'], ['hows', 'how is'], ['y', 'why'],
  ['wat', 'what'], ['wot', 'what'], ['wht', 'what'], ['wen', 'when'], ['hw', 'how'], ['whr', 'where'],
  ['tmrw', 'tomorrow'], ['tmr', 'tomorrow'], ['tmrow', 'tomorrow'], ['2moro', 'tomorrow'], ['2morrow', 'tomorrow'],
  ['2day', 'today'], ['2nite', 'tonight'], ['tonite', 'tonight'], ['tnight', 'tonight'], ['tonigt', 'tonight'], ['2moro', 'tomorrow'], ['tmrw', 'tomorrow'], ['tmr', 'tomorrow'], ['hrs', 'hours'], ['hr', 'hour'], ['n', 'and'],
  ['adress', 'address'], ['addr', 'address'], ['delivry', 'delivery'], ['dilivery', 'delivery'], ['cud', 'could'],
  ['wud', 'would'], ['shud', 'should'], ['thru', 'through'], ['b4', 'before'], ['cn', 'can'], ['d', 'the'],
]);

/** Phrases that open a question without being part of it ("any idea when you close?"). */
const PREAMBLE = /^(?:(?:hi|hello|hey|hiya|yo|good (?:morning|afternoon|evening|day)|excuse me|sorry|quick question|one question|just|please|kindly|ok|so|and|also|um|uh)\b[\s,!.:-]*|(?:any idea|do you know|does anyone know|can you tell me|could you tell me|tell me|i was wondering|just wondering|wondering|i wanted to ask|i want to know|i would like to know|may i know|let me know)\b[\s,:-]*)+/;

/** A question about the shop: it opens with a question word, an auxiliary, "if", or "I want to <verb>". */
const QUESTION = /^(?:whether|if|what|when|where|how|which|who|why|is|are|am|do|does|did|can|could|will|would|should|may|have|has|you|till|until|i (?:want|need|would like|wanna) to)\b/;

/** A request for a thing ("any X?", "do you have X", "can I get X"): the thing could be a product. */
const REQUEST = /^(?:any|got|have you|do you (?:have|sell|stock|carry|keep|got)|you (?:have|got|sell)|is there|are there|(?:can|could|may) i (?:have|get|buy|order)|i would like)\b/;

/** A statement ("i will pay you back", "the delivery was late"): it opens with a subject or a yes/no, or has a verb. */
const STATEMENT = /^(?:i|we|it|they|he|she|my|our|this|that|yes|yeah|yep|yup|no|nope|nah)\b|\b(?:is|are|was|were|am|will|would|did|does|do|has|have|had|can|could)\b/;

/** What a message does; anything else is a bare phrase ("opening hours", "delivery charges?"). */
function shapeOf(body: string): 'request' | 'question' | 'statement' | 'phrase' {
  if (REQUEST.test(body)) return 'request';
  if (QUESTION.test(body)) return 'question';
  return STATEMENT.test(body) ? 'statement' : 'phrase';
}

/**
 * The customer's own order: "what time is my delivery?" asks for its status, not for the shop's policy.
 * Only asking how to do something with it ("can I pay for my order by card?") is an FAQ.
 */
const OWN_ORDER_WORDS = new Set(['order', 'delivery', 'parcel', 'shopping', 'groceries', 'driver']);
const ABOUT_OWN_ORDER = new RegExp(`\\bmy (?:${[...OWN_ORDER_WORDS].join('|')})\\b`);
const HOW_TO = /^(?:can|could|may) i\b|^how (?:do|can|should) i\b|^do you\b|^i (?:want|need|would like|wanna) to\b/;

/**
 * A question is sure when the best entry's words explain more than half of what it says: one word shared
 * with an entry ("can you open the tin?") is not enough, a word and an argument ("deliver to Leeds?") is.
 */
const SURE_SHARE = 0.5;

/** Lower case, straight apostrophes, negations spelled out ("wasn't", "wasnt" → "was not"). */
function lowered(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u00b4`]/g, "'")
    .replace(/\bwon'?t\b/g, 'will not')
    .replace(/\bcan'?t\b/g, 'can not')
    .replace(/(?<=\b(?:is|are|was|were|do|does|did|has|have|had|could|would|should))nt\b/g, ' not')
    .replace(/n't\b/g, ' not');
}

/** Words only, with contractions and shorthand undone: "Where's ur shop?" → "where is your shop?". */
function plain(text: string): string {
  return lowered(text)
    .replace(/'s\b/g, ' is')
    .replace(/'(?:re|m|ll|d|ve)\b/g, '')
    .replace(/[^a-z0-9?]+/g, ' ')
    .split(' ')
    .map((w) => SHORTHAND.get(w) ?? w)
    .join(' ')
    .trim();
}

/**
 * A light English stemmer, so "deliveries", "delivered", "delivering" and "delivery" meet at "deliver",
 * and "location" and "located" at "locat".
 */
function faqStem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const bare = w.replace(/(?:ing|ed)$/, '');
  if (bare !== w && bare.length >= 3) {
    // "shipping" → "ship", but "dressed" → "dress".
    w = /([b-df-hj-np-rtv-z])\1$/.test(bare) ? bare.slice(0, -1) : bare;
  }
  if (w.endsWith('ery')) w = w.slice(0, -1);
  else if (w.endsWith('ation')) w = w.slice(0, -3);
  // "close", "closed" and "closing" all end as "clos".
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** The meaningful terms of a text, stemmed, in order. */
function terms(text: string): string[] {
  return plain(text)
    .split(/[\s?]+/)
    .filter((w) => w && !STOP_WORDS.has(w) && !GENERIC_NOUNS.has(w))
    .map(faqStem);
}

interface Term {
  term: string;
  /** A question word ("where"), which points at a topic but is not what the message is about. */
  interrogative: boolean;
  /** How much of the message's meaning this word carries, for the share a topic must explain. */
  weight: number;
}

/** Prepositions whose object is an argument of the question ("deliver to Leeds", "pay by Amex"). */
const ARGUMENT_BEFORE = new Set([
  'to', 'in', 'near', 'around', 'with', 'by', 'on', 'at', 'from', 'outside', 'within', 'beyond', 'across', 'via',
]);

/**
 * The message's meaningful words, stemmed and weighed. Arguments ("to Leeds", "by Amex", "2") are what a
 * question is about, not what it asks: each weighs half, shared among its words ("to postcode LS6").
 */
function weighted(body: string): Term[] {
  const out: Term[] = [];
  let argument: Term[] | undefined;
  const close = () => {
    for (const t of argument ?? []) t.weight = 0.5 / argument!.length;
    argument = undefined;
  };
  let previous = '';
  for (const word of body.replace(/\?/g, ' ').split(' ')) {
    if (!word) continue;
    const after = previous;
    previous = word;
    if (ARGUMENT_BEFORE.has(word)) {
      close();
      argument = [];
      continue;
    }
    const interrogative = INTERROGATIVES.has(word);
    if (interrogative || (STOP_WORDS.has(word) && !/^(?:the|a|an|my|your)$/.test(word))) close();
    // "my order" is whatever the customer is buying: in "how do I pay for my order?" it names no topic.
    if (STOP_WORDS.has(word) || GENERIC_NOUNS.has(word) || (after === 'my' && OWN_ORDER_WORDS.has(word))) continue;
    const term: Term = { term: faqStem(word), interrogative, weight: /\d/.test(word) ? 0.5 : 1 };
    out.push(term);
    argument?.push(term);
  }
  close();
  return out;
}

const FIELDS = ['questions', 'keywords', 'answer'] as const;

function note(index: Map<string, Set<string>>, terms: string[], topic: string): void {
  for (const term of terms) {
    const topics = index.get(term) ?? new Set<string>();
    topics.add(topic);
    index.set(term, topics);
  }
}

/**
 * The FAQ matched by meaning: BM25 (MiniSearch) ranks the entries against the whole message, then the best
 * one is taken only when the message is shaped like a question about the shop and the entry's own words
 * explain enough of it. A message that merely shares a word ("add 2 open sandwiches") is not an FAQ.
 */
export class FaqIndex {
  private readonly search: MiniSearch;
  /** Term → the topics whose questions or keywords use it: the customer's words for each topic. */
  private readonly askedBy = new Map<string, Set<string>>();
  /** Term → the topics whose answer uses it ("open saturday?" is answered by "Monday to Saturday"). */
  private readonly answeredBy = new Map<string, Set<string>>();

  constructor(entries: FaqSource[]) {
    this.search = new MiniSearch({
      fields: [...FIELDS],
      storeFields: ['topic'],
      // Documents are stored as already-processed terms, so indexing and querying read words alike.
      tokenize: (text) => text.split(' ').filter(Boolean),
      processTerm: (term) => term,
      searchOptions: { boost: { questions: 2, keywords: 1.5, answer: 0.3 } },
    });
    this.search.addAll(entries.map((e, id) => {
      const questions = (e.questions ?? []).flatMap(terms);
      // Keywords may be regex fragments ("how long.*deliver"): their words are what counts.
      const keywords = e.keywords.flatMap((k) => terms(k.replace(/[^a-z0-9' ]+/gi, ' ')));
      const answer = terms(e.answer.replace(/\{\w+\}/g, ' '));
      note(this.askedBy, [...questions, ...keywords], e.topic);
      note(this.answeredBy, answer, e.topic);
      return {
        id, topic: e.topic, questions: questions.join(' '), keywords: keywords.join(' '), answer: answer.join(' '),
      };
    }));
  }

  /**
   * Whether any entry could pass match()'s checks after the search: each check counts words some topic
   * explains, so words no topic explains decide it beforehand ("12 main street springfield", "2 limes and a
   * dozen eggs"), and most messages skip the search, the costliest step of reading one.
   */
  private mayMatch(body: string, message: Term[]): boolean {
    // Every check below needs a word of the message that is some topic's customer word.
    if (!message.some((t) => this.askedBy.has(t.term))) return false;
    const content = message.filter((t) => !t.interrogative);
    if (content.length === 0) return true;
    const shape = shapeOf(body);
    if (shape === 'statement') return false;
    // The share the best entry explains is at most the share any entry might explain.
    const explainable = (term: string) => this.askedBy.has(term) || this.answeredBy.get(term)?.size === 1;
    const total = content.reduce((sum, t) => sum + t.weight, 0);
    const most = content.reduce((sum, t) => sum + (explainable(t.term) ? t.weight : 0), 0) / total;
    return shape === 'question' ? most > SURE_SHARE : most === 1;
  }

  /**
   * A customer's word for a topic typed one slip away ("clsoing", "delivry fee"): read as that word, when
   * exactly one such word is near. Short words are left alone ("cost" is no slip of "post").
   */
  private spelled(t: Term): Term {
    if (t.term.length < 3 || this.askedBy.has(t.term) || this.answeredBy.has(t.term)) return t;
    const near = [...this.askedBy.keys()].filter((k) => k.length >= 4 && editsWithin(1, t.term, k) <= 1);
    return near.length === 1 ? { ...t, term: near[0]! } : t;
  }

  /** The topic the message asks about, or undefined when no entry is a sure answer. */
  match(text: string): string | undefined {
    const body = plain(text).replace(PREAMBLE, '');
    if (ABOUT_OWN_ORDER.test(body) && !HOW_TO.test(body)) return undefined;
    const read = weighted(body);
    // Slips are looked for only in a question's few words: a long message is no FAQ question anyway.
    const message = read.length <= 12 ? read.map((t) => this.spelled(t)) : read;
    if (!this.mayMatch(body, message)) return undefined;
    // Question words and arguments rank at half, so "when do you shut" goes by "shut", not by another entry's "when".
    const boosts = new Map(message.map((t) => [t.term, t.interrogative ? 0.5 : t.weight]));
    const boostTerm = (term: string) => boosts.get(term) ?? 1;
    const [best] = message.length ? this.search.search(message.map((t) => t.term).join(' '), { boostTerm }) : [];
    if (!best) return undefined;
    const topic = best.topic as string;
    const asks = (term: string) => this.askedBy.get(term)?.has(topic) ?? false;
    // An answer's word explains a message only when no other answer uses it: "Saturday", not "order".
    const answers = (term: string) => this.answeredBy.get(term)?.size === 1 && this.answeredBy.get(term)?.has(topic);
    const explains = (term: string) => asks(term) || answers(term);

    const content = message.filter((t) => !t.interrogative);
    if (content.length === 0) {
      // Only question words ("where are you?"): each must belong to this topic alone, so "how are you?" is none.
      const distinctive = message.every((t) => this.askedBy.get(t.term)?.size === 1 && asks(t.term));
      return distinctive && body.includes(' ') ? topic : undefined;
    }
    // The answer's words help explain a message only once the customer's own words for the topic are in it.
    if (!content.some((t) => asks(t.term))) return undefined;
    const total = content.reduce((sum, t) => sum + t.weight, 0);
    const share = content.reduce((sum, t) => sum + (explains(t.term) ? t.weight : 0), 0) / total;

    switch (shapeOf(body)) {
      case 'question': return share > SURE_SHARE ? topic : undefined;
      // "any open sandwiches?": whatever is asked for may be a product, so all of it must be the topic's.
      case 'request': return share === 1 ? topic : undefined;
      case 'statement': return undefined;
      case 'phrase': {
        // A bare phrase must be wholly the topic's too; a lone word ("card", "go back") asks only with a
        // question mark: alone it answers or commands.
        const nouns = content.length + body.split(/[\s?]+/).filter((w) => GENERIC_NOUNS.has(w)).length;
        return share === 1 && (nouns > 1 || body.endsWith('?')) ? topic : undefined;
      }
    }
  }
}

export type ComplaintKind = 'missing' | 'damaged' | 'wrong_item' | 'late' | 'other';

/** What went wrong, by the words for it; the first kind that fits wins. */
const COMPLAINTS: [ComplaintKind, RegExp][] = [
  ['damaged', /\b(?:broken|smashed|cracked|crushed|squashed|squished|damaged|dented|leaking|leaked|leaky|burst|torn|ripped|split|spilt|spilled|bruised|melted|defrosted|thawed|rotten|rotting|mouldy|moldy|expired|stale|spoilt|spoiled|sour|inedible|out of date|past (?:its|the|their) (?:date|best before|use by)|(?:gone|went) (?:bad|off)|(?:was|were|is|are|smells?|smelled|tastes?|tasted) off)\b/],
  ['missing', /\b(?:missing|forgot|forgotten|left (?:out|off|behind)|(?:was|were) not (?:there|in|included|with)|did not (?:get|receive|come with|include)|never (?:got|received)|only (?:got|received|came with|sent)|no \w+ in (?:the|my) (?:bag|box|order|delivery))\b/],
  ['wrong_item', /\b(?:wrong|instead of|not what i (?:ordered|asked for|wanted)|someone else|not mine|(?:ordered|asked for)\b.+\b(?:got|received|sent|came|delivered|gave))\b/],
  ['late', /\b(?:(?:order|delivery|driver|shopping|groceries|parcel|it|arrived|came|was|were)\b[\w ]{0,30}\blate|delayed|still waiting|never (?:arrived|came|turned up|showed up|got here|delivered)|(?:has|have) not (?:arrived|come|turned up|shown up|been delivered)|not (?:arrived|here) yet|took (?:ages|forever|hours|too long)|waited (?:for )?(?:ages|hours|all day))\b/],
  ['other', /\b(?:overcharged|charged (?:me )?twice|double charged|rude|complain|complaint|not happy|unhappy|disappointed|terrible|awful|horrible|disgusting|unacceptable)\b/],
];

/** A past tense: the message speaks of something that already happened. */
const PAST = /\b(?:was|were|came|arrived|got|received|sent|delivered|gave|brought|packed|ordered|paid|bought|fell|forgot|forgotten|left|did not|never|has not|have not|had|been)\b/;
/** The customer's order or delivery named outright. */
const NAMES_ORDER = /\b(?:my|(?:the|this|today'?s|yesterday'?s|last) (?:order|delivery|driver|bag|box|shopping|groceries))\b/;
/** A yes/no question about now or later ("is my order late?"), which asks for a status, not for a person. */
const ASKS_NOW = /^(?:is|are|will|would|can|could|do|does)\b/;

/** Not a complaint: an order ("remove the broken eggs") or a what-if ("what if the eggs arrive broken?"). */
const NOT_A_COMPLAINT = /^(?:add|put|chuck|throw|pop|remove|delete|take|get me|give me|what if|if|what happens if|what do i do if|in case)\b/;

/** The customer's own slip ("i gave the wrong address"), which is no fault of the order. */
const OWN_MISTAKE = /\bi (?:gave|typed|put|entered|chose|picked|selected|said|wrote|ordered|added)\b[^,.;]*\bwrong\b/;

/**
 * A complaint about an order already received, by kind, so a person can take it up with the order in hand.
 * Undefined for anything else, including orders that name a fault ("remove the broken eggs") and questions
 * about policy ("do you refund broken eggs?"), which are the FAQ's.
 */
export function complaintAbout(text: string): ComplaintKind | undefined {
  const said = lowered(text).replace(/[^a-z0-9,.;!?' ]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (NOT_A_COMPLAINT.test(said)) return undefined;
  if (!PAST.test(said) && (ASKS_NOW.test(said) || !NAMES_ORDER.test(said))) return undefined;
  for (const [kind, pattern] of COMPLAINTS) {
    if (kind === 'wrong_item' && OWN_MISTAKE.test(said)) continue;
    if (pattern.test(said)) return kind;
  }
  return undefined;
}
