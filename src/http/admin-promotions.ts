import { Router, type Response } from 'express';
import type { Core } from '../core';
import type { Promotion } from '../domain/owner';
import { applyEdit, parseOne, parsePromotions, promotionEdit, toInput, toJson } from '../promotions/input';
import { badRequest, parseOr400 } from './errors';

/**
 * The owner's promotions: PUT replaces the whole set, GET lists it; POST adds one, PATCH changes one, and
 * POST …/end ends one now. Each change of one is read, checked and written over the set as the store holds
 * it. Mounted after the admin token check.
 */
export function promotionRoutes(core: Pick<Core, 'clock' | 'promotions' | 'catalog'>): Router {
  const router = Router();
  const listed = async () => {
    const now = core.clock.now();
    return { promotions: (await core.promotions.current()).map((p) => toJson(p, now)) };
  };
  const products = async () => { await core.catalog.fresh(); return core.catalog.products(); };
  const one = (res: Response, p: Promotion, status = 200) => { res.status(status).json(toJson(p, core.clock.now())); };
  const missing = (res: Response, id: string) => { res.status(404).json({ error: `no promotion with id ${id}` }); };
  /** Writes the edited set unless someone changed the promotions since `list` was read (then 409: nothing lost). */
  const saved = async (res: Response, list: Promotion[], next: Promotion[]) => {
    if (await core.promotions.replaceIf(list, next)) return true;
    res.status(409).json({ error: 'the promotions were changed by someone else a moment ago; nothing was saved: reload them and try again' });
    return false;
  };

  router.get('/admin/promotions', async (_req, res) => {
    res.json(await listed());
  });

  router.put('/admin/promotions', async (req, res) => {
    const parsed = parsePromotions(req.body, await products());
    if (!parsed.ok) { badRequest(res, 'invalid promotions', parsed.errors); return; }
    await core.promotions.replace(parsed.promotions);
    res.json(await listed());
  });

  router.post('/admin/promotions', async (req, res) => {
    const parsed = parseOne(req.body, await products());
    if (!parsed.ok) { badRequest(res, 'invalid promotion', parsed.errors); return; }
    const list = await core.promotions.stored();
    if (list.some((p) => p.id === parsed.promotion.id)) { res.status(409).json({ error: `a promotion with id ${parsed.promotion.id} already exists; change it with PATCH` }); return; }
    if (await saved(res, list, [...list, parsed.promotion])) one(res, parsed.promotion, 201);
  });

  router.patch('/admin/promotions/:id', async (req, res) => {
    const edit = parseOr400(promotionEdit, req.body, res, 'promotion change');
    if (!edit) return;
    const list = await core.promotions.stored();
    const i = list.findIndex((p) => p.id === req.params.id);
    if (i < 0) { missing(res, req.params.id); return; }
    const parsed = parseOne(applyEdit(toInput(list[i]!), edit), await products());
    if (!parsed.ok) { badRequest(res, 'invalid promotion change', parsed.errors); return; }
    if (await saved(res, list, list.map((p, k) => (k === i ? parsed.promotion : p)))) one(res, parsed.promotion);
  });

  router.post('/admin/promotions/:id/end', async (req, res) => {
    const now = core.clock.now();
    const list = await core.promotions.stored();
    const promotion = list.find((p) => p.id === req.params.id);
    if (!promotion) { missing(res, req.params.id); return; }
    if (promotion.endsAt !== undefined && promotion.endsAt <= now) { res.status(409).json({ error: `promotion ${promotion.id} has already ended` }); return; }
    // One that has not started yet never runs: it is removed. One running now ends at this instant, and is listed as ended.
    if (promotion.startsAt !== undefined && now < promotion.startsAt) {
      if (await saved(res, list, list.filter((p) => p !== promotion))) res.json({ ...toJson(promotion, now), removed: true });
      return;
    }
    const ended = { ...promotion, endsAt: now };
    if (await saved(res, list, list.map((p) => (p === promotion ? ended : p)))) one(res, ended);
  });

  return router;
}
