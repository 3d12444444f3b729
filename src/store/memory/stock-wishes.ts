import type { StockWish } from '../../domain/wish';
import type { StockWishesPort } from '../ports/stock-wishes';

const keyOf = (phone: string, sku: string) => `${phone}|${sku}`;
const byTime = (a: StockWish, b: StockWish) => a.at - b.at || (a.phone < b.phone ? -1 : a.phone > b.phone ? 1 : 0);

/**
 * Stock wishes in this process's memory, keyed by phone and product. Every method finishes its check and
 * write synchronously, so each is atomic with respect to the others (one claim of a wish wins).
 */
export class MemoryStockWishes implements StockWishesPort {
  private wishes = new Map<string, StockWish>();

  async putWish(w: Pick<StockWish, 'phone' | 'sku' | 'at'>) {
    this.wishes.set(keyOf(w.phone, w.sku), { phone: w.phone, sku: w.sku, at: w.at });
  }
  async listWishesOf(phone: string) {
    return [...this.wishes.values()].filter((w) => w.phone === phone).sort(byTime).map((w) => ({ ...w }));
  }
  async listWaitingWishes(skus?: readonly string[]) {
    const wanted = skus && new Set(skus);
    return [...this.wishes.values()].filter((w) => w.toldAt === undefined && (!wanted || wanted.has(w.sku))).sort(byTime).map((w) => ({ ...w }));
  }
  async countWaitingWishes() {
    const out: Record<string, number> = {};
    for (const w of this.wishes.values()) if (w.toldAt === undefined) out[w.sku] = (out[w.sku] ?? 0) + 1;
    return out;
  }
  async claimWish(phone: string, sku: string, at: number) {
    const w = this.wishes.get(keyOf(phone, sku));
    if (!w || w.toldAt !== undefined) return false;
    w.toldAt = at;
    return true;
  }
  async deleteWishes(phone: string, skus: readonly string[]) {
    let gone = 0;
    for (const sku of new Set(skus)) if (this.wishes.delete(keyOf(phone, sku))) gone += 1;
    return gone;
  }
  async settleWish(phone: string, sku: string, toldAt: number) {
    const key = keyOf(phone, sku);
    if (this.wishes.get(key)?.toldAt !== toldAt) return false;
    return this.wishes.delete(key);
  }
  async pruneToldWishes(before: number) {
    let gone = 0;
    for (const [key, w] of this.wishes) if (w.toldAt !== undefined && w.toldAt < before && this.wishes.delete(key)) gone += 1;
    return gone;
  }
}
