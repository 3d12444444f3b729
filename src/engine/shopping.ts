import { lineTotalCents } from '../domain/money';
import type { Product, SaidQuantity } from '../domain/types';
import { isSoldByWeight } from '../domain/units';
import type { ItemRequest } from '../understanding/interpreter';
import { OPTION } from './copy';
import { toBaseQty } from './quantity';
import { savedCents } from '../promotions/pricing';
import type { Turn } from './turn';

/** The close of every reply that changed the cart: the total and the next step. */
export async function nextStep(turn: Turn): Promise<void> {
  const { total, lines } = await turn.cart();
  if (lines.length === 0) turn.say(turn.copy.cart([], 0, 0), [OPTION.browse, OPTION.help]);
  else turn.say(turn.copy.anythingElse(total, savedCents(lines)), [OPTION.checkout, OPTION.cart, OPTION.browse]);
}

function qtyProblem(turn: Turn, p: Product, reason: string): string {
  if (reason === 'sold_by_piece') return turn.copy.soldByPiece(p);
  if (reason === 'whole_pieces') return turn.copy.wholePieces(p);
  if (reason === 'bad_quantity') return turn.copy.badQuantity;
  return turn.copy.needWeight(p);
}

/** Adds to (mode add) or sets (mode set) one cart line; returns what to tell the customer. */
export async function changeLine(turn: Turn, p: Product, said: SaidQuantity, mode: 'add' | 'set'): Promise<string[]> {
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
    return [qty === held.qty ? turn.copy.added(lineOf(p, qty)) : turn.copy.addedMore(lineOf(p, qty), held.qty)];
  }
  const current = held?.qty ?? 0;
  const wanted = mode === 'add' ? current + base.qty : base.qty;
  if (wanted > limit && (mode === 'add' ? current >= limit : current === limit)) return [turn.copy.atLineLimit(p, current)];
  const target = Math.min(wanted, limit);
  const result = await turn.deps.inventory.setLine(turn.customer.phone, p.sku, target, turn.key);
  turn.touched.add(p.sku);
  turn.cartChanged();
  if (result.ok) {
    const changed = mode === 'add' ? target - current : target;
    const capped = wanted > target ? [turn.copy.lineLimit(p, limit)] : [];
    const line = lineOf(p, changed);
    if (target === 0) return [turn.copy.removed(p.name)];
    if (mode === 'add' && isSoldByWeight(p.unit) && said.kind === 'count' && current === 0 && !capped.length) return [turn.copy.addedPieces(line, said.value)];
    if (mode === 'set' || current === 0) return [mode === 'set' ? turn.copy.updated(line) : turn.copy.added(line), ...capped];
    return [turn.copy.addedMore(line, target), ...capped];
  }
  if (result.reason === 'unknown_product') return [turn.copy.notFound(p.name, [])];
  if (result.reason === 'bad_quantity') return [turn.copy.badQuantity];
  if (result.reason === 'over_limit') return [turn.copy.lineLimit(p, result.limit)];
  const alternatives = await turn.deps.inventory.alternatives(p);
  return [turn.copy.short(p, result.available, result.held), ...(alternatives.length ? [turn.copy.alternatives(alternatives)] : [])];
}

function lineOf(p: Product, qty: number) {
  return { sku: p.sku, name: p.name, unit: p.unit, qty, unitPriceCents: p.priceCents, lineTotalCents: lineTotalCents(p, qty) };
}

async function suggestions(turn: Turn, skus: string[] = []): Promise<Product[]> {
  const catalog = await turn.catalog();
  return skus.flatMap((s) => catalog.get(s) ?? []);
}

/** Asks which of several products was meant; the answer (a name or a number) comes back as a pending choice. */
export async function askWhich(turn: Turn, item: ItemRequest, skus: string[], action: 'add' | 'remove' | 'set' | 'ask'): Promise<void> {
  const names = (await suggestions(turn, skus)).map((p) => p.name);
  turn.conv.pending = { kind: 'choose_product', action, quantity: item.quantity, skus };
  turn.say(turn.copy.whichOne(item.query.replace(/^(bottles?|packs?|cans?|bags?|tins?|jars?) of /, '')), names);
}

export async function addItems(turn: Turn, items: ItemRequest[]): Promise<void> {
  const said: string[] = [];
  const unclear: { item: ItemRequest; skus: string[] }[] = [];
  for (const item of items) {
    if (item.match.kind === 'none') said.push(turn.copy.notFound(item.query, await suggestions(turn, item.match.suggestions)));
    else if (item.match.kind === 'ambiguous') unclear.push({ item, skus: item.match.skus });
    else {
      const p = await turn.product(item.match.sku);
      if (p) said.push(...(await changeLine(turn, p, item.quantity, 'add')));
    }
  }
  if (said.length) turn.say(said.join('\n'));
  const [first, ...later] = unclear;
  if (first) {
    await askWhich(turn, first.item, first.skus, 'add');
    if (later.length) turn.say(`After that, tell me again which ${later.map((u) => u.item.query).join(' and ')} you’d like.`);
    return;
  }
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
  const said: string[] = [];
  for (const item of items) {
    const skus = await inCart(turn, item);
    if (skus.length === 0) { said.push(turn.copy.notInCart(item.query)); continue; }
    if (skus.length > 1) { await askWhich(turn, item, skus, 'remove'); return; }
    const p = await turn.product(skus[0]!);
    if (!p) continue;
    const { holds } = await turn.cart();
    if (!holds.some((h) => h.sku === p.sku)) { said.push(turn.copy.notInCart(p.name)); continue; }
    await turn.deps.inventory.setLine(turn.customer.phone, p.sku, 0, turn.key);
    turn.cartChanged();
    said.push(turn.copy.removed(p.name));
  }
  turn.say(said.join('\n'));
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
  if (!p) { turn.say(item ? turn.copy.notFound(item.query, []) : turn.copy.nothingToChange); return; }
  turn.say((await changeLine(turn, p, quantity, 'set')).join('\n'));
  await nextStep(turn);
}

export async function answerAsk(turn: Turn, about: 'price' | 'stock', items: ItemRequest[]): Promise<void> {
  const said: string[] = [];
  const options: string[] = [];
  for (const item of items) {
    if (item.match.kind === 'none') { said.push(turn.copy.notFound(item.query, await suggestions(turn, item.match.suggestions))); continue; }
    const skus = item.match.kind === 'product' ? [item.match.sku] : item.match.skus;
    for (const p of await suggestions(turn, skus)) {
      const available = (await turn.deps.store.getStock(p.sku))?.available ?? 0;
      said.push(turn.copy.productInfo(p, available, about));
      if (available > 0) options.push(`Add ${p.name}`);
      else {
        const alternatives = await turn.deps.inventory.alternatives(p);
        if (alternatives.length) said.push(turn.copy.alternatives(alternatives));
      }
    }
    if (skus.length === 1) turn.conv.lastSku = skus[0];
  }
  const single = options.length === 1 ? await turn.product(turn.conv.lastSku ?? '') : undefined;
  if (single) {
    said.push(turn.copy.howMany(single));
    turn.conv.pending = { kind: 'how_many', sku: single.sku };
    turn.say(said.join('\n'));
  } else turn.say(said.join('\n'), options.slice(0, 6));
}
