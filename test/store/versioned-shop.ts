import { expect } from 'vitest';
import type { Conversation, Hold, Order, Stage } from '../../src/domain/types';
import { ManualClock } from '../helpers';
import { MongoStore as VersionedStore } from '../fixtures/versioned-adapter/mongo';

/** The customers of the shop written in the versioned layout, and what the test expects of each. */
export const ANA = '+15550000001'; // registered, a cart of active holds, a released line, opted out of SMS
export const BEN = '+15550000002'; // ten orders placed (the sequence's head lags), the first one delivered; a message kept without transcript
export const CLEO = '+15550000003'; // mid-registration, a message whose turn never finished
export const DAN = '+15550000004'; // a web-chat code checked nine times (its head lags)
export const EVE = '+15550000005'; // a web-chat code sent, then deleted
export const ORDERS = 10;
/** Conversation saves of Ana's: her head was written at versions 1 and 8, her newest is this. */
export const ANA_VERSIONS = 11;

const MIN = 60_000;

/**
 * Writes a small shop's records with the adapter as it was before the plain-documents layout (the fixture
 * copy), through its port methods in the order a dialogue makes them: the database `npm run migrate`
 * converts. Deterministic for one clock start, so two databases written by it are equal.
 */
export async function writeVersionedShop(uri: string, dbName: string): Promise<void> {
  const clock = new ManualClock();
  const store = await VersionedStore.connect(uri, dbName, { clock });
  try {
    for (const [sku, name, received] of [['apple', 'Apples', 40], ['milk', 'Milk', 10], ['bread', 'Bread', 5]] as const) {
      await store.upsertProduct({ sku, name, category: 'basics', unit: 'each', priceCents: 150, aliases: [] });
      await store.receiveStock(sku, received);
    }
    const conversations = new Map<string, number>();
    const save = async (phone: string, stage: Stage, extra: Partial<Conversation> = {}) => {
      clock.advance(1);
      const version = conversations.get(phone) ?? 0;
      expect(await store.saveConversation({ phone, stage, updatedAt: clock.now(), version, ...extra })).toBe(true);
      conversations.set(phone, version + 1);
    };
    const hold = async (phone: string, id: string, sku: string, qty: number): Promise<Hold> => {
      const h: Hold = { id, phone, sku, qty, status: 'active', createdAt: clock.now(), expiresAt: clock.now() + 30 * MIN };
      expect(await store.reserveStock(sku, qty, id)).toBe(true);
      expect(await store.insertHold(h)).toBe(true);
      return h;
    };
    /** `text` undefined: finished without a transcript; `finished` false: its turn died midway. */
    const message = async (phone: string, id: string, text: string | undefined, finished = true) => {
      clock.advance(1);
      const key = `web:${phone}:${id}`;
      await store.startMessage({ key, phone, channel: 'web', at: clock.now() });
      if (!finished) return;
      await store.finishMessage(key, [{ key: 'menu', text: 'What would you like?' }], text === undefined ? [] : [
        { id: `${id}-in`, phone, at: clock.now(), from: 'customer', channel: 'web', text },
        { id: `${id}-out`, phone, at: clock.now(), from: 'bot', channel: 'web', text: 'What would you like?' },
      ]);
    };

    // Ana: registered, shops, changes her mind about apples, drops the bread, is told to stop by SMS.
    expect(await store.acquireConversationLease(ANA, 'worker-1', clock.now(), MIN)).toBe(true);
    await store.putCustomer({ phone: ANA, name: 'Ana', address: '12 Main Street', createdAt: clock.now(), registeredAt: clock.now() + MIN, lastChannel: 'web' });
    const stages: Stage[] = ['greeting', 'registration_name', 'registration_address', 'menu', 'ordering'];
    for (let i = 0; i < ANA_VERSIONS; i++) await save(ANA, stages[Math.min(i, stages.length - 1)]!, { lastSku: 'apple' });
    await hold(ANA, 'h-ana-apple', 'apple', 3);
    await hold(ANA, 'h-ana-milk', 'milk', 2);
    expect(await store.reserveStock('apple', 1, 'msg-ana-4-apples')).toBe(true);
    expect(await store.setHoldQty('h-ana-apple', 3, 4, 'msg-ana-4-apples')).toBe(true);
    await hold(ANA, 'h-ana-bread', 'bread', 1);
    expect(await store.transitionHold('h-ana-bread', 'active', 'released')).toBeDefined();
    await store.unreserveStock('bread', 1, 'h-ana-bread');
    await message(ANA, 'm1', 'hi');
    await message(ANA, 'm2', '4 apples and milk');
    await store.putChannelState({ phone: ANA, channel: 'sms', optedOutAt: clock.now(), updatedAt: clock.now() });
    await store.releaseConversationLease(ANA, 'worker-1');

    // Ben: ten orders of an apple each, the first one delivered since.
    await store.putCustomer({ phone: BEN, name: 'Ben', address: '3 Oak Lane', createdAt: clock.now(), registeredAt: clock.now() });
    await save(BEN, 'menu');
    for (let i = 1; i <= ORDERS; i++) {
      clock.advance(5);
      const h = await hold(BEN, `h-ben-${i}`, 'apple', 1);
      const id = `ORD-${1000 + await store.nextSequence('order')}`;
      expect((await store.convertHolds(BEN, [h.id], id)).lost).toEqual([]);
      await store.moveStock('apple', { reserved: -1, sold: 1 }, `sold-${h.id}`);
      const order: Order = {
        id, phone: BEN, status: 'placed', channel: 'web', fulfilment: 'delivery', address: '3 Oak Lane', holdIds: [h.id],
        lines: [{ sku: 'apple', name: 'Apples', unit: 'each', qty: 1, unitPriceCents: 150, lineTotalCents: 150 }],
        deliveryFeeCents: 300, totalCents: 450, createdAt: clock.now(), updatedAt: clock.now(), messageKey: `web:${BEN}:order-${i}`,
      };
      await store.insertOrder(order);
      await save(BEN, 'placed');
    }
    for (const [from, to] of [['placed', 'preparing'], ['preparing', 'dispatched'], ['dispatched', 'delivered']] as const) {
      clock.advance(10);
      expect(await store.transitionOrder('ORD-1001', [from], to, clock.now())).toBeDefined();
    }
    await message(BEN, 'm1', undefined);

    // Cleo: gave her name, not her address yet; her last message's turn died midway.
    await store.putCustomer({ phone: CLEO, name: 'Cleo', createdAt: clock.now() });
    await save(CLEO, 'registration_name', { asking: { kind: 'name' } });
    await save(CLEO, 'registration_address', { asking: { kind: 'address' } });
    await message(CLEO, 'm1', 'Cleo');
    await message(CLEO, 'm2', '5 Elm', false);

    // Dan: a code, nine wrong tries. Eve: a code, then used up (deleted).
    await store.putVerification({ phone: DAN, codeHash: 'hash-dan', expiresAt: clock.now() + 10 * MIN, attempts: 0, createdAt: clock.now() });
    for (let seen = 0; seen < 9; seen++) expect(await store.countVerificationAttempt(DAN, seen)).toBe(true);
    await store.putVerification({ phone: EVE, codeHash: 'hash-eve', expiresAt: clock.now() + 10 * MIN, attempts: 0, createdAt: clock.now() });
    await store.deleteVerification(EVE);

    await store.appendAudit({ id: 'audit-1', at: clock.now(), sku: 'apple', by: { kind: 'admin' }, what: 'stock', reason: 'restock', before: { received: 0 }, after: { received: 40 } });
  } finally {
    await store.close();
  }
}
