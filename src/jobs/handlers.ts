import type { Logger } from 'pino';
import type { Config } from '../config';
import type { ChannelName, Clock, DailyStats } from '../domain/types';
import type { Engine } from '../engine/engine';
import type { ConsoleEvents } from '../events/console-events';
import type { Inventory } from '../inventory/inventory';
import type { OrderChanges } from '../orders/changes';
import { reconcile } from '../inventory/reconcile';
import { announceLowStock, type LowStockDeps } from '../notify/low-stock';
import { announceBackInStock, type BackInStockDeps } from '../notify/back-in-stock';
import type { Outbox } from '../notify/outbox';
import type {
  ConversationsPort, CustomersPort, HoldsPort, HousekeepingPort, MessagesPort, OrdersPort, StatsPort, StockPort, TranscriptsPort,
} from '../store/store';
import { parseNotification } from './notification';

/** The jobs Grocer runs: plain async functions of what each uses, the same under BullMQ and the local timer. */
export type JobName = 'sweep-holds' | 'close-idle' | 'rollup-stats' | 'reconcile' | 'maintenance' | 'low-stock' | 'expire-changes' | 'back-in-stock' | 'notify';

export interface Schedule {
  name: Exclude<JobName, 'notify'>;
  everyMs: number;
  /** Also run once as the scheduler starts: counters a crash left behind are exact again without waiting an hour. */
  atStart?: boolean;
}

export function schedules(core: { config: Pick<Config, 'SWEEP_SECONDS' | 'RECONCILE_MINUTES'> }): Schedule[] {
  const c = core.config;
  return [
    { name: 'sweep-holds', everyMs: c.SWEEP_SECONDS * 1000 },
    { name: 'close-idle', everyMs: 60_000 },
    { name: 'rollup-stats', everyMs: 60_000 },
    { name: 'reconcile', everyMs: c.RECONCILE_MINUTES * 60_000, atStart: true },
    { name: 'maintenance', everyMs: 60 * 60_000 },
    { name: 'low-stock', everyMs: 60_000 },
    // Changes of orders nobody answered: the store's default applies within a minute of SUBSTITUTION_MINUTES.
    { name: 'expire-changes', everyMs: 60_000 },
    // Customers waiting for a product back on the shelf: told at once by the process that received the stock;
    // this catches what that process could not finish (it stopped, the store was away).
    { name: 'back-in-stock', everyMs: 60_000 },
  ];
}

export const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const DAY = 24 * 60 * 60_000;

export interface RollupDeps {
  store: Pick<OrdersPort, 'listOrders'> & Pick<CustomersPort, 'listCustomers'> & Pick<MessagesPort, 'countMessages'> & Pick<StatsPort, 'putDailyStats'>;
  clock: Clock;
}

/** Rolls today's and yesterday's figures up, per channel: messages, orders, revenue, new customers. */
export async function rollupStats(core: RollupDeps): Promise<DailyStats[]> {
  const { store, clock } = core;
  const today = Date.parse(`${dayOf(clock.now())}T00:00:00Z`);
  const orders = await store.listOrders({});
  const customers = await store.listCustomers();
  const out: DailyStats[] = [];
  for (const start of [today - DAY, today]) {
    const end = start + DAY;
    const stats: DailyStats = { day: dayOf(start), channels: {}, newCustomers: customers.filter((c) => c.createdAt >= start && c.createdAt < end).length };
    const bump = (ch: ChannelName) => (stats.channels[ch] ??= { messages: 0, orders: 0, revenueCents: 0 });
    for (const [ch, n] of Object.entries(await store.countMessages(start, end)) as [ChannelName, number][]) bump(ch).messages = n;
    for (const o of orders.filter((x) => x.createdAt >= start && x.createdAt < end && x.status !== 'cancelled')) {
      const b = bump(o.channel);
      b.orders += 1;
      b.revenueCents += o.totalCents;
    }
    await store.putDailyStats(stats);
    out.push(stats);
  }
  return out;
}

export interface CloseIdleDeps {
  store: Pick<ConversationsPort, 'listConversations'>;
  clock: Clock;
  config: Pick<Config, 'CONVERSATION_IDLE_MINUTES'>;
  engine: Pick<Engine, 'closeIdle'>;
  outbox: Pick<Outbox, 'enqueue'>;
}

/** Closes every conversation quiet for CONVERSATION_IDLE_MINUTES; returns how many it closed. */
export async function closeIdleConversations(core: CloseIdleDeps): Promise<number> {
  const idleMs = core.config.CONVERSATION_IDLE_MINUTES * 60_000;
  const now = core.clock.now();
  let closed = 0;
  for (const c of await core.store.listConversations({})) {
    if (now - c.updatedAt < idleMs || (c.closedAt ?? 0) >= c.updatedAt || c.stage === 'handoff') continue;
    if (await core.engine.closeIdle(c.phone, idleMs, (text) => core.outbox.enqueue(c.phone, text))) closed += 1;
  }
  return closed;
}

export interface PruneDeps {
  store: Pick<TranscriptsPort, 'pruneTranscripts'>;
  clock: Clock;
  config: Pick<Config, 'TRANSCRIPT_DAYS'>;
}

/** Forgets transcript entries older than TRANSCRIPT_DAYS; returns how many. */
export function pruneTranscripts(core: PruneDeps): Promise<number> {
  return core.store.pruneTranscripts(core.clock.now() - core.config.TRANSCRIPT_DAYS * DAY);
}

/** How the runner runs this attempt: its job id, and whether it is the last one (failures are then recorded). */
export interface JobRun {
  id?: string;
  final?: boolean;
}

/** What the jobs use, together: each handler above takes its own part. */
export type JobDeps = RollupDeps & CloseIdleDeps & PruneDeps & {
  store: Pick<OrdersPort, 'listOrders'> & HoldsPort & StockPort & Pick<HousekeepingPort, 'maintain'> & LowStockDeps['store'] & BackInStockDeps['store'];
  config: Pick<Config, 'SWEEP_SECONDS' | 'RECONCILE_MINUTES' | 'LOW_STOCK_THRESHOLD' | 'OWNER_PHONE'>;
  inventory: Pick<Inventory, 'sweep' | 'audit'>;
  engine: { copy: LowStockDeps['copy'] & BackInStockDeps['copy'] };
  outbox: Pick<Outbox, 'enqueue' | 'deliver'>;
  events: Pick<ConsoleEvents, 'emit'>;
  log: Logger;
  /** Changes of orders at picking time: those nobody answered in time get the store's default. */
  changes: Pick<OrderChanges, 'expireDue'>;
};

/** Runs one job by name. Throwing makes the runner retry it (BullMQ attempts, or the next tick). */
export async function runJob(core: JobDeps, name: JobName, data?: unknown, run: JobRun = {}): Promise<unknown> {
  switch (name) {
    case 'sweep-holds': return (await core.inventory.sweep()).length;
    case 'close-idle': return closeIdleConversations(core);
    case 'rollup-stats': return (await rollupStats(core)).length;
    case 'reconcile': return reconcile(core.store, core.clock, core.log, { settleMs: 5000, orphanGraceMs: 15 * 60_000, audit: core.inventory.audit });
    case 'maintenance': await pruneTranscripts(core); return core.store.maintain(48 * 60 * 60_000);
    case 'low-stock': return announceLowStock({
      store: core.store, outbox: core.outbox, events: core.events, copy: core.engine.copy, clock: core.clock,
      threshold: core.config.LOW_STOCK_THRESHOLD, ...(core.config.OWNER_PHONE ? { ownerPhone: core.config.OWNER_PHONE } : {}),
    });
    case 'expire-changes': return core.changes.expireDue();
    case 'back-in-stock': return announceBackInStock({ store: core.store, outbox: core.outbox, copy: core.engine.copy, clock: core.clock });
    case 'notify': {
      const n = parseNotification(data, run.id);
      await core.outbox.deliver(n, { final: run.final ?? true });
      return n.replies.length;
    }
  }
}
