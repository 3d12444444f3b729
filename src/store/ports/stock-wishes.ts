import type { StockWish } from '../../domain/wish';

/**
 * Customers waiting to hear that a sold-out product is back: one wish per phone and product. Telling is
 * claimed by one conditional write (claimWish) before the notice goes, so of any number of processes, jobs
 * and restocks racing, one tells each wish, once.
 */
export interface StockWishesPort {
  /** Records a wish, or renews it (waiting again, from `at`) when the customer already had one for the product. */
  putWish(wish: Pick<StockWish, 'phone' | 'sku' | 'at'>): Promise<void>;
  /** A customer's wishes, waiting or told, oldest first. */
  listWishesOf(phone: string): Promise<StockWish[]>;
  /** The wishes still waiting (not told), for these products or, without `skus`, for every product; oldest first. */
  listWaitingWishes(skus?: readonly string[]): Promise<StockWish[]>;
  /** How many customers wait for each product (told ones no longer count), by SKU; products none waits for are left out. */
  countWaitingWishes(): Promise<Record<string, number>>;
  /** Marks the wish told at `at` iff it is still waiting: true for the one caller that did (it sends the notice). */
  claimWish(phone: string, sku: string, at: number): Promise<boolean>;
  /** Removes a customer's wishes for these products, waiting or told (they asked again, or ordered it); how many went. */
  deleteWishes(phone: string, skus: readonly string[]): Promise<number>;
  /** Removes a told wish once its notice had its answer, iff it is still the one told at `toldAt` (not renewed since). */
  settleWish(phone: string, sku: string, toldAt: number): Promise<boolean>;
  /** Forgets wishes told before `before` whose customer never wrote again; how many. */
  pruneToldWishes(before: number): Promise<number>;
}
