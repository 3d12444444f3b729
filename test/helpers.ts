import pino from 'pino';
import { createLogger } from '../src/log';
import { expect } from 'vitest';
import { loadConfig } from '../src/config';
import { buildCore, type Core } from '../src/core';
import type { ChannelName, Clock, Ids, Reply } from '../src/domain/types';
import { MemoryStore } from '../src/store/memory';
import type { Store } from '../src/store/store';

export class ManualClock implements Clock {
  constructor(public t = Date.UTC(2026, 10, 2, 10, 0, 0)) {}
  now() { return this.t; }
  advance(minutes: number) { this.t += minutes * 60_000; }
}

export function counterIds(prefix = 'id'): Ids {
  let n = 0;
  return { next: () => `${prefix}-${++n}` };
}

/**
 * The tests' logger: silent, unless LOG_LEVEL is set; with GROCER_LOG_FILE every line is appended there
 * (test/log-audit.test.ts runs the dialogue and channel suites at trace level and reads it back).
 */
export const silentLog = createLogger(
  process.env.LOG_LEVEL ?? 'silent',
  process.env.GROCER_LOG_FILE ? pino.destination({ dest: process.env.GROCER_LOG_FILE, append: true, sync: true }) : undefined,
);

export interface TestCore extends Core {
  clock: ManualClock;
}

export async function makeCore(env: Record<string, string> = {}, store: Store = new MemoryStore()): Promise<TestCore> {
  const clock = new ManualClock();
  const core = await buildCore(loadConfig(env), silentLog, { store, clock, ids: counterIds() });
  return { ...core, clock };
}

/** A customer talking to the engine: say() sends one message and returns the replies' texts joined. */
export function customer(core: Core, phone: string, channel: ChannelName = 'web') {
  let last: Reply[] = [];
  return {
    phone,
    async say(text: string, messageId?: string): Promise<string> {
      last = await core.engine.handle({ channel, phone, text, messageId });
      return last.map((r) => r.text).join('\n');
    },
    /** A button or key press: the option's id, as a channel sends it. */
    async choose(option: string, messageId?: string): Promise<string> {
      last = await core.engine.handle({ channel, phone, text: '', option, messageId });
      return last.map((r) => r.text).join('\n');
    },
    /** The labels of the last reply's options, as a customer sees them. */
    get options(): string[] {
      return (last.at(-1)?.options ?? []).map((o) => o.label);
    },
    /** The ids of the last reply's options. */
    get optionIds(): string[] {
      return (last.at(-1)?.options ?? []).map((o) => o.id);
    },
    get replies(): Reply[] {
      return last;
    },
  };
}

/** Registers a new customer with a delivery address and returns them at the menu. */
export async function registered(core: Core, phone: string, name = 'Ana', address = '12 Main Street, Springfield') {
  const c = customer(core, phone);
  await c.say('hi');
  await c.say(name);
  await c.say(address);
  return c;
}

/** Sets a product's received stock through the catalog, as the admin API does. */
export async function setStock(core: Core, sku: string, stock: number): Promise<void> {
  const p = (await core.store.getProduct(sku))!;
  const result = await core.catalog.upsert([{
    sku: p.sku, name: p.name, price: p.priceCents / 100, unit: p.unit, stock, category: p.category, aliases: p.aliases,
    ...(p.pieceGrams ? { pieceGrams: p.pieceGrams } : {}),
  }]);
  expect(result).toEqual({ ok: true, count: 1 });
}

/**
 * The stock invariants, for every SKU: available + reserved + sold == received, none negative,
 * reserved == the sum of active holds, sold == the sum of converted holds.
 */
export async function expectInvariants(store: Store): Promise<void> {
  const active = await store.listHolds({ status: 'active' });
  const converted = await store.listHolds({ status: 'converted' });
  for (const s of await store.listStock()) {
    expect(s.available + s.reserved + s.sold, s.sku).toBe(s.received);
    for (const k of ['available', 'reserved', 'sold', 'received'] as const) expect(s[k], `${s.sku}.${k}`).toBeGreaterThanOrEqual(0);
    expect(s.reserved, `${s.sku} reserved`).toBe(active.filter((h) => h.sku === s.sku).reduce((n, h) => n + h.qty, 0));
    expect(s.sold, `${s.sku} sold`).toBe(converted.filter((h) => h.sku === s.sku).reduce((n, h) => n + h.qty, 0));
  }
  const orders = await store.listOrders({});
  const soldByOrders = new Map<string, number>();
  for (const o of orders.filter((x) => x.status !== 'cancelled')) for (const l of o.lines) soldByOrders.set(l.sku, (soldByOrders.get(l.sku) ?? 0) + l.qty);
  for (const s of await store.listStock()) expect(s.sold, `${s.sku} sold vs orders`).toBe(soldByOrders.get(s.sku) ?? 0);
}
