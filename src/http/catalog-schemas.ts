import { z } from 'zod';
import { PRODUCT_TAGS } from '../domain/tags';

// The bodies and answers of the catalog and audit routes (src/http/admin-catalog.ts).

export const dryRunQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional().meta({ description: 'true: validate and preview the changes, write nothing' }),
});
export const productEditBody = z.object({
  name: z.string().max(80).optional(),
  category: z.string().max(40).optional(),
  unit: z.string().max(20).optional().meta({ description: 'Another unit of the same kind: a count (each, jar, bag…) for a count, a weight (kg, g, lb, oz) for a weight' }),
  price: z.number().optional().meta({ description: 'In major units (2.49)' }),
  stock: z.number().min(0).max(1_000_000).optional().meta({ description: 'Units received in total, in the product\'s unit' }),
  aliases: z.array(z.string().max(40)).max(20).optional(),
  maxPerOrder: z.number().positive().max(1_000_000).nullable().optional().meta({ description: 'Most of it one cart line may hold, in its unit; null clears it' }),
  active: z.boolean().optional().meta({ description: 'false hides the product from customers (kept, with its stock); true puts it back on sale' }),
  tags: z.array(z.string().max(40)).max(40).optional().meta({ description: `What is in it, replacing its tags ([] clears them); the bot answers "is it vegan?" from these alone. Known tags: ${PRODUCT_TAGS.join(', ')}` }),
}).strict().refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'give at least one field to change: name, category, unit, price, stock, aliases, maxPerOrder, active or tags' });
export const restockBody = z.object({
  quantity: z.number().positive().max(1_000_000).meta({ description: 'Added to the stock received, in the product\'s unit' }),
}).strict();
export const auditQuery = z.object({
  sku: z.string().min(1).max(200).optional(),
  limit: z.string().regex(/^[1-9]\d{0,2}$|^1000$/, 'must be a whole number from 1 to 1000').optional().meta({ description: 'At most this many (default 100)' }),
});

export const catalogProduct = z.object({
  sku: z.string(), name: z.string(), category: z.string(), unit: z.string(), price: z.number(), aliases: z.array(z.string()),
  maxPerOrder: z.number().optional().meta({ description: 'Most of it one cart line may hold, in its unit (unset: the store\'s limit)' }),
  active: z.boolean().meta({ description: 'On sale; false when the owner hid it' }),
  tags: z.array(z.enum(PRODUCT_TAGS)).meta({ description: 'What is in it, as the owner marked it (empty: nothing marked)' }),
  stock: z.number().meta({ description: 'Units received in total' }),
  available: z.number().meta({ description: 'On the shelf: received, less what is held in carts and sold' }),
  reserved: z.number().meta({ description: 'Held: in customers\' carts, and set aside for orders awaiting an answer to a change' }),
  sold: z.number(),
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
    by: z.object({
      kind: z.enum(['admin', 'staff', 'order', 'sweeper', 'reconciler']), orderId: z.string().optional(),
      login: z.string().optional(), name: z.string().optional().meta({ description: 'The signed-in person (kind staff)' }), role: z.enum(['owner', 'staff']).optional(),
    }),
    what: z.enum(['stock', 'price', 'product']).meta({ description: 'product: its name, category, unit, aliases, order limit, or hidden/shown' }),
    reason: z.string(),
    before: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
    after: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  })),
});
