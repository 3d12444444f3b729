import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import type { Hold, HoldStatus } from '../../domain/types';
import type { HoldFilter, HoldRef, TransitionOptions } from '../store';
import { positiveQuantity } from '../quantities';
import type { CustomerDoc } from './customer-doc';
import type { TurnCache } from './turn-cache';
import { isDuplicateKey } from './util';

const byCreated = (a: Hold, b: Hold) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const matches = (f: HoldFilter) => (h: Hold) => (f.phone === undefined || h.phone === f.phone)
  && (f.sku === undefined || h.sku === f.sku) && (f.status === undefined || h.status === f.status)
  && (f.orderId === undefined || h.orderId === f.orderId)
  && (f.expiresBefore === undefined || h.expiresAt <= f.expiresBefore);
/** Holds no counter or reader depends on once old (converted ones stay: the reconciler recomputes sold from them). */
const FINISHED: HoldStatus[] = ['released', 'expired', 'restocked'];
const noActiveLine = (sku: string): Document => ({ holds: { $not: { $elemMatch: { sku, status: 'active' } } } });

/**
 * Holds on MongoDB, embedded in their customer's document (`customers.holds`): every change of a hold is one
 * findOneAndUpdate of that document, guarded in its filter (status, expiry, "no other active hold of this
 * SKU") and aimed at the hold by arrayFilters, so of two callers exactly one wins, and the one cart line per
 * SKU is checked in the same atomic step. Every command is routed by the phone (the shard key). The
 * document after the change comes back with it, so a turn's cached cart stays exact.
 */
export class HoldRecords {
  constructor(private customers: Collection<CustomerDoc>, private cache: TurnCache) {}

  async ensureIndexes(): Promise<void> {
    await this.customers.createIndex({ 'holds.status': 1, 'holds.expiresAt': 1 }, { name: 'holds_by_status' });
    await this.customers.createIndex({ 'holds.orderId': 1 }, { name: 'holds_by_order' });
  }

  /**
   * One guarded change of a phone's holds; the document's holds after it, or null when the guard failed (an
   * upsert's guard failing on an existing document is its insert's duplicate key). In a turn the whole cart
   * comes back (and refreshes the cache), else only the hold named by `only`.
   */
  private async change(phone: string, filter: Document, update: UpdateFilter<CustomerDoc>, opts: { arrayFilters?: Document[]; only?: string; upsert?: boolean } = {}): Promise<Hold[] | null> {
    const whole = this.cache.owner(phone) !== undefined || opts.only === undefined;
    const projection = whole ? { holds: 1 } : { holds: { $elemMatch: { id: opts.only } } };
    const command = async () => {
      try {
        return await this.customers.findOneAndUpdate({ _id: phone, ...filter } as Filter<CustomerDoc>, update, {
          returnDocument: 'after', projection, upsert: opts.upsert ?? false, ...(opts.arrayFilters ? { arrayFilters: opts.arrayFilters } : {}),
        });
      } catch (err) {
        if (opts.upsert && isDuplicateKey(err)) return null;
        throw err;
      }
    };
    const doc = await this.cache.track(phone, command, (d) => ({ holds: d && whole ? d.holds ?? [] : undefined }));
    return doc ? doc.holds ?? [] : null;
  }

  async insert(hold: Hold): Promise<boolean> {
    positiveQuantity('held quantity', hold.qty);
    const guard: Document = { 'holds.id': { $ne: hold.id }, ...(hold.status === 'active' ? noActiveLine(hold.sku) : {}) };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      // Upserted: the document may not exist yet.
      if (await this.change(hold.phone, guard, { $push: { holds: hold }, $setOnInsert: { phone: hold.phone } }, { upsert: true, only: hold.id })) return true;
      const holds = await this.holdsOf(hold.phone);
      if (holds.some((h) => h.id === hold.id)) throw new Error(`duplicate hold id ${hold.id}`);
      if (hold.status === 'active' && holds.some((h) => h.status === 'active' && h.sku === hold.sku)) return false;
      // The document was created by someone else between the two steps: try again on it.
    }
    throw new Error(`cart of ${hold.phone} kept changing under us`);
  }

  /**
   * A phone's holds, from the turn's cache when it has them and none of its active holds has fallen due:
   * the sweeper (another process, without the customer's lease) may have expired a hold that has, and the
   * customer must not be shown it as held.
   */
  private async holdsOf(phone: string): Promise<Hold[]> {
    const cached = this.cache.get(phone, 'holds');
    const now = this.cache.turnNow(phone) ?? Infinity;
    if (cached && !cached.some((h) => h.status === 'active' && h.expiresAt <= now)) return cached;
    const doc = await this.cache.track(phone,
      () => this.customers.findOne({ _id: phone }, { projection: { holds: 1 } }),
      (d) => ({ holds: d?.holds ?? [] }));
    return doc?.holds ?? [];
  }

  async get(ref: HoldRef): Promise<Hold | undefined> {
    const doc = await this.customers.findOne({ _id: ref.phone }, { projection: { holds: { $elemMatch: { id: ref.id } } } });
    return doc?.holds?.find((h) => h.id === ref.id);
  }

  async list(f: HoldFilter): Promise<Hold[]> {
    let holds: Hold[];
    if (f.phone !== undefined) {
      holds = await this.holdsOf(f.phone);
    } else {
      const cond: Document = {};
      if (f.status !== undefined) cond.status = f.status;
      if (f.sku !== undefined) cond.sku = f.sku;
      if (f.orderId !== undefined) cond.orderId = f.orderId;
      if (f.expiresBefore !== undefined) cond.expiresAt = { $lte: f.expiresBefore };
      const query = Object.keys(cond).length ? { holds: { $elemMatch: cond } } : { 'holds.0': { $exists: true } };
      holds = (await this.customers.find(query, { projection: { holds: 1 } }).toArray()).flatMap((d) => d.holds ?? []);
    }
    return holds.filter(matches(f)).sort(byCreated);
  }

  async transition(ref: HoldRef, from: HoldStatus, to: HoldStatus, opts: TransitionOptions = {}): Promise<Hold | undefined> {
    const cond: Document = { id: ref.id, status: from };
    if (opts.ifExpiredBy !== undefined) cond.expiresAt = { $lte: opts.ifExpiredBy };
    const filter: Document[] = [{ holds: { $elemMatch: cond } }];
    if (to === 'active' && from !== 'active') {
      // Back to active only while its cart line is free: the line is the hold's SKU, which never changes.
      const sku = (await this.holdsOf(ref.phone)).find((h) => h.id === ref.id)?.sku ?? (await this.get(ref))?.sku;
      if (sku === undefined) return undefined;
      filter.push(noActiveLine(sku));
    }
    const set: Document = { 'holds.$[h].status': to };
    if (opts.orderId !== undefined) set['holds.$[h].orderId'] = opts.orderId;
    const holds = await this.change(ref.phone, { $and: filter }, { $set: set }, { arrayFilters: [{ 'h.id': ref.id }], only: ref.id });
    return holds?.find((h) => h.id === ref.id);
  }

  /** All of `ids` active → converted in one change of the phone's document, or none (see the port's convertHolds). */
  async convert(phone: string, ids: string[], orderId: string): Promise<{ converted: Hold[]; lost: string[] }> {
    if (!ids.length) return { converted: [], lost: [] };
    const holds = await this.change(phone, { $and: ids.map((id) => ({ holds: { $elemMatch: { id, status: 'active' } } })) },
      { $set: { 'holds.$[h].status': 'converted', 'holds.$[h].orderId': orderId } }, { arrayFilters: [{ 'h.id': { $in: ids } }] });
    if (holds) return { converted: ids.map((id) => holds.find((h) => h.id === id)!), lost: [] };
    const now = await this.customers.findOne({ _id: phone }, { projection: { holds: 1 } });
    return { converted: [], lost: ids.filter((id) => !now?.holds?.some((h) => h.id === id && h.status === 'active')) };
  }

  async setQty(ref: HoldRef, from: number, to: number, opKey?: string): Promise<boolean> {
    positiveQuantity('held quantity', to);
    const set: Document = { 'holds.$[h].qty': to };
    if (opKey !== undefined) set['holds.$[h].opKey'] = opKey;
    const holds = await this.change(ref.phone, { holds: { $elemMatch: { id: ref.id, status: 'active', qty: from } } }, { $set: set },
      { arrayFilters: [{ 'h.id': ref.id }], only: ref.id });
    return holds !== null;
  }

  /**
   * Each active hold's expiry → min(expiresAt, its createdAt + maxAgeMs), in one update: holds young enough
   * by one arrayFilter on createdAt, older ones (known from the cart) each by its id.
   */
  async extend(phone: string, expiresAt: number, maxAgeMs: number): Promise<void> {
    const set: Document = { 'holds.$[young].expiresAt': expiresAt };
    const arrayFilters: Document[] = [{ 'young.status': 'active', 'young.createdAt': { $gte: expiresAt - maxAgeMs } }];
    if (Number.isFinite(maxAgeMs)) {
      const old = (await this.holdsOf(phone)).filter((h) => h.status === 'active' && h.createdAt < expiresAt - maxAgeMs);
      old.forEach((h, i) => {
        set[`holds.$[old${i}].expiresAt`] = h.createdAt + maxAgeMs;
        arrayFilters.push({ [`old${i}.id`]: h.id, [`old${i}.status`]: 'active' });
      });
    } else {
      arrayFilters[0] = { 'young.status': 'active' };
    }
    await this.change(phone, { holds: { $elemMatch: { status: 'active' } } }, { $set: set }, { arrayFilters });
  }

  /** Finished holds past the cutoff leave their customers' documents; returns how many documents changed. */
  async prune(cutoff: number): Promise<number> {
    const old = { status: { $in: FINISHED }, createdAt: { $lt: cutoff }, expiresAt: { $lt: cutoff } };
    return (await this.customers.updateMany({ holds: { $elemMatch: old } }, { $pull: { holds: old } })).modifiedCount;
  }
}
