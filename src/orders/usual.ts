// "The usual": what a customer's past orders say they buy. Pure functions of their orders, newest first.
import type { UsualMode } from '../domain/settings';
import type { Order, OrderLine } from '../domain/types';

/** How many of a customer's latest orders "the usual" looks at. */
export const RECENT_ORDERS = 10;
/** The most lines a usual order proposes (a read-back short enough to hear on a call). */
export const MAX_USUAL_LINES = 20;

/** One product of the usual, in its usual amount (the product's base unit: pieces, or grams). */
export interface UsualLine {
  sku: string;
  /** The name it was bought under (a product since removed is still named). */
  name: string;
  qty: number;
  /** In how many of the orders looked at it was bought. */
  orders: number;
}

interface Seen { sku: string; name: string; qtys: number[]; orders: number; latest: number }

/** Every product of the orders, with the amounts bought (newest first) and in how many orders. */
function tally(orders: readonly Order[]): Seen[] {
  const seen = new Map<string, Seen>();
  orders.forEach((o, age) => {
    const inOrder = new Map<string, OrderLine>();
    for (const l of o.lines) {
      const had = inOrder.get(l.sku);
      inOrder.set(l.sku, had ? { ...had, qty: had.qty + l.qty } : l);
    }
    for (const l of inOrder.values()) {
      const s = seen.get(l.sku) ?? { sku: l.sku, name: l.name, qtys: [], orders: 0, latest: age };
      s.qtys.push(l.qty);
      s.orders += 1;
      seen.set(l.sku, s);
    }
  });
  return [...seen.values()];
}

/** The amount bought most often; of amounts bought as often, the latest. */
function usualQty(qtys: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const q of qtys) counts.set(q, (counts.get(q) ?? 0) + 1);
  let best = qtys[0]!;
  for (const q of qtys) if (counts.get(q)! > counts.get(best)!) best = q;
  return best;
}

/** Most often bought first; then the one bought most recently. */
const byHabit = (a: Seen, b: Seen) => b.orders - a.orders || a.latest - b.latest;

const asLine = (s: Seen): UsualLine => ({ sku: s.sku, name: s.name, qty: usualQty(s.qtys), orders: s.orders });

/**
 * The usual order. `last`: the latest order's lines as bought. `frequent`: the products bought in at least
 * half of the orders looked at (all of them when there is one order), most often bought first, each in the
 * amount bought most often.
 */
export function usualOrder(newestFirst: readonly Order[], mode: UsualMode): UsualLine[] {
  const recent = newestFirst.slice(0, RECENT_ORDERS);
  if (!recent.length) return [];
  if (mode === 'last') return tally(recent.slice(0, 1)).map(asLine).slice(0, MAX_USUAL_LINES);
  const often = Math.ceil(recent.length / 2);
  return tally(recent).filter((s) => s.orders >= often).sort(byHabit).map(asLine).slice(0, MAX_USUAL_LINES);
}

/** The product among `skus` (a kind: "coffee") bought most often, in its usual amount; none when none was bought. */
export function favourite(newestFirst: readonly Order[], skus: readonly string[]): UsualLine | undefined {
  const kind = new Set(skus);
  const [best] = tally(newestFirst.slice(0, RECENT_ORDERS)).filter((s) => kind.has(s.sku)).sort(byHabit);
  return best && asLine(best);
}
