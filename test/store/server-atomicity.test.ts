// The MongoDB test server keeps the promise the adapter is to rely on: a conditional update is atomic on its
// document. FerretDB v1, the test server before, gave 14, 13 and 10 winners for the race below and lost
// updates (it evaluates the filter in its own process and rewrites the document afterwards).
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { hasMongo, MONGO_URI } from './mongo-server';

const clients: MongoClient[] = [];
afterAll(async () => { await Promise.all(clients.map((c) => c.close())); });

describe.skipIf(!hasMongo)('the MongoDB test server', () => {
  it('60 concurrent guarded $inc racing for 10 units, 3 times: exactly 10 winners, counters exact', async () => {
    const client = new MongoClient(MONGO_URI, { maxPoolSize: 60 });
    clients.push(client);
    const db = client.db(`grocer_atomic_${process.pid}_${Date.now() % 100_000}`);
    const stock = db.collection<{ _id: string; available: number; reserved: number }>('stock');
    for (let run = 0; run < 3; run += 1) {
      await stock.deleteMany({});
      await stock.insertOne({ _id: 's', available: 10, reserved: 0 });
      const results = await Promise.all(Array.from({ length: 60 }, () =>
        stock.findOneAndUpdate({ _id: 's', available: { $gte: 1 } }, { $inc: { available: -1, reserved: 1 } })));
      expect(results.filter((r) => r !== null)).toHaveLength(10);
      expect(await stock.findOne({ _id: 's' })).toEqual({ _id: 's', available: 0, reserved: 10 });
    }
    await db.dropDatabase();
  });
});
