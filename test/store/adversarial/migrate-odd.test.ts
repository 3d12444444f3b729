import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/store/mongo/migrate/run';
import { MongoStore } from '../../../src/store/mongo/mongo';
import { hasMongo, MONGO_URI } from '../mongo-server';
import { BEN, writeVersionedShop } from '../versioned-shop';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => { for (const c of cleanups) await c(); });

describe.skipIf(!hasMongo)('npm run migrate on odd records', () => {
  it('an old message record without a channel is not counted as a channel "null", and migrate runs twice the same', async () => {
    const name = `grocer_adv_odd_${process.pid}_${Date.now() % 100000}`;
    await writeVersionedShop(MONGO_URI, name);
    const client = await MongoClient.connect(MONGO_URI);
    cleanups.push(() => client.close());
    const db = client.db(name);
    const at = Date.UTC(2026, 10, 2, 10);
    await db.collection<{ _id: string }>('messages').insertOne({ _id: `web:${BEN}:nochannel`, phone: BEN, at, state: 'done', replies: [] } as never);
    const first = await migrate(db);
    expect(first.current).toBe(false);
    const store = await MongoStore.connect(MONGO_URI, name);
    cleanups.push(() => store.close());
    const counts = await store.countMessages(0, Date.UTC(2030, 0, 1));
    expect(Object.keys(counts)).not.toContain('null');
    expect(await db.collection('customers').countDocuments({ _id: null } as never)).toBe(0);
  });
});
