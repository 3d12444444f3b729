import type { MediaPart, SaidQuantity } from '../../domain/types';
import type { Intent, InterpretContext, ItemRequest } from '../interpreter';
import type { Answer, AnswerItem } from './answer';
import type { DietClaim } from '../../domain/tags';
import type { CatalogView } from './grounding';

/** The largest amounts Gemini may put in a cart line; beyond them the amount is dropped and the bot asks. */
export const MAX_COUNT = 1000;
export const MAX_GRAMS = 100_000;

const NONE: SaidQuantity = { kind: 'none' };

/** A count or a weight the model read, if it is a whole, positive, sane amount; else none (the bot will ask). */
export function quantityOf(a: { count?: number; grams?: number }): SaidQuantity {
  if (a.grams !== undefined && Number.isInteger(a.grams) && a.grams >= 1 && a.grams <= MAX_GRAMS) return { kind: 'grams', value: a.grams };
  if (a.count !== undefined && Number.isInteger(a.count) && a.count >= 1 && a.count <= MAX_COUNT) return { kind: 'count', value: a.count };
  return NONE;
}

/**
 * One item as the model read it. A SKU we sell is taken; a SKU we do not sell is dropped and the item keeps
 * only its words, matched nowhere (the bot says it could not find them, never guesses); an item without a
 * SKU is matched by the rules' matcher on its words.
 */
function itemOf(a: AnswerItem, catalog: CatalogView): ItemRequest {
  const query = a.words.trim().slice(0, 200);
  const quantity = quantityOf(a);
  if (a.sku !== undefined) {
    if (catalog.products.has(a.sku)) return { query, quantity, match: { kind: 'product', sku: a.sku } };
    return { query, quantity, match: { kind: 'none' } };
  }
  const match = catalog.matcher.match(query);
  return { query, quantity, match: match.kind === 'none' ? { kind: 'none', suggestions: catalog.matcher.search(query, 3) } : match };
}

const items = (a: Answer, catalog: CatalogView) => (a.items ?? []).filter((i) => i.words.trim() || i.sku).map((i) => itemOf(i, catalog));

/**
 * The model's answer as an Intent, or undefined when it says nothing the rules did not (unknown, or an
 * answer that points at nothing real: an option not on offer, items with no words).
 */
export function toIntent(a: Answer, context: InterpretContext, catalog: CatalogView, media?: readonly MediaPart[]): Intent | undefined {
  const main = mainIntent(a, context, catalog, media);
  // "Hi, Sam here, 12 Baker St, 2 milks": the name and the address come first, then what the type says.
  const also: Intent[] = [
    ...(a.alsoName?.trim() && a.type !== 'name' ? [{ type: 'name' as const, name: a.alsoName.trim() }] : []),
    ...(a.alsoAddress?.trim() && a.type !== 'address' ? [{ type: 'address' as const, address: a.alsoAddress.trim() }] : []),
  ];
  if (also.length === 0) return main;
  const intents = main ? [...also, main] : also;
  return intents.length === 1 ? intents[0] : { type: 'multi', intents };
}

/** A question of what is in the food: of one product, of the one last talked about, or of which products are so. */
function dietOf(a: Answer, claim: DietClaim, catalog: CatalogView): Intent {
  const read = items(a, catalog);
  const category = a.category && catalog.categories.includes(a.category) ? a.category : undefined;
  const [only] = read;
  if (!a.list && !category && read.length === 1 && only) return { type: 'diet', claim, about: { kind: 'product', item: only } };
  if (!a.list && !category && read.length === 0) return { type: 'diet', claim, about: { kind: 'it' } };
  const skus = read.flatMap((i) => (i.match.kind === 'product' ? [i.match.sku] : i.match.kind === 'ambiguous' ? i.match.skus : []));
  return { type: 'diet', claim, about: { kind: 'list', ...(category ? { category } : {}), ...(read.length ? { query: read.map((i) => i.query).join(', '), skus } : {}) } };
}

function mainIntent(a: Answer, context: InterpretContext, catalog: CatalogView, media?: readonly MediaPart[]): Intent | undefined {
  if (media && media.length > 0) {
    const read = items(a, catalog);
    if (read.length > 0) return { type: 'propose', items: read, source: media.some((m) => m.kind === 'image') ? 'image' : 'audio' };
  }
  switch (a.type) {
    case 'add': case 'remove': {
      const read = items(a, catalog);
      return read.length ? { type: a.type, items: read } : undefined;
    }
    case 'ask_price': case 'ask_stock': {
      const read = items(a, catalog);
      return read.length ? { type: 'ask', about: a.type === 'ask_price' ? 'price' : 'stock', items: read } : undefined;
    }
    case 'set_qty': {
      const [first] = items(a, catalog);
      const quantity = quantityOf(a.count !== undefined || a.grams !== undefined ? a : a.items?.[0] ?? {});
      if (quantity.kind === 'none') return undefined;
      return first ? { type: 'set_qty', item: { ...first, quantity }, quantity } : { type: 'set_qty', quantity };
    }
    case 'quantity': {
      const quantity = quantityOf(a);
      return quantity.kind === 'none' ? undefined : { type: 'quantity', quantity };
    }
    case 'option':
      return a.optionId && context.options?.some((o) => o.id === a.optionId) ? { type: 'option', id: a.optionId } : undefined;
    case 'browse':
      return { type: 'browse', ...(a.category && catalog.categories.includes(a.category) ? { category: a.category } : {}) };
    case 'address': case 'name': {
      const text = a.text?.trim();
      if (!text) return undefined;
      return a.type === 'address' ? { type: 'address', address: text } : { type: 'name', name: text };
    }
    case 'yes': case 'no': case 'checkout': case 'show_cart': case 'help': case 'human': case 'pickup':
    case 'skip': case 'status': case 'greet': case 'thanks':
      return { type: a.type };
    case 'delivery': {
      const address = a.text?.trim();
      return address ? { type: 'delivery', address } : { type: 'delivery' };
    }
    case 'replace': {
      const [from, to] = items(a, catalog);
      return from && to ? { type: 'replace', from, to } : undefined;
    }
    case 'empty_cart':
      return { type: 'restart' };
    case 'complaint':
      return { type: 'complaint', about: a.complaint ?? 'other' };
    case 'faq':
      return a.topic && catalog.faqTopics.includes(a.topic) ? { type: 'faq', topic: a.topic } : undefined;
    case 'cancel_order': case 'deals':
      return { type: a.type };
    case 'usual': {
      // "my usual coffee": the kind's words, matched by the rules' matcher to every product they fit; never a SKU the model picked.
      const words = a.items?.[0]?.words.trim().slice(0, 60);
      if (!words) return { type: 'usual' };
      const match = catalog.matcher.match(words);
      const named = match.kind === 'product' ? [match.sku] : match.kind === 'ambiguous' ? match.skus : [];
      return { type: 'usual', kind: { query: words, skus: [...new Set([...named, ...catalog.matcher.search(words, 12)])] } };
    }
    case 'slot': {
      if (context.asking?.kind !== 'slot' || !a.slot) return undefined;
      const { more, first, ...rest } = a.slot;
      const wish = { ...(more ? { more: true as const } : {}), ...(first ? { first: true as const } : {}), ...rest };
      return Object.keys(wish).length ? { type: 'slot', wish } : undefined;
    }
    case 'diet':
      return a.claim ? dietOf(a, a.claim, catalog) : undefined;
    case 'unknown':
      return undefined;
  }
}
