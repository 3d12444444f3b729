import { Router } from 'express';
import type { Core } from '../core';
import { parsePromotions, toJson } from '../promotions/input';
import { badRequest } from './errors';

/** The owner's promotions: PUT replaces the whole set, GET lists it. Mounted after the admin token check. */
export function promotionRoutes(core: Pick<Core, 'clock' | 'promotions' | 'catalog'>): Router {
  const router = Router();
  const listed = async () => {
    const now = core.clock.now();
    return { promotions: (await core.promotions.current()).map((p) => toJson(p, now)) };
  };

  router.get('/admin/promotions', async (_req, res) => {
    res.json(await listed());
  });

  router.put('/admin/promotions', async (req, res) => {
    const parsed = parsePromotions(req.body, core.catalog.products());
    if (!parsed.ok) { badRequest(res, 'invalid promotions', parsed.errors); return; }
    await core.promotions.replace(parsed.promotions);
    res.json(await listed());
  });

  return router;
}
