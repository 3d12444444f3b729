import type { Product } from '../../domain/types';
import { isSoldByWeight, normalizeUnit } from '../../domain/units';
import type { ProductMatch, SaidQuantity } from '../interpreter';
import { phraseTokens, type ProductMatcher } from './matcher';
import { normalize, stem, words } from './text';

export type ProductLookup = ReadonlyMap<string, Product>;

/** Shelf labels that say the same thing: a tin is a can. */
const SAME_LABEL = new Map<string, string[]>([
  ['can', ['can', 'tin', 'tinned', 'canned']],
  ['tin', ['can', 'tin', 'tinned', 'canned']],
  ['bottle', ['bottle', 'bottled']],
  ['pack', ['pack', 'packet']],
  ['packet', ['pack', 'packet']],
  ['bag', ['bag', 'bagged']],
  ['jar', ['jar', 'jarred']],
  ['carton', ['carton']],
  ['box', ['box', 'boxed']],
  ['tub', ['tub']],
  ['punnet', ['punnet']],
  ['loaf', ['loaf', 'loave']],
  ['bunch', ['bunch']],
  ['pouch', ['pouch']],
  ['roll', ['roll']],
  ['bar', ['bar']],
]);

/** Every word a product is described by, the size in brackets and its selling unit included: "(415 g can)". */
function described(p: Product): Set<string> {
  return new Set(words(normalize(`${p.name} ${p.unit} ${p.aliases.join(' ')}`.replace(/[()]/g, ' '))).map(stem));
}

function agrees(p: Product, label: string): boolean {
  const said = SAME_LABEL.get(stem(label)) ?? [stem(label)];
  const own = described(p);
  return said.some((w) => own.has(w));
}

/** Whether a word said is what the product is (the last word of its name or an alias): tomatoes, not tomato soup. */
function headed(p: Product, said: string[]): boolean {
  return [p.name, ...p.aliases].some((text) => {
    const tokens = phraseTokens(text);
    return tokens.length > 0 && said.includes(tokens[tokens.length - 1]!);
  });
}

/**
 * A unit the customer said chooses among products of the same name: "3 cans of beans" is the canned beans,
 * "a kilo of tomatoes" the loose ones sold by weight. A label no candidate agrees with changes nothing.
 */
export function labelChoice(
  match: ProductMatch,
  said: { label?: string; quantity: SaidQuantity; words: string[] },
  matcher: ProductMatcher,
  products: ProductLookup,
): ProductMatch {
  if (match.kind === 'none' || (!said.label && said.quantity.kind !== 'grams')) return match;
  const ranked = matcher.score(said.words).map((s) => s.sku);
  const candidates = [...new Set([...(match.kind === 'product' ? [match.sku] : match.skus), ...ranked])]
    .filter((sku) => products.has(sku));
  const fits = (sku: string) => {
    const p = products.get(sku)!;
    if (said.label && SAME_LABEL.has(stem(said.label))) return agrees(p, said.label);
    if (said.quantity.kind === 'grams') return isSoldByWeight(normalizeUnit(p.unit));
    return true;
  };
  const agreeing = candidates.filter(fits);
  if (agreeing.length === 0) return match;
  if (match.kind === 'product' && agreeing.includes(match.sku)) return match;
  if (match.kind === 'ambiguous') {
    const among = match.skus.filter(fits);
    if (among.length === 1) return { kind: 'product', sku: among[0]! };
    if (among.length > 1) return { kind: 'ambiguous', skus: among };
  }
  // Only a product whose name has every word said: "beans" in a can is Baked Beans, not a can of soup.
  const named = agreeing.filter((sku) => ranked.includes(sku));
  if (named.length === 0) return match;
  const heads = named.filter((sku) => headed(products.get(sku)!, said.words));
  const chosen = heads.length ? heads : named;
  return chosen.length === 1 ? { kind: 'product', sku: chosen[0]! } : { kind: 'ambiguous', skus: chosen.slice(0, 6) };
}
