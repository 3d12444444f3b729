import { Router } from 'express';
import type { Core } from '../core';
import { actorOf } from './actor';
import { orderJson } from './order-json';
import { badRequest, parseOr400 } from './errors';
import { orderChangesBody } from './order-changes-schemas';
import { orderIdParams } from './schemas';

/**
 * Changes at picking time: staff mark a line missing, found short, or to be substituted. Removals apply at
 * once; the rest are asked of the customer (see src/orders/changes.ts). Mounted after the admin sign-in.
 */
export function orderChangeRoutes(core: Pick<Core, 'changes'>): Router {
  const router = Router();

  router.post('/admin/orders/:id/changes', async (req, res) => {
    const params = parseOr400(orderIdParams, req.params, res, 'path');
    const body = params && parseOr400(orderChangesBody, req.body, res, 'changes');
    if (!params || !body) return;
    const r = await core.changes.propose(params.id, body.changes, actorOf(res));
    if (r.ok) {
      const pending = r.proposed.some((c) => c.status === 'pending');
      res.status(pending ? 202 : 200).json({ order: orderJson(r.order) });
      return;
    }
    switch (r.reason) {
      case 'not_found': res.status(404).json({ error: `no order ${params.id}` }); return;
      case 'invalid': badRequest(res, 'invalid changes', r.errors); return;
      case 'not_changeable': res.status(409).json({ error: `${params.id} is ${r.status}; orders change at picking time only, while placed or being prepared` }); return;
      case 'awaiting_answer': res.status(409).json({ error: `${params.id} has changes awaiting the customer's answer; propose more once they answer (or the store's default applies)` }); return;
      case 'out_of_stock': res.status(409).json({ error: `not enough ${r.name} on the shelf to offer (${r.available} available); nothing was changed` }); return;
      case 'changed': res.status(409).json({ error: `${params.id} was changed by someone else just now; reload it and try again` }); return;
    }
  });

  return router;
}
