import type { Product, Unit } from './types';

/** The price of `qty` base units of a product, in cents, rounded once at the end. */
export function lineTotalCents(product: Pick<Product, 'unit' | 'priceCents'>, qty: number): number {
  return product.unit === 'kg' ? Math.round((product.priceCents * qty) / 1000) : product.priceCents * qty;
}

/** Major currency units (2.49) to cents (249) without float drift. */
export function toCents(major: number): number {
  return Math.round(major * 100);
}

export function formatMoney(cents: number, currency: string, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

/** "3", "1.5 kg", "500 g" — a quantity as a customer reads it. */
export function formatQty(unit: Unit, qty: number): string {
  if (unit === 'each') return String(qty);
  return qty >= 1000 ? `${trimZeros(qty / 1000)} kg` : `${qty} g`;
}

/** Admin-facing numbers: kg products report stock in kilograms, others in pieces. */
export function toDisplayUnits(unit: Unit, qty: number): number {
  return unit === 'kg' ? qty / 1000 : qty;
}

export function fromDisplayUnits(unit: Unit, value: number): number {
  return unit === 'kg' ? Math.round(value * 1000) : value;
}

function trimZeros(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
