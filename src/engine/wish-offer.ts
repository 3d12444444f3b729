import type { Product } from '../domain/types';
import { OPTION } from './copy';
import type { Turn } from './turn';

/** Per turn, the first product it found sold out (none on the shelf, none in the customer's cart). */
const soldOut = new WeakMap<Turn, Product>();

const without = (skus: readonly string[] | undefined, sku: string) => {
  const left = (skus ?? []).filter((s) => s !== sku);
  return left.length ? left : undefined;
};

/** Notes a product the turn found sold out: the first one is offered a wish when the turn comes to its next step. */
export function foundSoldOut(turn: Turn, p: Product): void {
  if (!soldOut.has(turn)) soldOut.set(turn, p);
}

/** The product the turn found sold out, if any. */
export const soldOutIn = (turn: Turn): Product | undefined => soldOut.get(turn);

/** The customer asked for a product that is in stock: their wish for it, if they had one, is done with. */
export async function foundInStock(turn: Turn, sku: string): Promise<void> {
  if (!turn.conv.waitingFor?.includes(sku)) return;
  await turn.deps.store.deleteWishes(turn.customer.phone, [sku]);
  turn.conv.waitingFor = without(turn.conv.waitingFor, sku);
}

/** Per turn, the products of the order it placed. */
const ordered = new WeakMap<Turn, readonly string[]>();

/** The turn placed an order with these products: the customer's wishes for them end with the turn. */
export function orderedIn(turn: Turn, skus: readonly string[]): void {
  ordered.set(turn, skus);
}

/** Ends the wishes for what the turn's order has (a customer who ordered it waits for it no more). */
export async function endOrderedWishes(turn: Turn): Promise<void> {
  const skus = (ordered.get(turn) ?? []).filter((sku) => turn.conv.waitingFor?.includes(sku));
  if (!skus.length) return;
  await turn.deps.store.deleteWishes(turn.customer.phone, skus);
  for (const sku of skus) turn.conv.waitingFor = without(turn.conv.waitingFor, sku);
}

/** The customer now waits for `sku` (the conversation knows, so their next messages look for its notice). */
export function waitsFor(turn: Turn, sku: string): void {
  turn.conv.waitingFor = [...(without(turn.conv.waitingFor, sku) ?? []), sku];
}

/** The customer no longer waits for `sku` (told it is back). */
export function waitsNoMore(turn: Turn, sku: string): void {
  turn.conv.waitingFor = without(turn.conv.waitingFor, sku);
}

/**
 * After a reply that found a product sold out: "Shall I tell you when it's back?" is put on the table in
 * place of the usual next step (true). A product the customer already waits for is said to be coming to
 * them, and the next step follows (false); so does everything else.
 */
export function offerWish(turn: Turn): boolean {
  const p = soldOut.get(turn);
  soldOut.delete(turn);
  if (!p || !turn.customer.registeredAt || !turn.deps.catalog.shelf().has(p.sku)) return false;
  if (turn.conv.waitingFor?.includes(p.sku)) { turn.say('wish_kept', turn.copy.wishKept(p, true)); return false; }
  turn.conv.asking = { kind: 'confirm_wish', sku: p.sku };
  turn.say('offer_wish', turn.copy.offerWish(p), [OPTION.tellMe, OPTION.noThanks], { name: p.name });
  return true;
}
