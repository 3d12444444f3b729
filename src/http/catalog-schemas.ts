import { z } from 'zod';

// The bodies and answers of the catalog and audit routes (src/http/admin-catalog.ts).

export const dryRunQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional().meta({ description: 'true: validate and preview the changes, write nothing' }),
});
export const productEditBody = z.object({
  price: z.number().optional().meta({ description: 'In major units (2.49)' }),
  stock: z.number().min(0).max(1_000_000).optional().meta({ description: 'Units received in total, in the product\'s unit' }),
  aliases: z.array(z.string().max(40)).max(20).optional(),
}).strict().refine((b) => b.price !== undefined || b.stock !== undefined || b.aliases !== undefined, { message: 'give price, stock or aliases' });
export const restockBody = z.object({
  quantity: z.number().positive().max(1_000_000).meta({ description: 'Added to the stock received, in the product\'s unit' }),
}).strict();
export const auditQuery = z.object({
  sku: z.string().min(1).max(200).optional(),
  limit: z.string().regex(/^[1-9]\d{0,2}$|^1000$/, 'must be a whole number from 1 to 1000').optional().meta({ description: 'At most this many (default 100)' }),
});

export const catalogProduct = z.object({
  sku: z.string(), name: z.string(), category: z.string(), unit: z.string(), price: z.number(), aliases: z.array(z.string()),
  stock: z.number().meta({ description: 'Units received in total' }), available: z.number(), reserved: z.number(), sold: z.number(),
  low: z.boolean().meta({ description: 'Available below LOW_STOCK_THRESHOLD' }),
});
export const catalogListBody = z.object({ products: z.array(catalogProduct) });
export const catalogPreviewBody = z.object({
  dryRun: z.literal(true),
  changes: z.array(z.object({ sku: z.string(), name: z.string(), change: z.enum(['new', 'changed', 'unchanged']), fields: z.array(z.string()) })),
});
export const auditBody = z.object({
  entries: z.array(z.object({
    at: z.string(),
    sku: z.string(),
    by: z.object({ kind: z.enum(['admin', 'order', 'sweeper', 'reconciler']), orderId: z.string().optional() }),
    what: z.enum(['stock', 'price']),
    reason: z.string(),
    before: z.record(z.string(), z.number()),
    after: z.record(z.string(), z.number()),
  })),
});
