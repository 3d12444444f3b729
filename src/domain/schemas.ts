import { z } from 'zod';

const twoDecimals = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

/** One product as the catalog file and the admin API write it: price in major units, stock received. */
export const productInputSchema = z
  .object({
    sku: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'letters, digits, - or _, at most 40'),
    name: z.string().trim().min(1).max(80),
    // At least one cent: a positive price below half a cent would be stored as 0 cents (a free product).
    price: z.number().min(0.01).max(100000).refine(twoDecimals, 'at most two decimals'),
    unit: z.enum(['each', 'kg']),
    stock: z.number().min(0).max(1_000_000),
    category: z.string().trim().min(1).max(40),
    aliases: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    pieceGrams: z.number().int().positive().max(100000).optional(),
    /** Most of this product one cart line may hold, in its unit: pieces, or kilograms (grams precision). */
    maxPerOrder: z.number().positive().max(1_000_000).optional(),
  })
  .strict()
  .refine((p) => p.unit === 'kg' || Number.isInteger(p.stock), {
    message: 'must be a whole number for products sold by the piece',
    path: ['stock'],
  })
  .refine((p) => p.maxPerOrder === undefined || (p.unit === 'kg' ? Math.round(p.maxPerOrder * 1000) >= 1 : Number.isInteger(p.maxPerOrder)), {
    message: 'must be a whole number of pieces, or at least 1 g for products sold by weight',
    path: ['maxPerOrder'],
  })
  .refine((p) => p.unit === 'kg' || p.pieceGrams === undefined, {
    message: 'only products sold by weight (unit kg) have a piece weight',
    path: ['pieceGrams'],
  });

export type ProductInput = z.infer<typeof productInputSchema>;

export const catalogSchema = z.array(productInputSchema).min(1);

/** Every issue of a failed parse as "path: message", for 400 answers and start-up errors. */
export function describeIssues(error: z.ZodError, prefix?: string): string[] {
  return error.issues.map((i) => {
    const path = [...(prefix !== undefined ? [prefix] : []), ...i.path.map(String)];
    return `${path.length ? path.join('.') : '(root)'}: ${i.message}`;
  });
}
