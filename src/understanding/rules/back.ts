import type { Intent, InterpretContext, ItemRequest } from '../interpreter';
import { classify, type Vocabulary } from './intents';
import { normalize, spellTexting, words } from './text';

/**
 * Whether something is sold out, or when it will be back, asked in the customer's words: "wen does the rye
 * bread come back", "r the eggs sold out", "did u run out of oat milk", "anything sold out?? i wanted eggs",
 * "tell me when its back". No date is known; whether it is in stock is, so it is read as a stock question
 * about the product named (or, with only "it", the one spoken of last).
 */

/** Words that say the product is gone or coming back. */
const GONE_OR_BACK = /\b(?:back in stock|in stock again|available again|restock(?:ed|ing)?|re-?stock|(?:come|comes|coming|came|be|is|are|it'?s|its|they'?re|theyre|get|getting) (?:it |them )?back|back (?:yet|soon|again|in)|sold out|out of stock|out of it|run out|ran out|running out|none left|(?:get|getting|got) (?:more|some more|any more|new|fresh)(?: [a-z]+){0,3} in|(?:are|is) (?:you |we )?(?:getting|get) (?:more|some more|any more)|all gone|(?:no|any) (?:more )?(?:[a-z]+ ){0,2}left)\b|\bback$/;

/** The customer coming back ("ill come back later", "be right back", "back to the menu"): not the product. */
const SELF_BACK = /\b(?:put|add|bring|send|give|take|stick|pop|throw|chuck|return|want|get)\s+(?:\S+\s+){0,3}back\b|\b(?:i|ill|i'll|we|we'll|im|i'm|i am|let me|lemme)\s+(?:will\s+|can\s+|could\s+|might\s+|to\s+|just\s+)?(?:come|be|get|go|pop|check)(?:\s+right)?\s+back\b|^(?:be )?(?:right )?back\b|\bback to\b|\b(?:im|i'm|i am|we'?re) back\b/;

/** How it is asked: a question, or a request to be told. */
const ASKED = /^(?:when|is|are|did|do|does|have|has|will|would|any|anything|hi|hello|hey|so|ok|okay|and)\b|\b(?:tell me|let me know|text me|message me|notify me|ping me|any idea|wondering)\b/;

/** Words around the product in such a question, taken away before the product is looked for. */
const AROUND = new Set([
  'when', 'will', 'would', 'is', 'are', 'was', 'were', 'did', 'do', 'does', 'have', 'has', 'had', 'you', 'guys', 'the', 'a', 'an', 'any', 'some',
  'anything', 'idea', 'hi', 'hello', 'hey', 'ok', 'okay', 'so', 'and', 'thx', 'thanks', 'pls', 'please', 'can', 'could', 'tell', 'me', 'let', 'know',
  'text', 'message', 'notify', 'ping', 'i', 'we', 'wanted', 'want', 'need', 'needed', 'was', 'looking', 'for', 'of', 'again', 'yet', 'soon', 'still',
  'tomorrow', 'today', 'this', 'week', 'next', 'no', 'more', 'left', 'be', 'back', 'in', 'stock', 'sold', 'out', 'run', 'ran', 'running', 'restock',
  'restocked', 'restocking', 'come', 'comes', 'coming', 'came', 'get', 'getting', 'available', 'gone', 'all', 'none', 'just', 'there', 'your', 'ur',
  'it', 'its', "it's", 'they', "they're", 'theyre', 'them', 'that', 'those', 'these', 'wondering', 'what', 'about', 'but', 'app', 'said', 'website',
  'site', 'online', 'shelf', 'shelves', 'empty', 'again', 'whether', 'if', 'then', 'also', 'too', 'um', 'uh', 'already', 'since', 'last', 'time',
]);
/** What a clause beside the question may ask for that is not about the product's absence. */
const ASKS_ELSE: ReadonlySet<string> = new Set(['add', 'remove', 'set_qty', 'checkout', 'show_cart', 'status', 'cancel_order', 'swap', 'faq', 'diet', 'deals', 'human', 'complaint']);
const POINTERS = /\b(?:it|its|it's|itll|it'll|they|they're|theyre|theyll|they'll|them|that|those|these)\b/;

/** "when will it be back", "how long till": a date asked, which the store does not know; marked so it is said. */
const withWhen = (asked: Intent, text: string): Intent => (asked.type === 'ask' && /\b(?:when|how long|how soon|any idea)\b/.test(text) ? { ...asked, when: true } : asked);

/** The stock question a message about a product's absence or return asks, or undefined when it asks none. */
export function backQuestion(original: string, ctx: InterpretContext, v: Vocabulary): Intent | undefined {
  const texting = (t: string) => spellTexting(normalize(t)).replace(/\bwen\b/g, 'when');
  const text = texting(original);
  if (SELF_BACK.test(text) || !GONE_OR_BACK.test(text) || !(ASKED.test(text) || /\?/.test(original))) return undefined;
  const clauses = original.split(/[?.!,;]+/).flatMap((c) => texting(c).split(/\s+(?:but|and|because|cos|coz|cause|so)\s+/));
  // "2 limes. are eggs sold out?": a clause that asks for something else is read clause by clause (several).
  if (clauses.some((c) => !GONE_OR_BACK.test(c) && ASKS_ELSE.has(classify(c, v).type))) return undefined;
  for (const clause of clauses) {
    const rest = words(clause).filter((w) => !AROUND.has(w)).join(' ');
    if (!rest) continue;
    const asked = classify(`do you have ${rest}`, v);
    if (asked.type === 'ask' && asked.items.every((i) => i.match.kind !== 'none' && i.quantity.kind === 'none')) return withWhen(asked, text);
    // "is the bread back?": a shelf, shown with what is sold out on it.
    if (asked.type === 'browse' && asked.category) return asked;
  }
  const sku = ctx.lastSku;
  if (sku && POINTERS.test(text)) {
    const item: ItemRequest = { query: ctx.cart?.find((l) => l.sku === sku)?.name ?? sku, quantity: { kind: 'none' }, match: { kind: 'product', sku } };
    return withWhen({ type: 'ask', about: 'stock', items: [item] }, text);
  }
  // "when will it be back" with nothing spoken of: a question no rule can answer, never the refunds FAQ's "back".
  return POINTERS.test(text) ? { type: 'unknown', text } : undefined;
}

/** "stop the oat milk alert", "cancel my back in stock messages", "dont tell me when the eggs are back". */
const STOP_ALERT = /\b(?:stop|cancel|turn off|switch off|remove|delete|don'?t need|dont need|no longer need|unsubscribe(?: me)? from|forget(?: about)?)\b(.*?)\b(?:alerts?|notifications?|notices?|reminders?|(?:back in stock|restock) (?:messages?|texts?))\b|\b(?:don'?t|dont|do not|no need to|no longer need to|stop)\s+(?:tell|text|message|notify|let)(?:ing)?\s+me\s+(?:know\s+)?(?:when|about|if)\s+(.+?)\s+(?:is|are|comes?|gets?|'?s)?\s*back\b/;

/** The wishes a customer asks to end, with the products named (none: every one). */
export function stopWish(original: string, v: Vocabulary): Intent | undefined {
  const text = spellTexting(normalize(original)).replace(/\bpls\b/g, 'please');
  const m = STOP_ALERT.exec(text);
  if (!m) return undefined;
  // "turn off the notification for oat milk": the product after the alert.
  const after = /\b(?:alerts?|notifications?|notices?|reminders?)\s+(?:for|about|on|of)\s+(.+)$/.exec(text)?.[1];
  const rest = words(`${m[1] ?? m[2] ?? ''} ${after ?? ''}`).filter((w) => !AROUND.has(w) && !['my', 'any', 'all', 'those', 'stock', 'about', 'for', 'on'].includes(w)).join(' ');
  if (!rest) return { type: 'stop_wish', items: [] };
  const asked = classify(`do you have ${rest}`, v);
  return asked.type === 'ask' && asked.items.every((i) => i.match.kind !== 'none') ? { type: 'stop_wish', items: asked.items } : undefined;
}
