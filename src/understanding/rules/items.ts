import type { ItemRequest, SaidQuantity } from '../interpreter';
import type { ProductMatcher } from './matcher';
import { phraseTokens } from './matcher';
import { parseQuantity, readNumber, splitGlued } from './numbers';
import { words } from './text';

const SEPARATOR = /\s*(?:,|;|&|\band\b(?! a half)|\bplus\b|\balso\b|\bthen\b|\bwith\b)\s*/;
const LEADING_FILLER = new Set(['some', 'the', 'of', 'any', 'more', 'a', 'an', 'my']);
const NONE: SaidQuantity = { kind: 'none' };

/** Where a new item starts inside a run of words with no separators ("2 kg apples a dozen eggs"). */
function splitAtQuantities(tokens: string[]): string[][] {
  const pieces: string[][] = [];
  let start = 0;
  let i = 0;
  while (i < tokens.length) {
    const q = parseQuantity(tokens, i);
    const afterWord = i > start && !(tokens[i - 1] === 'x' || tokens[i - 1] === 'times');
    const trailing = q !== undefined && q.next >= tokens.length;
    if (q && afterWord && !trailing && !isLeadOnly(tokens, i)) {
      pieces.push(tokens.slice(start, i));
      start = i;
      i = q.next;
      continue;
    }
    i = q && i === start ? q.next : i + 1;
  }
  pieces.push(tokens.slice(start));
  return pieces.filter((p) => p.length > 0);
}

/** A lone "a" mid-phrase only starts an item when a product word follows it, not in "a la carte". */
function isLeadOnly(tokens: string[], i: number): boolean {
  return (tokens[i] === 'a' || tokens[i] === 'an') && tokens[i + 1] === undefined;
}

/** The quantity of one item's words, leading ("3 x apples") or trailing ("apples x3"), and what is left. */
function readItem(tokens: string[], matcher: ProductMatcher, homophones: boolean): ItemRequest {
  const plain = parseQuantity(tokens, 0, false);
  const spoken = homophones && !plain ? parseQuantity(tokens, 0, true) : undefined;
  const lead = plain ?? spoken;
  let quantity: SaidQuantity = lead ? lead.quantity : NONE;
  let rest = lead ? tokens.slice(lead.next) : tokens;
  if (!lead) {
    const n = rest.length;
    const marked = n >= 2 && (rest[n - 2] === 'x' || rest[n - 2] === 'times') ? readNumber(rest, n - 1) : undefined;
    const bare = n >= 2 && /^\d+$/.test(rest[n - 1]!) ? readNumber(rest, n - 1) : undefined;
    if (marked) { quantity = { kind: 'count', value: marked.value }; rest = rest.slice(0, n - 2); }
    else if (bare) { quantity = { kind: 'count', value: bare.value }; rest = rest.slice(0, n - 1); }
  }
  while (rest.length > 1 && LEADING_FILLER.has(rest[0]!)) rest = rest.slice(1);
  const query = rest.join(' ');
  const match = matcher.match(query);
  if (spoken && match.kind === 'none') {
    // "to"/"for" did not turn out to be a number: read the words as they were.
    const whole = tokens.join(' ');
    return { query: whole, quantity: NONE, match: matcher.match(whole) };
  }
  if (match.kind === 'none' && query) return { query, quantity, match: { kind: 'none', suggestions: matcher.search(query, 3) } };
  return { query, quantity, match };
}

export interface ParsedItems {
  items: ItemRequest[];
}

/**
 * Reads a list of items: "2 kg apples, a dozen eggs and 3 bottles of milk". Separators split items unless
 * the joined words name one product ("salt and vinegar crisps"). Pieces that are only filler are dropped.
 */
export function parseItems(text: string, matcher: ProductMatcher, homophones = true): ParsedItems {
  const chunks = text.split(SEPARATOR).map((c) => splitGlued(words(c))).filter((c) => c.length > 0);
  const pieces = chunks.flatMap(splitAtQuantities);
  const items: ItemRequest[] = [];
  let i = 0;
  while (i < pieces.length) {
    let taken = 1;
    for (let j = pieces.length; j > i + 1; j -= 1) {
      const joined = pieces.slice(i, j).flat();
      const item = readItem(joined, matcher, homophones);
      if (item.match.kind === 'product' && matcher.isExactName(item.query)) {
        items.push(item);
        taken = j - i;
        break;
      }
    }
    if (taken === 1) {
      const item = readItem(pieces[i]!, matcher, homophones);
      const meaningful = item.quantity.kind !== 'none' || phraseTokens(item.query).length > 0;
      if (meaningful) items.push(item);
    }
    i += taken;
  }
  return { items };
}
