import type { DailyStats } from '../../domain/types';

/** The owner's daily figures, and flags set once (e.g. the owner was told a product runs low). */
export interface StatsPort {
  putDailyStats(stats: DailyStats): Promise<void>;
  /** Days from..to inclusive (YYYY-MM-DD), oldest first; days never rolled up are absent. */
  getDailyStats(from: string, to: string): Promise<DailyStats[]>;
  /** A flag set once (e.g. "low-stock:SKU" after the owner was told): true iff this call set it. */
  claimFlag(key: string, at: number): Promise<boolean>;
  clearFlag(key: string): Promise<void>;
}
