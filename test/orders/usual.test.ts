import { describe, expect, it } from 'vitest';
import type { Order, OrderLine } from '../../src/domain/types';
import { favourite, usualOrder } from '../../src/orders/usual';

const line = (sku: string, qty: number): OrderLine => ({ sku, name: sku, unit: 'each', qty, unitPriceCents: 100, lineTotalCents: 100 * qty });
let n = 0;
const order = (...lines: OrderLine[]): Order => ({
  id: `ORD-${++n}`, phone: '+12025550123', status: 'delivered', lines, deliveryFeeCents: 0, totalCents: 0, fulfilment: 'pickup',
  channel: 'web', holdIds: [], createdAt: n, updatedAt: n,
});

describe('what the usual is, from past orders (newest first)', () => {
  it('“last”: the latest order as bought, a product on two lines counted once', () => {
    const newest = order(line('MILK', 1), line('EGGS', 6), line('MILK', 1));
    expect(usualOrder([newest, order(line('BREAD', 1))], 'last').map((l) => [l.sku, l.qty])).toEqual([['MILK', 2], ['EGGS', 6]]);
    expect(usualOrder([], 'last')).toEqual([]);
  });

  it('“frequent”: what is in at least half of the orders, most often first, in the amount bought most often', () => {
    const orders = [order(line('MILK', 1), line('LIMES', 3)), order(line('MILK', 2), line('EGGS', 6)), order(line('MILK', 2), line('BREAD', 1)), order(line('EGGS', 12), line('TEA', 1))];
    expect(usualOrder(orders, 'frequent').map((l) => [l.sku, l.qty, l.orders])).toEqual([['MILK', 2, 3], ['EGGS', 6, 2]]);
    // One order: all of it.
    expect(usualOrder([order(line('TEA', 2))], 'frequent').map((l) => l.sku)).toEqual(['TEA']);
  });

  it('looks at the latest 10 orders only', () => {
    const old = Array.from({ length: 20 }, () => order(line('OLD', 1)));
    const recent = Array.from({ length: 10 }, () => order(line('NEW', 1)));
    expect(usualOrder([...recent, ...old], 'frequent').map((l) => l.sku)).toEqual(['NEW']);
  });

  it('a favourite of a kind: the product of the kind bought in most orders; of two as often, the latest; none when none was bought', () => {
    const orders = [order(line('COF-GRD', 1)), order(line('COF-INS', 2)), order(line('COF-INS', 2), line('COF-GRD', 1)), order(line('TEA', 1))];
    expect(favourite(orders, ['COF-GRD', 'COF-INS'])).toMatchObject({ sku: 'COF-GRD', qty: 1, orders: 2 });
    expect(favourite(orders.slice(1), ['COF-GRD', 'COF-INS'])).toMatchObject({ sku: 'COF-INS', qty: 2 });
    expect(favourite(orders, ['MILK'])).toBeUndefined();
  });
});
