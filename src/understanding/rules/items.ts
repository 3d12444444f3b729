import type { ItemRequest, SaidQuantity } from '../interpreter';
import type { ProductMatcher } from './matcher';
import { parseQuantity, readNumber, sane, splitGlued } from './numbers';
import { words } from './text';

const SEPARATOR = /\s*(?:,|;|&|\band\b(?! a half)|\bplus\b|\balso\b|\bthen\b|\bwith\b)\s*/;
const LEADING_FILLER = new Set(['some', 'the', 'of', 'any', 'more', 'a', 'an', 'my']);
const NONE: SaidQuantity = { kind: 'none' };

/**
 * Words of a sentence that name no product in any shop: a piece made only of them is no item even when
 * "to"/"for" before them was read as a number ("I need to go", "add 2 for me", "is this for two people").
 */
const SENTENCE_WORDS = new Set([
  'to', 'too', 'for', 'fore', 'me', 'us', 'you', 'him', 'her', 'them', 'it', 'this', 'that', 'these', 'those', 'is', 'are',
  'am', 'be', 'was', 'were', 'go', 'going', 'come', 'coming', 'do', 'did', 'done', 'get', 'got', 'have', 'had', 'i', 'we',
  'they', 'he', 'she', 'my', 'our', 'your', 'their', 'the', 'a', 'an', 'of', 'and', 'or', 'now', 'then', 'later', 'here',
  'there', 'people', 'person', 'please', 'what', 'which', 'who', 'why', 'how', 'when', 'where', 'so', 'not', 'no', 'just',
  'today', 'tomorrow', 'tonight', 'myself', 'ourselves', 'everyone', 'everybody', 'someone', 'somebody', 'all', 'both',
  'honest', 'sure', 'sec', 'second', 'minute', 'moment', 'bit', 'while', 'time', 'again', 'back', 'out', 'up', 'down',
  'off', 'on', 'in', 'at', 'with', 'by', 'from', 'about', 'if', 'can', 'could', 'will', 'would', 'should', 'may', 'might',
  'must', 'need', 'want', 'like', 'think', 'know', 'say', 'said', 'tell', 'ask', 'see', 'wait', 'stop', 'start', 'pay',
  'kids', 'family', 'dinner', 'lunch', 'breakfast', 'party', 'week', 'weekend', 'home', 'house', 'work', 'school', 'bed',
  'sleep', 'away', 'shop', 'store',
]);

function onlySentenceWords(query: string): boolean {
  const said = words(query);
  return said.length > 0 && said.every((w) => SENTENCE_WORDS.has(w));
}

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

interface ItemWords {
  quantity: SaidQuantity;
  /** The words left once the quantity and leading filler are taken off: what names the product. */
  query: string;
  queryWords: string[];
  /** The quantity was a speech-to-text homophone ("to apples"), which may turn out to be a plain word. */
  spoken: boolean;
}

/** The quantity of one item's words, leading ("3 x apples") or trailing ("apples x3"), and what is left. */
function itemWords(tokens: string[], homophones: boolean, matcher: ProductMatcher): ItemWords {
  const plain = parseQuantity(tokens, 0, false);
  const spoken = homophones && !plain ? parseQuantity(tokens, 0, true) : undefined;
  const lead = plain ?? spoken;
  let quantity: SaidQuantity = lead ? lead.quantity : NONE;
  let rest = lead ? tokens.slice(lead.next) : tokens;
  if (!lead) {
    const n = rest.length;
    const marked = n >= 2 && (rest[n - 2] === 'x' || rest[n - 2] === 'times') ? readNumber(rest, n - 1) : undefined;
    const bare = n >= 2 && /^\d+$/.test(rest[n - 1]!) ? readNumber(rest, n - 1) : undefined;
    // "limes 0" and "limes x 0.001" are not amounts to add.
    const trailing = marked ?? bare;
    const said: SaidQuantity | undefined = trailing && { kind: 'count', value: trailing.value };
    if (said && sane(said)) { quantity = said; rest = rest.slice(0, marked ? n - 2 : n - 1); }
  }
  let from = 0;
  while (rest.length - from > 1 && LEADING_FILLER.has(rest[from]!)) from += 1;
  // "bottles of milk", "jar of honey": the label is how it comes, not what it is.
  if (rest.length - from > 2 && rest[from + 1] === 'of' && matcher.isPackaging(rest[from]!)) from += 2;
  const queryWords = rest.slice(from);
  return { quantity, query: queryWords.join(' '), queryWords, spoken: spoken !== undefined };
}

function readItem(tokens: string[], matcher: ProductMatcher, homophones: boolean): ItemRequest {
  const { quantity, query, spoken } = itemWords(tokens, homophones, matcher);
  const match = matcher.match(query);
  if (spoken && match.kind === 'none') {
    // "to"/"for" did not turn out to be a number: read the words as they were.
    const whole = tokens.join(' ');
    return { query: whole, quantity: NONE, match: matcher.match(whole) };
  }
  if (match.kind === 'none' && query) return { query, quantity, match: { kind: 'none', suggestions: matcher.search(query, 3) } };
  return { query, quantity, match };
}

/** Whether words read as one item name exactly one product, as readItem would read them. */
function namesOneProduct(tokens: string[], matcher: ProductMatcher, homophones: boolean): boolean {
  const { query, queryWords, spoken } = itemWords(tokens, homophones, matcher);
  if (matcher.isExactWords(queryWords)) return true;
  return spoken && matcher.isExactWords(tokens) && matcher.match(query).kind === 'none';
}

/**
 * Words a customer may add around a product's name and still name it: a quantity ("one and a half kilos
 * of", six words at most), a trailing "x 3", filler. Runs of pieces longer than the longest name plus
 * this are never tried, which keeps reading a message linear in its length.
 */
const WINDOW_SLACK = 8;

/**
 * How far a run of pieces starting at `i` may reach and still be one product's name: at most the longest
 * name plus slack in words, and the pieces strictly inside it (past the one a split quantity may spill
 * into, before the one a trailing "x 3" may end) each adding catalog words, at most the longest name of them.
 */
function reach(pieces: string[][], i: number, matcher: ProductMatcher, nameWords: (k: number) => number | undefined): number {
  const maxWords = matcher.longestName + WINDOW_SLACK;
  let end = i + 1;
  let wordsIn = pieces[i]!.length;
  let inside = 0;
  while (end < pieces.length && wordsIn + pieces[end]!.length <= maxWords) {
    if (end - 1 >= i + 2) {
      const added = nameWords(end - 1);
      // No catalog word (undefined), or no word at all (0: only filler, "a a a"): no name continues through it.
      if (!added) break;
      inside += added;
      if (inside > matcher.longestName) break;
    }
    wordsIn += pieces[end++]!.length;
  }
  return end;
}

export interface ParsedItems {
  items: ItemRequest[];
}

/**
 * Reads a list of items: "2 kg apples, a dozen eggs and 3 bottles of milk". Separators split items unless
 * the joined words name one product ("salt and vinegar crisps"). Pieces that name nothing are dropped.
 */
export function parseItems(text: string, matcher: ProductMatcher, homophones = true): ParsedItems {
  const chunks = text.split(SEPARATOR).map((c) => splitGlued(words(c))).filter((c) => c.length > 0);
  const pieces = chunks.flatMap(splitAtQuantities);
  const known = new Map<number, number | undefined>();
  const nameWords = (k: number) => {
    if (!known.has(k)) known.set(k, matcher.nameWords(pieces[k]!));
    return known.get(k);
  };
  const items: ItemRequest[] = [];
  let i = 0;
  while (i < pieces.length) {
    const end = reach(pieces, i, matcher, nameWords);
    let taken = 1;
    for (let j = end; j > i + 1; j -= 1) {
      const joined = pieces.slice(i, j).flat();
      if (namesOneProduct(joined, matcher, homophones)) {
        items.push(readItem(joined, matcher, homophones));
        taken = j - i;
        break;
      }
    }
    if (taken === 1) {
      const item = readItem(pieces[i]!, matcher, homophones);
      // A piece that names nothing ("1" in "1 1 1", the filler in "the, the") is no item: an amount on its
      // own is read before lists are ("three" answers "how many?"), and "we don't carry ''" helps nobody.
      // Nor is a piece of plain sentence words that matched nothing ("to go", "for me", "is this for").
      if (matcher.tokens(item.query).length > 0 && !(item.match.kind === 'none' && onlySentenceWords(item.query))) items.push(item);
    }
    i += taken;
  }
  return { items };
}
