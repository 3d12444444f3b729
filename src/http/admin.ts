import { Router, type Response } from 'express';
import type { Core } from '../core';
import type { OrdersPort, OutboundPort } from '../store/store';
import { toDisplayUnits } from '../domain/money';
import { toE164 } from '../domain/phone';
import type { Order } from '../domain/types';
import { catalogRoutes, type CatalogRouteDeps } from './admin-catalog';
import { bearer } from './auth';
import { adminEventsRoutes } from './admin-events';
import { adminInboxRoutes, type InboxRouteDeps } from './admin-inbox';
import { badRequest, parseOr400 } from './errors';
import { promotionRoutes } from './admin-promotions';
import { orderChangeRoutes } from './admin-order-changes';
import { orderChangeJson } from './order-changes-schemas';
import { e164Params, orderQuery, orderStatusBody } from './schemas';

const major = (cents: number) => cents / 100;

export function orderJson(o: Order) {
  return {
    id: o.id,
    phone: o.phone,
    status: o.status,
    lines: o.lines.map((l) => ({ sku: l.sku, name: l.name, unit: l.unit, qty: toDisplayUnits(l.unit, l.qty), unitPrice: major(l.unitPriceCents),
      discount: major(l.discountCents ?? 0), lineTotal: major(l.lineTotalCents), ...(l.promotionId ? { promotionId: l.promotionId } : {}) })),
    deliveryFee: major(o.deliveryFeeCents),
    total: major(o.totalCents),
    fulfilment: o.fulfilment,
    ...(o.address ? { address: o.address } : {}),
    channel: o.channel,
    createdAt: new Date(o.createdAt).toISOString(),
    updatedAt: new Date(o.updatedAt).toISOString(),
    ...(o.changes?.length ? { changes: o.changes.map(orderChangeJson) } : {}),
  };
}

function phoneOr400(core: { config: Pick<Core['config'], 'DEFAULT_COUNTRY'> }, value: string, res: Response, field: string): string | undefined {
  const p = toE164(value, core.config.DEFAULT_COUNTRY);
  if (p.ok) return p.phone;
  badRequest(res, `invalid ${field}`, [`${field}: ${p.reason}`]);
  return undefined;
}

export { isCatalogUpload } from './admin-catalog';

/** What the admin routes use: their own, and their sub-routers'. */
export type AdminDeps = InboxRouteDeps & CatalogRouteDeps & Parameters<typeof promotionRoutes>[0] & Parameters<typeof orderChangeRoutes>[0] & Pick<Core, 'orders' | 'engine' | 'events'> & {
  store: Pick<OrdersPort, 'listOrders'> & Pick<OutboundPort, 'listDeliveries'>;
  config: Pick<Core['config'], 'DEFAULT_COUNTRY'>;
};

/** The store owner's API: products and stock, orders and their status, the human-handoff queue. */
export function adminRoutes(core: AdminDeps, adminToken: string): Router {
  const { store, orders, engine } = core;
  const router = Router();
  router.use('/admin', bearer(adminToken, 'admin'));
  router.use(adminInboxRoutes(core), adminEventsRoutes(core.events), promotionRoutes(core), orderChangeRoutes(core));

  router.use(catalogRoutes(core));

  router.get('/admin/orders', async (req, res) => {
    const q = parseOr400(orderQuery, req.query, res, 'query');
    if (!q) return;
    const phone = q.phone === undefined ? undefined : phoneOr400(core, q.phone, res, 'phone');
    if (q.phone !== undefined && !phone) return;
    const list = await store.listOrders({ phone, status: q.status });
    res.json({ orders: list.reverse().map(orderJson) });
  });

  router.post('/admin/orders/:id/status', async (req, res) => {
    const body = parseOr400(orderStatusBody, req.body, res, 'status change');
    if (!body) return;
    // The store's change: the customer and the console hear of it through the order's events (see core.ts).
    const result = body.status === 'cancelled' ? await orders.cancel(req.params.id, { by: 'store' }) : await orders.advance(req.params.id, body.status);
    if (result.ok) {
      res.json({ order: orderJson(result.order) });
      return;
    }
    if (result.reason === 'not_found') { res.status(404).json({ error: `no order ${req.params.id}` }); return; }
    if (result.reason === 'awaiting_answer') { res.status(409).json({ error: `${req.params.id} has a change awaiting the customer's answer; it moves on once they answer, or once the store's default applies` }); return; }
    const rule = body.status === 'cancelled'
      ? 'orders can be cancelled only until they are dispatched'
      : 'orders only move forward: placed → preparing → dispatched → delivered';
    res.status(409).json({ error: `${req.params.id} is ${result.status}; ${rule}` });
  });

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
