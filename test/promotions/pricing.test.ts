import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Promotion } from '../../src/domain/owner';
import type { Hold, Product } from '../../src/domain/types';
import { priceLines } from '../../src/orders/orders';
import { bestDiscount, isActive } from '../../src/promotions/pricing';

const product = (over: Partial<Product> & Pick<Product, 'sku'>): Product =>
  ({ name: over.sku, category: 'Drinks', unit: 'each', priceCents: 100, aliases: [], ...over });
const COLA = product({ sku: 'COLA', name: 'Cola', priceCents: 149, category: 'Drinks' });
const JUICE = product({ sku: 'JUICE', name: 'Orange Juice', priceCents: 333, category: 'Drinks' });
const APPLES = product({ sku: 'APPLES', name: 'Apples', priceCents: 349, unit: 'kg', category: 'Fruit' });
const MILK = product({ sku: 'MILK', name: 'Milk', priceCents: 115, unit: 'bottle', category: 'Dairy' });
const catalog = new Map([COLA, JUICE, APPLES, MILK].map((p) => [p.sku, p]));

const NOW = Date.UTC(2026, 10, 2, 10);
let n = 0;
const hold = (sku: string, qty: number): Hold =>
  ({ id: `h${++n}`, phone: '+12025550123', sku, qty, status: 'active', createdAt: n, expiresAt: NOW + 60_000 });
const price = (holds: Hold[], promotions: Promotion[], now = NOW) => priceLines(holds, catalog, { promotions, now });

describe('pricing a cart line with promotions', () => {
  it('3 for 2: every third piece is free, and a fourth is paid in full', () => {
    const promos: Promotion[] = [{ id: '3for2', kind: 'multibuy', sku: 'COLA', buy: 3, pay: 2 }];
    const [three] = price([hold('COLA', 3)], promos);
    expect(three).toMatchObject({ lineTotalCents: 298, discountCents: 149, promotionId: '3for2' });
    expect(price([hold('COLA', 4)], promos)[0]).toMatchObject({ lineTotalCents: 447, discountCents: 149 });
    expect(price([hold('COLA', 6)], promos)[0]).toMatchObject({ lineTotalCents: 596, discountCents: 298 });
    // Two is not yet three: full price, and the line carries no discount at all.
    const [two] = price([hold('COLA', 2)], promos);
    expect(two).toEqual({ sku: 'COLA', name: 'Cola', unit: 'each', qty: 2, unitPriceCents: 149, lineTotalCents: 298 });
  });

  it('3 for 2 counts pieces of any shelf label, never grams of a product sold by weight', () => {
    expect(price([hold('MILK', 3)], [{ id: 'm', kind: 'multibuy', sku: 'MILK', buy: 3, pay: 2 }])[0]).toMatchObject({ lineTotalCents: 230, discountCents: 115 });
    // 3,000 g of apples is not "3 for 2"; a category multibuy skips it too.
    const weighed = price([hold('APPLES', 3000)], [{ id: 'fruit', kind: 'multibuy', category: 'Fruit', buy: 3, pay: 2 }])[0]!;
    expect(weighed.lineTotalCents).toBe(1047);
    expect(weighed.discountCents).toBeUndefined();
  });

  it('15 % off a category takes 15 % off each of its lines, and nothing off other categories', () => {
    const promos: Promotion[] = [{ id: 'drinks15', kind: 'percent', category: 'Drinks', percent: 15 }];
    const lines = price([hold('COLA', 2), hold('JUICE', 1), hold('MILK', 1), hold('APPLES', 500)], promos);
    // 2 × 1.49 = 2.98 → 0.447 off → 0.45; 3.33 → 0.4995 off → 0.50.
    expect(lines.map((l) => [l.sku, l.lineTotalCents, l.discountCents])).toEqual([
      ['COLA', 253, 45], ['JUICE', 283, 50], ['MILK', 115, undefined], ['APPLES', 175, undefined],
    ]);
  });

  it('a category promotion matches the category whatever its case ("drinks" is the Drinks shelf)', () => {
    const lines = price([hold('COLA', 2)], [{ id: 'd', kind: 'percent', category: 'drinks', percent: 15 }]);
    expect(lines[0]!.discountCents).toBe(45);
  });

  it('a percent off a product sold by weight is taken off the weighed price, rounded once to the cent', () => {
    // 750 g at 3.49/kg = 2.6175 → 2.62; 10 % of 262 = 26.2 → 26.
    const [line] = price([hold('APPLES', 750)], [{ id: 'a', kind: 'percent', sku: 'APPLES', percent: 10 }]);
    expect(line).toMatchObject({ lineTotalCents: 236, discountCents: 26 });
  });

  it('overlapping promotions never stack: the customer gets the larger discount', () => {
    const category: Promotion = { id: 'drinks15', kind: 'percent', category: 'Drinks', percent: 15 };
    const multibuy: Promotion = { id: 'cola3for2', kind: 'multibuy', sku: 'COLA', buy: 3, pay: 2 };
    // 3 colas: 15 % of 4.47 = 0.67, 3 for 2 = 1.49 → the multibuy.
    expect(price([hold('COLA', 3)], [category, multibuy])[0]).toMatchObject({ lineTotalCents: 298, discountCents: 149, promotionId: 'cola3for2' });
    // 2 colas: the multibuy gives nothing, 15 % gives 0.45 → the percent, in either order of listing.
    for (const promos of [[category, multibuy], [multibuy, category]]) {
      expect(price([hold('COLA', 2)], promos)[0]).toMatchObject({ lineTotalCents: 253, discountCents: 45, promotionId: 'drinks15' });
    }
  });

  it('never takes off more than the best single promotion, whatever the set (property)', () => {
    const promotion = fc.oneof(
      fc.record({ kind: fc.constant('percent' as const), percent: fc.integer({ min: 1, max: 99 }) }),
      fc.record({ kind: fc.constant('multibuy' as const), buy: fc.integer({ min: 2, max: 6 }) }).chain((m) =>
        fc.integer({ min: 1, max: m.buy - 1 }).map((pay) => ({ ...m, pay }))),
    ).chain((p) => fc.boolean().map((bySku) => ({ ...p, ...(bySku ? { sku: 'COLA' } : { category: 'Drinks' }) })));
    fc.assert(fc.property(fc.array(promotion, { maxLength: 6 }), fc.integer({ min: 1, max: 40 }), (raw, qty) => {
      const promos = raw.map((p, i) => ({ id: `p${i}`, ...p })) as Promotion[];
      const [line] = price([hold('COLA', qty)], promos);
      const singles = promos.map((p) => price([hold('COLA', qty)], [p])[0]!.discountCents ?? 0);
      expect(line!.discountCents ?? 0).toBe(Math.max(0, ...singles));
      expect(line!.lineTotalCents + (line!.discountCents ?? 0)).toBe(149 * qty);
      expect(Number.isInteger(line!.lineTotalCents) && line!.lineTotalCents >= 0).toBe(true);
    }));
  });

  it('counts a promotion from its start (inclusive) until its end (exclusive); unset ends are open', () => {
    const start = NOW;
    const end = NOW + 3_600_000;
    const windowed: Promotion = { id: 'w', kind: 'percent', sku: 'JUICE', percent: 50, startsAt: start, endsAt: end };
    expect(isActive(windowed, start - 1)).toBe(false);
    expect(isActive(windowed, start)).toBe(true);
    expect(isActive(windowed, end - 1)).toBe(true);
    expect(isActive(windowed, end)).toBe(false);
    expect(isActive({ id: 'o', kind: 'percent', sku: 'JUICE', percent: 5 }, 0)).toBe(true);
    expect(isActive({ id: 'o', kind: 'percent', sku: 'JUICE', percent: 5, endsAt: end }, end)).toBe(false);
    expect(isActive({ id: 'o', kind: 'percent', sku: 'JUICE', percent: 5, startsAt: start }, start - 1)).toBe(false);
    expect(price([hold('JUICE', 1)], [windowed], end)[0]!.lineTotalCents).toBe(333);
    expect(price([hold('JUICE', 1)], [windowed], end - 1)[0]!.lineTotalCents).toBe(166);
  });

  it('rounds a percent to the nearest cent, half a cent up', () => {
    const off = (percent: number, priceCents: number) =>
      bestDiscount([{ id: 'x', kind: 'percent', sku: 'X', percent }], product({ sku: 'X', priceCents }), 1, priceCents, NOW)?.discountCents ?? 0;
    expect(off(15, 10)).toBe(2); // 1.5 → 2
    expect(off(15, 9)).toBe(1); // 1.35 → 1
    expect(off(50, 1)).toBe(1); // 0.5 → 1
    expect(off(1, 49)).toBe(0); // 0.49 → 0: no discount, no promotion named on the line
    expect(off(33, 299)).toBe(99); // 98.67 → 99
  });
});
