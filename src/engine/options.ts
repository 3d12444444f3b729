import { parseOptionId } from '../domain/option-id';
import type { Option, Product, RequestedItem } from '../domain/types';
import { slotOfKey, type DatedSlot } from '../domain/slots';
import type { Intent, ItemRequest } from '../understanding/interpreter';

/** What the engine acts on: an intent of the interpreter, or one only an option can express. */
export type Action = Intent | { type: 'change_address' } | { type: 'pick'; sku: string } | { type: 'pick_slot'; slot: DatedSlot };

/** Fixed option ids and what choosing each means. A Map: ids come from outside (buttons, key presses). */
const FIXED = new Map<string, Action>([
  ['checkout', { type: 'checkout' }],
  ['cart', { type: 'show_cart' }],
  ['browse', { type: 'browse' }],
  ['help', { type: 'help' }],
  ['human', { type: 'human' }],
  ['delivery', { type: 'delivery' }],
  ['pickup', { type: 'pickup' }],
  ['change_address', { type: 'change_address' }],
  ['keep_shopping', { type: 'no' }],
  ['yes', { type: 'yes' }],
  ['no', { type: 'no' }],
  ['skip', { type: 'skip' }],
  ['deals', { type: 'deals' }],
  ['usual', { type: 'usual' }],
  ['slots_more', { type: 'slot', wish: { more: true } }],
]);

/**
 * The action an option id stands for, if it is one of the options on offer (a button from an old message,
 * or an id the customer made up, is not). See src/domain/option-id.ts for what the ids say:
 * `place_order` confirms the read-back of that total, `add` adds one of that product (or asks how much),
 * `pick` answers "which one?", `browse` with a category opens that shelf.
 */
export function optionAction(id: string, offered: readonly Option[] | undefined, products: ReadonlyMap<string, Product>): Action | undefined {
  if (!offered?.some((o) => o.id === id)) return undefined;
  const said = parseOptionId(id);
  switch (said?.kind) {
    case 'plain': return FIXED.get(said.name);
    case 'browse': return { type: 'browse', category: said.category };
    case 'slot': {
      const slot = slotOfKey(said.key);
      return slot && { type: 'pick_slot', slot };
    }
    // "Yes, place it" for the total it was offered with (checked above against the read-back on offer now).
    case 'place_order': return { type: 'yes' };
    case 'pick': case 'add': {
      const product = products.get(said.sku);
      if (!product) return undefined;
      if (said.kind === 'pick') return { type: 'pick', sku: product.sku };
      return { type: 'add', items: [{ query: product.name, quantity: { kind: 'none' }, match: { kind: 'product', sku: product.sku } }] };
    }
    default: return undefined;
  }
}

/** An item request as it waits in the conversation (what it matched, not how). */
export function toRequested(item: ItemRequest): RequestedItem {
  const skus = item.match.kind === 'product' ? [item.match.sku] : item.match.kind === 'ambiguous' ? item.match.skus : [];
  return { query: item.query, quantity: item.quantity, skus };
}

/** A waiting item back as an item request, to be added as if just asked for. */
export function fromRequested(item: RequestedItem): ItemRequest {
  const [first, ...more] = item.skus;
  const match: ItemRequest['match'] = first === undefined ? { kind: 'none' } : more.length ? { kind: 'ambiguous', skus: item.skus } : { kind: 'product', sku: first };
  return { query: item.query, quantity: item.quantity, match };
}
