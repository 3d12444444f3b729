import type { Logger } from 'pino';
import type { Clock, Product } from '../domain/types';
import { isSoldByWeight } from '../domain/units';
import { backInStockNotice, noticeId } from '../engine/back-in-stock-notice';
import type { Copy } from '../engine/copy';
import type { DomainEvents } from '../events/domain-events';
import type { CatalogPort, StockPort, StockWishesPort } from '../store/store';
import type { Outbox } from './outbox';

export interface BackInStockDeps {
  store: Pick<StockWishesPort, 'listWaitingWishes' | 'claimWish'> & Pick<StockPort, 'getStock'> & Pick<CatalogPort, 'getProduct'>;
  outbox: Pick<Outbox, 'enqueue'>;
  copy: Pick<Copy, 'backInStock'>;
  clock: Clock;
}

/** Enough on the shelf to tell anyone it is back: a piece, or 100 g of what is sold by weight. */
const onShelf = (p: Product, available: number) => available >= (isSoldByWeight(p.unit) ? 100 : 1);

/**
 * Tells every customer waiting for one of these products (all wished-for products when none are named)
 * that it is back, once: each wish is claimed by one conditional write before its notice is queued, so of
 * any processes, jobs and restocks racing, one tells each customer. The outbox's rules apply to the notice
 * as to any message the store starts (opt-outs, proven channels, the WhatsApp window and its template).
 * The notice's id is made from the wish (engine/back-in-stock-notice.ts), so the customer's next message
 * reads from the outbox's records whether it reached them: one that did not (skipped, failed) is never
 * taken as asked. A product hidden, or not back on the shelf, keeps its wishes waiting. Returns how many
 * were told (their notices queued).
 */
export async function announceBackInStock(deps: BackInStockDeps, skus?: readonly string[]): Promise<number> {
  const { store } = deps;
  const waiting = await store.listWaitingWishes(skus);
  let told = 0;
  for (const sku of new Set(waiting.map((w) => w.sku))) {
    const p = await store.getProduct(sku);
    if (!p || p.active === false || !onShelf(p, (await store.getStock(sku))?.available ?? 0)) continue;
    const notice = backInStockNotice(deps.copy, p);
    for (const w of waiting.filter((x) => x.sku === sku)) {
      const toldAt = deps.clock.now();
      if (!(await store.claimWish(w.phone, sku, toldAt))) continue;
      deps.outbox.enqueue(w.phone, notice, { id: noticeId({ phone: w.phone, sku, toldAt }) });
      told += 1;
    }
  }
  return told;
}

/**
 * Stock received (a restock, a catalog upload, an edit of the stock received) tells the customers waiting
 * for the product at once, in the process that received it; the `back-in-stock` job is the backstop.
 */
export class BackInStock {
  private pending = new Set<Promise<unknown>>();

  constructor(private deps: BackInStockDeps, private log: Logger) {}

  follow(events: Pick<DomainEvents, 'on'>): void {
    events.on('stock.received', (e) => {
      const run: Promise<unknown> = announceBackInStock(this.deps, [e.sku])
        .catch((err: unknown) => this.log.error({ err, sku: e.sku }, 'could not tell customers a product is back; the back-in-stock job will'))
        .finally(() => this.pending.delete(run));
      this.pending.add(run);
    });
  }

  /** Resolves when every announcement started so far has queued its notices. */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
