import type { Asking, Option, Product } from '../../domain/types';
import type { CartLineRef, Intent, InterpretContext } from '../interpreter';
import type { ProductMatcher } from '../rules/matcher';

/** Most candidate products one request carries: enough for a list of several items, never the catalog. */
export const MAX_CANDIDATES = 24;
/** Candidates per word of the message, so one item's many matches do not crowd out another item's. */
const PER_WORD = 4;

export interface Candidate {
  sku: string;
  name: string;
  unit: string;
  priceCents: number;
}

/** What Gemini is told besides the message: where the dialogue stands, and the few products it may mean. */
export interface Grounding {
  asking?: Asking;
  options?: Option[];
  cart?: CartLineRef[];
  candidates: Candidate[];
  categories: string[];
  faqTopics: string[];
}

/** The catalog as grounding reads it: products by SKU, the matcher over them, and the category names. */
export interface CatalogView {
  products: ReadonlyMap<string, Product>;
  matcher: ProductMatcher;
  categories: string[];
  /** The FAQ's topics: what a faq answer may name. */
  faqTopics: string[];
}

/** SKUs the rules already considered for this message: matched, ambiguous, or suggested. */
function skusOf(intent: Intent): string[] {
  const items = intent.type === 'add' || intent.type === 'ask' || intent.type === 'remove' || intent.type === 'propose' ? intent.items
    : intent.type === 'set_qty' && intent.item ? [intent.item] : [];
  return items.flatMap((i) => (i.match.kind === 'product' ? [i.match.sku] : i.match.kind === 'ambiguous' ? i.match.skus : i.match.suggestions ?? []));
}

function askedSkus(asking: Asking | undefined): string[] {
  if (asking?.kind === 'choose_product') return asking.skus;
  if (asking?.kind === 'how_many' || asking?.kind === 'confirm_wish' || asking?.kind === 'confirm_back') return [asking.sku];
  return [];
}

/**
 * The products this message may be about: what the rules matched or suggested, what the question asked
 * offered, the last product touched, then the matcher's best few for each word of the message. Bounded by
 * MAX_CANDIDATES whatever the catalog's size.
 */
export function candidates(text: string, context: InterpretContext, rules: Intent, catalog: CatalogView): Candidate[] {
  const wanted = new Set<string>([...skusOf(rules), ...askedSkus(context.asking), ...(context.lastSku ? [context.lastSku] : [])]);
  // The whole message first: "rye bread" ranks Rye Bread above every other bread.
  for (const sku of catalog.matcher.search(text, PER_WORD)) wanted.add(sku);
  for (const word of new Set(catalog.matcher.tokens(text))) {
    if (wanted.size >= MAX_CANDIDATES) break;
    for (const sku of catalog.matcher.search(word, PER_WORD)) wanted.add(sku);
  }
  const out: Candidate[] = [];
  for (const sku of wanted) {
    const p = catalog.products.get(sku);
    if (p) out.push({ sku: p.sku, name: p.name, unit: p.unit, priceCents: p.priceCents });
    if (out.length >= MAX_CANDIDATES) break;
  }
  return out;
}

export function grounding(text: string, context: InterpretContext, rules: Intent, catalog: CatalogView): Grounding {
  return {
    ...(context.asking ? { asking: context.asking } : {}),
    ...(context.options?.length ? { options: context.options } : {}),
    ...(context.cart?.length ? { cart: context.cart } : {}),
    candidates: candidates(text, context, rules, catalog),
    categories: catalog.categories,
    faqTopics: catalog.faqTopics,
  };
}
