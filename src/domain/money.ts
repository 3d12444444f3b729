import pluralize from 'pluralize';
import type { Product, Unit } from './types';
import { gramsOf, isSoldByWeight, normalizeUnit, weightInUnit, weightSteps } from './units';

/**
 * The price of `qty` base units of a product, in cents, rounded once at the end. A weight is priced as it
 * is read back (680 g of a $3.99/lb product reads "1.5 lb" and costs $5.99), so a line never disagrees
 * with itself; for kg and g that is the exact gram.
 */
export function lineTotalCents(product: Pick<Product, 'unit' | 'priceCents'>, qty: number): number {
  const w = weightSteps(product.unit, qty);
  return w === undefined ? product.priceCents * qty : Math.round((product.priceCents * w.steps) / w.perUnit);
}

/** Major currency units (2.49) to cents (249) without float drift. */
export function toCents(major: number): number {
  return Math.round(major * 100);
}

/** Per locale and currency, its formatter and the amounts it wrote lately. */
const formatters = new Map<string, { format: Intl.NumberFormat; written: Map<number, string> }>();
/** Amounts remembered per formatter; emptied when full, so memory stays bounded. */
const WRITTEN_MAX = 5000;

/**
 * Formatters are kept per locale and currency: building one costs about 60 times a format. The same few
 * amounts (prices, line totals, the delivery fee) are written again on every cart shown, and a format costs
 * more than a look-up, so each formatter remembers what it wrote.
 */
export function formatMoney(cents: number, currency: string, locale = 'en-US'): string {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = { format: new Intl.NumberFormat(locale, { style: 'currency', currency }), written: new Map() }));
  // A Map holds -0 and 0 as one key, and they are written "-$0.00" and "$0.00".
  if (Object.is(cents, -0)) return f.format.format(cents / 100);
  const known = f.written.get(cents);
  if (known !== undefined) return known;
  const text = f.format.format(cents / 100);
  if (f.written.size >= WRITTEN_MAX) f.written.clear();
  f.written.set(cents, text);
  return text;
}

/** A shelf label for `count` of it: "bag", "bags", "loaves", "boxes". */
export function labelFor(unit: Unit, count: number): string {
  return pluralize(normalizeUnit(unit), count);
}

/** "3", "2 bags", "1.5 kg", "500 g", "1.5 lb", "8 oz" — a quantity as a customer reads it. */
export function formatQty(unit: Unit, qty: number): string {
  const u = normalizeUnit(unit);
  if (u === 'each') return String(qty);
  if (!isSoldByWeight(u)) return `${qty} ${labelFor(u, qty)}`;
  if (u === 'lb' || u === 'oz') return `${weightInUnit(u, qty)} ${u}`;
  return qty >= 1000 ? `${trimZeros(qty / 1000)} kg` : `${qty} g`;
}

/** Admin-facing numbers: weights in the product's unit (kg, lb…), others in pieces. */
export function toDisplayUnits(unit: Unit, qty: number): number {
  return weightInUnit(unit, qty);
}

export function fromDisplayUnits(unit: Unit, value: number): number {
  return gramsOf(unit, value);
}

function trimZeros(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
