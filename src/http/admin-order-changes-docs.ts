import { z } from 'zod';
import { error, json, jsonBodyErrors, unauthorized, type RouteDoc } from './openapi-parts';
import { orderChangesBody } from './order-changes-schemas';
import { errorBody, orderBody, orderIdParams } from './schemas';

export const ORDER_CHANGE_ROUTES: RouteDoc[] = [
  {
    method: 'post', path: '/admin/orders/:id/changes', operationId: 'changeOrderLines', tag: 'Admin', security: ['adminToken'],
    summary: 'Change an order at picking time: a line missing (removed at once), found short, or substituted. Fewer or a substitute is asked of the customer on their channel (yes/no); no answer within SUBSTITUTION_MINUTES removes the line. A substitute\'s units are reserved until then',
    params: orderIdParams, body: json(orderChangesBody),
    responses: {
      200: { description: 'Only removals: applied, the customer told', json: z.object({ order: orderBody }) },
      202: { description: 'The customer is asked; `order.changes` lists the pending changes', json: z.object({ order: orderBody }) },
      ...jsonBodyErrors,
      400: { description: 'A change names a line not in the order, a quantity out of range, or a substitute unknown, hidden, the same product or already in the order (`details` says which)', json: errorBody },
      401: unauthorized,
      404: error('No such order'),
      409: error('The order is past changing (dispatched, delivered, cancelled), changes of it still await an answer, or the substitute is not in stock'),
    },
  },
];
