import type { AuditEntry, AuditValue } from '../domain/owner';
import { toDisplayUnits } from '../domain/money';
import type { Product, StockLevel } from '../domain/types';

const major = (cents: number) => cents / 100;

/** One product as the owner's console shows it: figures in the product's unit, price in major units. */
export function productView(p: Product, s: StockLevel | undefined, lowThreshold: number) {
  const u = (n: number) => toDisplayUnits(p.unit, n);
  const available = u(s?.available ?? 0);
  return {
    sku: p.sku, name: p.name, category: p.category, unit: p.unit, price: major(p.priceCents), aliases: p.aliases,
    ...(p.maxPerOrder !== undefined ? { maxPerOrder: u(p.maxPerOrder) } : {}),
    active: p.active !== false,
    tags: p.tags ?? [],
    stock: u(s?.received ?? 0), available, reserved: u(s?.reserved ?? 0), sold: u(s?.sold ?? 0),
    low: available < lowThreshold,
  };
}

/** An audit entry for the console: stock figures in the product's unit (as stored when it is gone), prices in major units. */
export function auditView(e: AuditEntry, product: Product | undefined) {
  const figure = (key: string, n: AuditValue) => (typeof n !== 'number' ? n : key === 'price' ? major(n) : product ? toDisplayUnits(product.unit, n) : n);
  const figures = (r: Record<string, AuditValue>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, figure(k, v)]));
  return { at: new Date(e.at).toISOString(), sku: e.sku, by: e.by, what: e.what, reason: e.reason, before: figures(e.before), after: figures(e.after) };
}
