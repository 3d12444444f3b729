import type { Collection, Db } from 'mongodb';
import { slotKey, type DatedSlot, type OfferedSlot } from '../../domain/slots';
import { isDuplicateKey } from './util';

/** One dated slot's places: `_id` "2026-12-08T09:00-12:00"; `taken` counts `held` and `booked` together. */
interface SlotDoc {
  _id: string;
  date: string;
  from: string;
  to: string;
  taken: number;
  held: { phone: string; until: number }[];
  booked: { orderId: string; phone: string }[];
}

/**
 * The slots' places on MongoDB: a document per dated slot in `slot_bookings`, readable in mongosh. A place
 * is taken by one conditional update guarded on the count (`taken` below the capacity) and on the holder not
 * being listed yet, so of any number of customers racing, exactly as many as there are places win, and a
 * retry finds itself listed. A held place past its `until` is pulled out (and the count lowered) by one
 * conditional update per place, so it is freed exactly once, by whoever finds it lapsed.
 */
export class SlotBookingRecords {
  private slots: Collection<SlotDoc>;

  constructor(db: Db) {
    this.slots = db.collection('slot_bookings');
  }

  /**
   * The guarded take: a new place in `held` or `booked`, while `taken` is below the capacity and `guard` holds.
   * The first takes of a slot insert its document (an upsert); the server does not retry an upsert whose filter
   * is more than equalities, so the loser of two racing inserts gets a duplicate-key error although places may
   * remain: it takes again, once, as an update of the document now there (no upsert), whose guard then says.
   */
  private async take(slot: OfferedSlot, guard: Record<string, unknown>, field: 'held' | 'booked', entry: SlotDoc['held'][number] | SlotDoc['booked'][number]): Promise<boolean> {
    const filter = { _id: slotKey(slot), taken: { $lt: slot.capacity }, ...guard };
    const change = { $inc: { taken: 1 }, $push: { [field]: entry } };
    try {
      const { matchedCount, upsertedCount } = await this.slots.updateOne(
        filter,
        { ...change, $setOnInsert: { date: slot.date, from: slot.from, to: slot.to, [field === 'held' ? 'booked' : 'held']: [] } },
        { upsert: true },
      );
      return matchedCount + upsertedCount === 1;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // The document is there: full, the holder listed already, or an insert race lost with places left.
      return (await this.slots.updateOne(filter, change)).matchedCount === 1;
    }
  }

  /** Pulls the places held past their time out of the slot, each once; whether any was. */
  private async freeLapsed(slot: DatedSlot, now: number): Promise<boolean> {
    const doc = await this.slots.findOne({ _id: slotKey(slot) });
    const lapsed = (doc?.held ?? []).filter((h) => h.until <= now);
    for (const h of lapsed) {
      await this.slots.updateOne({ _id: slotKey(slot), held: { $elemMatch: { phone: h.phone, until: h.until } } }, { $pull: { held: { phone: h.phone, until: h.until } }, $inc: { taken: -1 } });
    }
    return lapsed.length > 0;
  }

  async hold(slot: OfferedSlot, phone: string, until: number, now: number): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.take(slot, { 'held.phone': { $ne: phone } }, 'held', { phone, until })) return true;
      // Held already (and not lapsed): kept, to the new time.
      const kept = await this.slots.updateOne(
        { _id: slotKey(slot), held: { $elemMatch: { phone, until: { $gt: now } } } },
        { $set: { 'held.$[h].until': until } },
        { arrayFilters: [{ 'h.phone': phone }] },
      );
      if (kept.matchedCount === 1) return true;
      if (!(await this.freeLapsed(slot, now))) return false;
    }
    return false;
  }

  async release(slot: DatedSlot, phone: string): Promise<void> {
    await this.slots.updateOne({ _id: slotKey(slot), 'held.phone': phone }, { $pull: { held: { phone } }, $inc: { taken: -1 } });
  }

  async book(slot: OfferedSlot, phone: string, orderId: string, now: number): Promise<boolean> {
    // The phone's held place becomes the order's: the count stays.
    const moved = await this.slots.updateOne(
      { _id: slotKey(slot), held: { $elemMatch: { phone, until: { $gt: now } } }, 'booked.orderId': { $ne: orderId } },
      { $pull: { held: { phone } }, $push: { booked: { orderId, phone } } },
    );
    if (moved.matchedCount === 1) return true;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await this.booked(slot, orderId)) return true;
      if (await this.take(slot, { 'booked.orderId': { $ne: orderId } }, 'booked', { orderId, phone })) return true;
      if (await this.booked(slot, orderId)) return true;
      if (!(await this.freeLapsed(slot, now))) return false;
    }
    return false;
  }

  private async booked(slot: DatedSlot, orderId: string): Promise<boolean> {
    return (await this.slots.countDocuments({ _id: slotKey(slot), 'booked.orderId': orderId })) === 1;
  }

  async free(slot: DatedSlot, orderId: string): Promise<void> {
    await this.slots.updateOne({ _id: slotKey(slot), 'booked.orderId': orderId }, { $pull: { booked: { orderId } }, $inc: { taken: -1 } });
  }

  async taken(slots: readonly DatedSlot[], now: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!slots.length) return out;
    for await (const doc of this.slots.find({ _id: { $in: slots.map(slotKey) } })) {
      const n = (doc.held ?? []).filter((h) => h.until > now).length + (doc.booked ?? []).length;
      if (n) out.set(doc._id, n);
    }
    return out;
  }
}
