import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildCore } from '../../src/core';
import { reconcile } from '../../src/inventory/reconcile';
import { MemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/store';
import type { Core } from '../../src/core';
import { counterIds, customer, expectInvariants, makeCore, ManualClock, registered, silentLog } from '../helpers';

const PHONE = '+12025550123';
const trailOf = async (core: Core, sku?: string) => core.store.listAudit({ ...(sku ? { sku } : {}), limit: 1000 });
const checkout = async (c: ReturnType<typeof customer>) => { for (const t of ['checkout', 'pickup', 'yes']) await c.say(t); };

describe('the audit trail', () => {
  it('records a checkout and its cancellation under the order id, with counters before and after', async () => {
    const core = await makeCore();
    const c = await registered(core, PHONE);
    await c.say('3 limes');
    expect(await trailOf(core)).toEqual([]); // the customer's own cart is the holds, not the audit
    await checkout(c);
    const [order] = await core.store.listOrders({ phone: PHONE });
    expect(await core.orders.cancel(order!.id)).toMatchObject({ ok: true });
    const entries = await trailOf(core, 'FRU-LIM');
    expect(entries.map(({ by, what, reason, before, after }) => ({ by, what, reason, before, after }))).toEqual([
      { by: { kind: 'order', orderId: order!.id }, what: 'stock', reason: 'cancelled', before: { available: 97, sold: 3 }, after: { available: 100, sold: 0 } },
      { by: { kind: 'order', orderId: order!.id }, what: 'stock', reason: 'checkout', before: { reserved: 3, sold: 0 }, after: { reserved: 0, sold: 3 } },
    ]);
    expect(entries[0]!.at).toBe(core.clock.now());
    await expectInvariants(core.store);
  });

  it('records holds the sweeper expires, but not carts the customer changes', async () => {
    const core = await makeCore({ HOLD_MINUTES: '30' });
    const c = await registered(core, PHONE);
    await c.say('3 limes');
    await c.say('make it 2');
    await c.say('2 lemons');
    await c.say('remove the lemons');
    expect(await trailOf(core)).toEqual([]);
    core.clock.advance(31);
    expect(await core.inventory.sweep()).toHaveLength(1);
    expect(await trailOf(core)).toEqual([expect.objectContaining({
      sku: 'FRU-LIM', by: { kind: 'sweeper' }, what: 'stock', reason: 'expired', before: { available: 98, reserved: 2 }, after: { available: 100, reserved: 0 },
    })]);
  });

  it('records the admin\'s price and stock changes, and the reconciler\'s repairs', async () => {
    const core = await makeCore();
    expect(await core.catalog.patch('FRU-LIM', { price: 0.59, stock: 90 })).toMatchObject({ ok: true });
    expect(await core.catalog.restock('FRU-LIM', 5)).toMatchObject({ ok: true });
    expect(await core.catalog.upsertCsv('sku,name,price,unit,stock,category,aliases\nFRU-LIM,Limes,0.59,each,95,Fruit,lime\n')).toEqual({ ok: true, count: 1 });
    await core.store.reserveStock('FRU-LEM', 4); // drift: reserved with no hold behind it
    const report = await reconcile(core.store, core.clock, silentLog, { settleMs: 1, orphanGraceMs: 60_000, audit: core.inventory.audit });
    expect(report.repaired.map((r) => r.sku)).toEqual(['FRU-LEM']);
    const trail = (await trailOf(core)).map(({ sku, by, what, reason, before, after }) => ({ sku, by, what, reason, before, after }));
    expect(trail).toEqual([
      { sku: 'FRU-LEM', by: { kind: 'reconciler' }, what: 'stock', reason: 'repair', before: { received: 120, available: 116, reserved: 4, sold: 0 }, after: { received: 120, available: 120, reserved: 0, sold: 0 } },
      { sku: 'FRU-LIM', by: { kind: 'admin' }, what: 'stock', reason: 'restock', before: { received: 90, available: 90 }, after: { received: 95, available: 95 } },
      // One edit of price and stock: the stock is changed first, so a refused stock leaves the price alone.
      { sku: 'FRU-LIM', by: { kind: 'admin' }, what: 'price', reason: 'price', before: { price: 49 }, after: { price: 59 } },
      { sku: 'FRU-LIM', by: { kind: 'admin' }, what: 'stock', reason: 'edit', before: { received: 100, available: 100 }, after: { received: 90, available: 90 } },
    ]);
    // The sheet matched what the store had: nothing changed, nothing recorded (nor was the catalog file's first load).
    expect(await core.store.listAudit({ limit: 2 })).toHaveLength(2);
  });

  it('never fails the change it records: a store that cannot write the entry leaves a warning without the phone', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (s: string) => { lines.push(s); } });
    const inner = new MemoryStore();
    const store = new Proxy(inner, {
      get: (target, prop, receiver) => (prop === 'appendAudit'
        ? async () => { throw new Error('audit collection unavailable'); }
        : (Reflect.get(target, prop, receiver) as unknown as { bind?: (t: unknown) => unknown }).bind?.(target) ?? Reflect.get(target, prop, receiver)),
    }) as Store;
    const core = await buildCore(loadConfig({}), log, { store, clock: new ManualClock(), ids: counterIds() });
    const c = customer(core, PHONE);
    for (const t of ['hi', 'Ana', 'pickup', '3 limes']) await c.say(t);
    await checkout(c);
    expect(await core.store.listOrders({ phone: PHONE })).toHaveLength(1);
    expect(await core.store.getStock('FRU-LIM')).toMatchObject({ available: 97, sold: 3 });
    expect(lines.some((l) => /audit entry could not be written/.test(l) && l.includes('FRU-LIM'))).toBe(true);
    expect(lines.join('\n')).not.toContain(PHONE.slice(2));
  });
});
