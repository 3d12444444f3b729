import { afterAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../src/audit/audit-trail';
import { Inventory } from '../../src/inventory/inventory';
import { reconcile } from '../../src/inventory/reconcile';
import { Orders } from '../../src/orders/orders';
import { MongoStore } from '../../src/store/mongo/mongo';
import { counterIds, expectInvariants, ManualClock, silentLog } from '../helpers';
import { hasMongo, MONGO_URI } from './mongo-server';

const opened: MongoStore[] = [];
afterAll(async () => { await Promise.all(opened.map((s) => s.close())); });

/** Several "processes" on one database: each its own client, store, inventory and orders. */
async function processes(n: number, holdMinutes = 30) {
  const db = `grocer_race_${process.pid}_${Date.now() % 1_000_000}_${opened.length}`;
  const clock = new ManualClock();
  const out = [];
  for (let i = 0; i < n; i += 1) {
    const store = await MongoStore.connect(MONGO_URI, db);
    opened.push(store);
    const inventory = new Inventory({ store, clock, ids: counterIds(`p${i}`), holdMs: holdMinutes * 60_000, audit: new AuditTrail({ store, clock }) });
    out.push({ store, inventory, orders: new Orders({ store, inventory, clock }) });
  }
  return { clock, procs: out, store: out[0]!.store };
}

const phone = (i: number) => `+1202555${String(1000 + i).padStart(4, '0')}`;

async function product(store: MongoStore, sku: string, stock: number) {
  await store.upsertProduct({ sku, name: sku, category: 'Test', unit: 'each', priceCents: 100, aliases: [] });
  await store.receiveStock(sku, stock);
}

describe.skipIf(!hasMongo)('MongoDB races and faults', () => {
  it('200 concurrent reservations from 4 processes against 50 units: exactly 50 reserved', async () => {
    const { procs, store } = await processes(4);
    await product(store, 'LAST', 50);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => procs[i % 4]!.inventory.setLine(phone(i), 'LAST', 1)));
    expect(results.filter((r) => r.ok)).toHaveLength(50);
    expect(results.filter((r) => !r.ok)).toEqual(Array(150).fill({ ok: false, reason: 'short', available: 0, held: 0 }));
    expect(await store.getStock('LAST')).toEqual({ sku: 'LAST', received: 50, available: 0, reserved: 50, sold: 0 });
    expect(await store.listHolds({ status: 'active' })).toHaveLength(50);
    await expectInvariants(store);
  });

  it('the expiry sweep and a checkout racing for the same holds: each hold goes one way, counters right', async () => {
    const { procs, store, clock } = await processes(2, 10);
    await product(store, 'RACE', 100);
    for (let i = 0; i < 20; i += 1) await procs[0]!.inventory.setLine(phone(i), 'RACE', 2);
    // Each checkout read its cart just before the holds fell due; the sweeper runs just after.
    const carts = await Promise.all(Array.from({ length: 20 }, (_, i) => store.listHolds({ phone: phone(i), status: 'active' })));
    clock.advance(10);
    const [swept, converted] = await Promise.all([
      procs[1]!.inventory.sweep(),
      Promise.all(carts.map((holds, i) => procs[0]!.inventory.convert(holds, `ORD-${i}`))),
    ]);
    const won = converted.filter((c) => c.ok).length;
    expect(swept.length + won).toBe(20);
    expect(await store.getStock('RACE')).toEqual({ sku: 'RACE', received: 100, available: 100 - 2 * won, reserved: 0, sold: 2 * won });
    const holds = await store.listHolds({ sku: 'RACE' });
    expect(holds.filter((h) => h.status === 'converted')).toHaveLength(won);
    expect(holds.filter((h) => h.status === 'expired')).toHaveLength(20 - won);
  });

  it('two workers sweeping at once expire each hold once', async () => {
    const { procs, store, clock } = await processes(2, 10);
    await product(store, 'SWEEP', 100);
    for (let i = 0; i < 15; i += 1) await procs[0]!.inventory.setLine(phone(i), 'SWEEP', 3);
    clock.advance(11);
    const [a, b] = await Promise.all([procs[0]!.inventory.sweep(), procs[1]!.inventory.sweep()]);
    expect(a.length + b.length).toBe(15);
    expect(await store.getStock('SWEEP')).toMatchObject({ available: 100, reserved: 0 });
    await expectInvariants(store);
  });

  it('cancelling twice, from two processes at once: one restock', async () => {
    const { procs, store } = await processes(2);
    await product(store, 'CANCEL', 10);
    await procs[0]!.inventory.setLine(phone(1), 'CANCEL', 4);
    const placed = await procs[0]!.orders.place({ phone: phone(1), fulfilment: 'pickup', channel: 'web', deliveryFeeCents: 0 });
    expect(placed.ok).toBe(true);
    const id = placed.ok ? placed.order.id : '';
    const results = await Promise.all([procs[0]!.orders.cancel(id), procs[1]!.orders.cancel(id), procs[1]!.orders.cancel(id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await store.getStock('CANCEL')).toEqual({ sku: 'CANCEL', received: 10, available: 10, reserved: 0, sold: 0 });
    await expectInvariants(store);
  });

  it('a crash between a hold’s status change and its counter update is repaired by the reconciler', async () => {
    const { procs, store, clock } = await processes(1, 10);
    await product(store, 'CRASH', 20);
    await procs[0]!.inventory.setLine(phone(1), 'CRASH', 5);
    await procs[0]!.inventory.setLine(phone(2), 'CRASH', 3);
    const [h1] = await store.listHolds({ phone: phone(1) });
    // The process "dies" right after winning the release: the counters never hear of it.
    expect(await store.transitionHold(h1!, 'active', 'released')).toBeDefined();
    expect(await store.getStock('CRASH')).toMatchObject({ available: 12, reserved: 8 });

    // A checkout that died after converting its holds, before writing the order.
    const [h2] = await store.listHolds({ phone: phone(2) });
    await store.transitionHold(h2!, 'active', 'converted', { orderId: 'ORD-LOST' });
    await store.moveStock('CRASH', { reserved: -3, sold: 3 });
    clock.advance(30);

    const report = await reconcile(store, clock, silentLog, { settleMs: 50, orphanGraceMs: 10 * 60_000 });
    expect(report.orphans).toBe(1);
    expect(report.repaired).toEqual([{
      sku: 'CRASH',
      before: { sku: 'CRASH', received: 20, available: 12, reserved: 5, sold: 3 },
      after: { sku: 'CRASH', received: 20, available: 20, reserved: 0, sold: 0 },
    }]);
    expect(await store.getStock('CRASH')).toEqual({ sku: 'CRASH', received: 20, available: 20, reserved: 0, sold: 0 });
    await expectInvariants(store);
    const again = await reconcile(store, clock, silentLog, { settleMs: 10, orphanGraceMs: 10 * 60_000 });
    expect(again.repaired).toEqual([]);
  });

  it('a cancel that died before restocking is finished by the reconciler', async () => {
    const { procs, store } = await processes(1);
    await product(store, 'HALF', 10);
    await procs[0]!.inventory.setLine(phone(1), 'HALF', 6);
    const placed = await procs[0]!.orders.place({ phone: phone(1), fulfilment: 'pickup', channel: 'web', deliveryFeeCents: 0 });
    const id = placed.ok ? placed.order.id : '';
    await store.transitionOrder(id, ['placed'], 'cancelled', 1); // and then the process died
    const report = await reconcile(store, new ManualClock(), silentLog, { settleMs: 20, orphanGraceMs: 60_000 });
    expect(report.restocked).toBe(1);
    expect(await store.getStock('HALF')).toEqual({ sku: 'HALF', received: 10, available: 10, reserved: 0, sold: 0 });
    await expectInvariants(store);
  });

  it('does not "repair" counters that are only mid-change', async () => {
    const { store } = await processes(1);
    await product(store, 'BUSY', 10);
    // A reservation that has moved the counters but not yet written its hold.
    await store.reserveStock('BUSY', 2);
    const settling = reconcile(store, new ManualClock(), silentLog, { settleMs: 300, orphanGraceMs: 60_000 });
    await new Promise((r) => setTimeout(r, 50));
    await store.insertHold({ id: 'late', phone: phone(1), sku: 'BUSY', qty: 2, status: 'active', createdAt: 1, expiresAt: Date.now() + 60_000 });
    expect((await settling).repaired).toEqual([]);
    expect(await store.getStock('BUSY')).toMatchObject({ available: 8, reserved: 2 });
    await expectInvariants(store);
  });
});
