import type { Collection, Db, Document, Filter, UpdateFilter } from 'mongodb';
import type { StockLevel } from '../../domain/types';
import { APPLIED_KEPT, checkDelta, checkLevel, positiveQuantity, wholeQuantity } from '../quantities';
import type { StockDelta } from '../store';
import { isDuplicateKey, updateById } from './util';

/**
 * A product's counters as stored, one document per SKU: `applied` holds the ids of its most recent moves made
 * with one (see StockPort.moveStock), so a retried move is made once.
 */
interface StockDoc {
  _id: string;
  sku: string;
  received: number;
  available: number;
  reserved: number;
  sold: number;
  applied?: string[];
}

const level = (d: StockDoc): StockLevel => ({ sku: d._id, received: d.received, available: d.available, reserved: d.reserved, sold: d.sold });
const WITHOUT_APPLIED = { projection: { applied: 0 } } as const;
/** The id noted as made, keeping the most recent APPLIED_KEPT (as the memory store and the reconciler do). */
const pushApplied = (opId: string | undefined): UpdateFilter<StockDoc> =>
  (opId === undefined ? {} : { $push: { applied: { $each: [opId], $slice: -APPLIED_KEPT } } });
const notYetApplied = (opId: string | undefined): Filter<StockDoc> => (opId === undefined ? {} : { applied: { $ne: opId } });

/**
 * The stock counters: every change is one conditional update of the SKU's document (the server applies it
 * atomically), so no change is lost and none is made twice, whatever races it.
 */
export class StockCounters {
  private stock: Collection<StockDoc>;

  constructor(db: Db) {
    this.stock = db.collection<StockDoc>('stock');
  }

  async get(sku: string): Promise<StockLevel | undefined> {
    const doc = await this.stock.findOne({ _id: sku }, WITHOUT_APPLIED);
    return doc ? level(doc) : undefined;
  }

  async list(): Promise<StockLevel[]> {
    return (await this.stock.find({}, WITHOUT_APPLIED).sort({ _id: 1 }).toArray()).map(level);
  }

  async receive(sku: string, delta: number): Promise<boolean> {
    wholeQuantity('received change', delta);
    const change = { $inc: { received: delta, available: delta } };
    if (delta < 0) return (await updateById(this.stock, { _id: sku, available: { $gte: -delta } }, change)).matched;
    const upsert = () => this.stock.updateOne({ _id: sku }, { ...change, $setOnInsert: { sku, reserved: 0, sold: 0, applied: [] } }, { upsert: true });
    try {
      await upsert();
    } catch (err) {
      // Two first receipts of one SKU at once: the loser of the insert finds the document the second time.
      if (!isDuplicateKey(err)) throw err;
      await upsert();
    }
    return true;
  }

  async reserve(sku: string, qty: number, opId?: string): Promise<boolean> {
    positiveQuantity('reserved quantity', qty);
    const { matched } = await updateById(
      this.stock,
      { _id: sku, available: { $gte: qty }, ...notYetApplied(opId) },
      { $inc: { available: -qty, reserved: qty }, ...pushApplied(opId) },
    );
    if (matched) return true;
    // Short, or made before under this id (a retried step): only the second answers true.
    return opId !== undefined && (await this.stock.findOne({ _id: sku, applied: opId }, { projection: { _id: 1 } })) !== null;
  }

  async unreserve(sku: string, qty: number, opId: string): Promise<void> {
    positiveQuantity('reserved quantity', qty);
    await updateById(this.stock, { _id: sku, applied: opId }, { $inc: { available: qty, reserved: -qty }, $pull: { applied: opId } });
  }

  async move(sku: string, delta: StockDelta, opId?: string): Promise<StockLevel> {
    checkDelta(sku, delta);
    const moved = await this.stock.findOneAndUpdate(
      { _id: sku, ...notYetApplied(opId) },
      { $inc: { available: delta.available ?? 0, reserved: delta.reserved ?? 0, sold: delta.sold ?? 0, received: delta.received ?? 0 }, ...pushApplied(opId) },
      { returnDocument: 'after', ...WITHOUT_APPLIED },
    );
    // Not matched: made before under this id (the counters as they are now), or no counters at all.
    const now = moved ?? await this.stock.findOne({ _id: sku }, WITHOUT_APPLIED);
    if (!now) throw new Error(`no stock counters for ${sku}`);
    return level(now);
  }

  async replace(expected: StockLevel, next: StockLevel, applied?: (ids: readonly string[]) => string[]): Promise<boolean> {
    checkLevel({ ...next, sku: expected.sku });
    const { received, available, reserved, sold } = expected;
    const guard: Filter<StockDoc> = { _id: expected.sku, received, available, reserved, sold };
    const counters = { received: next.received, available: next.available, reserved: next.reserved, sold: next.sold };
    if (!applied) return (await updateById(this.stock, guard, { $set: counters })).matched;
    // The ids are rewritten from those read, so the write is also guarded on them being unchanged.
    const doc = await this.stock.findOne(guard, { projection: { applied: 1 } });
    if (!doc) return false;
    const sameIds: Document = doc.applied === undefined ? { applied: { $exists: false } } : { applied: doc.applied };
    return (await updateById(this.stock, { ...guard, ...sameIds }, { $set: { ...counters, applied: applied(doc.applied ?? []) } })).matched;
  }
}
