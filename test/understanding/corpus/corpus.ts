// The phrasing corpus (README.md beside this file): loading it, building each entry's dialogue context, and
// judging a reading against the entry's expectation. Shared by the table test, the fragment property test and
// the benchmark.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUNDLED_CATALOG, BUNDLED_FAQ, loadCatalog, loadFaq, toProduct } from '../../../src/catalog/load';
import type { Option, Product, Stage } from '../../../src/domain/types';
import { needsModel } from '../../../src/understanding/gemini/needs-model';
import type { Intent, InterpretContext, ItemRequest } from '../../../src/understanding/interpreter';
import { at } from '../at';

export interface ExpectedItem { sku: string; qty?: number; grams?: number }
export type Expected =
  | { type: 'add'; items: ExpectedItem[] }
  | { type: 'remove'; skus: string[] }
  | { type: 'set_qty'; sku: string; qty: number }
  | { type: 'replace'; from: string; to: string }
  | { type: 'address'; address: string }
  | { type: 'name'; name: string }
  | { type: 'faq'; topic: string }
  | { type: 'ask'; about: 'price' | 'stock'; skus: string[] }
  | { type: 'browse'; category?: string }
  | { type: 'multi'; parts: Expected[] }
  | { type: 'empty_cart' | 'show_cart' | 'checkout' | 'status' | 'cancel_order' | 'complaint' | 'greet' | 'thanks' | 'help'
      | 'human' | 'yes' | 'no' | 'delivery' | 'pickup' | 'deals' | 'usual' | 'unsure' };

export interface Entry {
  say: string;
  at?: Stage;
  cart?: string[];
  last?: string;
  voice?: string;
  expect: Expected;
  /** Which file it came from. */
  file: string;
  /** The catalog it is read against: the bundled one unless its file names another. */
  catalog?: string;
}

const here = fileURLToPath(new URL('.', import.meta.url));
export const products: Product[] = loadCatalog(BUNDLED_CATALOG).map(toProduct);
export const faq = loadFaq(BUNDLED_FAQ);
const bySku = new Map(products.map((p) => [p.sku, p]));

/** Every entry of every file: a file is a list of entries, or `{ catalog, entries }` for another store's catalog. */
export function loadCorpus(): Entry[] {
  return readdirSync(here).filter((f) => f.endsWith('.json')).sort().flatMap((file) => {
    const parsed = JSON.parse(readFileSync(`${here}/${file}`, 'utf8')) as Omit<Entry, 'file'>[] | { catalog: string; entries: Omit<Entry, 'file'>[] };
    return Array.isArray(parsed) ? parsed.map((e) => ({ ...e, file })) : parsed.entries.map((e) => ({ ...e, file, catalog: parsed.catalog }));
  });
}

const catalogs = new Map<string, Product[]>();
/** The products an entry is read against. */
export function productsOf(e: Pick<Entry, 'catalog'>): Product[] {
  if (!e.catalog) return products;
  let loaded = catalogs.get(e.catalog);
  if (!loaded) { loaded = loadCatalog(fileURLToPath(new URL(`../../../${e.catalog}`, import.meta.url))).map(toProduct); catalogs.set(e.catalog, loaded); }
  return loaded;
}

/** The options the engine offers at each stage, as a real conversation would have them on screen. */
const OPTIONS: Partial<Record<Stage, Option[]>> = {
  greeting: [],
  ordering: [{ id: 'checkout', label: 'Check out' }, { id: 'cart', label: 'View cart' }, { id: 'browse', label: 'Browse' }],
  menu: [{ id: 'browse', label: 'Browse' }, { id: 'cart', label: 'View cart' }, { id: 'help', label: 'Help' }],
  checkout_method: [{ id: 'delivery', label: 'Delivery' }, { id: 'pickup', label: 'Pickup' }],
  checkout_address: [{ id: 'pickup', label: 'Pickup' }],
  checkout_confirm: [{ id: 'place_order:1299', label: 'Yes, place it' }, { id: 'keep_shopping', label: 'No, keep shopping' }, { id: 'change_address', label: 'Change address' }],
  registration_address: [{ id: 'pickup', label: 'Pickup' }],
};

export function contextOf(e: Entry): InterpretContext {
  const stage = e.at ?? 'ordering';
  const names = e.catalog ? new Map(productsOf(e).map((p) => [p.sku, p])) : bySku;
  const cart = (e.cart ?? []).map((sku) => ({ sku, name: names.get(sku)?.name ?? sku, qty: 1 }));
  return {
    ...at(stage),
    options: OPTIONS[stage] ?? [],
    ...(cart.length ? { cart } : {}),
    ...(e.last ?? e.cart?.at(-1) ? { lastSku: e.last ?? e.cart!.at(-1) } : {}),
    ...(stage === 'registration_name' ? { nameAsks: 1 } : {}),
  };
}

/** What an option chosen on the stage's buttons means, in the corpus's words. */
function optionMeaning(id: string): Expected['type'] | undefined {
  if (id.startsWith('place_order')) return 'yes';
  return ({ keep_shopping: 'no', checkout: 'checkout', cart: 'show_cart', delivery: 'delivery', pickup: 'pickup', help: 'help', human: 'human', browse: 'browse', change_address: 'address' } as Record<string, Expected['type']>)[id];
}

const skuOf = (i: ItemRequest) => (i.match.kind === 'product' ? i.match.sku : undefined);
const sameSet = (a: readonly (string | undefined)[], b: readonly string[]) => a.length === b.length && b.every((x) => a.includes(x)) && a.every((x) => x !== undefined && b.includes(x));

function quantityFits(said: ItemRequest['quantity'], want: ExpectedItem): boolean {
  if (want.grams !== undefined) return said.kind === 'grams' && Math.abs(said.value - want.grams) <= want.grams * 0.02;
  // "a pack", "a bottle": one, whether or not the reading says so.
  if (want.qty === 1 && said.kind === 'none') return true;
  if (want.qty !== undefined) return said.kind === 'count' && said.value === want.qty;
  // No amount expected: none was said, or (for produce sold by weight) pieces were.
  return true;
}

/** Whether the reading is one that makes the bot ask (the model, or the customer) rather than act. */
export function isUnsure(intent: Intent, ctx: InterpretContext): boolean {
  return intent.type === 'unknown' || needsModel(intent, ctx);
}

/** Whether `intent`, read in `ctx`, is the reading `want` describes. */
export function fits(intent: Intent, want: Expected, ctx: InterpretContext): boolean {
  // A yes to an either/or question ("delivery or pickup?") makes the engine ask which one: it is no guess.
  if (want.type === 'unsure' && ctx.asking?.kind === 'fulfilment' && intent.type === 'yes') return true;
  if (want.type === 'unsure') return isUnsure(intent, ctx) || intent.type === 'help';
  if (intent.type === 'option') {
    const meaning = optionMeaning(intent.id);
    if (intent.id.startsWith('add:')) return fits({ type: 'add', items: [{ query: '', quantity: { kind: 'none' }, match: { kind: 'product', sku: intent.id.slice(4) } }] }, want, ctx);
    return meaning === want.type && (want.type !== 'address');
  }
  // "deliver it to 8 Marine Pde" is one reading that says both.
  if (intent.type === 'delivery' && intent.address && want.type === 'multi') {
    return fits({ type: 'multi', intents: [{ type: 'delivery' }, { type: 'address', address: intent.address }] }, want, ctx);
  }
  // Thanks or a hello beside a request is manners, not a second request.
  if (want.type === 'multi' && intent.type !== 'multi') {
    const asks = want.parts.filter((p) => p.type !== 'thanks' && p.type !== 'greet');
    if (asks.length === 1) return fits(intent, asks[0]!, ctx);
  }
  if (intent.type === 'multi') {
    if (want.type !== 'multi') return false;
    return want.parts.every((p) => intent.intents.some((i) => fits(i, p, ctx))) && intent.intents.every((i) => want.parts.some((p) => fits(i, p, ctx)));
  }
  switch (want.type) {
    case 'add':
      return intent.type === 'add' && intent.items.length === want.items.length
        && want.items.every((w) => intent.items.some((i) => skuOf(i) === w.sku && quantityFits(i.quantity, w)));
    case 'remove':
      return intent.type === 'remove' && sameSet(intent.items.map(skuOf), want.skus);
    case 'set_qty': {
      if (intent.type !== 'set_qty' || intent.quantity.kind !== 'count' || intent.quantity.value !== want.qty) return false;
      const sku = intent.item ? skuOf(intent.item) : ctx.lastSku;
      return sku === want.sku;
    }
    case 'replace':
      return intent.type === 'replace' && skuOf(intent.from) === want.from && skuOf(intent.to) === want.to;
    case 'empty_cart':
      return intent.type === 'restart';
    case 'address': {
      const address = intent.type === 'address' || intent.type === 'delivery' ? intent.address : undefined;
      return address !== undefined && address.toLowerCase().includes(want.address.toLowerCase());
    }
    case 'name':
      return intent.type === 'name' && intent.name.toLowerCase() === want.name.toLowerCase();
    case 'faq':
      return intent.type === 'faq' && intent.topic === want.topic;
    case 'ask':
      return intent.type === 'ask' && intent.about === want.about && sameSet(intent.items.map(skuOf), want.skus);
    case 'browse':
      return intent.type === 'browse' && (want.category === undefined || intent.category === want.category);
    case 'multi':
      return false;
    case 'delivery':
      return intent.type === 'delivery';
    case 'thanks':
      return intent.type === 'thanks';
    default:
      return intent.type === want.type;
  }
}

/** A short, readable form of a reading, for failure messages. */
export function show(intent: Intent): string {
  const items = (list: ItemRequest[]) => list.map((i) => `${i.query}→${i.match.kind === 'product' ? i.match.sku : i.match.kind === 'ambiguous' ? `?${i.match.skus.join('|')}` : '∅'}${i.quantity.kind === 'none' ? '' : `(${i.quantity.kind === 'count' ? '' : 'g'}${i.quantity.value})`}`).join(', ');
  switch (intent.type) {
    case 'add': case 'remove': return `${intent.type} ${items(intent.items)}${intent.unsure ? ' [unsure]' : ''}`;
    case 'ask': return `ask ${intent.about} ${items(intent.items)}`;
    case 'set_qty': return `set_qty ${intent.item ? items([intent.item]) : '(last)'} ${JSON.stringify(intent.quantity)}`;
    case 'replace': return `replace ${items([intent.from])} by ${items([intent.to])}`;
    case 'multi': return `multi[${intent.intents.map(show).join(' + ')}]`;
    default: return JSON.stringify(intent);
  }
}
