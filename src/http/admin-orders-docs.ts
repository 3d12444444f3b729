import { error, json, jsonBodyErrors, page, unauthorized, type RouteDoc } from './openapi-parts';
import * as s from './admin-orders-schemas';
import { orderIdParams, orderStatusBody } from './schemas';

/** The documentation of the orders routes of the console (admin-orders.ts). */
export const ORDER_ROUTES: RouteDoc[] = [
  {
    method: 'get', path: '/admin/orders', operationId: 'listOrders', tag: 'Admin', security: ['adminToken'],
    summary: 'Orders, newest first, with the customer\'s name; filtered by status, delivery or pickup, customer phone, or a search (order id, name, phone)',
    query: s.orderListQuery,
    responses: {
      200: {
        description: 'Orders', json: s.orderListBody,
        links: {
          changeStatus: { operationId: 'changeOrderStatus', parameters: { id: '$response.body#/orders/0/id' } },
          readOrder: { operationId: 'getOrder', parameters: { id: '$response.body#/orders/0/id' } },
        },
      },
      400: jsonBodyErrors[400]!, 401: unauthorized,
    },
  },
  {
    method: 'get', path: '/admin/orders/:id', operationId: 'getOrder', tag: 'Admin', security: ['adminToken'],
    summary: 'One order, with its customer, its notes and the moves it can make now (each with the reason when it cannot)',
    params: orderIdParams,
    responses: { 200: { description: 'The order', json: s.orderDetailBody }, 401: unauthorized, 404: error('No such order') },
  },
  {
    method: 'post', path: '/admin/orders/:id/status', operationId: 'changeOrderStatus', tag: 'Admin', security: ['adminToken'],
    summary: 'Move an order forward along its path (delivery: placed → preparing → dispatched → delivered; pickup: placed → preparing → ready → delivered, i.e. collected), or cancel it until it leaves the store. The customer is told on their channel',
    params: orderIdParams, body: json(orderStatusBody),
    responses: {
      200: { description: 'The order after the change', json: s.orderAnswerBody }, ...jsonBodyErrors, 401: unauthorized,
      404: error('No such order'),
      409: error('The move is not on this order\'s path (pickup orders are not dispatched), the order is past it, or it has left the store (cannot be cancelled); `error` says which in words'),
    },
  },
  {
    method: 'post', path: '/admin/orders/:id/notes', operationId: 'addOrderNote', tag: 'Admin', security: ['adminToken'],
    summary: 'Add a staff note to an order (kept with who wrote it and when; never sent to the customer)',
    params: orderIdParams, body: json(s.orderNoteBody),
    responses: { 201: { description: 'The order with its notes', json: s.orderAnswerBody }, ...jsonBodyErrors, 401: unauthorized, 404: error('No such order') },
  },
  {
    method: 'get', path: '/admin/orders/:id/slip', operationId: 'orderSlip', tag: 'Admin', security: ['adminToken'],
    summary: 'The order\'s packing slip: a printable HTML page (store, order, customer, delivery address or pickup, each line with a tick box, notes, totals)',
    params: orderIdParams,
    responses: { 200: page('text/html', 'The packing slip'), 401: unauthorized, 404: error('No such order') },
  },
];
