import { Router } from 'express';
import { z } from 'zod';
import type { CatalogPort, StockWishesPort } from '../store/store';
import { parseOr400 } from './errors';

export const stockWishesQuery = z.object({
  sku: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'must be a product\'s sku: letters, digits, - or _ (at most 40), like APL-01').optional()
    .meta({ description: 'Only this product' }),
});

export const stockWishesBody = z.object({
  waiting: z.array(z.object({
    sku: z.string(), name: z.string(),
    customers: z.number().int().meta({ description: 'How many customers asked to be told when it is back and have not been told yet' }),
  })),
});

export interface StockWishRouteDeps {
  store: Pick<StockWishesPort, 'countWaitingWishes'> & Pick<CatalogPort, 'listProducts'>;
}

/** How many customers wait for each sold-out product ("3 waiting" on the products page), most first. */
export function stockWishRoutes(core: StockWishRouteDeps): Router {
  const router = Router();
  router.get('/admin/stock-wishes', async (req, res) => {
    const q = parseOr400(stockWishesQuery, req.query, res, 'query');
    if (!q) return;
    const products = new Map((await core.store.listProducts()).map((p) => [p.sku, p]));
    if (q.sku && !products.has(q.sku)) { res.status(404).json({ error: `no product with sku ${q.sku}` }); return; }
    const counts = await core.store.countWaitingWishes();
    const waiting = Object.entries(counts)
      .filter(([sku]) => (q.sku ? sku === q.sku : products.has(sku)))
      .map(([sku, customers]) => ({ sku, name: products.get(sku)!.name, customers }))
      .sort((a, b) => b.customers - a.customers || a.name.localeCompare(b.name));
    res.json(stockWishesBody.parse({ waiting }));
  });
  return router;
}
