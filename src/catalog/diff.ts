import type { ProductInput } from '../domain/schemas';
import type { Product, StockLevel } from '../domain/types';
import { receivedOf, toProduct } from './load';

/** What an upload would do to one product, for the preview before it is applied. */
export interface ProductChange {
  sku: string;
  name: string;
  change: 'new' | 'changed' | 'unchanged';
  /** The fields that would change (empty for a new product). */
  fields: string[];
}

export function diffProduct(input: ProductInput, existing: Product | undefined, stock: StockLevel | undefined): ProductChange {
  if (!existing) return { sku: input.sku, name: input.name, change: 'new', fields: [] };
  const next = toProduct(input);
  const fields: string[] = [];
  if (next.name !== existing.name) fields.push('name');
  if (next.priceCents !== existing.priceCents) fields.push('price');
  if (next.unit !== existing.unit) fields.push('unit');
  if (receivedOf(input) !== (stock?.received ?? 0)) fields.push('stock');
  if (next.category !== existing.category) fields.push('category');
  if (next.aliases.join('\u0000') !== existing.aliases.join('\u0000')) fields.push('aliases');
  if (next.pieceGrams !== existing.pieceGrams) fields.push('pieceGrams');
  if (next.maxPerOrder !== existing.maxPerOrder) fields.push('maxPerOrder');
  if ((next.tags ?? []).join(',') !== (existing.tags ?? []).join(',')) fields.push('tags');
  // An upload without `active` leaves a hidden product hidden (see CatalogService.apply).
  if (input.active !== undefined && input.active !== (existing.active !== false)) fields.push('active');
  return { sku: input.sku, name: input.name, change: fields.length ? 'changed' : 'unchanged', fields };
}
