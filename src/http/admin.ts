import { Router, type RequestHandler } from 'express';
import type { Core } from '../core';
import type { OutboundPort } from '../store/store';
import { catalogRoutes, type CatalogRouteDeps } from './admin-catalog';
import { adminEventsRoutes } from './admin-events';
import { adminInboxRoutes, type InboxRouteDeps } from './admin-inbox';
import { adminConversationRoutes, type ConversationRouteDeps } from './admin-conversations';
import { adminOrderRoutes, type OrderRouteDeps } from './admin-orders';
import { parseOr400 } from './errors';
import { promotionRoutes } from './admin-promotions';
import { staffRoutes, type StaffRouteDeps } from './admin-staff';
import type { StaffSessions } from '../staff/sessions';
import { settingsRoutes } from './admin-settings';
import { orderChangeRoutes } from './admin-order-changes';
import { stockWishRoutes, type StockWishRouteDeps } from './admin-stock-wishes';
import { phoneOr400 } from './phone-param';
import { e164Params } from './schemas';

export { isCatalogUpload } from './admin-catalog';

/** What the admin routes use: their own, and their sub-routers'. */
export type AdminDeps = InboxRouteDeps & CatalogRouteDeps & OrderRouteDeps & ConversationRouteDeps & Parameters<typeof promotionRoutes>[0]
  & Parameters<typeof settingsRoutes>[0] & Parameters<typeof orderChangeRoutes>[0] & StaffRouteDeps & StockWishRouteDeps & Pick<Core, 'orders' | 'engine' | 'events'> & {
    store: Pick<OutboundPort, 'listDeliveries'>;
    config: Pick<Core['config'], 'DEFAULT_COUNTRY'>;
  };

/**
 * The store owner's API: products and stock, orders (admin-orders.ts), conversations and the human-handoff
 * queue, staff accounts. `auth` is the sign-in check (the admin token or a signed-in person: src/http/auth.ts).
 */
export function adminRoutes(core: AdminDeps, auth: RequestHandler, sessions: StaffSessions): Router {
  const { store, engine } = core;
  const router = Router();
  router.use('/admin', auth);
  router.use(adminInboxRoutes(core), adminConversationRoutes(core), adminOrderRoutes(core), orderChangeRoutes(core), adminEventsRoutes(core.events),
    promotionRoutes(core), settingsRoutes(core), staffRoutes(core, sessions), stockWishRoutes(core));

  router.use(catalogRoutes(core));

  router.post('/admin/handoff/:phone/release', async (req, res) => {
    const phone = phoneOr400(core, req.params.phone, res, 'phone');
    if (!phone) return;
    const released = await engine.release(phone);
    if (released === 'not_waiting') { res.status(409).json({ error: 'that customer is not waiting for a human' }); return; }
    res.json({ released: true, phone });
  });

  // What became of each message the store sent a customer, newest first (statuses and error codes).
  router.get('/admin/customers/:phone/deliveries', async (req, res) => {
    const params = parseOr400(e164Params, req.params, res, 'path');
    if (!params) return;
    res.json({ deliveries: await store.listDeliveries(params.phone) });
  });

  return router;
}
