import type { Intent, SaidQuantity } from '../interpreter';
import type { ProductMatcher } from './matcher';
import { phraseTokens } from './matcher';
import { parseQuantity, splitGlued } from './numbers';
import { parseItems } from './items';
import { words } from './text';

export interface FaqEntry {
  topic: string;
  keywords: string[];
  answer: string;
}

export interface Vocabulary {
  matcher: ProductMatcher;
  /** Category name → the stemmed words that name it, e.g. "Vegetables" → ["vegetable"], plus synonyms. */
  categories: Map<string, string[][]>;
  faq: FaqEntry[];
}

const t = (s: string) => new RegExp(s);
const R = {
  choose: /^(?:#|no\.? ?|number |option )?(\d{1,2})$/,
  human: t("\\b(human|real person|a person|an agent|agent|operator|staff|manager|someone real|talk to (someone|somebody|a person)|speak to (someone|somebody))\\b"),
  help: /^(help|help me|\?+|what can you do|what can i (say|do|ask)|how does (this|it) work|commands|options|instructions)( please)?$/,
  restart: /^(restart|start over|start again|reset|clear (my |the )?(cart|basket)|empty (my |the )?(cart|basket)|new order|begin again)( please)?$/,
  menu: /^(menu|main menu|categories|browse|catalog|catalogue|what do you (sell|have|stock)|what have you got|show (me )?(the )?(menu|categories|products|catalog))( please)?$/,
  status: t("\\b(where('?s| is) my (order|delivery|stuff|food|groceries)|order status|status|track(ing)?( my order)?|my orders?|has my order|when will my order|is my order)\\b"),
  cancelOrder: t("^(please )?cancel( my| the)?( last| whole)? order\\b|^cancel\\b.*\\bord-?\\d+|^cancel( it)?( please)?$"),
  orderId: /\bord-?\s?(\d{3,})\b/,
  checkout: t("^(check ?out|checkout|that'?s (all|it|everything)|i'?m (done|finished)|done|finished|finish|place (the |my )?order|pay|nothing else|no(pe)?,? that'?s (all|it)|ready to (order|pay|check ?out)|proceed|complete (my )?order)( please| now| thanks| thank you)?$"),
  cart: t("\\b(cart|basket|trolley)\\b|^(what('?s| is| do i have) (in )?my (order|list)|my order so far|what have i (got|ordered)|show (me )?my order|review( my order)?|total|summary)\\??$"),
  yes: /^(yes|yeah|yea|yep|yup|ya|sure|ok|okay|k|correct|confirm|confirmed|please do|go ahead|do it|y|absolutely|definitely|of course|yes please|yes place it|place it|sounds good|right|that'?s right|affirmative|go on|go on then|yes please do|yes do|yes do it|ok do it|okay do it)( please| thanks| then)?$/,
  no: /^(no|nope|nah|not yet|n|wait|no thanks|no thank you|not now|negative|don'?t|stop|no keep shopping|keep shopping)$/,
  delivery: /^((for|by|as) )?(delivery|deliver( it)?|home delivery|deliver (it )?to (me|my (home|address|house|place)))( please)?$/,
  pickup: /^((for|by|as) )?(pick ?up|pick (it|them|the order|my order|everything) up|collect( it)?|collection|i'?ll (pick (it )?up|collect( it)?)|click and collect|in store|store pickup)( please)?$/,
  greet: /^(hi|hello|hey|hiya|howdy|yo|hola|good (morning|afternoon|evening|day)|greetings|start|\/start|sup|what'?s up|morning|evening)( there| again| grocer)?$/,
  thanks: /^(thanks|thank you|thank u|thx|ty|cheers|great|perfect|awesome|cool|lovely|nice|brilliant|ok thanks|okay thanks)( so much| a lot| very much)?$/,
  deals: /^(?:(?:are there|is there|do you have|have you got|you got|got|what|what are|show me|list)(?: the| your)? )?(?:any )?(?:deals?|offers?|special offers?|specials|promotions?|promos?|discounts?|bargains?)(?: today| this week| right now| now| at the moment| going| available| running| do you have| have you got)?(?: please)?$|^(?:what(?:'?s| is| do you have)|anything) on (?:offer|sale|special)(?: today| this week| right now)?$/,
  setIt: /^(?:(?:actually|sorry|no|oh|ok|okay),? )*(?:make|change|set|update|switch) (?:it|that|this|them|those) (?:to |into )?(.+)$/,
  setNamed: /^(?:(?:actually|sorry|no|oh|ok|okay),? )*(?:make|change|set|update) (?:the |my )?(.+?) (?:to|into) (.+)$/,
  setBare: /^(?:actually|just|only) (.+)$/,
  remove: /^(?:please )?(?:remove|delete|take out|take off|take away|drop|cancel|get rid of|no more|i don'?t want(?: the| any)?|don'?t want(?: the| any)?|without|minus|scrap|forget)(?: the| my)? (.+?)(?: from (?:my |the )?(?:cart|basket|order))?(?: please)?$/,
  askStock: /^(?:do|does) (?:you|u|the store|you guys) (?:have|sell|stock|carry|got)(?: any)? (.+?)(?: in stock| today| at the moment| right now| left)?$|^(?:have you got|got|any|is there|are there)(?: any)? (.+?)(?: in stock| left| available| today)?$|^(?:is|are) (?:the |there )?(?:any )?(.+?) (?:in stock|available)$/,
  askPrice: /^(?:how much (?:is|are|for|does|do|would)(?: an? | the | one )?|what(?:'s|s| is| are) the price (?:of|for) |(?:the )?price (?:of|for) |what does |what do |how much |cost of )(.+?)(?: cost| costs| go for| each| per kg| a kilo| a kg)?$/,
  search: /^(?:search(?: for)?|find|look(?:ing)? for|i'?m looking for|show me|what kinds? of|what types? of|which)\s+(.+?)(?: do you have| have you got| are there)?$/,
  browse: /^(?:show(?: me)?|list|browse|see|view|what(?: is| are| do you have in)?)(?: me)?(?: the| your| all| all the| some)? (.+?)(?: do you have| have you got| section| category| aisle| items| products| range| please)?$/,
  addPrefix: /^(?:(?:hi|hello|hey|ok|okay|yes|yeah|so|and|also|oh|um|uh|please|great|thanks|cool)[ ,]+)*(?:(?:i(?:'d| would) like(?: to (?:order|get|have|buy|add))?|i want(?: to (?:order|get|have|buy|add))?|i need|i'?ll (?:take|have|get)|i will (?:take|have|get)|can i (?:get|have|order)|could i (?:get|have|order)|may i (?:get|have)|give me|get me|send me|let me (?:get|have)|gimme|add|put|order|buy|grab|throw in|include|and)\s+)+/,
  wishPrefix: /^(?:(?:ok|okay|so|um|right|great|yes|yeah)\s+)*(?:i(?:'d| would) like to|i want to|i wanna|i'?d like|i want|i need to|can i|could i|may i|let me|let'?s|please|i'?ll|i will|i'?m going to|i'?m ready to)\s+/,
  addSuffix: /\s+(?:to|in|into|on) (?:my |the )?(?:cart|basket|order|trolley)$|\s+(?:please|thanks|thank you|as well|too|also)$|\s+for (?:me|us|myself|ourselves|my (?:family|kids|wife|husband|partner|mum|mom|dad|house)|the (?:family|kids|house|week|weekend))$/,
};

const stripPolite = (s: string) => s.replace(/^please /, '').replace(/( please| thanks| thank you)$/, '').trim();

/** The category a few words name, if they name nothing else. */
function category(text: string, v: Vocabulary): string | undefined {
  const tokens = phraseTokens(text);
  if (tokens.length === 0) return undefined;
  for (const [name, phrases] of v.categories) {
    if (phrases.some((p) => tokens.every((tk) => p.includes(tk)))) return name;
  }
  return undefined;
}

export function quantityOf(text: string, v: Vocabulary): SaidQuantity | undefined {
  const tokens = splitGlued(words(text));
  // Zero is a quantity here: "make it 0" takes the line out.
  const q = parseQuantity(tokens, 0, true, true);
  if (!q) return undefined;
  // "2 bags" answers "how many bags?": a shelf label after the amount is still only an amount.
  const rest = tokens.slice(q.next).filter((w) => !['please', 'instead', 'then', 'pieces', 'items', 'of', 'them'].includes(w) && !v.matcher.isPackaging(w));
  return rest.length === 0 ? q.quantity : undefined;
}

/** An amount followed only by shelf labels ("to loaves", "2 bags"): never a bare "to" or "for". */
function labelledAmount(text: string, v: Vocabulary): SaidQuantity | undefined {
  const tokens = splitGlued(words(text));
  const q = parseQuantity(tokens, 0, true);
  if (!q || q.next >= tokens.length) return undefined;
  const rest = tokens.slice(q.next).filter((w) => w !== 'of');
  return rest.length > 0 && rest.every((w) => v.matcher.isPackaging(w)) ? q.quantity : undefined;
}

/** One pattern per FAQ topic, compiled once per FAQ list rather than once per keyword per message. */
const faqPatterns = new WeakMap<FaqEntry[], { topic: string; pattern: RegExp }[]>();

function faq(text: string, v: Vocabulary): string | undefined {
  let patterns = faqPatterns.get(v.faq);
  if (!patterns) {
    patterns = v.faq.map((f) => ({ topic: f.topic, pattern: new RegExp(f.keywords.map((k) => `\\b(?:${k})\\b`).join('|')) }));
    faqPatterns.set(v.faq, patterns);
  }
  return patterns.find((p) => p.pattern.test(text))?.topic;
}

/** Classifies one normalized message. Order matters: commands before questions before items. */
export function classify(raw: string, v: Vocabulary): Intent {
  if (!/[a-z0-9]/.test(raw)) return { type: 'unknown', text: raw };
  // Commands are matched without punctuation: "Yes, place it" is "yes place it".
  const text = raw.replace(/[,;!]+/g, ' ').replace(/\s+/g, ' ').trim();
  const chosen = R.choose.exec(text);
  if (chosen) return { type: 'choose', index: Number(chosen[1]) };
  const amount = quantityOf(text, v);
  if (amount) return { type: 'quantity', quantity: amount };
  // "I want to check out", "can I pick it up": the command after the wish.
  const wish = text.replace(R.wishPrefix, '');
  if (wish !== text && wish) {
    if (R.checkout.test(wish)) return { type: 'checkout' };
    if (R.restart.test(wish)) return { type: 'restart' };
    if (R.pickup.test(wish)) return { type: 'pickup' };
    if (R.delivery.test(wish)) return { type: 'delivery' };
  }
  if (R.help.test(text)) return { type: 'help' };
  if (R.human.test(text)) return { type: 'human' };
  if (R.restart.test(text)) return { type: 'restart' };
  if (R.menu.test(text)) return { type: 'browse' };
  if (R.yes.test(text)) return { type: 'yes' };
  if (R.no.test(text)) return { type: 'no' };
  if (R.delivery.test(text)) return { type: 'delivery' };
  if (R.pickup.test(text)) return { type: 'pickup' };
  if (R.cancelOrder.test(text)) {
    const id = R.orderId.exec(text);
    return { type: 'cancel_order', orderId: id ? `ORD-${id[1]}` : undefined };
  }
  if (R.checkout.test(text)) return { type: 'checkout' };
  if (R.status.test(text)) return { type: 'status' };
  if (R.cart.test(text) && !R.addPrefix.test(text) && !R.remove.test(text)) return { type: 'show_cart' };
  if (R.greet.test(text)) return { type: 'greet' };
  if (R.thanks.test(text)) return { type: 'thanks' };
  if (R.deals.test(text)) return { type: 'deals' };

  const setIt = R.setIt.exec(text);
  if (setIt) {
    const q = quantityOf(setIt[1]!, v);
    if (q) return { type: 'set_qty', quantity: q };
    const [item] = parseItems(setIt[1]!, v.matcher).items;
    if (item && item.quantity.kind !== 'none') return { type: 'set_qty', item, quantity: item.quantity };
  }
  const setNamed = R.setNamed.exec(text);
  if (setNamed) {
    const q = quantityOf(setNamed[2]!, v);
    const [item] = parseItems(setNamed[1]!, v.matcher, false).items;
    if (q && item) return { type: 'set_qty', item, quantity: q };
  }
  const setBare = R.setBare.exec(text);
  if (setBare) {
    const q = quantityOf(setBare[1]!, v);
    if (q) return { type: 'set_qty', quantity: q };
  }

  const removal = R.remove.exec(text);
  if (removal) {
    const { items } = parseItems(removal[1]!, v.matcher, false);
    if (items.length > 0) return { type: 'remove', items };
  }

  const topic = faq(text, v);
  if (topic) return { type: 'faq', topic };

  const stock = R.askStock.exec(text);
  const price = stock ? undefined : R.askPrice.exec(text);
  const asked = stock ? (stock[1] ?? stock[2] ?? stock[3]) : price?.[1];
  if (asked) {
    const what = stripPolite(asked);
    const cat = category(what, v);
    if (cat && !v.matcher.isExactName(what)) return { type: 'browse', category: cat };
    const { items } = parseItems(what, v.matcher, false);
    if (items.length > 0) return { type: 'ask', about: stock ? 'stock' : 'price', items };
  }

  const browsing = R.browse.exec(text) ?? R.search.exec(text);
  if (browsing) {
    const what = stripPolite(browsing[1]!);
    const cat = category(what, v);
    if (cat) return { type: 'browse', category: cat };
  }
  const alone = category(stripPolite(text), v);
  if (alone && !v.matcher.isExactName(stripPolite(text))) return { type: 'browse', category: alone };
  const searching = R.search.exec(text);
  if (searching) {
    const query = stripPolite(searching[1]!);
    return { type: 'search', query, skus: v.matcher.search(query) };
  }

  const body = raw.replace(R.addPrefix, '').replace(R.addSuffix, '').replace(R.addSuffix, '').trim();
  // "I'd like to loaves": an amount of a shelf label and nothing else answers "how many?", homophone or not.
  const labelled = body !== raw ? labelledAmount(body, v) : undefined;
  if (labelled) return { type: 'quantity', quantity: labelled };
  const { items } = parseItems(body, v.matcher, true);
  if (items.some((i) => i.match.kind !== 'none')) return { type: 'add', items };
  // "add flux capacitor" or "2 flux capacitors" is an order for something we lack: say so. An amount
  // inside a sentence ("is this for two people") makes no order of it.
  if (items.length > 0 && (R.addPrefix.test(raw) || startsWithAmount(body))) return { type: 'add', items };
  return { type: 'unknown', text };
}

function startsWithAmount(text: string): boolean {
  return parseQuantity(splitGlued(words(text)), 0, false) !== undefined;
}

/** "add 2", "add 2 for me", "I'll take 3 please": an amount to add, of no product named. */
export function amountToAdd(raw: string, v: Vocabulary): SaidQuantity | undefined {
  const text = raw.replace(/[,;!]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!R.addPrefix.test(text)) return undefined;
  const body = text.replace(R.addPrefix, '').replace(R.addSuffix, '').replace(R.addSuffix, '').trim();
  if (!body) return undefined;
  const tokens = splitGlued(words(body));
  const q = parseQuantity(tokens, 0, false);
  // "add 2 more", "add another": the amount alone; "add to" is no amount.
  return q && tokens.slice(q.next).every((w) => w === 'more' || w === 'extra') ? q.quantity : undefined;
}
