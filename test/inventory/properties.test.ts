import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/domain/types';
import { AuditTrail } from '../../src/audit/audit-trail';
import { Inventory, type InventoryLimits } from '../../src/inventory/inventory';
import { noObserver } from '../../src/observe';
import { Orders } from '../../src/orders/orders';
import { MemoryStore } from '../../src/store/memory';
import { counterIds, expectInvariants, ManualClock } from '../helpers';

const PRODUCTS: Product[] = [
  { sku: 'EA', name: 'Limes', category: 'Fruit', unit: 'each', priceCents: 49, aliases: [] },
  { sku: 'KG', name: 'Apples', category: 'Fruit', unit: 'kg', priceCents: 349, aliases: [], pieceGrams: 180 },
  { sku: 'CAP', name: 'Mangoes', category: 'Fruit', unit: 'each', priceCents: 199, aliases: [], maxPerOrder: 3 },
];
const LIMITS: InventoryLimits = { maxUnitsPerLine: 30, maxGramsPerLine: 10_000, holdMaxMs: 120 * 60_000 };
const HOLD_MS = 30 * 60_000;
const PHONES = ['+12025550101', '+12025550102', '+12025550103'];

/** Any number a bug or an attacker could bring: ordinary ones, and the ones that break arithmetic. */
const anyNumber = fc.oneof(
  fc.integer({ min: -50, max: 400 }),
  fc.integer({ min: -50, max: 20_000 }),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0.5, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, -1e300, 1e-300),
);

type Op =
  | { op: 'setLine'; phone: number; sku: string; qty: number }
  | { op: 'release'; pick: number }
  | { op: 'time'; minutes: number }
  | { op: 'touch'; phone: number }
  | { op: 'checkout'; phone: number; key: string }
  | { op: 'cancel'; pick: number }
  | { op: 'receive'; sku: string; qty: number };

const phone = fc.nat({ max: PHONES.length - 1 });
const sku = fc.constantFrom('EA', 'KG', 'CAP', 'NOPE', 'constructor', '__proto__');
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('setLine' as const), phone, sku, qty: anyNumber }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('release' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('time' as const), minutes: fc.integer({ min: 0, max: 45 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('touch' as const), phone }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('checkout' as const), phone, key: fc.constantFrom('m1', 'm2', 'm3') }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('receive' as const), sku, qty: anyNumber }), weight: 1 },
);

async function world() {
  const store = new MemoryStore();
  const clock = new ManualClock();
  const inventory = new Inventory({
    store, clock, ids: counterIds('h'), holdMs: HOLD_MS, observer: noObserver, limits: LIMITS, audit: new AuditTrail({ store, clock }),
  });
  const orders = new Orders({ store, inventory, clock });
  for (const p of PRODUCTS) {
    await store.upsertProduct(p);
    await inventory.setReceived(p.sku, p.unit === 'kg' ? 40_000 : 100);
  }
  return { store, clock, inventory, orders };
}

async function run(w: Awaited<ReturnType<typeof world>>, o: Op): Promise<void> {
  switch (o.op) {
    case 'setLine': await w.inventory.setLine(PHONES[o.phone]!, o.sku, o.qty); return;
    case 'release': {
      const active = await w.store.listHolds({ status: 'active' });
      if (active.length) await w.inventory.release(active[o.pick % active.length]!);
      return;
    }
    case 'time': w.clock.advance(o.minutes); await w.inventory.sweep(); return;
    case 'touch': await w.inventory.touch(PHONES[o.phone]!, (await w.inventory.cart(PHONES[o.phone]!)).lines); return;
    case 'checkout':
      await w.orders.place({ phone: PHONES[o.phone]!, fulfilment: 'pickup', channel: 'sms', deliveryFeeCents: 0, messageKey: `${PHONES[o.phone]}:${o.key}` });
      return;
    case 'cancel': {
      const all = await w.store.listOrders({});
      if (all.length) await w.orders.cancel(all[o.pick % all.length]!.id);
      return;
    }
    case 'receive': await w.inventory.setReceived(o.sku, o.qty); return;
  }
}

async function holdsUp(w: Awaited<ReturnType<typeof world>>): Promise<void> {
  for (const s of await w.store.listStock()) {
    for (const k of ['received', 'available', 'reserved', 'sold'] as const) expect(Number.isSafeInteger(s[k]), `${s.sku}.${k} = ${s[k]}`).toBe(true);
  }
  await expectInvariants(w.store);
  const limits = new Map(PRODUCTS.map((p) => [p.sku, p.maxPerOrder ?? (p.unit === 'kg' ? LIMITS.maxGramsPerLine : LIMITS.maxUnitsPerLine)]));
  for (const h of await w.store.listHolds({})) {
    expect(Number.isSafeInteger(h.qty) && h.qty > 0, `hold qty ${h.qty}`).toBe(true);
    if (h.status !== 'active') continue;
    expect(h.qty, `${h.sku} line`).toBeLessThanOrEqual(limits.get(h.sku)!);
    expect(h.expiresAt - h.createdAt, `${h.sku} expiry`).toBeLessThanOrEqual(LIMITS.holdMaxMs);
  }
  for (const o of await w.store.listOrders({})) expect(Number.isSafeInteger(o.totalCents), `order total ${o.totalCents}`).toBe(true);
}

describe('the inventory under any sequence of operations with any numbers', () => {
  it('keeps available + reserved + sold == received, nothing negative or NaN, no line over its limit, no hold past its maximum', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        const w = await world();
        for (const o of ops) {
          await run(w, o);
          await holdsUp(w);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a checkout repeated with the same message key places one order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: 2, max: 4 }), async (qtys, repeats) => {
        const w = await world();
        for (const [i, q] of qtys.entries()) await w.inventory.setLine(PHONES[0]!, PRODUCTS[i]!.sku, Math.min(q, 3));
        const results = [];
        for (let i = 0; i < repeats; i += 1) results.push(await w.orders.place({ phone: PHONES[0]!, fulfilment: 'pickup', channel: 'sms', deliveryFeeCents: 0, messageKey: 'k' }));
        expect(new Set(results.map((r) => (r.ok ? r.order.id : r.reason))).size).toBe(1);
        expect(await w.store.listOrders({})).toHaveLength(1);
        await holdsUp(w);
      }),
      { numRuns: 30 },
    );
  });
});
