import type { Product } from '../../domain/types';
import { isSoldByWeight, normalizeUnit } from '../../domain/units';
import type { ProductMatch, SaidQuantity } from '../interpreter';
import { phraseTokens, type ProductMatcher } from './matcher';
import { sizeKey } from './sizes';
import { normalize, stem, words } from './text';

export type ProductLookup = ReadonlyMap<string, Product>;

/** Shelf labels that say the same thing: a tin is a can. */
const SAME_LABEL = new Map<string, string[]>([
  ['can', ['can', 'tin', 'tinned', 'canned']],
  ['tin', ['can', 'tin', 'tinned', 'canned']],
  ['bottle', ['bottle', 'bottled']],
  // Pack, packet, bag and box say little: nearly anything comes in one, so they choose nothing.
  ['jar', ['jar', 'jarred']],
  ['carton', ['carton']],
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
export function headed(p: Product, said: string[]): boolean {
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
  let agreeing = candidates.filter(fits);
  // None of the products of every word said comes that way: those named by the last word said may
  // ("4 cans of sweet corn" is the canned corn when the sweet corn is sold by the ear).
  if (agreeing.length === 0 && said.words.length > 1 && said.label) {
    agreeing = matcher.score(said.words.slice(-1)).map((s) => s.sku).filter((sku) => products.has(sku) && fits(sku));
    if (agreeing.length === 1) return { kind: 'product', sku: agreeing[0]! };
  }
  if (agreeing.length === 0) return match;
  if (match.kind === 'product' && agreeing.includes(match.sku)) return match;
  if (match.kind === 'ambiguous') {
    const among = match.skus.filter(fits);
    if (among.length === 1) return { kind: 'product', sku: among[0]! };
    if (among.length > 1) return { kind: 'ambiguous', skus: among };
  }
  // Only a product whose name has every word said: "beans" in a can is Baked Beans, not a can of soup;
  // failing that, one named by the last word said ("sweet corn" in cans is the canned corn).
  let named = agreeing.filter((sku) => ranked.includes(sku));
  if (named.length === 0 && said.words.length > 1) {
    const byHead = matcher.score(said.words.slice(-1)).map((s) => s.sku);
    named = byHead.filter((sku) => products.has(sku) && fits(sku));
  }
  if (named.length === 0) return match;
  const heads = named.filter((sku) => headed(products.get(sku)!, said.words));
  const chosen = heads.length ? heads : named;
  return chosen.length === 1 ? { kind: 'product', sku: chosen[0]! } : { kind: 'ambiguous', skus: chosen.slice(0, 6) };
}

/** Labels that, singular after a number, say a pack's size ("a 6 pack", "9 roll"); plural they count ("6 packs"). */
const PACK_SIZES = new Set(['pack', 'pk', 'roll', 'pint', 'pints', 'litre', 'litres', 'liter', 'liters', 'l', 'ltr', 'ml', 'bag', 'wash', 'can', 'gallon', 'gallons', 'gal']);

/**
 * An amount that is a product's own size: "12 eggs" when the store sells "Free Range Eggs x12", "a 2.5kg bag of
 * Maris Pipers", "4 pints semi skimmed", "andrex 9 roll". That product, one of it; else nothing changes.
 */
export function sizeAsAmount(
  match: ProductMatch,
  said: { label?: string; quantity: SaidQuantity; words: string[] },
  matcher: ProductMatcher,
): { match: ProductMatch; quantity: SaidQuantity } | undefined {
  if (match.kind === 'none' || said.quantity.kind === 'none') return undefined;
  const q = said.quantity;
  const key = q.kind === 'grams' ? `g:${q.value}`
    : said.label ? (PACK_SIZES.has(said.label) || /^(?:pints?|litres?|liters?)$/.test(said.label) ? sizeKey(q.value, said.label === 'pack' ? 'pk' : said.label) : undefined)
      : `n:${q.value}`;
  if (!key) return undefined;
  const named = match.kind === 'product' ? [match.sku] : match.skus;
  const candidates = [...new Set([...named, ...matcher.score(said.words).map((s) => s.sku)])];
  let all = candidates.filter((sku) => matcher.sizesOf(sku).has(key));
  let quantity: SaidQuantity = { kind: 'count', value: 1 };
  // "2 gallons of whole milk" with "Whole Milk 1 Gallon" on the shelf: two of the one-gallon.
  const unitKey = said.label ? sizeKey(1, said.label === 'pack' ? 'pk' : said.label) : undefined;
  if (all.length === 0 && unitKey && unitKey !== key && q.kind === 'count' && Number.isInteger(q.value)) {
    all = candidates.filter((sku) => matcher.sizesOf(sku).has(unitKey));
    quantity = q;
  }
  if (all.length === 0) return undefined;
  // "415g" is the single tin before the multipack of 4 x 415g.
  const fewest = Math.min(...all.map((sku) => matcher.sizesOf(sku).size));
  const having = all.filter((sku) => matcher.sizesOf(sku).size === fewest);
  if (match.kind === 'product' && having.includes(match.sku)) return { match, quantity };
  return { match: having.length === 1 ? { kind: 'product', sku: having[0]! } : { kind: 'ambiguous', skus: having.slice(0, 6) }, quantity };
}
