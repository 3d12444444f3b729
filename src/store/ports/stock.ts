import type { StockLevel } from '../../domain/types';

/**
 * A move between counters. `received` changes only with a write-off (units found missing or damaged leave
 * the store: sold or available shrink by as much as received does).
 */
export type StockDelta = Partial<Record<'available' | 'reserved' | 'sold' | 'received', number>>;

/**
 * A product's stock counters (received, available, reserved, sold). Quantities must be finite integers, and
 * those that reserve must be positive: an adapter throws a RangeError for anything else rather than store NaN.
 */
export interface StockPort {
  getStock(sku: string): Promise<StockLevel | undefined>;
  listStock(): Promise<StockLevel[]>;
  /** received and available grow by delta (which may be negative) iff available stays >= 0. Creates zeroed counters. */
  receiveStock(sku: string, delta: number): Promise<boolean>;
  /**
   * available -= qty and reserved += qty iff available >= qty. With `opId`, at most once per id: a reservation
   * already made under that id (a retried step) changes nothing and answers true.
   */
  reserveStock(sku: string, qty: number, opId?: string): Promise<boolean>;
  /** Undoes the reservation made under `opId`, if it was made and not undone yet; else changes nothing. */
  unreserveStock(sku: string, qty: number, opId: string): Promise<void>;
  /**
   * Unconditional move between counters; only the winner of a hold transition calls it. The changes of
   * available, reserved and sold must sum to the change of received (0 but for a write-off).
   * With `opId` (the transition's), at most once per id, so a retry can finish a move its first attempt may
   * or may not have made. Returns the counters as they are after it (the audit trail records them).
   */
  moveStock(sku: string, delta: StockDelta, opId?: string): Promise<StockLevel>;
  /**
   * Replaces the counters iff they still equal `expected`; the reconciler's repair. `applied` rewrites the
   * ids of the moves the counters count as made (see moveStock), in the same write.
   */
  replaceStock(expected: StockLevel, next: StockLevel, applied?: (ids: readonly string[]) => string[]): Promise<boolean>;
}
