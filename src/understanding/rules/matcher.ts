import { distance } from 'fastest-levenshtein';
import type { Product } from '../../domain/types';
import type { ProductMatch } from '../interpreter';
import { normalize, stem, words } from './text';
import { splitGlued } from './numbers';

/** Words that say how something is packed or are politeness, never part of what is asked for. */
const FILLER = new Set([
  'of', 'the', 'and', 'some', 'a', 'an', 'please', 'pls', 'plz', 'thanks', 'my', 'your', 'any', 'more', 'fresh', 'x',
  'bottle', 'pack', 'packet', 'can', 'tin', 'bag', 'box', 'jar', 'carton', 'loaf', 'loaves', 'piece', 'bunch',
  'tub', 'roll', 'bar', 'pot', 'punnet', 'each', 'item', 'unit', 'one', 'kind', 'type', 'also', 'too', 'as', 'well',
]);

interface Phrase {
  tokens: string[];
  key: string;
}

interface Entry {
  product: Product;
  phrases: Phrase[];
  /** Every token of the name and aliases, for partial matches. */
  vocabulary: Set<string>;
}

export interface Scored {
  sku: string;
  score: number;
}

/** Stemmed content words of a product phrase or a query; sizes in brackets are not part of the name. */
export function phraseTokens(text: string): string[] {
  const bare = normalize(text.replace(/\([^)]*\)/g, ' '));
  return splitGlued(words(bare)).map(stem).filter((t) => !FILLER.has(t) && !FILLER.has(stem(t)));
}

function tokenScore(q: string, vocabulary: Set<string>): number {
  if (vocabulary.has(q)) return 1;
  if (q.length < 4) return 0;
  const allowed = q.length >= 7 ? 2 : 1;
  let best = 0;
  for (const v of vocabulary) {
    if (v.length < 4 || Math.abs(v.length - q.length) > allowed) continue;
    if (distance(q, v) <= allowed) best = Math.max(best, 0.8);
  }
  return best;
}

/**
 * Resolves product names as customers write them: exact names and aliases first, then every word
 * matching (plurals, typos within an edit or two), else nothing. Several equally good products is "ambiguous".
 */
export class ProductMatcher {
  private entries: Entry[];
  private exact = new Map<string, Set<string>>();
  /** The last word of each product's name and aliases: what the thing is. */
  private heads = new Map<string, Set<string>>();
  private names = new Map<string, string>();

  constructor(products: Product[]) {
    this.entries = products.map((product) => {
      const phrases = [product.name, ...product.aliases].map((text) => {
        const tokens = phraseTokens(text);
        return { tokens, key: tokens.join(' ') };
      }).filter((p) => p.tokens.length > 0);
      for (const p of phrases) {
        const set = this.exact.get(p.key) ?? new Set<string>();
        set.add(product.sku);
        this.exact.set(p.key, set);
      }
      this.names.set(product.sku, product.name);
      this.heads.set(product.sku, new Set(phrases.map((p) => p.tokens[p.tokens.length - 1]!)));
      return { product, phrases, vocabulary: new Set(phrases.flatMap((p) => p.tokens)) };
    });
  }

  /** Products whose every word is matched by the query, best first. */
  score(queryTokens: string[]): Scored[] {
    if (queryTokens.length === 0) return [];
    const out: Scored[] = [];
    for (const e of this.entries) {
      let total = 0;
      let allMatched = true;
      for (const q of queryTokens) {
        const s = tokenScore(q, e.vocabulary);
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

  /** Whether the words are exactly one product's name or alias. */
  isExactName(query: string): boolean {
    return this.exact.get(phraseTokens(query).join(' '))?.size === 1;
  }

  match(query: string): ProductMatch {
    const tokens = phraseTokens(query);
    if (tokens.length === 0) return { kind: 'none' };
    const exact = this.exact.get(tokens.join(' '));
    if (exact && exact.size === 1) return { kind: 'product', sku: [...exact][0]! };
    if (exact && exact.size > 1) return { kind: 'ambiguous', skus: [...exact].sort((a, b) => (this.names.get(a) ?? a).localeCompare(this.names.get(b) ?? b)) };
    const scored = this.score(tokens);
    if (scored.length === 0) return { kind: 'none' };
    // Whole words beat typo matches: "milk" never resolves to "silk" if a milk exists.
    const bestWhole = Math.floor(scored[0]!.score + 0.05);
    let top = scored.filter((s) => Math.floor(s.score + 0.05) === bestWhole);
    // The head noun decides what a thing is: "milk" means Whole or Oat Milk, not a Milk Chocolate Bar.
    const headed = top.filter((s) => tokens.some((t) => tokenScore(t, this.heads.get(s.sku) ?? new Set()) > 0));
    if (headed.length > 0) top = headed;
    if (top.length === 1) return { kind: 'product', sku: top[0]!.sku };
    // Options in a stable order whatever order the store lists products in: best first, then by name.
    const name = (sku: string) => this.names.get(sku) ?? sku;
    top.sort((a, b) => b.score - a.score || name(a.sku).localeCompare(name(b.sku)));
    return { kind: 'ambiguous', skus: top.slice(0, 6).map((s) => s.sku) };
  }

  /** Loose search: products sharing any word with the query, for "search tea" and "did you mean". */
  search(query: string, limit = 6): string[] {
    const tokens = phraseTokens(query);
    const hits: Scored[] = [];
    for (const e of this.entries) {
      const s = tokens.reduce((sum, q) => sum + tokenScore(q, e.vocabulary), 0);
      if (s > 0) hits.push({ sku: e.product.sku, score: s });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit).map((h) => h.sku);
  }
}
