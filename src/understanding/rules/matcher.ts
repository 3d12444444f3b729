// Misspellings are read with talisman (MIT): its metrics/damerau-levenshtein is the optimal-string-alignment
// distance (two neighbouring letters swapped, "cerael" for "cereal", is one edit where plain Levenshtein counts
// two), and its `limited` form gives up as soon as the bound is passed: on these short words it is faster than
// fastest-levenshtein was, and it matched a plain OSA table on 200k random pairs. The `damerau-levenshtein`
// package computes the same distance but builds a fresh (n+1)² matrix on every call, about ten times slower,
// with no bound. talisman's phonetics/double-metaphone is the sound-alike key used below. talisman ships no
// type declarations, so each import is given its type once, next to it.
// @ts-expect-error: talisman has no declaration file; typed as `editsWithin` below.
import damerauLevenshtein from 'talisman/metrics/damerau-levenshtein.js';
// @ts-expect-error: talisman has no declaration file; typed as `soundKeys` below.
import doubleMetaphone from 'talisman/phonetics/double-metaphone.js';
import pluralize from 'pluralize';
import type { Product } from '../../domain/types';
import { isSoldByWeight, normalizeUnit } from '../../domain/units';
import type { ProductMatch } from '../interpreter';
import { normalize, stem, words } from './text';
import { splitGlued } from './numbers';
import { bySize, isBareUnit, splitSizes } from './sizes';
import { saidOtherWays } from './synonyms';

/** Shelf labels and other words for how something is packed: "a jar of", "two loaves of". */
const PACKAGING = new Set([
  'bottle', 'pack', 'packet', 'can', 'tin', 'bag', 'box', 'jar', 'carton', 'loaf', 'loaves', 'piece', 'bunch',
  'tub', 'roll', 'bar', 'pot', 'punnet', 'each', 'item', 'unit',
]);

/** Words that say how something is packed or are politeness, never part of what is asked for. */
const FILLER = new Set([
  'of', 'the', 'and', 'some', 'a', 'an', 'please', 'pls', 'plz', 'thanks', 'my', 'your', 'any', 'more', 'fresh', 'x',
  ...PACKAGING, 'one', 'kind', 'type', 'also', 'too', 'as', 'well',
]);

/** The shelf-label words among some words, stemmed: what "cereal bars" says beyond "cereal". */
function labelsIn(said: readonly string[]): string[] {
  return said.filter((w) => PACKAGING.has(w) || PACKAGING.has(stem(w))).map(stem);
}

interface Phrase {
  tokens: string[];
  key: string;
}

interface Entry {
  product: Product;
  phrases: Phrase[];
  /** Every token of the name and aliases, for partial matches. */
  vocabulary: Set<string>;
  /** The words of its category ("frozen" for Birds Eye Garden Peas on the Frozen shelf): weaker than its name's. */
  shelf: Set<string>;
  /** Its sizes, from the name and aliases, brackets included: `g:415`, `n:6`, `pt:2`. */
  sizes: Set<string>;
}

export interface Scored {
  sku: string;
  score: number;
}

/**
 * Stemmed content words of a product phrase or a query. Sizes are not part of the name, in brackets or not
 * ("Heinz Baked Beans 415g", "Free Range Eggs x6"): see sizes.ts.
 */
export function phraseTokens(text: string): string[] {
  // "Free-Range" and "free range" are the same words.
  const bare = normalize(text.replace(/\([^)]*\)/g, ' ')).replace(/(\p{L})-(?=\p{L})/gu, '$1 ');
  const { rest } = splitSizes(words(bare));
  // Filler is looked up before stemming too: the stemmer reads "loaves" as "loave".
  return splitGlued(rest).filter((w) => !FILLER.has(w) && !isBareUnit(w)).map(stem).filter((t) => !FILLER.has(t) && !FILLER.has(stem(t)));
}

/** The sizes some words say, brackets included: "Coca-Cola Cans 8 x 330ml" → n:8, ml:330. */
export function sizesSaid(text: string): string[] {
  return splitSizes(words(normalize(text).replace(/(\p{L})-(?=\p{L})/gu, '$1 '))).sizes;
}

/** Score of a word that names only the product's shelf ("frozen" peas): below any word of a name. */
const SHELF_SCORE = 0.6;

/** The distance between two words if it is at most `max` (a swap of two neighbouring letters counts one), else Infinity. */
export const editsWithin: (max: number, a: string, b: string) => number = damerauLevenshtein.limited;
/** A word's two Double Metaphone keys (primary, alternate): words that sound alike share one. */
const soundKeys: (word: string) => [string, string] = doubleMetaphone;

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/**
 * Whether two words of one length, one edit apart, differ by a changed letter other than a vowel for a vowel:
 * in short words that is how one English word becomes another ("later" and "lager", "time" and "lime").
 */
function consonantChanged(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  if (i === a.length) return false;
  // Two neighbouring letters swapped is no letter changed.
  if (a[i] === b[i + 1] && a[i + 1] === b[i]) return false;
  return !(VOWELS.has(a[i]!) && VOWELS.has(b[i]!));
}

/**
 * How many edits two words of these lengths may be apart and still be one word misspelt: none when either is
 * under four letters, one, or two when both have seven or more. The shorter word sets it, so a long English
 * word is not read as a short catalog word it merely contains ("weather" as "water", "already" as "ready").
 * An edit is a letter added, dropped or changed, or two neighbouring letters swapped.
 */
function allowedEdits(length: number, otherLength = length): number {
  const shorter = Math.min(length, otherLength);
  if (shorter < 4) return 0;
  return shorter >= 7 ? 2 : 1;
}

/** A word with each run of one letter read as one: "cofffee", "coffe" and "coffee" are all "cofe". */
function undoubled(word: string): string {
  return word.replace(/(.)\1+/g, '$1');
}

/** Near-miss lookups remembered per word; cleared when full, so memory stays bounded whatever customers type. */
const NEAR_MEMO_LIMIT = 10_000;
/** Longer words are read afresh each time rather than kept: a 1,000-letter word is not worth remembering. */
const MEMO_WORD_CHARS = 40;

/**
 * Resolves product names as customers write them: exact names and aliases first, then every word
 * matching (plurals, typos within an edit or two, swapped and doubled letters), else nothing. Several
 * equally good products is "ambiguous".
 */
export class ProductMatcher {
  private entries: Entry[];
  private exact = new Map<string, Set<string>>();
  /** Of `exact`, the products whose phrase reads so only once a shelf label is dropped ("cereal bars"). */
  private labelledExact = new Map<string, Map<string, Set<string>>>();
  /** The last word of each product's name and aliases: what the thing is. */
  private heads = new Map<string, Set<string>>();
  private names = new Map<string, string>();
  private bySku = new Map<string, number>();
  /** Catalog words of four letters or more, by length: typo candidates for a word are only those within two letters. */
  private wordsByLength = new Map<number, string[]>();
  /** The same words by their letters undoubled: "coffffee" finds coffee however many letters a key repeated. */
  private wordsByUndoubled = new Map<string, string[]>();
  /** The same words' sound-alike keys. */
  private sounds = new Map<string, readonly string[]>();
  /** Catalog word → the entries (by index, ascending) whose name or aliases use it. */
  private byWord = new Map<string, number[]>();
  /** A word of a category's name → the entries on that shelf whose own name lacks it. */
  private byShelfWord = new Map<string, number[]>();
  /** Word a customer typed → the catalog words it is a typo of. */
  private near = new Map<string, string[]>();
  /** A word the parser split off → its content words (stemmed, filler dropped); remembered like `near`. */
  private content = new Map<string, string[]>();
  /** Most words in any one product's name or alias: a phrase longer than this names no product exactly. */
  readonly longestName: number;
  private longestWord = 0;
  /** The catalog's own shelf labels (stemmed, singular and plural) that are no word of any name: "sachet". */
  private labels = new Set<string>();

  constructor(products: Product[]) {
    this.entries = products.map((product) => {
      const texts = [product.name, ...product.aliases].filter((text) => phraseTokens(text).length > 0);
      const phrases = texts.map((text) => {
        const tokens = phraseTokens(text);
        return { tokens, key: tokens.join(' ') };
      });
      // "Cereal Bars" is read as "cereal" (bar is a label) but names cereal less than an alias "cereal" does.
      const labelled = texts.map((text) => labelsIn(words(normalize(text.replace(/\([^)]*\)/g, ' ')))));
      for (const [i, p] of phrases.entries()) {
        const set = this.exact.get(p.key) ?? new Set<string>();
        set.add(product.sku);
        this.exact.set(p.key, set);
        if (labelled[i]!.length > 0) {
          const weak = this.labelledExact.get(p.key) ?? new Map<string, Set<string>>();
          weak.set(product.sku, new Set([...(weak.get(product.sku) ?? []), ...labelled[i]!]));
          this.labelledExact.set(p.key, weak);
        }
      }
      this.names.set(product.sku, product.name);
      this.heads.set(product.sku, new Set(phrases.map((p) => p.tokens[p.tokens.length - 1]!)));
      const vocabulary = new Set(phrases.flatMap((p) => p.tokens));
      const shelf = new Set(phraseTokens(product.category).filter((w) => !vocabulary.has(w)));
      const sizes = new Set([product.name, ...product.aliases].flatMap(sizesSaid));
      return { product, phrases, vocabulary, shelf, sizes };
    });
    this.entries.forEach((e, index) => {
      this.bySku.set(e.product.sku, index);
      for (const word of e.vocabulary) {
        const list = this.byWord.get(word) ?? [];
        list.push(index);
        this.byWord.set(word, list);
      }
      for (const word of e.shelf) {
        const list = this.byShelfWord.get(word) ?? [];
        list.push(index);
        this.byShelfWord.set(word, list);
      }
    });
    for (const word of this.byWord.keys()) {
      this.longestWord = Math.max(this.longestWord, word.length);
      if (word.length < 4) continue;
      const same = this.wordsByLength.get(word.length) ?? [];
      same.push(word);
      this.wordsByLength.set(word.length, same);
      const key = undoubled(word);
      this.wordsByUndoubled.set(key, [...(this.wordsByUndoubled.get(key) ?? []), word]);
      this.sounds.set(word, soundKeys(word));
    }
    for (const p of products) {
      const unit = normalizeUnit(p.unit);
      if (isSoldByWeight(unit)) continue;
      for (const form of [unit, pluralize.plural(unit)]) {
        const word = stem(form);
        if (!this.byWord.has(word) && !FILLER.has(word)) this.labels.add(word);
      }
    }
    this.longestName = products.reduce((most, p) =>
      [p.name, ...p.aliases].reduce((m, text) => Math.max(m, words(normalize(text)).length), most), 0);
  }

  /** phraseTokens, less this catalog's own shelf labels: "2 sachets of saffron" asks for saffron. */
  tokens(text: string): string[] {
    const tokens = phraseTokens(text);
    return this.labels.size ? tokens.filter((t) => !this.labels.has(t)) : tokens;
  }

  /** Whether a word is a shelf label or packaging, singular or plural, this catalog's labels included. */
  isPackaging(word: string): boolean {
    const s = stem(word);
    return PACKAGING.has(word) || PACKAGING.has(s) || this.labels.has(s);
  }

  /**
   * The catalog words `q` is a typo of, computed once per word: within an edit (two when both words have seven
   * letters or more), a swap of neighbouring letters counting one ("cerael"), or the same word once doubled
   * letters are read single ("bananna", "cofffee"). Words under four letters are typos of nothing. In words under
   * seven letters a changed consonant counts only where the two words sound alike ("juise", "sause"): "later"
   * is no "lager", "time" no "lime". Only the catalog words within two letters of q's length are compared, and
   * the undoubled form is one lookup: a word costs a bounded number of comparisons, never a pass over products.
   */
  private typoOf(q: string): string[] {
    const known = this.near.get(q);
    if (known) return known;
    const allowed = allowedEdits(q.length);
    if (allowed === 0) return [];
    const single = undoubled(q);
    // Longer than any catalog word, even undoubled: a typo of nothing, and not worth remembering.
    if (single.length > this.longestWord) return [];
    const found = new Set<string>(this.wordsByUndoubled.get(single));
    let keys: readonly string[] | undefined;
    const soundsLike = (v: string) => {
      keys ??= soundKeys(q).filter(Boolean);
      const theirs = this.sounds.get(v) ?? [];
      return keys.some((k) => theirs.includes(k));
    };
    for (let len = q.length - allowed; len <= q.length + allowed; len += 1) {
      const edits = allowedEdits(q.length, len);
      for (const v of this.wordsByLength.get(len) ?? []) {
        const d = editsWithin(edits, q, v);
        if (d > edits) continue;
        if (edits === 1 && d === 1 && consonantChanged(q, v) && !soundsLike(v)) continue;
        found.add(v);
      }
    }
    const typos = [...found];
    if (q.length > MEMO_WORD_CHARS) return typos;
    if (this.near.size >= NEAR_MEMO_LIMIT) this.near.clear();
    this.near.set(q, typos);
    return typos;
  }

  /** 1 for a word of the vocabulary, 0.8 for a typo of one, 0.6 for a word of its shelf, else 0. */
  private tokenScore(q: string, vocabulary: Set<string>, shelf?: Set<string>): number {
    if (vocabulary.has(q)) return 1;
    if (this.typoOf(q).some((v) => vocabulary.has(v))) return 0.8;
    return shelf?.has(q) ? SHELF_SCORE : 0;
  }

  /** The entries a word matches (as itself, as a typo, or as a word of their shelf), in catalog order: a lookup, not a pass over the catalog. */
  private entriesWith(q: string, shelf = false): number[] {
    const lists = [q, ...this.typoOf(q)].map((w) => this.byWord.get(w) ?? []);
    if (shelf) lists.push(this.byShelfWord.get(q) ?? []);
    if (lists.length === 1) return lists[0]!;
    return [...new Set(lists.flat())].sort((a, b) => a - b);
  }

  /** The sizes a product is sold in, as keys (see sizes.ts). */
  sizesOf(sku: string): ReadonlySet<string> {
    return this.entries[this.bySku.get(sku) ?? -1]?.sizes ?? new Set();
  }

  /** Products whose every word is matched by the query, best first. */
  score(queryTokens: string[]): Scored[] {
    if (queryTokens.length === 0) return [];
    let candidates: number[] = [];
    for (const [n, q] of [...new Set(queryTokens)].entries()) {
      const matching = this.entriesWith(q, queryTokens.length > 1);
      if (n === 0) candidates = matching;
      else { const has = new Set(matching); candidates = candidates.filter((i) => has.has(i)); }
      if (candidates.length === 0) return [];
    }
    const out: Scored[] = [];
    for (const e of candidates.map((i) => this.entries[i]!)) {
      let total = 0;
      let allMatched = true;
      for (const q of queryTokens) {
        // A shelf word only beside a word of the name: "frozen peas", never "frozen" alone.
        const s = this.tokenScore(q, e.vocabulary, queryTokens.length > 1 ? e.shelf : undefined);
        if (s === 0) { allMatched = false; break; }
        total += s;
      }
      if (!allMatched) continue;
      // Fewer unmatched words in the closest phrase = a closer product.
      const closest = Math.min(...e.phrases.map((p) => p.tokens.filter((t) => !queryTokens.includes(t)).length));
      out.push({ sku: e.product.sku, score: total / queryTokens.length - closest * 0.01 });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /**
   * The one product whose name or alias is exactly these words: the only one, or the only one that names
   * them without dropping a shelf label ("cereal" is Corn Flakes' alias, "cereal bars" Granola Bars').
   */
  private exactOne(key: string, said: readonly string[]): string | undefined {
    const exact = this.exact.get(key);
    if (!exact) return undefined;
    if (exact.size === 1) return [...exact][0];
    const weak = this.labelledExact.get(key);
    if (!weak) return undefined;
    // "cereal bars" said with its label names Granola Bars; "2 boxes of cereal" names the plain alias.
    const labels = labelsIn(said);
    const saidLabel = [...weak].filter(([, own]) => labels.some((l) => own.has(l))).map(([sku]) => sku);
    if (saidLabel.length === 1) return saidLabel[0];
    const strong = [...exact].filter((sku) => !weak.has(sku));
    return strong.length === 1 ? strong[0] : undefined;
  }

  /** Whether the words are exactly one product's name or alias. */
  isExactName(query: string): boolean {
    return this.exactOne(this.tokens(query).join(' '), words(normalize(query))) !== undefined;
  }

  /**
   * The content words of words the parser already split, as phraseTokens would read them joined: each
   * word's reading is computed once, so trying many runs of the same words costs lookups, not re-parsing.
   */
  contentWords(tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (const t of tokens) {
      let words = this.content.get(t);
      if (!words) {
        words = this.tokens(t);
        if (this.content.size >= NEAR_MEMO_LIMIT) this.content.clear();
        if (t.length <= MEMO_WORD_CHARS) this.content.set(t, words);
      }
      out.push(...words);
    }
    return out;
  }

  /** isExactName for words the parser already split. */
  isExactWords(tokens: readonly string[]): boolean {
    return this.exactOne(this.contentWords(tokens).join(' '), tokens) !== undefined;
  }

  /**
   * How many content words these words add to a product's name: undefined when one of them is no word of
   * any name or alias, so the words cannot sit inside a name.
   */
  nameWords(tokens: readonly string[]): number | undefined {
    const content = this.contentWords(tokens);
    return content.every((w) => this.byWord.has(w)) ? content.length : undefined;
  }

  /**
   * The product(s) some words name. Sizes said choose among them ("the 4 pint one", "coke 2l"); words that
   * name nothing are tried again said other ways (synonyms.ts: "oj", "cornflakes", "frozen chips").
   */
  match(query: string): ProductMatch {
    const found = this.matchWords(query);
    const sizes = sizesSaid(query);
    const sized = sizes.length ? this.withSizes(found, query, sizes) : found;
    if (sized.kind !== 'none') return sized;
    const others = saidOtherWays(words(normalize(query)));
    // Said two ways at once ("rib eye stakes"): each variant said another way once more.
    for (const other of [...others, ...others.flatMap((o) => saidOtherWays(o, 4))]) {
      const again = this.matchWords(other.join(' '));
      if (again.kind !== 'none') return sizes.length ? this.withSizes(again, other.join(' '), sizes) : again;
    }
    return sized;
  }

  /** The content words that name products, said as given or the other way that named something ("toms" → tomatoes). */
  wordsFor(query: string): string[] {
    const tokens = this.tokens(query);
    if (this.matchWords(query).kind !== 'none') return tokens;
    for (const other of saidOtherWays(words(normalize(query)))) {
      if (this.matchWords(other.join(' ')).kind !== 'none') return this.tokens(other.join(' '));
    }
    return tokens;
  }

  /** Of what some words name, the products in every size said; what they name when none is. */
  private withSizes(found: ProductMatch, query: string, sizes: string[]): ProductMatch {
    if (found.kind === 'none') return found;
    const skus = found.kind === 'product' ? [found.sku] : found.skus;
    const candidates = [...new Set([...skus, ...this.score(this.tokens(query)).map((s) => s.sku)])];
    const fitting = bySize(found.kind === 'product' && skus.every((s) => sizes.every((k) => this.sizesOf(s).has(k))) ? skus : candidates, sizes, (s) => this.sizesOf(s));
    if (!fitting) return found;
    return fitting.length === 1 ? { kind: 'product', sku: fitting[0]! } : { kind: 'ambiguous', skus: fitting.slice(0, 6) };
  }

  /** "chickpeas" when the store writes "Chick Peas": a word that is no catalog word, read as two that are. */
  private unglued(tokens: string[]): string[] {
    return tokens.flatMap((t) => {
      // Two whole catalog words beat a near miss of one ("chickpeas" is chick peas, not chicken).
      if (t.length < 6 || this.byWord.has(t)) return [t];
      for (let k = 3; k <= t.length - 3; k += 1) {
        const [a, b] = [t.slice(0, k), stem(t.slice(k))];
        if (this.byWord.has(a) && this.byWord.has(b)) return [a, b];
      }
      return [t];
    });
  }

  private matchWords(query: string): ProductMatch {
    const tokens = this.unglued(this.tokens(query));
    if (tokens.length === 0) return { kind: 'none' };
    const one = this.exactOne(tokens.join(' '), words(normalize(query)));
    if (one) return { kind: 'product', sku: one };
    const exact = this.exact.get(tokens.join(' '));
    if (exact && exact.size > 1) return { kind: 'ambiguous', skus: [...exact].sort((a, b) => (this.names.get(a) ?? a).localeCompare(this.names.get(b) ?? b)) };
    const scored = this.score(tokens);
    if (scored.length === 0) return { kind: 'none' };
    // Whole words beat typo matches: "milk" never resolves to "silk" if a milk exists.
    const bestWhole = Math.floor(scored[0]!.score + 0.05);
    let top = scored.filter((s) => Math.floor(s.score + 0.05) === bestWhole);
    // The head noun decides what a thing is: "milk" means Whole or Oat Milk, not a Milk Chocolate Bar.
    const headed = top.filter((s) => tokens.some((t) => this.tokenScore(t, this.heads.get(s.sku) ?? new Set()) > 0));
    if (headed.length > 0) top = headed;
    if (top.length === 1) return { kind: 'product', sku: top[0]!.sku };
    // Options in a stable order whatever order the store lists products in: best first, then by name.
    const name = (sku: string) => this.names.get(sku) ?? sku;
    top.sort((a, b) => b.score - a.score || name(a.sku).localeCompare(name(b.sku)));
    return { kind: 'ambiguous', skus: top.slice(0, 6).map((s) => s.sku) };
  }

  /**
   * Of the given products, those a word names (as itself or as a typo): "rye" among Rye Bread and
   * Sourdough Loaf is Rye Bread. For answers to "which one?", so only the offered products are looked at.
   */
  among(word: string, skus: readonly string[]): string[] {
    return skus.filter((sku) => {
      const e = this.entries[this.bySku.get(sku) ?? -1];
      return e !== undefined && this.tokenScore(word, e.vocabulary) > 0;
    });
  }

  /** Loose search: products sharing any word with the query, for "search tea" and "did you mean". */
  search(query: string, limit = 6): string[] {
    const tokens = this.tokens(query);
    const hits: Scored[] = [];
    const candidates = [...new Set(tokens.flatMap((q) => this.entriesWith(q)))].sort((a, b) => a - b);
    for (const e of candidates.map((i) => this.entries[i]!)) {
      const s = tokens.reduce((sum, q) => sum + this.tokenScore(q, e.vocabulary), 0);
      if (s > 0) hits.push({ sku: e.product.sku, score: s });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit).map((h) => h.sku);
  }
}
