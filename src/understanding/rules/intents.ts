import type { Intent, ItemRequest, SaidQuantity } from '../interpreter';
import type { ProductMatcher } from './matcher';
import { phraseTokens } from './matcher';
import { parseQuantity, splitGlued } from './numbers';
import { parseItems } from './items';
import { spellTexting, TEXTING, words } from './text';
import { peel, SENTENCE_WORDS } from './phrases';
import { saysHello, saysThanks } from './chat';
import { spellVerbs } from './verbs';
import { complaintAbout, type FaqIndex } from './faq';
import type { ProductLookup } from './labels';
import { readUsual, usualAmong } from './usual';
import { dietQuestion } from './diet';

export type { FaqSource as FaqEntry } from './faq';

export interface Vocabulary {
  matcher: ProductMatcher;
  /** The products by SKU: a shelf label said ("a tin of") chooses among products of the same name. */
  products: ProductLookup;
  /** Category name → the stemmed words that name it, e.g. "Vegetables" → ["vegetable"], plus synonyms. */
  categories: Map<string, string[][]>;
  /** The FAQ, ranked by meaning (BM25 over each entry's questions, keywords and answer). */
  faq: FaqIndex;
}

const t = (s: string) => new RegExp(s);
const R = {
  choose: /^(?:#|no\. ?|number |option )?(\d{1,2})$/,
  human: t("\\b(human|humans|real person|a person|an agent|agent|operator|staff|manager|someone real|representative|rep|customer (care|service|support)|live (chat|agent|person)|(talk|speak|chat) (to|with) (someone|somebody|a person|a human|a real|an actual|the shop|the store|the owner)|put me through|call me back|ring me back)\\b"),
  help: /^(?:(?:um|uh|ok|okay|so|hi|hello|hey|please|can you|could you|pls)\s+)*(help|help me|help pls|\?+|what can (you|u) do|wh?at can u do|what can i (say|do|ask)|how (does|do) (this|it|i use this|you) work( then)?|how do i (use|order|do) (this|it|anything)|how (to|do i) use (this|it)|what do i do( now| here)?|i'?m (not )?(really )?(sure|confused|lost|stuck)( about)? how to (use|order)( this| it)?|commands|options|instructions|guide me)( please| pls| then| me)?$|\b(can|could) (you|u|someone) help me\b/,
  restart: /^(restart|start over|start again|reset|clear (my |the )?(cart|basket)|empty (my |the )?(cart|basket)|new order|begin again)( please)?$/,
  menu: /^(menu|main menu|categories|browse|catalog|catalogue|what do you (sell|have|stock)|what have you got|show (me )?(the )?(menu|categories|products|catalog))( please)?$/,
  status: t("\\b(where('?s| is| are) (my|the|our) (order|delivery|stuff|food|groceries|shopping|things)|order status|status|track(ing)?( my order)?|my orders?|has my order|when will (my|the|our|it|they|that|this)( order| delivery| stuff| food| groceries| shopping)? (arrive|get here|come|be here|turn up|show up|be delivered|be ready|reach)|(is|has) (my|our) (order|delivery|shopping|stuff|food|groceries)|(when|what time)('?s| is| will)? (it|my order|my delivery|the delivery)('ll)? (arriving|coming|due|turn up|get here|be here|arrive)|on (its|it'?s|the) way|(has|have) (it|they|my order) (been )?(sent|shipped|dispatched|left)|eta|(is|has) it (been )?(sent|shipped|dispatched|out for delivery)|how long (till|until|before) (it|my order|my delivery)|(is|are) (it|they|everything|my (order|shopping|groceries|stuff|food|things)|the order)( all)? ready|ready (with|for) my (order|shopping|groceries)|^(is it )?ready yet$)\\b"),
  cancelOrder: t("^(please )?cancel( my| the| that)?( last| whole)? order\\b|^cancel\\b.*\\bord-?\\d+|^cancel( it)?( please)?$|\\bcancel (my|the|that|this) (last |whole |latest )?order\\b|\\bcancel the order i (just )?(made|placed)\\b"),
  orderId: /\bord-?\s?(\d{3,})\b/,
  checkout: t("^(check ?out|checkout|that'?s (all|it|everything|the lot|me|us|me done|us done|all for now|it for now)|i'?m (done|finished)|done|finished|finish|place (the |my )?order|pay|nothing else|no(pe)?,? that'?s (all|it)|ready to (order|pay|check ?out)|proceed|complete (my )?order)( please| pls| now| thanks| thank you)?$"),
  /** A wish to finish, inside a longer message: "that's me done, can I pay now", "go ahead and check out". */
  checkoutSaid: /\b(?:all done|done|finished|that'?s (?:it|all|the lot|everything)|check ?(?:me )?out|checkout|chek ?out|chekcout|place (?:the |my |this )?order|finali[sz]e (?:the |my |this )?order|complete (?:the |my |this )?order|submit (?:the |my |this )?order|confirm (?:the |my |this )?order|ring (?:me|it|this) up|wrap (?:it|this|things) up|get (?:this|the|my) order (?:through|in|placed|sent)|send (?:it|this|the order) through|pay now|(?:can|could) i pay(?: now)?|ready to (?:pay|order|check ?out)|that'?s (?:all|it|everything|me done)|i'?m (?:all )?(?:done|finished)(?: shopping)?|proceed (?:to|for|with) (?:check ?out|payment|the order))\b/,
  /** Words that may stand around a wish to finish without adding anything. */
  checkoutAround: /^(?:(?:ok|okay|k|kk|so|um|uh|yeah|yes|right|righto|alright|all good|great|cool|lovely|mate|love|me|us|all done|the lot|it|for|i think|think|and|then|now|please|pls|kindly|thanks|thank you|cheers|go ahead|lets|let'?s|let us|can you|could you|i'?d like to|i want to|i wanna|i need to|i'?m ready to|ready to|need to|want to|to|me|and then|just|that'?s (?:all|it|everything|me done)|i'?m (?:all )?(?:done|finished)(?: shopping)?|all i need|is all i need|that is all i need|i think that is all i need|nothing else|for now|shopping|for today|done|finished|(?:check ?(?:me )?out|checkout|chek ?out|chekcout|place (?:the |my |this )?order|finali[sz]e (?:the |my |this )?order|complete (?:the |my |this )?order|submit (?:the |my |this )?order|confirm (?:the |my |this )?order|ring (?:me|it|this) up|wrap (?:it|this|things) up|get (?:this|the|my) order (?:through|in|placed|sent)|send (?:it|this|the order) through|pay now|(?:can|could) i pay(?: now)?|pay|proceed (?:to|for|with) (?:check ?out|payment|the order)))[ ,.!?]*)+$/,
  cart: t("\\b(cart|basket|trolley)\\b|^(what('?s| is| do i have) (in |on )?my (order|list|shopping list)|show (me )?(my|the) (shopping list|list|order|cart|basket|trolley)|my order so far|what have i (got|ordered)|show (me )?my order|review( my order)?|total|summary)\\??$"),
  /** "what's it come to?", "how much is that altogether", "what do I owe", "what have I got so far". */
  cartTotal: /^(?:so |ok |okay |and |right )?(?:what(?:'?s| is| does| do| will)? (?:it|that|this|everything|all that|all this|the lot|my order|the order|my bill|the bill|my shopping|the damage|my total|the total)(?: all)? (?:come|comes|coming|came|add|adds) (?:up )?to(?: now| so far| then| altogether| in total)?|what(?:'?s| is| are) (?:my|the|our) (?:total|subtotal|bill|damage|grand total|order total|running total|tab)(?: so far| now| then| please| come to)?|how much (?:is|does|will|would|do) (?:that|it|this|everything|all that|all this|the lot|my order|my cart|my basket|my shopping|my bill|the total|i owe|i have to pay|we owe)(?: be| cost| come to| comes? to| add up to| altogether| all together| in total| total| so far| now| then)*|how much do (?:i|we) (?:owe|have to pay|need to pay)(?: you)?(?: altogether| in total| so far)?|what do (?:i|we) owe(?: you)?|what(?:'?s| is| have| do) (?:i|we) (?:got|have|ordered|added|picked)(?: so far| in there| now| then)*|what(?:'?s| is) (?:in|on) (?:there|it|the list|my list|the order|my order)|what(?:'?s| is) (?:it|that|the total) (?:all )?(?:together|altogether|in total)|(?:read|say) (?:it|that|my order|the order|the list|my list|everything) back(?: to me)?|total (?:please|pls|so far|up)|(?:the )?total so far|tot(?:al)? it up|(?:can i|could i|let me) (?:see|have|get) (?:the|my) (?:total|bill|order|list))(?: please| pls| then| now| so far)?$/,
  yes: /^(yes|yeah|yea|yep|yup|ya|sure|ok|okay|k|correct|confirm|confirmed|please do|go ahead|do it|y|absolutely|definitely|of course|yes please|yes place it|place it|sounds good|right|that'?s right|affirmative|go on|go on then|yes please do|yes do|yes do it|ok do it|okay do it)( please| thanks| then)?$/,
  no: /^(no|nope|nah|not yet|n|wait|no thanks|no thank you|not now|negative|don'?t|stop|no keep shopping|keep shopping)$/,
  delivery: /^((for|by|as) )?(delivery|deliver( it)?|home delivery|deliver (it )?to (me|my (home|address|house|place)))( please)?$/,
  pickup: /^((for|by|as) )?(pick ?up|pick (it|them|the order|my order|everything) up|collect( it)?|collection|i'?ll (pick (it )?up|collect( it)?)|click and collect|in store|store pickup)( please| pls| thanks| thank you| cheers| ta)?$/,
  greet: /^(hi|hello|hey|hiya|howdy|yo|hola|good (morning|afternoon|evening|day)|greetings|start|\/start|sup|what'?s up|morning|evening)( there| again| grocer)?$/,
  thanks: /^(thanks|thank you|thank u|thx|ty|cheers|great|perfect|awesome|cool|lovely|nice|brilliant|ok thanks|okay thanks)( so much| a lot| very much)?$/,
  /** "swap the brown bread for white", "replace the coke with diet coke", "change the penne to fusilli". */
  swap: /^(?:(?:actually|sorry|oh|ok|okay|no|can you|could you|can u|please|pls|kindly|can we|could we|i'?d like to|i want to|i wanna|let'?s|just)\s+)*(?:swap|switch|change|replace|exchange|sub|substitute|trade|update|make)(?: out)? (?:the |my |that |those |these )?(.+?) (?:for|with|to|into|by|4) (?:the |some |a |an )?(.+)$/,
  /** "instead of the penne can I have fusilli", "fusilli instead of penne", "diet coke not normal coke". */
  insteadOf: /^instead of (?:the |my |that )?(.+?)(?: can i (?:have|get)| could i (?:have|get)| can (?:you|u) (?:do|get|send|give me|make it)| give me| get me| i'?ll (?:have|take)| i want| i'?d like| let'?s (?:have|do|get)| make it| send| put| add| please)+\s*(?:the |some |a |an )?(.+)$|^(?:(?:can|could) (?:i|we) (?:have|get) |(?:i'?d like|i want|give me|get me|i'?ll (?:have|take)|i'?d rather (?:have|get)|i prefer|i'?d prefer|we'?d rather have) |(?:just )?)(?:the |some |a |an )?(.+?) (?:instead of|rather than|not) (?:the |my |that |normal |regular |plain |usual )*(.+)$/,
  /** "make the bacon unsmoked", "change the milk to oat": a product made into another, both named by the words. */
  makeInto: /^(?:(?:actually|sorry|oh|ok|okay|no|can you|could you|please|pls|just)\s+)*(?:make|change|switch|turn) (?:the |my |that |those )?(.+?)(?: please| pls| sorry| thanks| instead| then)*$/,
  /** "scratch the crisps, rice instead", "no coke, make it sprite instead", "make the ground beef ground turkey instead". */
  thenInstead: /^(?:scratch|drop|remove|no|not|forget|cancel|ditch|lose|take out|delete|make|change)(?: the| my| that)? (.+) instead$/,
  deals: /^(?:(?:are there|is there|do you have|have you got|you got|got|what|what are|show me|list)(?: the| your)? )?(?:any )?(?:deals?|offers?|special offers?|specials|promotions?|promos?|discounts?|bargains?|coupons?|vouchers?|sales?)(?:(?: or| and) (?:deals?|offers?|specials|promotions?|promos?|discounts?|bargains?|coupons?))?(?: on| today| this week| right now| now| at the moment| going(?: on)?| available| running| do you have| have you got| i can use| to use| for me)*(?: please)?$|^(?:what(?:'?s| is| do you have)|anything|anythin|owt|got anything|is anything|any(?:thing)?) on (?:offer|sale|special|promo|promotion)(?: today| this week| right now| at the moment)?$/,
  setIt: /^(?:(?:actually|sorry|no|oh|ok|okay),? )*(?:make|change|set|update|switch) (?:it|that|this|them|those) (?:to |into )?(.+)$/,
  setNamed: /^(?:(?:actually|sorry|no|oh|ok|okay),? )*(?:make|change|set|update) (?:the |my )?(.+?) (?:to|into) (.+)$/,
  setBare: /^(?:actually|just|only|no|nah|sorry|make that|oops|i meant|sorry i meant|i mean|sorry i mean|meant) (.+)$/,
  remove: /^(?:please )?(?:remove|delete|take out|take off|take away|drop|cancel|get rid of|no more|i don'?t want(?: the| any)?|don'?t want(?: the| any)?|without|minus|scrap|forget)(?: the| my)? (.+?)(?: from (?:my |the )?(?:cart|basket|order))?(?: please)?$/,
  askStock: /^(?:do|does) (?:you|u|the store|you guys) (?:have|sell|stock|carry|got)(?: any)? (.+?)(?: in stock| today| at the moment| right now| left| in)*$|^(?:have you got|got|any|is there|are there|(?:you|u|ya|you guys) got|any chance (?:you|u) (?:have|got|sell))(?: any)? (.+?)(?: in stock| left| available| today| in)*$|^(?:is|are) (?:the |there )?(?:any )?(.+?) (?:in stock|available)(?: today| now| at the moment| right now)?$/,
  askPrice: /^(?:how much (?:is|are|for|does|do|would)(?: an? | the | one )?|what(?:'s|s| is| are) the (?:price|rate|cost) (?:of|for) |(?:the )?(?:price|rate|cost) (?:of|for) |(?:kindly |please |can you )?tell(?: me)? (?:the )?(?:price|rate|cost) (?:of|for) |what(?:'s| is| does)? (?:an? |the )?(?=.+ cost)|what does |what do |how much |cost of )(.+?)(?: cost| costs| go for| each| per kg| a kilo| a kg)?$/,
  search: /^(?:search(?: for)?|find|look(?:ing)? for|i'?m looking for|show me|what kinds? of|what types? of|which)\s+(.+?)(?: do you have| have you got| are there)?$/,
  browse: /^(?:show(?: me)?|list|browse|see|view|what(?: is| are| do you have in)?)(?: me)?(?: the| your| all| all the| some)? (.+?)(?: do you have| have you got| section| category| aisle| items| products| range| please)?$/,
  addPrefix: /^(?:(?:hi|hello|hey|ok|okay|yes|yeah|so|and|also|oh|um|uh|please|great|thanks|cool)[ ,]+)*(?:(?:i(?:'d| would) like(?: to (?:order|get|have|buy|add))?|i want(?: to (?:order|get|have|buy|add))?|i need|i'?ll (?:take|have|get)|i will (?:take|have|get)|can i (?:get|have|order)|could i (?:get|have|order)|may i (?:get|have)|give me|get me|send me|let me (?:get|have)|gimme|add|put|order|buy|grab|throw in|include|and)\s+)+/,
  // "sweet, check out", "cool, pickup": a word of agreement before the command counts as a wish too.
  wishPrefix: /^(?:(?:ok|okay|so|um|right|great|yes|yeah)\s+)*(?:i(?:'d| would) like to|i want to|i wanna|i'?d like|i want|i need to|can i|could i|may i|let me|let'?s|please|i'?ll|i will|i'?m going to|i'?m ready to)\s+|^(?:(?:ok|okay|so|right|great|yes|yeah|yep|sweet|sweet as|cool|nice|awesome|lovely|perfect|brilliant|alright|too easy|beaut|ace)\s+)+/,
  addSuffix: /\s+(?:to|in|into|on) (?:my |the )?(?:cart|basket|order|trolley)$|\s+(?:please|thanks|thank you|as well|too|also)$|\s+for (?:me|us|myself|ourselves|my (?:family|kids|wife|husband|partner|mum|mom|dad|house)|the (?:family|kids|house|week|weekend))$/,
};

/** Words before a stock question that change nothing. */
const STOCK_LEAD = /^(?:(?:hi|hello|hey|hiya|heya|yo|there|ok|okay|so|um|uh|and|also|oh|excuse me|sorry|quick question|just wondering|morning|good (?:morning|afternoon|evening))\s+)+/;

const stripPolite = (s: string) => s.replace(/^please /, '').replace(/( please| thanks| thank you)$/, '').trim();

/** The category a few words name, if they name nothing else. */
/** Words around a category name in a question about it: "show me your frozen stuff", "which fruits are available today". */
const BROWSE_AROUND = new Set(['your', 'stuff', 'things', 'thing', 'items', 'products', 'available', 'today', 'are', 'is', 'there', 'got', 'have', 'do',
  'you', 'sell', 'stock', 'carry', 'sort', 'sorts', 'kind', 'kinds', 'type', 'types', 'section', 'aisle', 'range', 'selection', 'options', 'now',
  'in', 'at', 'the', 'moment', 'what', 'which', 'wot', 'u', 'ya', 'any', 'all', 'some', 'we', 'can', 'i', 'get', 'buy', 'see', 'list', 'show', 'me']);

export function category(text: string, v: Vocabulary, asked = false): string | undefined {
  const tokens = phraseTokens(asked ? words(text).filter((w) => !BROWSE_AROUND.has(w)).join(' ') : text);
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

/** Classifies one normalized message. Order matters: commands before questions before items. */
/** "nah thats everything thx", "no that'll be all for today cheers", "nope, ring me up": nothing more, check out. */
const FINISHED_SAID = /^(?:(?:no+|nope|nah|naw)\s+)?(?:(?:that'?s|thats|that'?ll be|thatll be|that will be|that is|it'?s|its)\s+(?:all|everything|it|the lot)(?:\s+(?:for (?:today|now)|i need|thanks|thank you|thx|ty|cheers|ta|mate|please|pls))*|ring (?:me|it) up(?:\s+(?:please|pls|thanks|thx|cheers))*)$/;

export function classify(said: string, v: Vocabulary): Intent {
  if (!/[a-z0-9]/.test(said)) return { type: 'unknown', text: said };
  // Speech fillers mean nothing anywhere ("take the uh the salmon off"), and a misspelt command is still one.
  const raw = spellVerbs(said.replace(/\b(?:u+m+|u+h+|e+r+m+|e+r+|a+h+|h+m+)\b[,]?\s*/g, '').replace(/\s+/g, ' ').trim()) || said;
  // Commands are matched without punctuation: "Yes, place it" is "yes place it".
  const text = raw.replace(/[,;!]+/g, ' ').replace(/\s+/g, ' ').trim();
  const chosen = R.choose.exec(text);
  // Texting: "u" is you, "ur" your, "r" are.
  if (TEXTING.test(text)) return classify(spellTexting(said), v);
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
  const usual = readUsual(text, v);
  if (usual) return usual;
  if (FINISHED_SAID.test(text)) return { type: 'checkout' };
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
  // "my order was missing the bread", "the eggs came broken": a person answers, with the order.
  // Not when the same message asks something of the cart ("the bananas came bruised, so add 2 more"): that is
  // shopping, with a remark. Not about the customer's own details ("my address is wrong").
  const complaint = /\b(?:add|remove|delete|swap|replace|address|name|phone number|take (?:off|out)|take \w+ (?:off|out)|get rid of|drop)\b/.test(raw) ? undefined : complaintAbout(raw);
  if (complaint) return { type: 'complaint', about: complaint };
  const diet = dietQuestion(raw, v);
  if (diet) return diet;
  if (R.checkout.test(text)) return { type: 'checkout' };
  if (R.checkoutSaid.test(text) && R.checkoutAround.test(text)) return { type: 'checkout' };
  const peeled = peel(raw);
  // "add it to my order" names the order only as where an item goes.
  // "please note my order: 2 kg onions" is an order, not a question about one.
  const ordersProducts = peeled.verb === 'add' && parseItems(peeled.core, v.matcher, false, v.products).items.some((i) => i.match.kind !== 'none');
  // "can my husband collect my order?": who may collect is a question for a person, not the order's status.
  const someoneElse = /^(?:can|could|may|is it ok if|would it be ok if|is it okay if) (?:my (?!order)\w+|someone|somebody|a friend|a neighbou?r|another person)\b/.test(text);
  if (R.status.test(text) && !peeled.into && !peeled.outOf && !ordersProducts && !someoneElse) return { type: 'status' };
  if (R.cartTotal.test(text) || asksAboutCart(text, v)) return { type: 'show_cart' };
  if (R.cart.test(text) && !R.addPrefix.test(text) && !R.remove.test(text) && peel(text).verb === undefined) return { type: 'show_cart' };
  if (R.greet.test(text) || saysHello(text)) return { type: 'greet' };
  if (R.thanks.test(text) || saysThanks(text)) return { type: 'thanks' };
  if (R.deals.test(text)) return { type: 'deals' };
  // The swap is read up to the first sentence mark: "swap the heinz for branston ones, theyre cheaper".
  const swapped = swap(text, v) ?? swap(raw.split(/[,.;!?]/)[0]!.trim(), v);
  if (swapped) return swapped;

  const setIt = R.setIt.exec(text);
  // "make that 3 avocados instead of 2": the old amount said after the new one.
  if (setIt) setIt[1] = setIt[1]!.replace(/\s+(?:instead of|not|rather than)\s+\w+$/, '');
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

  if (peeled.verb === 'empty') return { type: 'restart' };
  if (peeled.verb === 'remove' && peeled.core) {
    const { items, unread } = parseItems(peeled.core, v.matcher, false, v.products);
    if (items.length > 0) return { type: 'remove', items, ...(unread.length ? { unsure: true as const } : {}) };
  }
  const removal = R.remove.exec(text);
  if (removal) {
    const { items, unread } = parseItems(removal[1]!, v.matcher, false, v.products);
    if (items.length > 0) return { type: 'remove', items, ...(unread.length ? { unsure: true as const } : {}) };
  }

  const topic = v.faq.match(raw);
  if (topic) return { type: 'faq', topic };

  // "hello, do you have…", "hi there, u got…": a greeting before the question changes nothing.
  const lead = text.replace(STOCK_LEAD, '');
  const stock = R.askStock.exec(text) ?? (lead !== text && /^(?:do|does|have you got|you got|u got|ya got|got any|any chance)\b/.test(lead) ? R.askStock.exec(lead) : null);
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
    const cat = category(what, v, true);
    if (cat) return { type: 'browse', category: cat };
  }
  // A shelf's name alone ("veg", "dairy"), unless it is a product's name too, or said with an amount ("a 12 pack of eggs").
  const alone = category(stripPolite(text), v);
  if (alone && !/\d/.test(text) && !v.matcher.isExactName(stripPolite(text))) return { type: 'browse', category: alone };
  const searching = R.search.exec(text);
  if (searching) {
    const query = stripPolite(searching[1]!);
    return { type: 'search', query, skus: v.matcher.search(query) };
  }

  // The usual beside other requests ("2 limes and my usual coffee"), or spoken of in a way not followed: never a guess.
  const among = usualAmong(text, v, (part) => classify(part, v));
  if (among) return among;
  const prefixed = raw.replace(R.addPrefix, '').replace(R.addSuffix, '').replace(R.addSuffix, '').trim();
  const ordered = peeled.verb === 'add' || prefixed !== raw;
  const body = peeled.verb === 'add' || peeled.core.length < prefixed.length ? peeled.core : prefixed;
  if (!body) return { type: 'unknown', text, chatter: true };
  // "I'd like to loaves": an amount of a shelf label and nothing else answers "how many?", homophone or not.
  const labelled = ordered ? labelledAmount(body, v) : undefined;
  if (labelled) return { type: 'quantity', quantity: labelled };
  const parsed = parseItems(body, v.matcher, true, v.products);
  const { unread, measures } = parsed;
  // "we are vegetarian, no egg also": a product said after "no" or "without" is never one to add.
  const refused = parsed.items.filter((i) => saidAfterNo(words(body), words(i.query)));
  const items = parsed.items.filter((i) => !refused.includes(i));
  if (refused.length && !items.length) return { type: 'unknown', text };
  const unsure = unread.length || refused.length ? { unsure: true as const } : {};
  // "a gallon of whole milk": the product is clear, the amount is not; its price and "how many?", not a guess.
  const [only] = items;
  if (items.length === 1 && only?.match.kind === 'product' && measures.length > 0 && unread.every((w) => measures.includes(w))) return { type: 'ask', about: 'stock', items, unsure: true };
  // "sure, do you have milk?", "is there any bread": a question names products without ordering them.
  if (!ordered && QUESTION.test(text) && items.some((i) => i.match.kind !== 'none')) return { type: 'ask', about: 'stock', items: items.filter((i) => i.match.kind !== 'none') };
  if (items.some((i) => i.match.kind !== 'none')) return { type: 'add', items, ...unsure };
  // "add flux capacitor" or "2 flux capacitors" is an order for something we lack: say so. An amount
  // inside a sentence ("is this for two people") makes no order of it.
  if (items.length > 0 && (ordered || startsWithAmount(body))) return { type: 'add', items, ...unsure };
  // Only politeness, who it is for and grammar ("for my mum", "please could you"): nothing asked yet.
  if (items.length === 0 && unread.length === 0) return { type: 'unknown', text, chatter: true };
  return { type: 'unknown', text };
}

/** Words that refuse what follows them: "no egg", "without the nuts", "don't want any milk", "allergic to nuts". */
const REFUSING = new Set(['no', 'not', 'without', 'never', 'zero', 'nothing', 'want', 'to']);
const BETWEEN_NO = new Set(['any', 'more', 'the']);

/** Whether the words of an item come right after a refusal ("want" and "to" only as "don't want", "allergic to"). */
function saidAfterNo(said: string[], item: string[]): boolean {
  for (let at = 0; at + item.length <= said.length; at += 1) {
    if (!item.every((w, k) => said[at + k] === w)) continue;
    let k = at - 1;
    if (k >= 0 && BETWEEN_NO.has(said[k]!)) k -= 1;
    const before = said[k];
    if (before === undefined || !REFUSING.has(before)) continue;
    if (before === 'want' && !/^(?:don'?t|dont|do)$/.test(said[k - 1] ?? '')) continue;
    if (before === 'to' && said[k - 1] !== 'allergic') continue;
    return true;
  }
  return false;
}

/** Words after a product that only point back at it: "the ground stuff", "the red ones". */
const ONES = /\s+(?:instead|please|pls|thanks|then|one|ones|stuff|kind|type|version|variety|sort|brand)$/;

/** One side of a swap as a product; with the other side's head noun when it names none alone ("white" → white bread). */
function swapSide(said: string, other: string, v: Vocabulary, side: 'from' | 'to'): ItemRequest | undefined {
  let clean = said.trim();
  for (let k = 0; k < 3; k += 1) clean = clean.replace(ONES, '').trim();
  const [item] = parseItems(clean, v.matcher, false, v.products).items;
  // The line taken out is named by its own words when they name anything ("the bacon", not "unsmoked bacon").
  if (side === 'from' && item && item.match.kind !== 'none') return item;
  // "trade the vanilla ice cream for chocolate": with the other side's head noun first, the same kind of thing.
  const named = words(other).filter((w) => v.matcher.tokens(w).length > 0);
  for (const size of [2, 1]) {
    const head = named.slice(-size);
    if (head.length < size || head.some((w) => words(clean).includes(w))) continue;
    const [widened] = parseItems(`${clean} ${head.join(' ')}`, v.matcher, false, v.products).items;
    if (widened?.match.kind === 'product') return { ...widened, query: clean };
  }
  return item;
}

function swapOf(fromWords: string, toWords: string, v: Vocabulary): Intent | undefined {
  // "change the milk to 2" sets an amount; that is not a swap.
  if (quantityOf(toWords.replace(ONES, ''), v)) return undefined;
  const from = swapSide(fromWords, toWords, v, 'from');
  const to = swapSide(toWords, fromWords, v, 'to');
  // The line taken out may name several products ("the heinz"): the cart decides which (cart-context.ts).
  if (!from || !to || from.match.kind === 'none' || to.match.kind !== 'product') return undefined;
  if (from.match.kind === 'product' && from.match.sku === to.match.sku) return undefined;
  return { type: 'replace', from, to };
}

/** A question, after a word of assent or greeting: "sure do you have…", "ok is there…". */
const QUESTION = /^(?:(?:sure|yes|yeah|ok|okay|so|and|but|hi|hey|hello|um|oh)\s+)*(?:do|does|did|is|are|was|were|have you|has|what|which|where|when|why|how|who)\b/;

/** Words that ask what is in the cart or what it comes to, in a question or request naming no product. */
const CART_ASKED = /\b(?:so far|till now|until now|up to now|(?:am i|are we|i am) up to|come to|coming to|comes to|add(?:s)? up to|altogether|all together|in total|total(?: amount| cost| price)?|the bill|bill amount|my bill|(?:do i|do we|i) owe|read (?:it |that |everything |my order |my list |the list |the order )?back|what(?:'?s|s| is)? (?:in|on) (?:my|the) (?:basket|cart|trolley|trolly|bag|list|order)|what(?:'?s|s| is) in there|what (?:have|did) (?:i|we) (?:got|get|add|added|put|order|ordered|picked)|what (?:i|we)(?:'?ve| have) (?:got|added|put(?: in| on)?|ordered|picked)|what all items)\b/;
const ASKING_CART = /^(?:what|whats|wots|wot|how|can|could|would|kindly|please|pls|tell|read|remind|did|show|let|so|ok|okay|and|um|right|just|i'?d like to know|give me)\b|\?$/;

function asksAboutCart(text: string, v: Vocabulary): boolean {
  if (!CART_ASKED.test(text) || !ASKING_CART.test(text) || peel(text).verb !== undefined) return false;
  const said = words(text.replace(/[?.!,]+/g, ' ')).filter((w) => !SENTENCE_WORDS.has(w));
  return !said.some((w) => v.matcher.tokens(w).length > 0 && v.matcher.nameWords([w]) !== undefined && !['total', 'bill', 'amount', 'items', 'cost'].includes(w));
}

/** Most words on one side of a swap read by trying where it splits. */
const MAX_SWAP_SIDE = 6;

/** "swap the brown bread for white": the line taken out and the product put in, both named. */
function swap(text: string, v: Vocabulary): Intent | undefined {
  const m = R.swap.exec(text);
  if (m) return swapOf(m[1]!, m[2]!, v);
  const i = R.insteadOf.exec(text);
  // insteadOf's second form says the new product first: "fusilli instead of penne".
  if (i) return i[1] ? swapOf(i[1], i[2]!, v) : swapOf(i[4]!, i[3]!, v);
  const n = R.thenInstead.exec(text) ?? R.makeInto.exec(text);
  if (!n) return undefined;
  // "scratch the crisps rice instead", "make the ground beef ground turkey instead": where one ends is where both are products.
  const said = words(n[1]!);
  // Two product names and a few words between: a longer message is no swap, and trying every split of it costs too much.
  if (said.length > 2 * MAX_SWAP_SIDE) return undefined;
  for (let at = 1; at < said.length; at += 1) {
    const read = swapOf(said.slice(0, at).join(' '), said.slice(at).join(' ').replace(/^(?:get|add|give me|make it|i'?ll have|i'?ll take|put|just|have)\s+/, ''), v);
    if (read) return read;
  }
  return undefined;
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
