import { lineTotalCents } from '../domain/money';
import type { OrderLine, Product, RequestedItem, SaidQuantity } from '../domain/types';
import { isSoldByWeight } from '../domain/units';
import { favourite, RECENT_ORDERS, usualOrder, type UsualLine } from '../orders/usual';
import { discounted } from '../promotions/pricing';
import { addOption, OPTION, type UsualReadBack } from './copy';
import { offerItems } from './proposal';
import type { Turn } from './turn';
import type { ItemRequest } from '../understanding/interpreter';

/** A kind of product the customer named ("my usual coffee"): its words and every product they fit. */
export interface UsualKind { query: string; skus: string[] }

/**
 * "The usual": the customer's last order (or, as the store's settings say, what they buy most often), or
 * the product of one kind they buy most, read back at today's prices and offers as a proposal. Nothing is
 * reserved until "yes", which adds it through the cart like any proposal (src/engine/proposal.ts).
 */
export async function offerUsual(turn: Turn, kind?: UsualKind, without: ItemRequest[] = []): Promise<void> {
  const { copy } = turn;
  // Past orders are the phone owner's: a caller we cannot verify hears none of them.
  if (turn.msg.unverified) { turn.say('needs_verified_caller', copy.needsVerifiedCaller); return; }
  const orders = await turn.deps.store.recentOrders(turn.customer.phone, RECENT_ORDERS);
  if (!orders.length && !kind) { turn.say('no_usual', copy.noUsual, [OPTION.browse, OPTION.deals]); return; }
  const mode = turn.deps.shop?.current().usual ?? 'last';
  const usual = kind ? favourite(orders, kind.skus) : undefined;
  if (kind && !usual) {
    // Never bought: said so, then the word searched as it would be (never a guess at which one).
    turn.say('no_favourite', copy.noFavourite(kind.query));
    await searchKind(turn, kind);
    return;
  }
  const every = usual ? [usual] : usualOrder(orders, mode);
  // "the usual but no eggs": the lines those words name are left out; words naming none of them are said.
  const left = (l: UsualLine) => without.some((i) => (i.match.kind === 'product' ? [i.match.sku] : i.match.kind === 'ambiguous' ? i.match.skus : []).includes(l.sku));
  const lines = every.filter((l) => !left(l));
  const notIn = without.filter((i) => !every.some((l) => left(l) && (i.match.kind === 'product' ? i.match.sku === l.sku : i.match.kind === 'ambiguous' && i.match.skus.includes(l.sku))));
  if (notIn.length) turn.say('not_in_usual', copy.notInUsual(notIn.map((i) => i.query)));
  const readBack = await today(turn, lines);
  if (!readBack.items.length) { turn.say('usual_none', copy.usualNone(readBack), [OPTION.browse, OPTION.deals]); return; }
  const of = kind ? kind.query : mode;
  offerItems(turn, readBack.items, 'usual', copy.usual({ ...readBack, of }), { count: readBack.items.length, totalCents: readBack.total });
}

/** The usual as it can be had today: what is on sale and in stock, in the usual amount or what is left, priced now. */
async function today(turn: Turn, lines: UsualLine[]): Promise<Omit<UsualReadBack, 'of'> & { items: RequestedItem[] }> {
  const shelf = await turn.shelf();
  const every = await turn.catalog();
  const promotions = (await turn.deps.promotions?.current()) ?? [];
  const now = turn.deps.clock.now();
  const out: Omit<UsualReadBack, 'of'> & { items: RequestedItem[] } = { items: [], lines: [], total: 0, short: [], soldOut: [], gone: [] };
  for (const l of lines) {
    const p = shelf.get(l.sku);
    if (!p) { out.gone.push(every.get(l.sku)?.name ?? l.name); continue; }
    const available = (await turn.deps.store.getStock(p.sku))?.available ?? 0;
    if (available <= 0) { out.soldOut.push(p.name); continue; }
    const qty = Math.min(l.qty, available);
    if (qty < l.qty) out.short.push({ name: p.name, unit: p.unit, qty });
    out.items.push({ query: p.name, skus: [p.sku], quantity: amountOf(p, qty) });
    const line: OrderLine = { sku: p.sku, name: p.name, unit: p.unit, qty, unitPriceCents: p.priceCents, lineTotalCents: lineTotalCents(p, qty) };
    out.lines.push(discounted(line, p, promotions, now));
  }
  out.total = out.lines.reduce((s, l) => s + l.lineTotalCents, 0);
  return out;
}

/** An amount in the product's base unit, as the cart takes it: grams for what is weighed, else pieces. */
function amountOf(p: Product, qty: number): SaidQuantity {
  return isSoldByWeight(p.unit) ? { kind: 'grams', value: qty } : { kind: 'count', value: qty };
}

/** The products on sale of a kind never bought, as a search for its words shows them. */
async function searchKind(turn: Turn, kind: UsualKind): Promise<void> {
  const shelf = await turn.shelf();
  const found = kind.skus.flatMap((s) => shelf.get(s) ?? []);
  turn.say('search_results', turn.copy.searchResults(kind.query, found), found.slice(0, 5).map(addOption), { query: kind.query });
}
