// Review finding 8: the first holds on a new slot document race to insert it. On MongoDB an upsert whose filter
// is not only equalities is not retried by the server: the loser of the insert gets a duplicate-key error
// although places remain. mongo-java-server runs one update at a time, so the race is replayed here exactly as
// a server answers it: a competitor's hold inserts the document between the loser's match and its insert,
// and the loser's upsert ends in E11000 (as it would; the document it would have inserted is there now).
import { MongoClient, MongoServerError, type Db } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import type { OfferedSlot } from '../../src/domain/slots';
import { SlotBookingRecords } from '../../src/store/mongo/slot-bookings';
import { hasMongo, MONGO_URI } from './mongo-server';

const clients: MongoClient[] = [];
afterAll(async () => { await Promise.all(clients.map((c) => c.close())); });

const SLOT: OfferedSlot = { date: '2026-12-08', from: '09:00', to: '12:00', capacity: 5 };

/** A database whose slot_bookings' next upsert loses the insert race to `competitor` (run just before it). */
function losingFirstInsert(db: Db, competitor: () => Promise<unknown>): Db {
  let raced = false;
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'collection') return Reflect.get(target, prop, receiver) as unknown;
      return (name: string) => {
        const collection = target.collection(name);
        return new Proxy(collection, {
          get(c, p, r) {
            if (p !== 'updateOne') return Reflect.get(c, p, r) as unknown;
            return async (...args: Parameters<typeof collection.updateOne>) => {
              if (raced || !args[2]?.upsert) return c.updateOne(...args);
              raced = true;
              await competitor();
              throw new MongoServerError({ message: 'E11000 duplicate key error collection: slot_bookings index: _id_', code: 11000 });
            };
          },
        });
      };
    },
  });
}

describe.skipIf(!hasMongo)('MongoDB: the first holds on a new slot', () => {
  const open = async () => {
    const client = await MongoClient.connect(MONGO_URI);
    clients.push(client);
    return client.db(`grocer_slot_race_${process.pid}_${clients.length}_${Date.now() % 100000}`);
  };

  it('gives the loser of the insert race its place while places remain, instead of reading it as full', async () => {
    const db = await open();
    const other = new SlotBookingRecords(db);
    const records = new SlotBookingRecords(losingFirstInsert(db, () => other.hold(SLOT, '+12025550001', 1000, 0)));
    expect(await records.hold(SLOT, '+12025550002', 1000, 0)).toBe(true);
    expect((await records.taken([SLOT], 0)).get('2026-12-08T09:00-12:00')).toBe(2);
  });

  it('books the order of the loser of the insert race', async () => {
    const db = await open();
    const other = new SlotBookingRecords(db);
    const records = new SlotBookingRecords(losingFirstInsert(db, () => other.book(SLOT, '+12025550001', 'ORD-1001', 0)));
    expect(await records.book(SLOT, '+12025550002', 'ORD-1002', 0)).toBe(true);
    expect((await records.taken([SLOT], 0)).get('2026-12-08T09:00-12:00')).toBe(2);
  });

  it('still reads a full slot as full', async () => {
    const db = await open();
    const one = { ...SLOT, capacity: 1 };
    const other = new SlotBookingRecords(db);
    const records = new SlotBookingRecords(losingFirstInsert(db, () => other.hold(one, '+12025550001', 1000, 0)));
    expect(await records.hold(one, '+12025550002', 1000, 0)).toBe(false);
    expect((await records.taken([one], 0)).get('2026-12-08T09:00-12:00')).toBe(1);
  });
});
