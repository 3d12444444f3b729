import { afterAll, describe, expect, it } from 'vitest';
import type { MongoStore } from '../../src/store/mongo/mongo';
import { storeContracts } from './contract/index';
import { freshMongoStore, hasMongo, MONGO_URI } from './mongo-server';

const opened: MongoStore[] = [];
afterAll(async () => { await Promise.all(opened.map((s) => s.close())); });

describe.skipIf(!hasMongo)('MongoDB adapter', () => {
  storeContracts('mongo', async () => {
    const store = await freshMongoStore('contract');
    opened.push(store);
    return store;
  });

  it('creates its collections and indexes idempotently, from several processes at once', async () => {
    const { MongoStore } = await import('../../src/store/mongo/mongo');
    const db = `grocer_indexes_${Date.now()}`;
    const stores = await Promise.all([MongoStore.connect(MONGO_URI, db), MongoStore.connect(MONGO_URI, db)]);
    opened.push(...stores, await MongoStore.connect(MONGO_URI, db));
    const { MongoClient } = await import('mongodb');
    const client = await MongoClient.connect(MONGO_URI);
    const indexes = async (c: string) => (await client.db(db).collection(c).indexes()).map((i) => i.name);
    expect(await indexes('customers')).toEqual(expect.arrayContaining(['holds_by_status', 'holds_by_order', 'conversations_by_stage', 'messages_by_time']));
    expect(await indexes('messages')).toEqual(expect.arrayContaining(['by_phone', 'expire']));
    expect(await indexes('products')).toContain('sku_unique');
    expect(await indexes('orders')).toEqual(expect.arrayContaining(['by_phone', 'by_status']));
    expect(await indexes('verifications')).toContain('expire_at');
    await client.close();
  });
});
