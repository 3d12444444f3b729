import { z } from 'zod';
import { describeIssue } from './issues';
import { isSoldByWeight, normalizeUnit, weightStep } from './units';
import { contradictionsIn, isProductTag, normalizeTag, PRODUCT_TAGS, sortTags } from './tags';

/**
 * The tags of a product: known ones only (an unknown one is refused, naming the known ones), no two that
 * contradict each other (refused, naming both), kept in their order.
 */
export const tagsSchema = z.array(z.string().max(40)).max(PRODUCT_TAGS.length * 2).superRefine((tags, ctx) => {
  for (const tag of tags) {
    if (!isProductTag(normalizeTag(tag))) ctx.addIssue({ code: 'custom', message: `"${tag.slice(0, 40)}" is not a tag we know; the tags are ${PRODUCT_TAGS.join(', ')}` });
  }
  for (const [a, b] of contradictionsIn(sortTags(tags))) {
    ctx.addIssue({ code: 'custom', message: `"${a}" and "${b}" contradict each other: a product can't be both; keep the one that is true` });
  }
}).transform(sortTags);

/** What a unit may be once trimmed and lower-cased: one word of letters. */
export const UNIT_LABEL = /^[a-z]{1,20}$/;

const twoDecimals = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

/** The most stock one product may have, in its unit. */
export const MAX_STOCK = 1_000_000;

/** One product as the catalog file and the admin API write it: price in major units, stock received. */
export const productInputSchema = z
  .object({
    sku: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'must be letters, digits, - or _ (at most 40), like APL-01'),
    name: z.string().trim().min(1).max(80),
    // At least one cent: a positive price below half a cent would be stored as 0 cents (a free product).
    price: z.number().min(0.01).max(100000).refine(twoDecimals, 'must have at most two decimals, like 2.49'),
    /** The shelf label (each, bag, jar, loaf…) or a weight (kg, g, lb, oz; "lbs" is lb): letters only, kept lower-case. */
    unit: z.string().overwrite(normalizeUnit).regex(UNIT_LABEL, 'must be a shelf label of 1 to 20 letters, like each, bag, jar, kg or lb'),
    stock: z.number().min(0).max(MAX_STOCK),
    category: z.string().trim().min(1).max(40),
    // "|" separates aliases in the CSV sheet, so an alias containing it would come back as two.
    aliases: z.array(z.string().trim().min(1).max(40).refine((a) => !a.includes('|'), 'may not contain |, which separates aliases in a CSV sheet')).max(20).optional(),
    pieceGrams: z.number().int().positive().max(100000).optional(),
    /** Most of this product one cart line may hold, in its unit: pieces, or its weight unit (grams precision). */
    maxPerOrder: z.number().positive().max(1_000_000).optional(),
    /** false hides the product from customers (kept, with its stock and history); true or unset: on sale. */
    active: z.boolean().optional(),
    /** What is in it (vegan, gluten-free, contains-nuts…): what the bot answers "is it vegan?" from. */
    tags: tagsSchema.optional(),
  })
  .strict()
  .refine((p) => isSoldByWeight(p.unit) || Number.isInteger(p.stock), {
    message: 'must be a whole number for products sold by the piece',
    path: ['stock'],
  })
  .refine((p) => p.maxPerOrder === undefined || (isSoldByWeight(p.unit) ? p.maxPerOrder >= weightStep(p.unit)! : Number.isInteger(p.maxPerOrder)), {
    message: 'must be a whole number for products sold by count, or at least 0.001 kg, 1 g, 0.01 lb or 0.1 oz for products sold by weight',
    path: ['maxPerOrder'],
  })
  .refine((p) => isSoldByWeight(p.unit) || p.pieceGrams === undefined, {
    message: 'only products sold by weight (unit kg, g, lb or oz) have a piece weight',
    path: ['pieceGrams'],
  });

export type ProductInput = z.infer<typeof productInputSchema>;

export const catalogSchema = z.array(productInputSchema).min(1);

/** Every issue of a failed parse in words (see issues.ts), for 400 answers and start-up errors. */
export function describeIssues(error: z.ZodError, prefix?: string): string[] {
  return error.issues.map((i) => describeIssue(i, prefix));
}
