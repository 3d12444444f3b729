import { describe, expect, it } from 'vitest';
import type { Hold } from '../../src/domain/types';
import { MemoryStore } from '../../src/store/memory';
import { ManualClock } from '../helpers';
import { storeContracts } from './contract/index';
import { recordMessage } from './contract/fixtures';

storeContracts('memory', async () => new MemoryStore());

const HOUR = 60 * 60_000;
const hold = (id: string, status: Hold['status'], at: number, over: Partial<Hold> = {}): Hold => ({
  id, phone: '+12025550123', sku: id, qty: 1, status, createdAt: at, expiresAt: at + HOUR / 2, ...over,
});

describe('in-memory store housekeeping', () => {
  it('forgets finished holds, closed idle conversations, old deliveries and codes; keeps what counters and customers need', async () => {
    const clock = new ManualClock();
    const store = new MemoryStore(clock);
    const t0 = clock.now();
    for (const [id, status] of [['released', 'released'], ['expired', 'expired'], ['restocked', 'restocked'], ['converted', 'converted'], ['active', 'active']] as const) {
      await store.insertHold(hold(id, status, t0, status === 'converted' || status === 'restocked' ? { orderId: 'ORD-1' } : {}));
    }
    await store.saveConversation({ phone: '+12025550001', stage: 'menu', updatedAt: t0, closedAt: t0 + 1, version: 0 });
    await store.saveConversation({ phone: '+12025550002', stage: 'handoff', updatedAt: t0, closedAt: t0 + 1, version: 0 });
    await store.saveConversation({ phone: '+12025550003', stage: 'ordering', updatedAt: t0, version: 0 });
    await store.putDelivery({ id: 'd1', phone: '+12025550001', channel: 'sms', status: 'delivered', attempts: 1, createdAt: t0, updatedAt: t0 });
    await store.putVerification({ phone: '+12025550001', codeHash: 'x', expiresAt: t0 + 600_000, attempts: 0, createdAt: t0 });
    await recordMessage(store, { key: 'web:+12025550001:1', phone: '+12025550001', channel: 'web', at: t0 });
    await store.putCustomer({ phone: '+12025550001', createdAt: t0 });

    clock.t = t0 + 47 * HOUR;
    await store.maintain(48 * HOUR);
    expect(await store.listHolds({ phone: '+12025550123' })).toHaveLength(5);
    expect(await store.listConversations({})).toHaveLength(3);

    clock.t = t0 + 49 * HOUR;
    await store.maintain(48 * HOUR);
    expect((await store.listHolds({ phone: '+12025550123' })).map((h) => h.id).sort()).toEqual(['active', 'converted']);
    expect((await store.listHolds({ status: 'released' }))).toEqual([]);
    expect((await store.listHolds({ orderId: 'ORD-1' })).map((h) => h.id)).toEqual(['converted']);
    expect((await store.listConversations({})).map((c) => c.phone).sort()).toEqual(['+12025550002', '+12025550003']);
    expect(await store.getDelivery('d1')).toBeUndefined();
    expect(await store.listDeliveries('+12025550001')).toEqual([]);
    expect(await store.getVerification('+12025550001')).toBeUndefined();
    expect(await store.getMessage('+12025550001', 'web:+12025550001:1')).toBeUndefined();
    expect(await store.getCustomer('+12025550001')).toBeDefined();
    // The cart line of the active hold is still taken; the forgotten ones are free.
    expect(await store.insertHold(hold('x1', 'active', clock.now(), { sku: 'active' }))).toBe(false);
    expect(await store.insertHold(hold('x2', 'active', clock.now(), { sku: 'released' }))).toBe(true);
  });

  it('a customer whose closed conversation was forgotten starts afresh', async () => {
    const clock = new ManualClock();
    const store = new MemoryStore(clock);
    await store.saveConversation({ phone: '+12025550001', stage: 'menu', updatedAt: clock.now(), closedAt: clock.now(), version: 0 });
    clock.advance(49 * 60);
    await store.maintain(48 * HOUR);
    expect(await store.getConversation('+12025550001')).toBeUndefined();
    expect(await store.saveConversation({ phone: '+12025550001', stage: 'menu', updatedAt: clock.now(), version: 0 })).toBe(true);
  });
});

describe('the reconciler on counters written before the store refused bad numbers', () => {
  it('reports a SKU whose counters are not whole numbers, and still repairs the others', async () => {
    const { reconcile } = await import('../../src/inventory/reconcile');
    const { silentLog } = await import('../helpers');
    const store = new MemoryStore();
    await store.receiveStock('GOOD', 10);
    await store.reserveStock('GOOD', 3); // reserved with no hold: drift
    await store.receiveStock('BAD', 10);
    // What an older version could store: NaN counters.
    const bad = (await store.getStock('BAD'))!;
    (store as unknown as { stock: Map<string, unknown> }).stock.set('BAD', { ...bad, available: Number.NaN, reserved: Number.NaN });
    const report = await reconcile(store, new ManualClock(), silentLog, { settleMs: 1, orphanGraceMs: 60_000 });
    expect(report.corrupt).toEqual(['BAD']);
    expect(report.repaired.map((r) => r.sku)).toEqual(['GOOD']);
    expect(await store.getStock('GOOD')).toEqual({ sku: 'GOOD', received: 10, available: 10, reserved: 0, sold: 0 });
  });
});
