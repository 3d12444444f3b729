import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { catalogSchema, describeIssues, type ProductInput } from '../domain/schemas';
import { toCents, fromDisplayUnits } from '../domain/money';
import type { Product } from '../domain/types';
import type { FaqSource } from '../understanding/rules/faq';
import { z } from 'zod';

export const BUNDLED_CATALOG = fileURLToPath(new URL('../../data/catalog.json', import.meta.url));
export const BUNDLED_FAQ = fileURLToPath(new URL('../../data/faq.json', import.meta.url));

export function toProduct(input: ProductInput): Product {
  return {
    sku: input.sku,
    name: input.name,
    category: input.category,
    unit: input.unit,
    priceCents: toCents(input.price),
    aliases: input.aliases ?? [],
    ...(input.pieceGrams !== undefined ? { pieceGrams: input.pieceGrams } : {}),
    ...(input.maxPerOrder !== undefined ? { maxPerOrder: fromDisplayUnits(input.unit, input.maxPerOrder) } : {}),
    ...(input.active === false ? { active: false } : {}),
    ...(input.tags?.length ? { tags: input.tags } : {}),
  };
}

/** Units received, in the product's base unit (grams for kg products). */
export function receivedOf(input: ProductInput): number {
  return fromDisplayUnits(input.unit, input.stock);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** Reads and validates a catalog file; throws one message naming every bad field. */
export function loadCatalog(path: string): ProductInput[] {
  const parsed = catalogSchema.safeParse(readJson(path));
  if (!parsed.success) throw new Error(`${path} is not a valid catalog: ${describeIssues(parsed.error).slice(0, 10).join('; ')}`);
  const skus = new Set<string>();
  for (const p of parsed.data) {
    if (skus.has(p.sku)) throw new Error(`${path} lists sku ${p.sku} twice`);
    skus.add(p.sku);
  }
  return parsed.data;
}

const faqSchema = z.array(z.object({
  topic: z.string().min(1),
  keywords: z.array(z.string().min(1)).min(1),
  answer: z.string().min(1),
  /** Example questions in customers' own words, which the FAQ index matches messages against. */
  questions: z.array(z.string().min(1)).optional(),
}).strict());

export function loadFaq(path: string): FaqSource[] {
  const parsed = faqSchema.safeParse(readJson(path));
  if (!parsed.success) throw new Error(`${path} is not a valid FAQ file: ${describeIssues(parsed.error).join('; ')}`);
  return parsed.data;
}
