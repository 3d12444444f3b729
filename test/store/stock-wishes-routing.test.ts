// What a customer's messages send to `stock_wishes` names their phone (the shard key of docs/mongodb.md), so
// a wish's reads and writes go to one shard; only the owner's count and the restock's list read across.
import type { CommandStartedEvent, Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { MongoStore } from '../../src/store/mongo/mongo';
import { customer, makeCore } from '../helpers';
import { hasMongo, MONGO_URI } from './mongo-server';

const PHONE = '+12025550191';
const OAT = 'DAI-MLK-OAT';

/** The filter (or replaced document's filter) each command on stock_wishes sent. */
function filters(e: CommandStartedEvent): Document[] {
  const c = e.command;
  if (e.commandName === 'find') return [c.filter as Document];
  if (e.commandName === 'findAndModify') return [c.query as Document];
  if (e.commandName === 'update') return (c.updates as Document[]).map((u) => u.q as Document);
  if (e.commandName === 'delete') return (c.deletes as Document[]).map((d) => d.q as Document);
  return [{}];
}

describe.skipIf(!hasMongo)('stock_wishes and the shard key', () => {
  it('every command of a customer\'s wish, its notice and its answer names the phone', async () => {
    const heard: CommandStartedEvent[] = [];
    let listening = false;
    const store = await MongoStore.connect(MONGO_URI, `grocer_wish_routes_${process.pid}_${Date.now() % 100000}`, {
      onCommandStarted: (e) => { if (listening && e.command[e.commandName] === 'stock_wishes') heard.push(e); },
    });
    try {
      const core = await makeCore({}, store);
      // An SMS sender that takes every message, so the notice goes out and its question is on the table.
      core.outbox.use('sms', { send: async () => ({}) });
      const s = (await store.getStock(OAT))!;
      await core.catalog.patch(OAT, { stock: s.reserved + s.sold });
      const c = customer(core, PHONE, 'sms');
      for (const t of ['hi', 'Ana', 'pickup']) await c.say(t);
      listening = true;
      await c.say('oat milk');
      expect(await c.say('yes')).toContain('I’ll message you');
      await c.say('2 limes');
      listening = false;
      await core.catalog.restock(OAT, 3);
      await core.backInStock.drain();
      await core.outbox.drain();
      listening = true;
      expect(await c.say('yes')).toContain('Added 1 × Oat Milk (1 L)');
      listening = false;
      expect(heard.length).toBeGreaterThan(0);
      expect(heard.flatMap(filters).filter((f) => f.phone !== PHONE)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
