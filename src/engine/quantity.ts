import type { Product, SaidQuantity } from '../domain/types';
import { isSoldByWeight } from '../domain/units';

export type BaseQty = { ok: true; qty: number } | { ok: false; reason: 'sold_by_piece' | 'whole_pieces' | 'need_weight' | 'too_small' | 'bad_quantity' };

/** What the customer said, in the product's base unit: pieces, or grams for products sold by weight. */
export function toBaseQty(p: Product, said: SaidQuantity): BaseQty {
  const base = convert(p, said);
  return base.ok && !(Number.isSafeInteger(base.qty) && base.qty >= 0) ? { ok: false, reason: 'bad_quantity' } : base;
}

function convert(p: Product, said: SaidQuantity): BaseQty {
  if (said.kind !== 'none' && !(Number.isFinite(said.value) && said.value >= 0)) return { ok: false, reason: 'bad_quantity' };
  if (!isSoldByWeight(p.unit)) {
    if (said.kind === 'grams') return { ok: false, reason: 'sold_by_piece' };
    const n = said.kind === 'count' ? said.value : 1;
    return Number.isInteger(n) ? { ok: true, qty: n } : { ok: false, reason: 'whole_pieces' };
  }
  // Any whole gram counts: "10 g saffron" is 10 g, not a question. Nothing (0 g) is no amount to add.
  if (said.kind === 'grams') return said.value >= 1 ? { ok: true, qty: said.value } : { ok: false, reason: 'too_small' };
  if (!p.pieceGrams) return { ok: false, reason: 'need_weight' };
  const pieces = said.kind === 'count' ? said.value : 1;
  return { ok: true, qty: Math.round(pieces * p.pieceGrams) };
}
