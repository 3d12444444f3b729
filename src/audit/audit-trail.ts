import type { AuditActor, AuditEntry } from '../domain/owner';
import type { Clock, StockLevel } from '../domain/types';
import type { AuditPort, StockPort } from '../store/store';

type Counter = 'received' | 'available' | 'reserved' | 'sold';
export type CounterDelta = Partial<Record<Counter, number>>;

export interface AuditTrailDeps {
  /** Where entries go, and the counters an entry records when the change did not return them. */
  store: AuditPort & Pick<StockPort, 'getStock'>;
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
    await this.recordAll([change]);
  }

  /** Several changes in one store call (a checkout's lines). */
  private async recordAll(changes: Omit<AuditEntry, 'id' | 'at'>[]): Promise<void> {
    if (!changes.length) return;
    try {
      const at = this.deps.clock.now();
      const entries = changes.map((change) => ({ id: this.id(at), at, ...change }));
      await this.deps.store.appendAudit(entries.length === 1 ? entries[0]! : entries);
    } catch (err) {
      this.deps.log?.warn({ sku: changes[0]!.sku, what: changes[0]!.what, err: (err as Error).message }, 'audit entry could not be written');
    }
  }

  /** Counters of several SKUs moved by one operation, each with the counters as its move left them: one write. */
  async stocksMoved(moves: { sku: string; delta: CounterDelta; after: StockLevel }[], by: AuditActor, reason: string): Promise<void> {
    await this.recordAll(moves.flatMap((m) => {
      const change = stockChange(m.sku, by, reason, m.delta, m.after);
      return change ? [change] : [];
    }));
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
    const change = stockChange(sku, by, reason, delta, now);
    if (change) await this.record(change);
  }

  /** A repair that replaced the counters whole. */
  async stockReplaced(sku: string, by: AuditActor, reason: string, before: StockLevel, after: StockLevel): Promise<void> {
    const pick = (s: StockLevel) => ({ received: s.received, available: s.available, reserved: s.reserved, sold: s.sold });
    await this.record({ sku, by, what: 'stock', reason, before: pick(before), after: pick(after) });
  }
}

/** The audit of counters moved by `delta`, as `now` holds them after the move; none when nothing moved. */
function stockChange(sku: string, by: AuditActor, reason: string, delta: CounterDelta, now: StockLevel | undefined): Omit<AuditEntry, 'id' | 'at'> | undefined {
  const before: Record<string, number> = {};
  const moved: Record<string, number> = {};
  for (const [key, d] of Object.entries(delta) as [Counter, number][]) {
    if (!d) continue;
    moved[key] = now?.[key] ?? 0;
    before[key] = moved[key] - d;
  }
  if (Object.keys(moved).length === 0) return undefined;
  return { sku, by, what: 'stock', reason, before, after: moved };
}
