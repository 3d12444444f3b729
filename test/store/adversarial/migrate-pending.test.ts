import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/store/mongo/migrate/run';
import { MongoStore } from '../../../src/store/mongo/mongo';
import { hasMongo, MONGO_URI } from '../mongo-server';
import { CLEO, writeVersionedShop } from '../versioned-shop';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => { for (const c of cleanups) await c(); });

describe.skipIf(!hasMongo)('npm run migrate and a turn that never finished', () => {
  it('Cleo\'s message m2, begun and never finished before the upgrade, is a retry when it comes again after it', async () => {
    const name = `grocer_adv_mig_${process.pid}_${Date.now() % 100000}`;
    await writeVersionedShop(MONGO_URI, name);
    const client = await MongoClient.connect(MONGO_URI);
    cleanups.push(() => client.close());
    await migrate(client.db(name));
    const store = await MongoStore.connect(MONGO_URI, name);
    cleanups.push(() => store.close());
    const begun = await store.beginTurn(CLEO, { owner: 'new', now: Date.now(), ttlMs: 5000, key: `web:${CLEO}:m2` });
    expect(begun?.answered).toBeUndefined();
    expect(begun?.retry, 'the old layout\'s pending record said: an earlier attempt began (resume looks for its order)').toBe(true);
  });
});
