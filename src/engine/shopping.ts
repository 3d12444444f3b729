import { lineTotalCents } from '../domain/money';
import type { Option, Product, SaidQuantity } from '../domain/types';
import { isSoldByWeight } from '../domain/units';
import type { ItemRequest } from '../understanding/interpreter';
import { addOption, OPTION, pickOption } from './copy';
import { toBaseQty } from './quantity';
import { savedCents } from '../promotions/pricing';
import type { Said, Turn } from './turn';
import { toRequested } from './options';
import { foundInStock, foundSoldOut, offerWish } from './wish-offer';

/** The close of every reply that changed the cart: the total and the next step. */
export async function nextStep(turn: Turn): Promise<void> {
  // A product found sold out on the way: "Shall I tell you when it's back?" is the next step.
  if (offerWish(turn)) return;
  const { total, lines } = await turn.cart();
  if (lines.length === 0) turn.say('cart_empty', turn.copy.cartEmpty, [OPTION.browse, OPTION.help]);
  else turn.say('anything_else', turn.copy.anythingElse(total, savedCents(lines)), [OPTION.checkout, OPTION.cart, OPTION.browse], { totalCents: total });
}

function qtyProblem(turn: Turn, p: Product, reason: string): Said {
  if (reason === 'sold_by_piece') return { key: 'sold_by_piece', text: turn.copy.soldByPiece(p) };
  if (reason === 'whole_pieces') return { key: 'whole_pieces', text: turn.copy.wholePieces(p) };
  if (reason === 'bad_quantity') return { key: 'bad_quantity', text: turn.copy.badQuantity };
  return { key: 'need_weight', text: turn.copy.needWeight(p) };
}

/** Adds to (mode add) or sets (mode set) one cart line; returns what to tell the customer. */
export async function changeLine(turn: Turn, p: Product, said: SaidQuantity, mode: 'add' | 'set'): Promise<Said[]> {
  const base = toBaseQty(p, said);
  if (!base.ok) return [qtyProblem(turn, p, base.reason)];
  const { holds } = await turn.cart();
  const held = holds.find((h) => h.sku === p.sku);
  const limit = turn.deps.inventory.lineLimit(p);
  turn.conv.lastSku = p.sku;
  if (mode === 'add' && held?.opKey === turn.key && !turn.touched.has(p.sku)) {
    // An earlier attempt of this very message already added this line before it failed: say so, add nothing.
    turn.touched.add(p.sku);
    const qty = Math.min(base.qty, held.qty);
    return [qty === held.qty ? { key: 'added', text: turn.copy.added(lineOf(p, qty)) } : { key: 'added_more', text: turn.copy.addedMore(lineOf(p, qty), held.qty) }];
  }
  const current = held?.qty ?? 0;
  const wanted = mode === 'add' ? current + base.qty : base.qty;
  if (wanted > limit && (mode === 'add' ? current >= limit : current === limit)) return [{ key: 'at_line_limit', text: turn.copy.atLineLimit(p, current) }];
  const target = Math.min(wanted, limit);
  const result = await turn.deps.inventory.setLine(turn.customer.phone, p.sku, target, turn.key);
  turn.touched.add(p.sku);
  turn.cartChanged();
  if (result.ok) {
    if (target > 0) await foundInStock(turn, p.sku);
    const changed = mode === 'add' ? target - current : target;
    const capped: Said[] = wanted > target ? [{ key: 'line_limit', text: turn.copy.lineLimit(p, limit) }] : [];
    const line = lineOf(p, changed);
    if (target === 0) return [{ key: 'removed', text: turn.copy.removed(p.name) }];
    if (mode === 'add' && isSoldByWeight(p.unit) && said.kind === 'count' && current === 0 && !capped.length) return [{ key: 'added_pieces', text: turn.copy.addedPieces(line, said.value) }];
    if (mode === 'set') return [{ key: 'updated', text: turn.copy.updated(line) }, ...capped];
    if (current === 0) return [{ key: 'added', text: turn.copy.added(line) }, ...capped];
    return [{ key: 'added_more', text: turn.copy.addedMore(line, target) }, ...capped];
  }
  if (result.reason === 'unknown_product' || result.reason === 'hidden') return [{ key: 'not_found', text: turn.copy.notFound(p.name, []) }];
  if (result.reason === 'bad_quantity') return [{ key: 'bad_quantity', text: turn.copy.badQuantity }];
  if (result.reason === 'over_limit') return [{ key: 'line_limit', text: turn.copy.lineLimit(p, result.limit) }];
  if (result.available <= 0 && result.held === 0) foundSoldOut(turn, p);
  const alternatives = await turn.deps.inventory.alternatives(p);
  return [{ key: 'short', text: turn.copy.short(p, result.available, result.held) }, ...(alternatives.length ? [{ key: 'alternatives' as const, text: turn.copy.alternatives(alternatives) }] : [])];
}

function lineOf(p: Product, qty: number) {
  return { sku: p.sku, name: p.name, unit: p.unit, qty, unitPriceCents: p.priceCents, lineTotalCents: lineTotalCents(p, qty) };
}

/** The products of these SKUs that are on sale (a question asked before one was hidden no longer offers it). */
/** What is said of a query no product on sale answers: a product the owner hid is "not available right now". */
export function notFoundText(turn: Turn, query: string, suggested: Product[]): string {
  const paused = suggested.length ? undefined : hiddenNamed(turn, query);
  return turn.copy.notFound(query, suggested, paused);
}

/** A hidden product whose name or other names hold every word of the query ("avocados" → Hass Avocados). */
function hiddenNamed(turn: Turn, query: string): Product | undefined {
  const words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2).map((w) => w.replace(/s$/, ''));
  if (!words.length) return undefined;
  const onSale = turn.deps.catalog.shelf();
  for (const p of turn.deps.catalog.products().values()) {
    if (onSale.has(p.sku)) continue;
    const names = [p.name, ...p.aliases].map((n) => n.toLowerCase());
    if (words.every((w) => names.some((n) => n.includes(w)))) return p;
  }
  return undefined;
}

async function suggestions(turn: Turn, skus: string[] = []): Promise<Product[]> {
  const catalog = await turn.shelf();
  return skus.flatMap((s) => catalog.get(s) ?? []);
}

/** Asks which of several products was meant; the answer (a name or a number) answers the question on the table. */
export async function askWhich(turn: Turn, item: ItemRequest, skus: string[], action: 'add' | 'remove' | 'set' | 'ask'): Promise<void> {
  const products = await suggestions(turn, skus);
  turn.conv.asking = { kind: 'choose_product', action, quantity: item.quantity, skus };
  // The query as the customer said it, less a packaging word ("bottles of milk" → "milk"): it is only echoed.
  const query = item.query.replace(/^(bottles?|packs?|cans?|bags?|tins?|jars?) of /, '');
  turn.say('which_one', turn.copy.whichOne(query), products.map(pickOption), { query });
}

/**
 * Adds what the customer asked for. Items that name several products are asked about one at a time: the
 * first now, the others queued on the question, so none is dropped.
 */
export async function addItems(turn: Turn, items: ItemRequest[]): Promise<void> {
  const said: Said[] = [];
  const unclear: { item: ItemRequest; skus: string[] }[] = [];
  // "some tomatoes": how many is asked, one product at a time, after any "which one?".
  const uncounted: ItemRequest[] = [];
  let weighing: Product | undefined;
  for (const item of items) {
    if (item.match.kind === 'none') said.push({ key: 'not_found', text: notFoundText(turn, item.query, await suggestions(turn, item.match.suggestions)) });
    else if (item.match.kind === 'ambiguous') unclear.push({ item, skus: item.match.skus });
    else if (item.quantity.kind === 'none' && item.quantity.several) uncounted.push(item);
    else {
      const p = await turn.product(item.match.sku);
      const outcome = p ? await changeLine(turn, p, item.quantity, 'add') : [];
      // "chicken breast": sold by weight, none said; "How much?" stays on the table for the answer.
      if (p && outcome.some((o) => o.key === 'need_weight') && !weighing) weighing = p;
      said.push(...outcome);
    }
  }
  turn.sayAll(said);
  const [first, ...later] = unclear;
  if (first) {
    await askWhich(turn, first.item, first.skus, 'add');
    const waiting = [...later.map((u) => u.item), ...uncounted];
    if (waiting.length && turn.conv.asking?.kind === 'choose_product') {
      turn.conv.asking.queue = waiting.map(toRequested);
      // The "which one?" keeps its options: this note repeats them, so a number still answers it.
      turn.say('after_that', turn.copy.afterThat(waiting.map((item) => item.query)), turn.replies.at(-1)?.options);
    }
    return;
  }
  if (weighing) {
    turn.conv.lastSku = weighing.sku;
    turn.conv.asking = { kind: 'how_many', sku: weighing.sku, ...(uncounted.length ? { queue: uncounted.map(toRequested) } : {}) };
    return;
  }
  const [count, ...counts] = uncounted;
  const p = count?.match.kind === 'product' ? await turn.product(count.match.sku) : undefined;
  if (p) {
    turn.conv.lastSku = p.sku;
    turn.conv.asking = { kind: 'how_many', sku: p.sku, ...(counts.length ? { queue: counts.map(toRequested) } : {}) };
    turn.say('how_many_pieces', turn.copy.howManyPieces(p));
    return;
  }
  await nextStep(turn);
}

/** "Swap the brown bread for white": the old line out, the new one in, in the same amount unless one was said. */
export async function replaceLine(turn: Turn, from: ItemRequest, to: ItemRequest): Promise<void> {
  const skus = await inCart(turn, from);
  const { holds } = await turn.cart();
  const held = holds.find((h) => skus.length === 1 && h.sku === skus[0]);
  if (!held) {
    // Nothing to swap out: the new product is added as asked.
    if (skus.length > 1) { await askWhich(turn, from, skus, 'remove'); return; }
    turn.say('not_in_cart', turn.copy.notInCart(from.query));
    await addItems(turn, [to]);
    return;
  }
  if (to.match.kind !== 'product') { await addItems(turn, [to]); return; }
  const [oldP, newP] = await Promise.all([turn.product(held.sku), turn.product(to.match.sku)]);
  if (!oldP || !newP) { await addItems(turn, [to]); return; }
  // The amount carries over as pieces when both are sold the same way; otherwise the customer is asked.
  const quantity = to.quantity.kind !== 'none' ? to.quantity
    : isSoldByWeight(oldP.unit) === isSoldByWeight(newP.unit) ? (isSoldByWeight(oldP.unit) ? { kind: 'grams' as const, value: held.qty } : { kind: 'count' as const, value: held.qty })
      : { kind: 'none' as const };
  const said = await changeLine(turn, newP, quantity, 'add');
  const added = said.some((s) => s.key === 'added' || s.key === 'added_more' || s.key === 'added_pieces');
  if (added) {
    await turn.deps.inventory.setLine(turn.customer.phone, oldP.sku, 0, turn.key);
    turn.cartChanged();
    const line = (await turn.cart()).lines.find((l) => l.sku === newP.sku);
    turn.say('swapped', line ? turn.copy.swapped(oldP.name, line) : turn.copy.removed(oldP.name));
  } else turn.sayAll(said);
  await nextStep(turn);
}

/** Resolves an item against the cart when its name fits several products but only one is in the cart. */
async function inCart(turn: Turn, item: ItemRequest): Promise<string[]> {
  if (item.match.kind === 'product') return [item.match.sku];
  if (item.match.kind === 'none') return [];
  const { holds } = await turn.cart();
  const skus = item.match.skus;
  const held = skus.filter((s) => holds.some((h) => h.sku === s));
  return held.length ? held : skus;
}

export async function removeItems(turn: Turn, items: ItemRequest[]): Promise<void> {
  const said: Said[] = [];
  for (const item of items) {
    const skus = await inCart(turn, item);
    if (skus.length === 0) { said.push({ key: 'not_in_cart', text: turn.copy.notInCart(item.query) }); continue; }
    if (skus.length > 1) { await askWhich(turn, item, skus, 'remove'); return; }
    const p = await turn.product(skus[0]!);
    if (!p) continue;
    const { holds } = await turn.cart();
    if (!holds.some((h) => h.sku === p.sku)) { said.push({ key: 'not_in_cart', text: turn.copy.notInCart(p.name) }); continue; }
    await turn.deps.inventory.setLine(turn.customer.phone, p.sku, 0, turn.key);
    turn.cartChanged();
    said.push({ key: 'removed', text: turn.copy.removed(p.name) });
  }
  turn.sayAll(said);
  await nextStep(turn);
}

export async function setQuantity(turn: Turn, item: ItemRequest | undefined, quantity: SaidQuantity): Promise<void> {
  let sku = turn.conv.lastSku;
  if (item) {
    const skus = await inCart(turn, item);
    if (skus.length > 1) { await askWhich(turn, { ...item, quantity }, skus, 'set'); return; }
    sku = skus[0];
  }
  const p = sku ? await turn.product(sku) : undefined;
  if (!p) { turn.say(item ? 'not_found' : 'nothing_to_change', item ? notFoundText(turn, item.query, []) : turn.copy.nothingToChange); return; }
  turn.sayAll(await changeLine(turn, p, quantity, 'set'));
  await nextStep(turn);
}

export async function answerAsk(turn: Turn, about: 'price' | 'stock', items: ItemRequest[], when = false): Promise<void> {
  const said: Said[] = [];
  const options: Option[] = [];
  for (const item of items) {
    if (item.match.kind === 'none') { said.push({ key: 'not_found', text: notFoundText(turn, item.query, await suggestions(turn, item.match.suggestions)) }); continue; }
    const skus = item.match.kind === 'product' ? [item.match.sku] : item.match.skus;
    for (const p of await suggestions(turn, skus)) {
      const available = (await turn.deps.store.getStock(p.sku))?.available ?? 0;
      said.push({ key: 'product_info', text: turn.copy.productInfo(p, available, about) });
      if (available > 0) { options.push(addOption(p)); await foundInStock(turn, p.sku); } else {
        if (when) said.push({ key: 'back_unknown', text: turn.copy.backUnknown });
        // Only a product asked about by itself is offered a wish ("do you have milk?" names several).
        if (skus.length === 1) foundSoldOut(turn, p);
        const alternatives = await turn.deps.inventory.alternatives(p);
        if (alternatives.length) said.push({ key: 'alternatives', text: turn.copy.alternatives(alternatives) });
      }
    }
    if (skus.length === 1) turn.conv.lastSku = skus[0];
  }
  const single = options.length === 1 ? await turn.product(turn.conv.lastSku ?? '') : undefined;
  if (single) {
    said.push({ key: 'how_many', text: turn.copy.howMany(single) });
    turn.conv.asking = { kind: 'how_many', sku: single.sku };
    turn.sayAll(said);
  } else {
    turn.sayAll(said, options.slice(0, 6));
    // Nothing asked about is in stock: "Shall I tell you when it's back?"
    if (!options.length) offerWish(turn);
  }
}
