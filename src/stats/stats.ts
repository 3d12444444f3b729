import type { CatalogService } from '../catalog/catalog';
import type { Config } from '../config';
import { toDisplayUnits } from '../domain/money';
import type { ChannelName, Clock, Stage } from '../domain/types';
import type { ConversationsPort, CustomersPort, HoldsPort, OrdersPort, StatsPort, StockPort } from '../store/store';
import { dayOf } from '../jobs/handlers';

const DAY = 24 * 60 * 60_000;
const major = (cents: number) => Math.round(cents) / 100;

/** The store owner's figures: live counts from the store, per-day history from the stats roll-up. */
export interface StatsDeps {
  store: Pick<ConversationsPort, 'listConversations'> & Pick<CustomersPort, 'listCustomers'> & Pick<OrdersPort, 'listOrders'>
    & Pick<HoldsPort, 'listHolds'> & Pick<StockPort, 'listStock'> & Pick<StatsPort, 'getDailyStats'>;
  clock: Clock;
  config: Pick<Config, 'CONVERSATION_IDLE_MINUTES' | 'LOW_STOCK_THRESHOLD' | 'CURRENCY'>;
  catalog: Pick<CatalogService, 'products'>;
}

export async function adminStats(core: StatsDeps, errors: number) {
  const { store, clock, config } = core;
  const now = clock.now();
  const todayStart = Date.parse(`${dayOf(now)}T00:00:00Z`);
  const weekStart = todayStart - 6 * DAY;
  const idleMs = config.CONVERSATION_IDLE_MINUTES * 60_000;

  const [conversations, customers, orders, activeHolds, stock, history] = await Promise.all([
    store.listConversations({}), store.listCustomers(), store.listOrders({}), store.listHolds({ status: 'active' }),
    store.listStock(), store.getDailyStats(dayOf(todayStart - 13 * DAY), dayOf(todayStart)),
  ]);

  const active = conversations.filter((c) => now - c.updatedAt < idleMs && c.stage !== 'handoff');
  const byStage: Partial<Record<Stage, number>> = {};
  for (const c of active) byStage[c.stage] = (byStage[c.stage] ?? 0) + 1;

  const placed = orders.filter((o) => o.status !== 'cancelled');
  const since = (t: number) => placed.filter((o) => o.createdAt >= t);
  const sum = (os: typeof placed) => os.reduce((s, o) => s + o.totalCents, 0);
  const week = since(weekStart);
  const buyers = new Set(placed.map((o) => o.phone));

  const perDay = Array.from({ length: 14 }, (_, i) => {
    const day = dayOf(todayStart - (13 - i) * DAY);
    const rolled = history.find((h) => h.day === day);
    const channels = Object.values(rolled?.channels ?? {});
    return { day, orders: channels.reduce((s, c) => s + c.orders, 0), revenue: major(channels.reduce((s, c) => s + c.revenueCents, 0)) };
  });
  const messages = (days: typeof history) => {
    const out: Partial<Record<ChannelName, number>> = {};
    for (const d of days) for (const [ch, f] of Object.entries(d.channels) as [ChannelName, { messages: number }][]) out[ch] = (out[ch] ?? 0) + f.messages;
    return out;
  };

  const products = core.catalog.products();
  const lowStock = stock
    .map((s) => ({ s, p: products.get(s.sku) }))
    .filter(({ s, p }) => p && toDisplayUnits(p.unit, s.available) < config.LOW_STOCK_THRESHOLD)
    .map(({ s, p }) => ({ sku: s.sku, name: p!.name, unit: p!.unit, available: toDisplayUnits(p!.unit, s.available) }))
    .sort((a, b) => a.available - b.available);

  return {
    generatedAt: new Date(now).toISOString(),
    currency: config.CURRENCY,
    conversations: { active: active.length, byStage },
    customers: { total: customers.length, newToday: customers.filter((c) => c.createdAt >= todayStart).length },
    orders: {
      today: { count: since(todayStart).length, revenue: major(sum(since(todayStart))) },
      last7Days: { count: week.length, revenue: major(sum(week)) },
      perDay,
    },
    conversion: {
      conversations: conversations.length,
      withOrder: conversations.filter((c) => buyers.has(c.phone)).length,
      rate: conversations.length ? Math.round((conversations.filter((c) => buyers.has(c.phone)).length / conversations.length) * 1000) / 1000 : 0,
    },
    averageOrderValue: week.length ? major(sum(week) / week.length) : 0,
    messagesPerChannel: { today: messages(history.filter((h) => h.day === dayOf(todayStart))), last7Days: messages(history.filter((h) => h.day >= dayOf(weekStart))) },
    activeHolds: activeHolds.length,
    lowStock,
    handoffs: conversations.filter((c) => c.stage === 'handoff').map((c) => ({ phone: c.phone, since: new Date(c.updatedAt).toISOString() })),
    errors,
  };
}
