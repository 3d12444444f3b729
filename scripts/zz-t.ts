import { MongoClient } from 'mongodb';
import { findTestServer } from './test-server';
const server = (await findTestServer())!;
const clients = await Promise.all([1, 2, 3].map(() => MongoClient.connect(server.uri, { maxPoolSize: 20 })));
const cols = clients.map((c) => c.db('t').collection<{ _id: string; seq: number }>('s'));
await cols[0]!.insertOne({ _id: 'order', seq: 0 });
for (let round = 0; round < 5; round++) {
  const got = await Promise.all(Array.from({ length: 300 }, (_, i) => cols[i % 3]!.findOneAndUpdate({ _id: 'order' }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).then((d) => d!.seq)));
  const dup = got.length - new Set(got).size;
  const final = (await cols[0]!.findOne({ _id: 'order' }))!.seq;
  console.log('round', round, 'duplicates returned', dup, 'final', final);
}
for (const c of clients) await c.close(); await server.stop();
