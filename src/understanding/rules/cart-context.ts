import type { Intent, InterpretContext, ItemRequest, SaidQuantity } from '../interpreter';
import type { Vocabulary } from './intents';
import { parseQuantity, splitGlued } from './numbers';
import { peel } from './phrases';
import { parseItems } from './items';
import { words } from './text';

/**
 * Readings that depend on the cart: "the milk" is the milk in the cart, "remove it" the line touched last,
 * "one more of those" more of it, "only 2 avos, not 4" a new amount for a line already there.
 */

/**
 * An item named while the cart holds lines: a line of the cart its words fit is the one meant. `taken`: the
 * item is one the cart must hold (a removal, a new amount): when no line fits its words, a line of the same
 * shelf as every product they name is meant ("remove the bread" with a sourdough loaf in the cart).
 */
export function inCart(item: ItemRequest, ctx: InterpretContext, v: Vocabulary, taken = false): ItemRequest {
  const cart = ctx.cart ?? [];
  if (cart.length === 0) return item;
  if (item.match.kind === 'product' && cart.some((l) => l.sku === (item.match as { sku: string }).sku)) return item;
  const named = item.match.kind === 'product' ? [item.match.sku] : item.match.kind === 'ambiguous' ? item.match.skus : [];
  const fitting = new Set([...named, ...v.matcher.score(v.matcher.tokens(item.query)).map((s) => s.sku)]);
  let lines = cart.filter((l) => fitting.has(l.sku));
  // Only for words that name no one product ("the bread"): "the limes" with lemons in the cart are not the lemons.
  if (lines.length === 0 && taken && item.match.kind !== 'product' && fitting.size) {
    const shelves = new Set([...fitting].map((sku) => v.products.get(sku)?.category));
    const [shelf] = shelves;
    if (shelves.size === 1 && shelf) lines = cart.filter((l) => v.products.get(l.sku)?.category === shelf);
  }
  if (lines.length === 1) return { ...item, match: { kind: 'product', sku: lines[0]!.sku } };
  if (lines.length > 1 && item.match.kind !== 'product') return { ...item, match: { kind: 'ambiguous', skus: lines.map((l) => l.sku) } };
  return item;
}

/** Words that point at the line touched last: "it", "that", "those", "the last one", "that last thing". */
const POINTING = /^(?:it|that|this|those|these|them|that one|this one|the last (?:one|thing|item)|that last (?:one|thing|item)|the last thing i (?:added|put in)|what i just added|the one i just added)$/;

function lastLine(ctx: InterpretContext, quantity: SaidQuantity = { kind: 'none' }): ItemRequest | undefined {
  const sku = ctx.lastSku;
  if (!sku) return undefined;
  const name = ctx.cart?.find((l) => l.sku === sku)?.name ?? sku;
  return { query: name, quantity, match: { kind: 'product', sku } };
}

/** "…the fish fingers, bin them", "…already has coffee at home, so take that off": the products named before. */
const THEN_REMOVE = /^(.+?)[\s,.;-]+(?:so\s+)?(?:(?:you|u)\s+can\s+|can\s+(?:you|u)\s+|please\s+|pls\s+|just\s+)?(?:forget|bin|drop|ditch|remove|scrap|lose|cancel|delete|skip|nix|take|leave|get\s+rid\s+of|knock|cross|scratch)\s+(?:it|them|those|that|these|this|em)(?:\s+(?:off|out|away))?(?:\s+(?:please|pls|then|thanks|too|as well))?$/;

function removesNamedBefore(text: string, v: Vocabulary): ItemRequest[] | undefined {
  const m = THEN_REMOVE.exec(text);
  if (!m) return undefined;
  const named = m[1]!.split(/[,.;]|\s+(?:so|and|but|because|cos)\s+/).flatMap((part) => parseItems(part, v.matcher, false, v.products).items)
    .filter((i) => i.match.kind === 'product');
  return named.length ? named : undefined;
}

/** "remove it", "take that off", "get rid of that last thing": the line touched last. */
function removesLast(text: string, ctx: InterpretContext): Intent | undefined {
  const peeled = peel(text);
  if (peeled.verb !== 'remove') return undefined;
  const core = peeled.core.replace(/[,.;!?]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!POINTING.test(core)) return undefined;
  const line = lastLine(ctx);
  return line ? { type: 'remove', items: [line] } : undefined;
}

const MORE_WORDS = new Set(['more', 'another', 'extra', 'same', 'again', 'those', 'them', 'that', 'these', 'of', 'the', 'one', 'ones',
  'actually', 'oh', 'um', 'uh', 'sorry', 'yes', 'yep', 'could', 'you', 'we', 'lets', "let's", 'do', 'same', 'pop', 'stick',
  'please', 'pls', 'thanks', 'and', 'plus', 'also', 'oh', 'yeah', 'ok', 'okay', 'make', 'it', 'can', 'i', 'have', 'get', 'add', 'give', 'me', 'us',
  'throw', 'in', 'chuck', 'pop', 'grab', 'put', 'just', 'an', 'a', 'too', 'as', 'well', 'same']);
const POINTS_BACK = new Set(['more', 'another', 'extra', 'same', 'those', 'them', 'these']);

/** "one more of those", "another three", "same again", "2 more please": more of the line touched last. */
function moreOfLast(text: string, ctx: InterpretContext): Intent | undefined {
  if (!ctx.lastSku) return undefined;
  const tokens = splitGlued(words(text.replace(/[,.;!?]+/g, ' ')));
  let quantity: SaidQuantity = { kind: 'count', value: 1 };
  let rest = tokens;
  for (let i = 0; i < tokens.length; i += 1) {
    if (tokens[i] === 'another' || tokens[i] === 'a' || tokens[i] === 'an' || tokens[i] === 'one' && tokens[i + 1] === 'more') continue;
    const q = parseQuantity(tokens, i);
    if (q && q.quantity.kind === 'count') { quantity = q.quantity; rest = [...tokens.slice(0, i), ...tokens.slice(q.next)]; break; }
  }
  if (!rest.some((w) => POINTS_BACK.has(w)) || !rest.every((w) => MORE_WORDS.has(w))) return undefined;
  const line = lastLine(ctx, quantity);
  return line ? { type: 'add', items: [line] } : undefined;
}

/** Said of an amount already in the cart: "only", "just", "actually", "not 4", "altogether", "should be". */
const CORRECTION = /\b(?:actually|only|just|instead of (?:one|two|three|four|five|six|\d+)|not (?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)|altogether|in total|total|should be|shud be|needs? to be|make (?:it|that|them)|rather than (?:one|two|three|four|five|six|\d+))\b/;

/** The old amount a correction names, and words that only stress the new one: "not 4", "instead of one", "altogether". */
const OLD_AMOUNT = /(?:[\s,]+(?:not|instead of|rather than|and not)\s+(?:the\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a dozen))(?:\s+(?:of them|pieces|packs|cans|bottles|tins))?|[\s,]+(?:altogether|in total|total|instead)\b/g;
/** "make the cokes 6", "bump the beans up to 5", "change the number of lemons to six", "lemons shud be 4". */
const SET_VERB = /^(?:(?:can|could) (?:you|u|we) |please |kindly |pls |sorry |actually |oh |ok |okay |no |oops |um |uh |just |and )*(?:make|change|set|update|bump|put|increase|decrease|reduce|raise|lower|adjust|up|drop|correct|fix|chnage|chang|cange)\s+(?:the\s+|my\s+|that\s+)?(?:(?:number|quantity|amount|qty|count)\s+(?:of\s+)?(?:the\s+)?)?(.+)$/;
const SHOULD_BE = /^(?:the\s+)?(.+?)\s+(?:should|shud|shld|needs? to|has to|must|ought to|wants? to)\s+be\s+(.+)$/;

/** "…the beans up to 5 boxes": the product words and the amount at the end. */
function productThenAmount(said: string, v: Vocabulary): { product: string; quantity: SaidQuantity } | undefined {
  const tokens = splitGlued(words(said.replace(/[,.;!?]+/g, ' ')));
  for (let i = tokens.length - 1; i >= 1; i -= 1) {
    const q = parseQuantity(tokens, i, true);
    if (!q || q.quantity.kind === 'none') continue;
    const tail = tokens.slice(q.next);
    if (!tail.every((w) => v.matcher.isPackaging(w) || ['please', 'pls', 'then', 'now', 'thanks', 'of', 'them', 'instead', 'total'].includes(w))) continue;
    const head = tokens.slice(0, i).filter((w, k, all) => !(k === all.length - 1 && ['to', 'at', 'into', 'as', 'quantity', 'qty'].includes(w)));
    while (head.length && ['up', 'down', 'to', 'at', 'into', 'quantity', 'qty'].includes(head[head.length - 1]!)) head.pop();
    if (head.length === 0) return undefined;
    return { product: head.join(' '), quantity: q.quantity };
  }
  return undefined;
}

/** A new amount for a line the cart holds, said as a change or as a correction. */
function amountChange(text: string, ctx: InterpretContext, v: Vocabulary, read: (t: string) => Intent): Intent | undefined {
  const plain = text.replace(/[,.;!?]+/g, ' ').replace(/\s+/g, ' ').trim();
  const said = SET_VERB.exec(plain) ?? SHOULD_BE.exec(plain);
  if (said) {
    const parts = said[2] ? productThenAmount(`${said[1]} ${said[2].replace(OLD_AMOUNT, '')}`, v) : productThenAmount(said[1]!.replace(OLD_AMOUNT, ''), v);
    if (parts) {
      const item = parseItems(parts.product, v.matcher, false, v.products).items[0];
      if (item && item.match.kind !== 'none') {
        const line = inCart({ ...item, quantity: parts.quantity }, ctx, v);
        return { type: 'set_qty', item: line, quantity: parts.quantity };
      }
    }
  }
  if (!CORRECTION.test(plain)) return undefined;
  const corrected = read(plain.replace(OLD_AMOUNT, '').replace(/^(?:actually|sorry|oops|no)\s+/, '').replace(/\b(?:only|just)\s+/g, ''));
  if (corrected.type !== 'add' || corrected.items.length !== 1) return undefined;
  const item = inCart(corrected.items[0]!, ctx, v);
  if (item.match.kind !== 'product' || item.quantity.kind === 'none') return undefined;
  const sku = item.match.sku;
  return ctx.cart?.some((l) => l.sku === sku) ? { type: 'set_qty', item, quantity: item.quantity } : undefined;
}

/** The rules' reading, read again against the cart; `read` reads other words the same way. */
export function withCart(text: string, intent: Intent, ctx: InterpretContext, v: Vocabulary, read: (t: string) => Intent): Intent {
  if (intent.type === 'unknown' || intent.type === 'add') {
    const named = removesNamedBefore(text, v);
    if (named) return { type: 'remove', items: named.map((i) => inCart(i, ctx, v)) };
  }
  // "same again" just after adding something: more of it, not the usual order.
  if (intent.type === 'usual' && !intent.kind) return moreOfLast(text, ctx) ?? intent;
  if (intent.type === 'unknown' || (intent.type === 'add' && intent.items.every((i) => i.match.kind === 'none'))) {
    const pointed = removesLast(text, ctx) ?? moreOfLast(text, ctx);
    if (pointed) return pointed;
  }
  if (intent.type === 'add' || intent.type === 'unknown' || (intent.type === 'set_qty' && intent.item?.match.kind === 'none')) {
    const changed = ctx.cart?.length ? amountChange(text, ctx, v, read) : undefined;
    if (changed) return changed;
  }
  // "one more rice": more of the rice in the cart, not "which rice?".
  if (intent.type === 'add' && /\b(?:more|another|extra|again)\b/.test(text)) return { ...intent, items: intent.items.map((i) => inCart(i, ctx, v)) };
  switch (intent.type) {
    case 'remove': return { ...intent, items: intent.items.map((i) => inCart(i, ctx, v, true)) };
    case 'set_qty': return intent.item ? { ...intent, item: inCart(intent.item, ctx, v, true) } : intent;
    case 'replace': return { ...intent, from: inCart(intent.from, ctx, v, true) };
    default: return intent;
  }
}

/** "remove everything except the kiwis", "take it all out but the milk", "just keep the kiwis". */
const ALL_BUT = /^(?:(?:please|can you|could you|ok|okay|actually|right)\s+)*(?:(?:remove|delete|take out|take off|take away|drop|clear|get rid of|scrap|bin|lose)\s+(?:everything|all|it all|all of it|the lot|all the (?:items|stuff|things)|the rest)(?: out| off)?|take (?:everything|it all|all of it|the lot|all the (?:items|stuff|things)) (?:out|off|away))\s+(?:except|but|apart from|other than|besides|save)(?: for)?\s+(.+?)(?:\s+please|\s+pls)?$|^(?:(?:please|ok|okay|actually)\s+)*(?:just |only )?keep (?:only |just )?(.+?)(?:\s+and\s+(?:remove|drop|delete|take out|get rid of|lose|bin)\s+(?:everything else|the rest|all the rest))?(?:\s+please|\s+pls)?$/;

/**
 * Everything out of the cart but the lines named: a removal of the others. Every word kept must be a line of
 * the cart, else it is not sure what to keep (undefined, and the message is read otherwise).
 */
export function allBut(text: string, ctx: InterpretContext, v: Vocabulary): Intent | undefined {
  const m = ALL_BUT.exec(text);
  const cart = ctx.cart ?? [];
  if (!m || cart.length === 0) return undefined;
  const keepOnly = !m[1];
  // "keep the milk" alone is no removal: only with "only", "just" or "and remove the rest".
  if (keepOnly && !/\b(?:only|everything else|the rest)\b/.test(text)) return undefined;
  const { items, unread } = parseItems((m[1] ?? m[2])!, v.matcher, false, v.products);
  // An amount kept ("except 2 kiwis") or words that are no line: not sure what stays; asked, nothing removed.
  if (!items.length || unread.length || items.some((i) => i.quantity.kind !== 'none')) return { type: 'unknown', text, asks: true };
  const kept = new Set<string>();
  for (const item of items) {
    const line = inCart(item, ctx, v, true);
    // "everything but the milk" with two milks: both stay.
    const named = line.match.kind === 'product' ? [line.match.sku] : line.match.kind === 'ambiguous' ? line.match.skus : [];
    // Only lines of the cart are kept: "except the bananas" with no bananas in it is not sure at all.
    const skus = named.filter((sku) => cart.some((l) => l.sku === sku));
    if (!skus.length) return { type: 'unknown', text, asks: true };
    for (const sku of skus) kept.add(sku);
  }
  const removed: ItemRequest[] = cart.filter((l) => !kept.has(l.sku)).map((l) => ({ query: l.name, quantity: { kind: 'none' }, match: { kind: 'product', sku: l.sku } }));
  // Everything named stays, and nothing else is there: nothing to do; the cart is shown.
  return removed.length ? { type: 'remove', items: removed } : { type: 'show_cart' };
}
