import { Router } from 'express';
import { bearer } from '../http/auth';
import type { Store } from '../store/store';

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * `GET /admin/customers/:phone/deliveries` → `{ deliveries: [...] }`, newest first: what became of each
 * message the store sent a customer (queued, sent, delivered, undelivered, failed, skipped; error codes).
 */
export function deliveriesRouter(store: Store, adminToken: string): Router {
  const router = Router();
  router.get('/admin/customers/:phone/deliveries', bearer(adminToken, 'admin'), async (req, res) => {
    const phone = String(req.params.phone ?? '').trim();
    if (!E164.test(phone)) { res.status(400).json({ error: 'phone must be in E.164 form, e.g. +12025550123' }); return; }
    res.json({ deliveries: await store.listDeliveries(phone) });
  });
  return router;
}
