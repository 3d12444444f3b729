// What a promotion takes off a cart line, in cents. Pure functions: the cart, the read-back and the order
// all price a line the same way, at the instant they are asked about.
import type { Promotion } from '../domain/owner';
import type { OrderLine, Product } from '../domain/types';
import { isSoldByWeight } from '../domain/units';

export interface Discount {
  promotionId: string;
  discountCents: number;
}

/** Active from startsAt (inclusive) until endsAt (exclusive); an unset end is open. */
export function isActive(promotion: Promotion, now: number): boolean {
  return (promotion.startsAt === undefined || promotion.startsAt <= now) && (promotion.endsAt === undefined || now < promotion.endsAt);
}

/** A promotion names a product by its sku, or every product of a category. */
export function appliesTo(promotion: Promotion, product: Pick<Product, 'sku' | 'category'>): boolean {
  // Categories as the owner typed them: "bakery" and "Bakery" are one shelf.
  return promotion.sku !== undefined
    ? promotion.sku === product.sku
    : promotion.category?.toLowerCase() === product.category.toLowerCase();
}

/**
 * Cents one promotion takes off a line of `qty` base units whose undiscounted total is `lineTotal`.
 * percent: round(lineTotal × percent / 100). multibuy: every `buy` pieces, `buy − pay` of them are free;
 * never on products sold by weight (their quantities are grams, not pieces).
 */
export function discountOf(promotion: Promotion, product: Pick<Product, 'unit' | 'priceCents'>, qty: number, lineTotal: number): number {
  if (promotion.kind === 'percent') return Math.round((lineTotal * (promotion.percent ?? 0)) / 100);
  const { buy = 0, pay = 0 } = promotion;
  if (isSoldByWeight(product.unit) || buy < 2 || pay < 1 || pay >= buy) return 0;
  return Math.min(lineTotal, Math.floor(qty / buy) * (buy - pay) * product.priceCents);
}

/**
 * The best single promotion for a line: overlapping promotions never stack, the customer gets the larger
 * discount (the first listed, on a tie). Undefined when none applies or none saves anything.
 */
export function bestDiscount(
  promotions: readonly Promotion[], product: Pick<Product, 'sku' | 'category' | 'unit' | 'priceCents'>, qty: number, lineTotal: number, now: number,
): Discount | undefined {
  let best: Discount | undefined;
  for (const promotion of promotions) {
    if (!isActive(promotion, now) || !appliesTo(promotion, product)) continue;
    const cents = discountOf(promotion, product, qty, lineTotal);
    if (cents > 0 && (!best || cents > best.discountCents)) best = { promotionId: promotion.id, discountCents: cents };
  }
  return best;
}

/** A priced line with its best discount taken off: lineTotalCents is what the customer pays. */
export function discounted(line: OrderLine, product: Product, promotions: readonly Promotion[], now: number): OrderLine {
  const best = bestDiscount(promotions, product, line.qty, line.lineTotalCents, now);
  if (!best) return line;
  return { ...line, lineTotalCents: line.lineTotalCents - best.discountCents, discountCents: best.discountCents, promotionId: best.promotionId };
}

/** What the customer saves over some lines. */
export function savedCents(lines: readonly OrderLine[]): number {
  return lines.reduce((sum, l) => sum + (l.discountCents ?? 0), 0);
}

/** The promotions running at `now`, in the order the owner listed them. */
export function activeAt(promotions: readonly Promotion[], now: number): Promotion[] {
  return promotions.filter((p) => isActive(p, now));
}
