import type { StockDelta } from './store';
import type { StockLevel } from '../domain/types';

/**
 * Where a quantity meets the stock counters or a hold, both adapters refuse anything but a safe integer
 * (and a positive one where it reserves or holds): a NaN stored once poisons every later comparison.
 * A RangeError, not a result value: a caller passing one is a bug upstream.
 */
export function wholeQuantity(what: string, n: number): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number, got ${String(n)}`);
  return n;
}

export function positiveQuantity(what: string, n: number): number {
  if (wholeQuantity(what, n) <= 0) throw new RangeError(`${what} must be positive, got ${n}`);
  return n;
}

/**
 * A move between counters: whole numbers that sum to the change of received (zero but for a write-off:
 * stock changes place, and leaves the store only as much as received says).
 */
export function checkDelta(sku: string, delta: StockDelta): void {
  let sum = 0;
  for (const k of ['available', 'reserved', 'sold'] as const) sum += wholeQuantity(`${sku} ${k} change`, delta[k] ?? 0);
  const received = wholeQuantity(`${sku} received change`, delta.received ?? 0);
  if (sum !== received) throw new RangeError(`a stock move of ${sku} must sum to its change of received (${received}), got ${sum}`);
}

/** Counters a repair may write: whole, none negative, and adding up to what was received. */
export function checkLevel(level: StockLevel): void {
  for (const k of ['received', 'available', 'reserved', 'sold'] as const) {
    if (wholeQuantity(`${level.sku} ${k}`, level[k]) < 0) throw new RangeError(`${level.sku} ${k} must not be negative, got ${level[k]}`);
  }
  if (level.available + level.reserved + level.sold !== level.received) throw new RangeError(`${level.sku} counters do not add up to received`);
}

/**
 * How many recent move ids each SKU's counters remember: a retry finishing a move must come before this many
 * other moves of the same product (retries come within seconds; a busy product moves a few times a minute).
 */
export const APPLIED_KEPT = 200;
