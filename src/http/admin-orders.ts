import { Router, type Response } from 'express';
import type { Config } from '../config';
import type { Clock, Order, OrderStatus } from '../domain/types';
import { label, movesOf, refusal } from '../orders/flow';
import type { ConsoleEvents } from '../events/console-events';
import type { SettingsService } from '../settings/service';
import type { Orders } from '../orders/orders';
import { matchesSearch, searchPatterns } from '../store/conversation-search';
import type { CustomersPort, OrderNotesPort, OrdersPort } from '../store/store';
import { actorOf } from './actor';
import { orderListQuery, orderNoteBody } from './admin-orders-schemas';
import { parseOr400 } from './errors';
import { orderJson } from './order-json';
import { slipHtml } from './order-slip';
import { phoneOr400 } from './phone-param';
import { orderStatusBody } from './schemas';

/** What the orders routes use. */
export interface OrderRouteDeps {
  store: Pick<OrdersPort, 'listOrders' | 'getOrder'> & Pick<OrderNotesPort, 'addOrderNote'> & Pick<CustomersPort, 'getCustomer' | 'listCustomers'>;
  orders: Pick<Orders, 'advance' | 'cancel'>;
  config: Pick<Config, 'DEFAULT_COUNTRY' | 'CURRENCY' | 'LOCALE'>;
  clock: Clock;
  /** The store's name on the packing slip, as the owner set it. */
  settings: Pick<SettingsService, 'current'>;
  /** Consoles hear of a note as of any change of the order (with the relay, in every process). */
  events: Pick<ConsoleEvents, 'emit'>;
}

/**
 * Whether an order answers a search: part of its id, the start of a word of its customer's name (as the
 * conversations list searches), or digits anywhere in their phone ("0124", the end a customer reads out).
 */
function matches(q: string, o: Order, name: string | undefined): boolean {
  if (o.id.toLowerCase().includes(q.toLowerCase())) return true;
  const digits = q.replace(/\D/g, '');
  if (/^[\d\s()+.-]+$/.test(q) && digits.length >= 3 && o.phone.includes(digits)) return true;
  const p = searchPatterns(q);
  return p !== undefined && name !== undefined && matchesSearch({ name: p.name }, { phone: o.phone, name });
}

/**
 * The orders of the owner's console: the list with its filters, one order with the moves it can make, moving
 * it, staff notes and the packing slip. Mounted behind the admin authentication.
 */
export function adminOrderRoutes(core: OrderRouteDeps): Router {
  const { store, orders } = core;
  const router = Router();

  const orderOr404 = async (id: string, res: Response): Promise<Order | undefined> => {
    const order = await store.getOrder(id);
    if (!order) res.status(404).json({ error: `no order ${id}` });
    return order;
  };

  router.get('/admin/orders', async (req, res) => {
    const q = parseOr400(orderListQuery, req.query, res, 'query');
    if (!q) return;
    const phone = q.phone === undefined ? undefined : phoneOr400(core, q.phone, res, 'phone');
    if (q.phone !== undefined && !phone) return;
    const list = (await store.listOrders({ phone, status: q.status })).filter((o) => !q.fulfilment || o.fulfilment === q.fulfilment);
    // Names by phone: one read of the customers, whatever the number of orders.
    const names = new Map(list.length ? (await store.listCustomers()).flatMap((c) => (c.name ? [[c.phone, c.name] as const] : [])) : []);
    const found = q.q ? list.filter((o) => matches(q.q!, o, names.get(o.phone))) : list;
    res.json({ orders: found.reverse().map((o) => ({ ...orderJson(o), ...(names.has(o.phone) ? { name: names.get(o.phone) } : {}) })) });
  });

  router.get('/admin/orders/:id', async (req, res) => {
    const order = await orderOr404(req.params.id, res);
    if (!order) return;
    const customer = await store.getCustomer(order.phone);
    res.json({ order: orderJson(order), customer: { phone: order.phone, ...(customer?.name ? { name: customer.name } : {}) }, moves: movesOf(order) });
  });

  router.post('/admin/orders/:id/status', async (req, res) => {
    const body = parseOr400(orderStatusBody, req.body, res, 'status change');
    if (!body) return;
    const to: OrderStatus = body.status;
    // The store's change: the customer and the console hear of it through the order's events (see core.ts).
    const result = to === 'cancelled' ? await orders.cancel(req.params.id, { by: 'store' }) : await orders.advance(req.params.id, to);
    if (result.ok) { res.json({ order: orderJson(result.order) }); return; }
    if (result.reason === 'not_found') { res.status(404).json({ error: `no order ${req.params.id}` }); return; }
    const order = await store.getOrder(req.params.id);
    const why = order ? refusal(order, to) : undefined;
    const now = order ? label(order.status, order.fulfilment).toLowerCase() : result.status;
    res.status(409).json({ error: `${why ?? 'That move cannot be made now'} (${req.params.id} is ${now}).` });
  });

  router.post('/admin/orders/:id/notes', async (req, res) => {
    const body = parseOr400(orderNoteBody, req.body, res, 'note');
    if (!body) return;
    const actor = actorOf(res);
    const by = actor.kind === 'staff' ? { kind: 'staff' as const, login: actor.login, name: actor.name } : { kind: 'admin' as const };
    const order = await store.addOrderNote(req.params.id, { at: core.clock.now(), by, text: body.text });
    if (!order) { res.status(404).json({ error: `no order ${req.params.id}` }); return; }
    core.events.emit({ type: 'order', orderId: order.id });
    res.status(201).json({ order: orderJson(order) });
  });

  router.get('/admin/orders/:id/slip', async (req, res) => {
    const order = await orderOr404(req.params.id, res);
    if (!order) return;
    const customer = await store.getCustomer(order.phone);
    res.type('html').set('Cache-Control', 'no-store').send(slipHtml({
      storeName: core.settings.current().storeName, order, currency: core.config.CURRENCY, locale: core.config.LOCALE,
      ...(customer?.name ? { customerName: customer.name } : {}),
    }));
  });

  return router;
}
