import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/store/memory';
import { MongoStore } from '../../../src/store/mongo/mongo';
import type { Store } from '../../../src/store/store';
import type { Conversation } from '../../../src/domain/types';
import { hasMongo, MONGO_URI } from '../mongo-server';

const opened: MongoStore[] = [];
afterAll(async () => { await Promise.all(opened.map((s) => s.close())); });
const phone = '+12025550100';

describe.skipIf(!hasMongo)('maintain and a conversation closed long ago', () => {
  const seen: Record<string, unknown> = {};
  for (const kind of ['memory', 'mongo'] as const) {
    it(`${kind}: the same as the other store after maintain`, async () => {
      let store: Store;
      if (kind === 'memory') store = new MemoryStore();
      else { const m = await MongoStore.connect(MONGO_URI, `grocer_adv_mc_${process.pid}_${Date.now() % 100000}`); opened.push(m); store = m; }
      const old = Date.now() - 10 * 24 * 3600_000;
      const conv = { phone, stage: 'menu', version: 0, updatedAt: old, closedAt: old + 1 } as unknown as Conversation;
      expect(await store.saveConversation(conv)).toBe(true);
      await store.maintain(48 * 3600_000);
      seen[kind] = (await store.getConversation(phone)) !== undefined;
      if (kind === 'mongo') expect(seen.mongo).toBe(seen.memory);
    });
  }
});
