// Seeds many customers fast. One customer is written through the store port (a registration, a closed
// conversation, a released hold, a delivered order, an answered message), so its documents have whatever
// shape the store gives them; then every document that names that customer is copied with a new phone and
// new ids, in bulk, so each collection a message touches grows with the customer count as it would in a
// shop that has been open a while.
import { BSON, MongoClient, type Document } from 'mongodb';
import { MongoStore } from '../../src/store/mongo/mongo';

const DAY = 86_400_000;
const TEMPLATE_PHONE = '+13035000000';
/** Stands for the customer's number in every id of the template; replaced by n in the copies. */
const MARK = 'SEEDMARK';
const phoneOf = (n: number) => `+1303${String(5_000_000 + n).padStart(7, '0')}`;

async function writeTemplate(uri: string, db: string): Promise<void> {
  const store = await MongoStore.connect(uri, db);
  try {
    const phone = TEMPLATE_PHONE;
    const at = Date.now() - 3 * DAY;
    await store.putCustomer({ phone, name: `Seed ${MARK}`, address: `${MARK} Seed Street`, createdAt: at, registeredAt: at, lastChannel: 'sms' });
    await store.saveConversation({ phone, stage: 'menu', updatedAt: at, closedAt: at + 1, version: 0 });
    const holdId = `hold-${MARK}`;
    await store.insertHold({ id: holdId, phone, sku: 'FRU-LIM', qty: 2, status: 'active', createdAt: at, expiresAt: at + 1800_000 });
    await store.transitionHold({ id: holdId, phone }, 'active', 'released');
    await store.insertOrder({
      id: `SEED-ORD-${MARK}`, phone, status: 'delivered', channel: 'sms', fulfilment: 'pickup', holdIds: [holdId], createdAt: at, updatedAt: at,
      lines: [{ sku: 'FRU-LIM', name: 'Limes', unit: 'each', qty: 2, unitPriceCents: 49, lineTotalCents: 98 }], deliveryFeeCents: 0, totalCents: 98,
    });
    const key = `sms:${phone}:SM${MARK}`;
    await store.beginTurn(phone, { owner: 'seed', now: at, ttlMs: 5_000, key });
    await store.endTurn(phone, { owner: 'seed', message: { key, channel: 'sms', at, replies: [{ key: 'welcome_new', text: 'Hi!' }] } });
  } finally {
    await store.close();
  }
}

/** Customers number `from` to `to` − 1; number 0 is the template, written through the store on the first call. */
export async function seedCustomers(uri: string, dbName: string, from: number, to: number): Promise<void> {
  const client = await MongoClient.connect(uri);
  try {
    const db = client.db(dbName);
    if (from === 0) await writeTemplate(uri, dbName);
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      const templates = (await db.collection(name).find({}).toArray())
        .map((doc) => BSON.EJSON.stringify(doc, { relaxed: false }))
        .filter((text) => text.includes(TEMPLATE_PHONE));
      if (templates.length === 0) continue;
      const batch: Document[] = [];
      const flush = async () => { if (batch.length) await db.collection(name).insertMany(batch.splice(0), { ordered: false }); };
      for (let n = Math.max(from, 1); n < to; n += 1) {
        for (const text of templates) {
          const doc = BSON.EJSON.parse(text.replaceAll(TEMPLATE_PHONE, phoneOf(n)).replaceAll(MARK, String(n)), { relaxed: false }) as Document;
          if (doc._id instanceof BSON.ObjectId) delete doc._id;
          batch.push(doc);
        }
        if (batch.length >= 500) await flush();
      }
      await flush();
    }
  } finally {
    await client.close();
  }
}
