import pluralize from 'pluralize';
import { toDisplayUnits } from '../domain/money';
import { isSoldByWeight } from '../domain/units';
import type { Clock, Product } from '../domain/types';
import type { Copy } from '../engine/copy';
import type { ConsoleEvents } from '../events/console-events';
import type { CatalogPort, StatsPort, StockPort } from '../store/store';
import type { Outbox } from './outbox';

export interface LowStockDeps {
  store: Pick<StockPort, 'listStock'> & Pick<CatalogPort, 'listProducts'> & Pick<StatsPort, 'claimFlag' | 'clearFlag'>;
  outbox: Pick<Outbox, 'enqueue'>;
  events: Pick<ConsoleEvents, 'emit'>;
  copy: Pick<Copy, 'lowStock'>;
  clock: Clock;
  /** LOW_STOCK_THRESHOLD, in each product's unit. */
  threshold: number;
  /** OWNER_PHONE; without it the dashboard alone is told. */
  ownerPhone?: string;
}

export const lowStockFlag = (sku: string) => `low-stock:${sku}`;

/** "3", "2.5 kg", "4 bags": what is left, as the shelf label counts it. */
const left = (p: Product, available: number) => {
  const n = toDisplayUnits(p.unit, available);
  if (isSoldByWeight(p.unit)) return `${n} ${p.unit}`;
  return p.unit === 'each' ? String(n) : pluralize(p.unit, n, true);
};

/**
 * Tells the owner of every product whose available stock fell below the threshold, once: the store's flag
 * `low-stock:<sku>` is claimed first, so of several runs (or processes) one tells. A product back at or above
 * the threshold has its flag cleared, so a later drop tells again. Returns the SKUs told about this time.
 */
export async function announceLowStock(deps: LowStockDeps): Promise<string[]> {
  const { store, threshold } = deps;
  const stock = new Map((await store.listStock()).map((s) => [s.sku, s.available]));
  const now = deps.clock.now();
  const told: { p: Product; available: number }[] = [];
  for (const p of await store.listProducts()) {
    const available = stock.get(p.sku) ?? 0;
    if (toDisplayUnits(p.unit, available) >= threshold) { await store.clearFlag(lowStockFlag(p.sku)); continue; }
    if (await store.claimFlag(lowStockFlag(p.sku), now)) told.push({ p, available });
  }
  if (told.length === 0) return [];
  // One message for all that ran low at once, rather than a burst of texts.
  if (deps.ownerPhone) deps.outbox.enqueue(deps.ownerPhone, deps.copy.lowStock(told.map(({ p, available }) => ({ name: p.name, left: left(p, available) }))));
  for (const { p } of told) deps.events.emit({ type: 'low_stock', sku: p.sku });
  return told.map(({ p }) => p.sku);
}
