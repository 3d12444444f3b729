import type { Collection, Db } from 'mongodb';
import type { StockWish } from '../../domain/wish';
import { isDuplicateKey, updateById } from './util';

/**
 * A wish as an operator reads it in mongosh: `{ _id: '+12025550123|DAI-MLK-OAT', phone, sku, at, toldAt? }`
 * (times in epoch milliseconds, as every record of the store). The `_id` names the phone and the product, and
 * a unique index on the two says the same, so a customer has one wish per product.
 */
type WishDoc = StockWish & { _id: string };

const idOf = (phone: string, sku: string) => `${phone}|${sku}`;
const wish = ({ _id, ...rest }: WishDoc): StockWish => { void _id; return rest; };

/** `stock_wishes`: customers waiting for a sold-out product, each change one single-document write. */
export class StockWishRecords {
  private wishes: Collection<WishDoc>;

  constructor(db: Db) {
    this.wishes = db.collection('stock_wishes');
  }

  async ensureIndexes(): Promise<void> {
    await this.wishes.createIndex({ phone: 1, sku: 1 }, { unique: true, name: 'one_per_phone_and_product' });
    await this.wishes.createIndex({ sku: 1, toldAt: 1 }, { name: 'waiting_by_product' });
  }

  /**
   * One replace (upsert): a renewed wish is waiting again, its `toldAt` gone. Like every write here it names
   * the phone beside the `_id`, so a collection sharded by phone routes it to one shard. Two upserts of one
   * new wish at once: the loser's duplicate-key error is answered by replacing the winner's.
   */
  async put(w: Pick<StockWish, 'phone' | 'sku' | 'at'>): Promise<void> {
    const filter = { _id: idOf(w.phone, w.sku), phone: w.phone };
    const doc = { phone: w.phone, sku: w.sku, at: w.at };
    try {
      await this.wishes.replaceOne(filter, doc, { upsert: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await this.wishes.replaceOne(filter, doc, { upsert: true });
    }
  }
  async of(phone: string): Promise<StockWish[]> {
    return (await this.wishes.find({ phone }).sort({ at: 1, _id: 1 }).toArray()).map(wish);
  }
  async waiting(skus?: readonly string[]): Promise<StockWish[]> {
    const filter = { toldAt: { $exists: false }, ...(skus ? { sku: { $in: [...skus] } } : {}) };
    return (await this.wishes.find(filter).sort({ at: 1, _id: 1 }).toArray()).map(wish);
  }
  async countWaiting(): Promise<Record<string, number>> {
    const rows = await this.wishes.aggregate<{ _id: string; n: number }>([
      { $match: { toldAt: { $exists: false } } },
      { $group: { _id: '$sku', n: { $sum: 1 } } },
    ]).toArray();
    return Object.fromEntries(rows.map((r) => [r._id, r.n]));
  }
  /** One conditional update: only a wish still without `toldAt` is claimed, so one claimer wins. */
  async claim(phone: string, sku: string, at: number): Promise<boolean> {
    return (await updateById(this.wishes, { _id: idOf(phone, sku), phone, toldAt: { $exists: false } }, { $set: { toldAt: at } })).matched;
  }
  async delete(phone: string, skus: readonly string[]): Promise<number> {
    if (!skus.length) return 0;
    return (await this.wishes.deleteMany({ _id: { $in: skus.map((s) => idOf(phone, s)) }, phone })).deletedCount;
  }
  async settle(phone: string, sku: string, toldAt: number): Promise<boolean> {
    return (await this.wishes.deleteOne({ _id: idOf(phone, sku), phone, toldAt })).deletedCount === 1;
  }
  async pruneTold(before: number): Promise<number> {
    return (await this.wishes.deleteMany({ toldAt: { $lt: before } })).deletedCount;
  }
}
