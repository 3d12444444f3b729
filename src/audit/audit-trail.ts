import type { AuditActor, AuditEntry } from '../domain/owner';
import type { Clock, StockLevel } from '../domain/types';
import type { Store } from '../store/store';

type Counter = 'received' | 'available' | 'reserved' | 'sold';
export type CounterDelta = Partial<Record<Counter, number>>;

export interface AuditTrailDeps {
  store: Store;
  clock: Clock;
  /** Where a failed audit write is reported; the change it describes has happened and stands. */
  log?: { warn(obj: object, msg: string): void };
}

/**
 * Records who changed a product's stock counters or price, and how. Writing the record never fails the change
 * it describes: a store error is logged and the business operation goes on.
 */
export class AuditTrail {
  private seq = 0;

  constructor(private deps: AuditTrailDeps) {}

  /** Ids sort by time, then by the order of writes in this process, so "newest first" is stable in any store. */
  private id(at: number): string {
    this.seq = (this.seq + 1) % 1e8;
    return `${String(at).padStart(15, '0')}-${String(this.seq).padStart(8, '0')}-${Math.random().toString(36).slice(2, 8)}`;
  }

  async record(change: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
    try {
      const at = this.deps.clock.now();
      await this.deps.store.appendAudit({ id: this.id(at), at, ...change });
    } catch (err) {
      this.deps.log?.warn({ sku: change.sku, what: change.what, err: (err as Error).message }, 'audit entry could not be written');
    }
  }

  async price(sku: string, by: AuditActor, beforeCents: number, afterCents: number): Promise<void> {
    if (beforeCents === afterCents) return;
    await this.record({ sku, by, what: 'price', reason: 'price', before: { price: beforeCents }, after: { price: afterCents } });
  }

  /**
   * After counters moved by `delta`: records the touched ones, after (as the move left them, when the caller
   * has them, else read now) and before (after minus this change's own delta, so a change made meanwhile by
   * someone else does not blur the pair).
   */
  async stockMoved(sku: string, by: AuditActor, reason: string, delta: CounterDelta, after?: StockLevel): Promise<void> {
    let now: StockLevel | undefined = after;
    try {
      now ??= await this.deps.store.getStock(sku);
    } catch (err) {
      this.deps.log?.warn({ sku, err: (err as Error).message }, 'audit entry could not be written');
      return;
    }
    const before: Record<string, number> = {};
    const moved: Record<string, number> = {};
    for (const [key, d] of Object.entries(delta) as [Counter, number][]) {
      if (!d) continue;
      moved[key] = now?.[key] ?? 0;
      before[key] = moved[key] - d;
    }
    if (Object.keys(moved).length === 0) return;
    await this.record({ sku, by, what: 'stock', reason, before, after: moved });
  }

  /** A repair that replaced the counters whole. */
  async stockReplaced(sku: string, by: AuditActor, reason: string, before: StockLevel, after: StockLevel): Promise<void> {
    const pick = (s: StockLevel) => ({ received: s.received, available: s.available, reserved: s.reserved, sold: s.sold });
    await this.record({ sku, by, what: 'stock', reason, before: pick(before), after: pick(after) });
  }
}
