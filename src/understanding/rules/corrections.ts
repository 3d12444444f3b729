import type { Intent, InterpretContext } from '../interpreter';
import { parseQuantity } from './numbers';
import { words } from './text';

/** "3 bananas no wait 4", "a dozen eggs, actually make that 6": the amount said last, after the marker. */
const CORRECTED = /^(.+?)[,.]*\s+(?:no\s+wait|no\s+sorry|oh\s+wait|sorry|no|wait|actually|i\s+mean|i\s+meant|or\s+rather)(?:[,]?\s+(?:make\s+(?:that|it)|i\s+mean|actually))*[,]?\s+(.+)$/;

/**
 * A request corrected inside the message ("3 bananas no wait 4"), as the customer meant it at the end
 * ("4 bananas"); undefined when the message is no such correction. Only an amount is corrected: the words
 * after the marker must be an amount and nothing else, and before it an item (with or without an amount).
 */
export function correctedInline(text: string): string | undefined {
  const m = CORRECTED.exec(text);
  if (!m) return undefined;
  const instead = CORRECTED_ITEM.exec(text);
  const meant = instead ? itemCorrected(words(instead[1]!.replace(/[.]+$/, '')), words(instead[2]!.replace(/\s+(?:instead|please|pls|thanks|thx|actually)$/, ''))) : undefined;
  if (meant) return meant;
  const tail = words(m[2]!.replace(/\s+(?:actually|please|pls|thanks|thx|instead)$/, ''));
  const amount = parseQuantity(tail, 0);
  if (!amount || amount.next !== tail.length) return undefined;
  const head = words(m[1]!.replace(/[.]+$/, ''));
  // The amount first said, wherever it stands ("can i get 3 avocados"): the item is what follows it.
  const at = head.findIndex((_, i) => parseQuantity(head, i) !== undefined);
  const item = at < 0 ? head : head.slice(parseQuantity(head, at)!.next);
  if (!item.length) return undefined;
  return `${tail.join(' ')} ${item.join(' ')}`;
}

/** "add 6 cans coke no wait make that diet coke": the item changed, said after "make that". */
const CORRECTED_ITEM = /^(.+?)[,.]*\s+(?:no\s+wait|oh\s+wait|no\s+sorry|sorry|actually|wait|no)[,]?\s+(?:make\s+(?:that|it)|i\s+mean|i\s+meant)\s+(?!\d+$)(.+)$/;

/**
 * The request with the item said after the marker in place of the first one, the first amount kept: "add 6
 * cans coke no wait make that diet coke" → "add 6 diet coke". An amount of its own after it is all there is.
 */
function itemCorrected(head: string[], tail: string[]): string | undefined {
  // Several items before it ("12 eggs and 2 oat milk, no wait…"): which one is meant is not sure here.
  if (head.some((w) => w === 'and' || w === '&' || w.endsWith(','))) return undefined;
  const amount = parseQuantity(tail, 0);
  // Only an amount after it ("no wait make it 4"): the amount is corrected, below.
  if (!tail.length || amount?.next === tail.length) return undefined;
  // "i mean the white one": a description of the same item, not another item.
  if (/^(?:ones?|kind|type|sort|version)$/.test(tail.at(-1)!)) return undefined;
  if (amount) return tail.join(' ');
  const at = head.findIndex((_, i) => parseQuantity(head, i) !== undefined);
  if (at < 0) return tail.join(' ');
  return [...head.slice(0, parseQuantity(head, at)!.next), ...tail].join(' ');
}

/** "oops, I meant lemons", "sorry I meant the oat milk not the almond": what follows is what they meant. */
const MEANT = /^(?:(?:oops|sorry|oh|ah|no|nope|argh|whoops|my bad|wait)[\s,.!]+)*(?:i\s+)?meant\s+(.+)$/;

/**
 * A correction of the item just added ("I meant lemons"): the rest read as a request; a single product added
 * other than the line touched last takes that line's place (with its amount unless one is said). Undefined
 * when the message is no "I meant" of items; the rest's own reading otherwise ("I meant lemons not limes").
 */
export function meantInstead(text: string, ctx: InterpretContext, read: (text: string) => Intent): Intent | undefined {
  const m = MEANT.exec(text);
  if (!m) return undefined;
  const intent = read(m[1]!);
  // "I meant 4" is an amount for the line touched last: read whole, as before.
  if (intent.type !== 'add' && intent.type !== 'replace' && intent.type !== 'remove') return undefined;
  const last = ctx.cart?.find((l) => l.sku === ctx.lastSku);
  if (intent.type !== 'add' || intent.items.length !== 1 || !last) return intent;
  const [item] = intent.items;
  if (item!.match.kind !== 'product') return intent;
  const sku = item!.match.sku;
  // A product already in the cart: "I meant 2 sourdough" is that line's amount, not a swap.
  if (ctx.cart?.some((l) => l.sku === sku)) return item!.quantity.kind === 'none' ? intent : { type: 'set_qty', item: item!, quantity: item!.quantity };
  if (sku === last.sku) return intent;
  return { type: 'replace', from: { query: last.name, quantity: { kind: 'none' }, match: { kind: 'product', sku: last.sku } }, to: item! };
}
