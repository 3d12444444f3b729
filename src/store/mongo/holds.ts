import type { Collection, Db, Document } from 'mongodb';
import type { Clock, Hold, HoldStatus } from '../../domain/types';
import type { HoldFilter, TransitionOptions } from '../store';
import { isDuplicateKey, Versioned } from './versioned';

/** A customer's holds, all in one record keyed by their phone: their cart is one read by _id. */
interface CartDoc { holds: Hold[] }

const byCreated = (a: Hold, b: Hold) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const matches = (f: HoldFilter) => (h: Hold) => (f.phone === undefined || h.phone === f.phone)
  && (f.sku === undefined || h.sku === f.sku) && (f.status === undefined || h.status === f.status)
  && (f.orderId === undefined || h.orderId === f.orderId)
  && (f.expiresBefore === undefined || h.expiresAt <= f.expiresBefore);
const PHONES_REMEMBERED = 50_000;

/**
 * Holds on MongoDB. Each customer's holds live in one versioned record (`carts`, keyed by phone), so every
 * change of a hold is one compare-and-swap of that record: a status change happens for exactly one caller,
 * and "one active hold per cart line" is checked inside the same swap (no separate claim records). A hold's
 * id leads to its phone through `hold_owners` (written once, before the hold; its unique _id is also what
 * makes a duplicate hold id fail). Queries across customers (the sweeper's, the reconciler's) read the
 * carts' heads, which MongoDB indexes by the holds' status, SKU and order.
 */
export class HoldRecords {
  readonly carts: Versioned<CartDoc>;
  private owners: Collection<{ _id: string; phone: string }>;
  private phoneOf = new Map<string, string>();

  constructor(private db: Db, private clock: Clock) {
    this.carts = new Versioned(db, 'carts', clock);
    this.owners = db.collection('hold_owners');
  }

  async ensureIndexes(): Promise<void> {
    await this.carts.ensureIndexes([{ 'd.holds.status': 1, 'd.holds.expiresAt': 1 }, { 'd.holds.sku': 1 }, { 'd.holds.orderId': 1 }]);
    await this.upgrade();
  }

  /** Holds kept one record each (before carts) move into their customer's cart, once. */
  private async upgrade(): Promise<void> {
    const old = new Versioned<Hold>(this.db, 'holds', this.clock);
    if (!(await old.heads.findOne({}, { projection: { _id: 1 } }))) return;
    for (const hold of await old.list({})) {
      await this.owners.insertOne({ _id: hold.id, phone: hold.phone }).catch((err: unknown) => { if (!isDuplicateKey(err)) throw err; });
      await this.carts.update(hold.phone, (cart) => (cart?.holds.some((h) => h.id === hold.id) ? undefined : { holds: [...(cart?.holds ?? []), hold] }));
    }
    await this.db.collection('holds').rename(`holds_moved_${this.clock.now()}`).catch(() => undefined);
  }

  private knowPhone(id: string, phone: string) {
    this.phoneOf.set(id, phone);
    if (this.phoneOf.size > PHONES_REMEMBERED) this.phoneOf.delete(this.phoneOf.keys().next().value!);
  }
  private async phone(id: string): Promise<string | undefined> {
    const known = this.phoneOf.get(id);
    if (known !== undefined) return known;
    const phone = (await this.owners.findOne({ _id: id }))?.phone;
    if (phone !== undefined) this.knowPhone(id, phone);
    return phone;
  }

  async insert(hold: Hold): Promise<boolean> {
    try {
      await this.owners.insertOne({ _id: hold.id, phone: hold.phone });
    } catch (err) {
      if (isDuplicateKey(err)) throw new Error(`duplicate hold id ${hold.id}`);
      throw err;
    }
    this.knowPhone(hold.id, hold.phone);
    const written = await this.carts.update(hold.phone, (cart) => {
      const holds = cart?.holds ?? [];
      if (hold.status === 'active' && holds.some((h) => h.status === 'active' && h.sku === hold.sku)) return undefined;
      return { holds: [...holds, hold] };
    });
    if (written) return true;
    // Not taken: the id is free again, as if never offered.
    this.phoneOf.delete(hold.id);
    await this.owners.deleteOne({ _id: hold.id });
    return false;
  }

  async get(id: string): Promise<Hold | undefined> {
    const phone = await this.phone(id);
    if (phone === undefined) return undefined;
    return (await this.carts.get(phone))?.doc.holds.find((h) => h.id === id);
  }

  async list(f: HoldFilter): Promise<Hold[]> {
    let holds: Hold[];
    if (f.phone !== undefined) {
      holds = (await this.carts.get(f.phone))?.doc.holds ?? [];
    } else {
      const q: Document = {};
      if (f.status !== undefined) q['d.holds.status'] = f.status;
      if (f.sku !== undefined) q['d.holds.sku'] = f.sku;
      if (f.orderId !== undefined) q['d.holds.orderId'] = f.orderId;
      holds = (await this.carts.list(q)).flatMap((c) => c.holds);
    }
    return holds.filter(matches(f)).sort(byCreated);
  }

  /** Replaces hold `id` by `change(hold, cart)` in one swap of its cart; the hold as written, to the one caller that wrote it. */
  private async change(id: string, change: (h: Hold, others: Hold[]) => Hold | undefined): Promise<Hold | undefined> {
    const phone = await this.phone(id);
    if (phone === undefined) return undefined;
    const written = await this.carts.update(phone, (cart) => {
      const h = cart?.holds.find((x) => x.id === id);
      const next = h && change(h, cart!.holds.filter((x) => x.id !== id));
      return next && { holds: cart!.holds.map((x) => (x.id === id ? next : x)) };
    });
    return written?.holds.find((x) => x.id === id);
  }

  transition(id: string, from: HoldStatus, to: HoldStatus, opts: TransitionOptions = {}): Promise<Hold | undefined> {
    return this.change(id, (h, others) => {
      if (h.status !== from) return undefined;
      if (opts.ifExpiredBy !== undefined && h.expiresAt > opts.ifExpiredBy) return undefined;
      // Back to active only while its cart line is free.
      if (to === 'active' && from !== 'active' && others.some((o) => o.status === 'active' && o.sku === h.sku)) return undefined;
      return { ...h, status: to, ...(opts.orderId !== undefined ? { orderId: opts.orderId } : {}) };
    });
  }

  /** All of `ids` active → converted in one swap of the phone's cart, or none (see the port's convertHolds). */
  async convert(phone: string, ids: string[], orderId: string): Promise<{ converted: Hold[]; lost: string[] }> {
    const wanted = new Set(ids);
    let lost: string[] = [];
    const written = await this.carts.update(phone, (cart) => {
      const holds = cart?.holds ?? [];
      lost = ids.filter((id) => !holds.some((h) => h.id === id && h.status === 'active'));
      if (lost.length || !ids.length) return undefined;
      return { holds: holds.map((h) => (wanted.has(h.id) ? { ...h, status: 'converted' as const, orderId } : h)) };
    });
    if (!written) return { converted: [], lost: ids.length ? lost : [] };
    return { converted: ids.map((id) => written.holds.find((h) => h.id === id)!), lost: [] };
  }

  async setQty(id: string, from: number, to: number, opKey?: string): Promise<boolean> {
    const written = await this.change(id, (h) => (h.status === 'active' && h.qty === from
      ? { ...h, qty: to, ...(opKey !== undefined ? { opKey } : {}) } : undefined));
    return written !== undefined;
  }

  async extend(phone: string, expiresAt: number, maxAgeMs: number): Promise<void> {
    const until = (h: Hold) => Math.min(expiresAt, h.createdAt + maxAgeMs);
    await this.carts.update(phone, (cart) => (cart?.holds.some((h) => h.status === 'active' && h.expiresAt !== until(h))
      ? { holds: cart.holds.map((h) => (h.status === 'active' ? { ...h, expiresAt: until(h) } : h)) } : undefined));
  }
}
