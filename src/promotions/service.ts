import type { Promotion } from '../domain/owner';
import type { Clock } from '../domain/types';
import type { PromotionsPort } from '../store/store';

/** Where pricing reads the promotions from. */
export interface PromotionSource {
  current(): Promise<readonly Promotion[]>;
}

/** How long a process trusts its copy before reading the store again (another process may have replaced the set). */
export const PROMOTIONS_REFRESH_MS = 30_000;

/**
 * The store's promotions, kept in memory per process: a message prices its cart without a store read, and
 * the set is read again at most every `refreshMs`. A replace made here is seen here at once.
 */
export class PromotionsService implements PromotionSource {
  private cache: readonly Promotion[] = [];
  private readAt = Number.NEGATIVE_INFINITY;
  private reading?: Promise<void>;
  /** Bumped by replace(), so a read begun before it cannot put the old set back. */
  private generation = 0;

  private store: PromotionsPort;
  private clock: Clock;
  private refreshMs: number;

  constructor(o: { store: PromotionsPort; clock: Clock; refreshMs?: number }) {
    this.store = o.store;
    this.clock = o.clock;
    this.refreshMs = o.refreshMs ?? PROMOTIONS_REFRESH_MS;
  }

  async current(): Promise<readonly Promotion[]> {
    if (this.clock.now() - this.readAt >= this.refreshMs) await this.refresh();
    return this.cache;
  }

  /** Reads the store now; concurrent callers share one read. */
  refresh(): Promise<void> {
    const generation = this.generation;
    this.reading ??= this.store.listPromotions()
      .then((list) => {
        if (generation !== this.generation) return;
        this.cache = list;
        this.readAt = this.clock.now();
      })
      .finally(() => { this.reading = undefined; });
    return this.reading;
  }

  /** The set as the store holds it now (another process may have changed it): what an edit starts from. */
  stored(): Promise<Promotion[]> {
    return this.store.listPromotions();
  }

  /** Replaces the set if it is still `expected` (what stored() gave); false when someone changed it meanwhile. */
  async replaceIf(expected: Promotion[], list: Promotion[]): Promise<boolean> {
    if (!(await this.store.replacePromotionsIf(expected, list))) return false;
    this.generation++;
    this.cache = list;
    this.readAt = this.clock.now();
    return true;
  }

  /** Replaces the whole set (already validated). */
  async replace(list: Promotion[]): Promise<void> {
    await this.store.putPromotions(list);
    this.generation++;
    this.cache = list;
    this.readAt = this.clock.now();
  }
}
