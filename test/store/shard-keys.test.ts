// Issue 21, point 5: every command a message sends carries the key a sharded cluster routes it by (the
// shard keys of docs' "scaling out": hashed phone for what belongs to a customer, the SKU for stock), so no
// message is broadcast to every shard. Read off the driver's command monitoring while one customer orders.
import type { CommandStartedEvent, Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { MongoStore, type MongoStoreOptions } from '../../src/store/mongo/mongo';
import { customer, makeCore, setStock } from '../helpers';
import { hasMongo, MONGO_URI } from './mongo-server';

const PHONE = '+12025550142';

/** Collections a message's commands must route: the field a shard key is made of, and what its value is. */
const ROUTED: Record<string, { field: '_id' | 'phone'; by: 'phone' | 'sku' }> = {
  customers: { field: '_id', by: 'phone' },
  messages: { field: 'phone', by: 'phone' },
  orders: { field: 'phone', by: 'phone' },
  transcripts: { field: 'phone', by: 'phone' },
  deliveries: { field: 'phone', by: 'phone' },
  stock_wishes: { field: 'phone', by: 'phone' },
  stock: { field: '_id', by: 'sku' },
};

/** Collections left unsharded, and why a message may touch them with any filter. */
const UNSHARDED: Record<string, string> = {
  products: 'the catalog: read-only to messages and small; unsharded on the primary shard',
  sequences: 'one tiny counter document per name (order numbers): unsharded',
  promotions: 'a handful of settings the owner writes: unsharded',
  settings: 'one document the owner writes (hours, fees, FAQ), read by each process at most every 2 s: unsharded',
  flags: 'a handful of settings the owner writes: unsharded',
  identities: 'keyed by a platform id (telegram:123), not a phone; small: unsharded',
  verifications: 'the web chat\'s codes (_id: phone), small and short-lived: unsharded',
  audit: 'the owner\'s log (an entry per order placed and per admin action), read by the owner only: unsharded',
  daily_stats: 'written by the roll-up job, one document a day: unsharded',
  slot_bookings: 'a document per dated delivery slot (a few dozen a week), each change one guarded update by _id: unsharded',
};

/** Values of `field` in a filter or document: its value, $eq or $in, also inside a top-level $and. */
function keyValues(doc: Document | undefined, field: string): unknown[] | undefined {
  if (!doc) return undefined;
  const v: unknown = doc[field];
  if (v !== undefined) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const ops = v as Document;
      if ('$eq' in ops) return [ops.$eq];
      if (Array.isArray(ops.$in)) return ops.$in as unknown[];
      return undefined;
    }
    return [v];
  }
  const and = Array.isArray(doc.$and) ? (doc.$and as Document[]) : [];
  for (const part of and) { const found = keyValues(part, field); if (found) return found; }
  return undefined;
}

/** What each command routes by: its filters, or the documents it inserts; undefined for a cursor's next batch. */
function routedBy(e: CommandStartedEvent): { what: string; doc: Document | undefined }[] | undefined {
  const c = e.command;
  switch (e.commandName) {
    case 'insert': return (c.documents as Document[]).map((doc) => ({ what: 'document', doc }));
    case 'update': return (c.updates as Document[]).map((u) => ({ what: 'filter', doc: u.q as Document }));
    case 'delete': return (c.deletes as Document[]).map((d) => ({ what: 'filter', doc: d.q as Document }));
    case 'find': return [{ what: 'filter', doc: c.filter as Document | undefined }];
    case 'findAndModify': return [{ what: 'query', doc: c.query as Document | undefined }];
    case 'count': case 'distinct': return [{ what: 'query', doc: c.query as Document | undefined }];
    case 'aggregate': return [{ what: 'first $match', doc: ((c.pipeline as Document[])[0] ?? {}).$match as Document | undefined }];
    // A cursor's next batch (or its end) goes where the command that opened it went.
    case 'getMore': case 'killCursors': return undefined;
    default: return [{ what: `${e.commandName} (not a command this test knows)`, doc: undefined }];
  }
}

const collectionOf = (e: CommandStartedEvent): string | undefined => {
  const on: unknown = e.commandName === 'getMore' ? e.command.collection : e.command[e.commandName];
  return typeof on === 'string' ? on : undefined;
};

/** Every way `e` fails to carry its collection's routing key: empty when it carries it. */
function unrouted(e: CommandStartedEvent, skus: Set<string>): string[] {
  const collection = collectionOf(e);
  if (collection === undefined) return [`${e.commandName}: names no collection`];
  if (collection in UNSHARDED) return [];
  const rule = ROUTED[collection];
  if (!rule) return [`${e.commandName} ${collection}: a collection the layout does not have`];
  const wrong: string[] = [];
  for (const { what, doc } of routedBy(e) ?? []) {
    const values = keyValues(doc, rule.field);
    const ok = values !== undefined && values.length > 0
      && values.every((v) => (rule.by === 'phone' ? v === PHONE : typeof v === 'string' && skus.has(v)));
    if (!ok) wrong.push(`${e.commandName} ${collection}: ${what} without ${rule.field} = the ${rule.by}: ${JSON.stringify(doc)?.slice(0, 200)}`);
  }
  return wrong;
}

describe.skipIf(!hasMongo)('shard keys: what a message sends MongoDB', () => {
  it('every command of a whole SMS order names its shard key: the phone for customer-keyed collections, the SKU for stock', async () => {
    const heard: CommandStartedEvent[] = [];
    let listening = false;
    // onCommandStarted: the driver's command events, with each command's document (see MongoStoreOptions).
    const options: MongoStoreOptions & { onCommandStarted?: (e: CommandStartedEvent) => void } = {
      onCommandStarted: (e) => { if (listening) heard.push(e); },
    };
    const store = await MongoStore.connect(MONGO_URI, `grocer_shardkeys_${process.pid}_${Date.now() % 100000}`, options);
    try {
      const core = await makeCore({}, store);
      for (const [sku, stock] of [['FRU-APL-GAL', 1000], ['DAI-EGG', 1000], ['DAI-MLK-OAT', 1000]] as const) await setStock(core, sku, stock);
      const skus = new Set((await store.listProducts()).map((p) => p.sku));
      const c = customer(core, PHONE, 'sms');
      const wrong: string[] = [];
      const touched = new Set<string>();
      for (const text of [
        'hello', 'my name is ana lopez', '12 Main Street, Springfield', '2 kg apples, a dozen eggs and 3 bottles of milk', '2',
        'show my cart', 'remove the eggs', 'checkout', 'delivery', 'yes', 'where is my order?',
      ]) {
        heard.length = 0;
        listening = true;
        const reply = await c.say(text);
        listening = false;
        expect(reply, `"${text}"`).not.toMatch(/trouble on our side/);
        expect(heard.length, `"${text}" sent no command: is onCommandStarted passed to the driver?`).toBeGreaterThan(0);
        for (const e of heard) {
          touched.add(collectionOf(e) ?? e.commandName);
          wrong.push(...unrouted(e, skus).map((w) => `"${text}": ${w}`));
        }
      }
      expect(wrong).toEqual([]);
      // The order went through, so the dialogue touched the customer, the stock and the order.
      expect(await store.listOrders({ phone: PHONE })).toHaveLength(1);
      expect([...touched]).toEqual(expect.arrayContaining(['customers', 'stock', 'orders']));
    } finally {
      await store.close();
    }
  });
});
