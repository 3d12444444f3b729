import type { ItemRequest, SaidQuantity } from '../interpreter';
import type { ProductMatcher } from './matcher';
import { parseQuantity, readNumber, sane, splitGlued } from './numbers';
import { normalize, stem, words } from './text';
import { onlySentenceWords, readsAsThing } from './phrases';
import { isSoldByWeight, normalizeUnit } from '../../domain/units';
import pluralize from 'pluralize';
import { headed, labelChoice, sizeAsAmount, type ProductLookup } from './labels';

const SEPARATOR = /\s*(?:,|;|&|\band\b(?! a half)|\bn\b|\bplus\b|\balso\b|\bthen\b|\bwith\b)\s*/;
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

interface ItemWords {
  quantity: SaidQuantity;
  /** The shelf label said with it ("cans" in "3 cans of beans"): it chooses among products of the same name. */
  label?: string;
  /** A measure we do not know, said like a label ("a gallon of milk", "a crate of beer"): the amount is unknown. */
  strange?: string;
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
    // "tomatos 500g", "ginger 250 gm": a weight after the name.
    const weight = !said && n >= 3 ? parseQuantity(rest, n - 2, false) : undefined;
    if (said && sane(said)) { quantity = said; rest = rest.slice(0, marked ? n - 2 : n - 1); }
    else if (weight?.quantity.kind === 'grams' && weight.next === n) { quantity = weight.quantity; rest = rest.slice(0, n - 2); }
  }
  let from = 0;
  while (rest.length - from > 1 && LEADING_FILLER.has(rest[from]!)) from += 1;
  // "bottles of milk", "jar of honey": the label is how it comes, not what it is.
  let label: string | undefined;
  if (rest.length - from > 2 && rest[from + 1] === 'of' && (matcher.isPackaging(rest[from]!) || VOLUMES.has(rest[from]!))) { label = rest[from]; from += 2; }
  // "a gallon of whole milk", "a crate of lager": a measure of its own, whose amount we cannot read.
  else if (rest.length - from > 2 && rest[from + 1] === 'of' && /^[a-z]+$/.test(rest[from]!) && !onlySentenceWords([rest[from]!])
    && matcher.nameWords([rest[from]!]) === undefined && matcher.nameWords(rest.slice(from + 2)) !== undefined) {
    const strange = rest[from];
    return { quantity, strange, query: rest.slice(from + 2).join(' '), queryWords: rest.slice(from + 2), spoken: false };
  }
  // "1 litre sunflower oil", "2 packets biscuits": a label without "of".
  else if (rest.length - from > 1 && quantity.kind === 'count' && (VOLUMES.has(rest[from]!) || matcher.isPackaging(rest[from]!))) { label = rest[from]; from += 1; }
  const queryWords = rest.slice(from);
  return { quantity, label, query: queryWords.join(' '), queryWords, spoken: spoken !== undefined };
}

/**
 * A piece that is only an amount ("2 packs", "two", "2 of them", "9 roll", "415 g x 3"), its words otherwise
 * grammar or labels: the amount, the label said with it, and how many of them ("x 3").
 */
function amountAlone(tokens: string[], matcher: ProductMatcher): { quantity: SaidQuantity; label?: string; times?: number } | undefined {
  // "a" alone is no amount here ("a lemon" is an item), but "about a kilo" is.
  const at = tokens.findIndex((t, k) => {
    const q = parseQuantity(tokens, k, false);
    return q !== undefined && (!['a', 'an', 'another'].includes(t) || q.quantity.kind === 'grams');
  });
  if (at < 0) return undefined;
  const q = parseQuantity(tokens, at, false)!;
  let rest = [...tokens.slice(0, at), ...tokens.slice(q.next)];
  let times: number | undefined;
  const x = rest.indexOf('x');
  if (x >= 0 && /^\d+$/.test(rest[x + 1] ?? '')) { times = Number(rest[x + 1]); rest = [...rest.slice(0, x), ...rest.slice(x + 2)]; }
  const label = rest.find((w) => matcher.isPackaging(w) || VOLUMES.has(w));
  return rest.every((w) => matcher.isPackaging(w) || VOLUMES.has(w) || onlySentenceWords([w])) ? { quantity: q.quantity, label, times } : undefined;
}

/**
 * "a six pack of lager" is one pack when the product is sold as a six-pack ("Lager Beer (6 x 330 ml)"):
 * the number said is the pack's size, not how many.
 */
function packSize(quantity: SaidQuantity, label: string | undefined, sku: string, products?: ProductLookup): SaidQuantity {
  if (!products || quantity.kind !== 'count' || !label || !/^pack/.test(label)) return quantity;
  const name = products.get(sku)?.name ?? '';
  return new RegExp(`\\b${quantity.value}\\s*(?:x|pack)\\b`, 'i').test(name) ? { kind: 'count', value: 1 } : quantity;
}

/** One item, and the words of it that named nothing and are no sentence grammar either. */
interface ReadItem {
  item: ItemRequest;
  unread: string[];
  /** A measure we do not know, said of this item. */
  strange?: string;
}

/** Words that start what an item is for or why, after its name: "for the tacos", "because we're out". */
const PURPOSE = new Set(['for', 'to', 'with', 'because', 'cos', 'coz', 'as', 'since', 'so', 'while', 'when', 'if', 'from', 'at', 'on', 'that', 'which', 'thats']);

/** Measures of volume: when none fits a product's own size, the amount cannot be read. */
const MEASURES = new Set(['litre', 'litres', 'liter', 'liters', 'ltr', 'ltrs', 'l', 'ml', 'pint', 'pints', 'pt', 'pts', 'gallon', 'gallons', 'gal']);

/** Volumes said of products sold by the bottle or carton: "2 litres of milk" is two 1 L cartons. */
const VOLUMES = new Set(['litre', 'litres', 'liter', 'liters', 'ltr', 'ltrs', 'l', 'ml', 'pint', 'pints', 'pt', 'pts', 'gallon', 'gallons', 'gal', 'roll', 'rolls', 'packet', 'packets', 'package', 'packages', 'head', 'heads', 'bulb', 'bulbs']);

/** Whether a product named by the words is sold by that unit ("ear" in "Sweet Corn (ear)"). */
function sellsBy(unit: string, query: string, matcher: ProductMatcher, products: ProductLookup): string[] {
  const u = stem(unit);
  const m = matcher.match(query);
  const skus = m.kind === 'product' ? [m.sku] : m.kind === 'ambiguous' ? m.skus : [];
  return skus.filter((sku) => { const p = products.get(sku); return !!p && (stem(p.unit) === u || words(normalize(p.name)).map(stem).includes(u)); });
}

/** Nouns that stand for a thing not named: "the crunchy thing", "that green stuff". */
const VAGUE = new Set(['thing', 'things', 'stuff', 'whatsit', 'thingy', 'whatever', 'whatchamacallit']);

/** Longest pieces tried for a product name inside them; longer ones are words we did not follow. */
const MAX_SPAN_SEARCH = 10;

/**
 * The longest run of words inside `said` that names products, and the words around it: "tortilla chips
 * for the party" is tortilla chips, with "for the party" left over. Bounded: pieces are short.
 */
function bestSpan(said: string[], matcher: ProductMatcher): { query: string; match: ItemRequest['match']; rest: string[] } | undefined {
  if (said.length > MAX_SPAN_SEARCH) return undefined;
  for (let len = said.length - 1; len >= 1; len -= 1) {
    for (let at = 0; at + len <= said.length; at += 1) {
      const span = said.slice(at, at + len);
      if (onlySentenceWords(span) || matcher.tokens(span.join(' ')).length === 0) continue;
      // Only grammar may come before the name ("constructor bananas" and "dragon fruit" name nothing); after
      // it, grammar or what it is for ("sour cream for the tacos", "batteries for the television remote").
      const before = said.slice(0, at);
      const after = said.slice(at + len);
      const grammar = (w: string) => onlySentenceWords([w]) || matcher.isPackaging(w);
      if (!before.every(grammar)) continue;
      const purpose = after.length > 0 && PURPOSE.has(after[0]!);
      if (!purpose && !after.every(grammar)) continue;
      const rest = purpose ? before : [...before, ...after];
      // At least one whole catalog word: a word of a sentence one letter off a product ("looking", "weather") is
      // no name alone, but "greek yoghurt" is Greek Style Yogurt.
      if (!span.some((w) => matcher.nameWords([w]) !== undefined && matcher.tokens(w).length > 0)) continue;
      const match = matcher.match(span.join(' '));
      if (match.kind !== 'none') return { query: span.join(' '), match, rest };
    }
  }
  return undefined;
}

function readItem(tokens: string[], matcher: ProductMatcher, homophones: boolean, products?: ProductLookup): ReadItem {
  const read = itemWords(tokens, homophones, matcher);
  const { query, queryWords, spoken, label, strange } = read;
  // A measure we cannot read leaves the amount unknown (unless the store sells by it: see below).
  const quantity = strange ? NONE : read.quantity;
  let match = matcher.match(query);
  if (spoken && match.kind === 'none') {
    // "to"/"for" did not turn out to be a number: read the words as they were.
    const whole = tokens.join(' ');
    const plain = matcher.match(whole);
    if (plain.kind !== 'none' || !query) return { item: { query: whole, quantity: NONE, match: plain }, unread: [] };
  }
  // "6 ears of corn" with "Sweet Corn (ear)" on the shelf: a unit of the store's, not a measure we cannot read.
  const soldBy = strange && products ? sellsBy(strange, query, matcher, products) : [];
  if (soldBy.length === 1) return { item: { query, quantity: read.quantity, match: { kind: 'product', sku: soldBy[0]! } }, unread: [] };
  let unread: string[] = strange ? [strange] : [];
  let named = query;
  if (match.kind === 'none' && query) {
    const span = bestSpan(queryWords, matcher);
    if (span) {
      match = span.match;
      named = span.query;
      unread = [...unread, ...span.rest.filter((w) => !onlySentenceWords([w]) && !matcher.isPackaging(w))];
    }
  }
  if (products && match.kind !== 'none') match = labelChoice(match, { label, quantity, words: matcher.wordsFor(named) }, matcher, products);
  if (match.kind === 'none' && query) return { item: { query, quantity, match: { kind: 'none', suggestions: matcher.search(query, 3) } }, unread: [] };
  // "that crunchy thing": a word describing a thing not named is a guess at Crunchy Granola, so it is asked about.
  if (match.kind === 'product' && products && tokens.some((w) => VAGUE.has(w)) && !headed(products.get(match.sku)!, matcher.tokens(named))) {
    match = { kind: 'ambiguous', skus: [match.sku] };
  }
  const sized = sizeAsAmount(match, { label, quantity, words: matcher.wordsFor(named) }, matcher);
  if (sized) return { item: { query: named, quantity: sized.quantity, match: sized.match }, unread, ...(strange ? { strange } : {}) };
  // "a gallon of whole milk" where milk comes by the litre: an amount we cannot turn into what is sold.
  if (label && MEASURES.has(label) && match.kind !== 'none') return { item: { query: named, quantity: NONE, match }, unread: [...unread, label], strange: label };
  const amount = match.kind === 'product' ? packSize(quantity, label, match.sku, products) : quantity;
  return { item: { query: named, quantity: amount, match }, unread, ...(strange ? { strange } : {}) };
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
  /** Measures we do not know, said of a product named ("gallon" in "a gallon of whole milk"). */
  measures: string[];
  /**
   * Words that named no product and read as no product's name either ("biscuits onto my list" read as
   * biscuits leaves none; "the thing my wife likes" leaves "thing wife likes"): the reading is not sure.
   */
  unread: string[];
}

/**
 * Reads a list of items: "2 kg apples, a dozen eggs and 3 bottles of milk". Separators split items unless
 * the joined words name one product ("salt and vinegar crisps"). Pieces that name nothing are dropped.
 */
export function parseItems(text: string, matcher: ProductMatcher, homophones = true, products?: ProductLookup): ParsedItems {
  const chunks = text.split(SEPARATOR).map((c) => splitGlued(words(c))).filter((c) => c.length > 0);
  const pieces = chunks.flatMap(splitAtQuantities);
  const known = new Map<number, number | undefined>();
  const nameWords = (k: number) => {
    if (!known.has(k)) known.set(k, matcher.nameWords(pieces[k]!));
    return known.get(k);
  };
  const items: ItemRequest[] = [];
  const unread: string[] = [];
  const measures: string[] = [];
  let i = 0;
  while (i < pieces.length) {
    const end = reach(pieces, i, matcher, nameWords);
    let taken = 1;
    for (let j = end; j > i + 1; j -= 1) {
      const joined = pieces.slice(i, j).flat();
      if (namesOneProduct(joined, matcher, homophones)) {
        const read = readItem(joined, matcher, homophones, products);
        items.push(read.item);
        unread.push(...read.unread);
        if (read.strange) measures.push(read.strange);
        taken = j - i;
        break;
      }
    }
    if (taken === 1) {
      // "bangers, 2 packs", "kombucha, two", "the unsalted butter, 2 of them": an amount for the item before.
      const amountOnly = amountAlone(pieces[i]!, matcher);
      const previous = items[items.length - 1];
      // "a bag of mandarins, about a kilo": a weight for a product sold by weight is the amount meant.
      const weighed = amountOnly?.quantity.kind === 'grams' && previous?.match.kind === 'product' && products
        && isSoldByWeight(normalizeUnit(products.get(previous.match.sku)?.unit ?? ''));
      if (amountOnly && previous && (previous.quantity.kind === 'none' || weighed) && previous.match.kind !== 'none') {
        // "andrex 9 roll", "heinz beans 415g x 3": the amount may be the product's own size.
        const sized = sizeAsAmount(previous.match, { label: amountOnly.label, quantity: amountOnly.quantity, words: matcher.tokens(previous.query) }, matcher);
        const times = amountOnly.times ? { kind: 'count' as const, value: amountOnly.times } : undefined;
        items[items.length - 1] = sized ? { ...previous, match: sized.match, quantity: times ?? sized.quantity } : { ...previous, quantity: amountOnly.quantity };
        i += 1;
        continue;
      }
      const { item, unread: left, strange } = readItem(pieces[i]!, matcher, homophones, products);
      unread.push(...left);
      if (strange) measures.push(strange);
      // A piece that names nothing ("1" in "1 1 1", the filler in "the, the") is no item: an amount on its
      // own is read before lists are ("three" answers "how many?"), and "we don't carry ''" helps nobody.
      // Nor is a piece of plain sentence words that matched nothing ("to go", "for me", "is this for"). A
      // piece that matched nothing is named back only when it reads as a thing ("kiwano"), never when it
      // is a fragment of a sentence ("biscuits onto my list", "please could you"): those are unread.
      const said = words(item.query);
      // Sentence words that only look like a product by a letter or two ("what" for wheat) are chatter too.
      const chatter = onlySentenceWords(said) && (item.match.kind === 'none' || matcher.nameWords(said) === undefined);
      if (matcher.tokens(item.query).length === 0 || chatter) { /* chatter */ }
      else if (item.match.kind === 'none' && !readsAsThing(said)) unread.push(...said.filter((w) => !onlySentenceWords([w])));
      else items.push(item);
    }
    i += taken;
  }
  // "a can of tomatoes, the chopped kind": the same product named again only says which; it is one line.
  const lines = items.filter((item, k) => item.match.kind !== 'product' || item.quantity.kind !== 'none'
    || !items.some((other, j) => j !== k && other.match.kind === 'product' && other.match.sku === (item.match as { sku: string }).sku && (other.quantity.kind !== 'none' || j < k)));
  return { items: products ? lines.map((item) => severalLoose(item, products)) : lines, unread, measures };
}

/**
 * "some tomatoes", "and apples": loose produce (sold by weight, counted in pieces) named in the plural with
 * no amount is several of them, how many unsaid; one would be a guess. Marked, so the customer is asked.
 */
function severalLoose(item: ItemRequest, products: ProductLookup): ItemRequest {
  if (item.quantity.kind !== 'none' || item.match.kind !== 'product') return item;
  const last = words(item.query).at(-1) ?? '';
  const p = products.get(item.match.sku);
  if (!p?.pieceGrams || !isSoldByWeight(normalizeUnit(p.unit)) || !pluralize.isPlural(last) || pluralize.isSingular(last)) return item;
  return { ...item, quantity: { kind: 'none', several: true } };
}
