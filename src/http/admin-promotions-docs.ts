import { promotionsBody, promotionsInput } from '../promotions/input';
import { json, jsonBodyErrors, unauthorized, type RouteDoc } from './openapi-parts';
import { errorBody } from './schemas';

export const PROMOTION_ROUTES: RouteDoc[] = [
  {
    method: 'get', path: '/admin/promotions', operationId: 'listPromotions', tag: 'Admin', security: ['adminToken'],
    summary: 'The promotions, as the owner last set them, each marked active when it runs now',
    responses: { 200: { description: 'Promotions', json: promotionsBody }, 401: unauthorized },
  },
  {
    method: 'put', path: '/admin/promotions', operationId: 'replacePromotions', tag: 'Admin', security: ['adminToken'],
    summary: 'Replace the whole set of promotions (an empty array ends them all). Carts are priced with the best single promotion per line',
    body: json(promotionsInput),
    responses: {
      200: { description: 'The promotions now in force', json: promotionsBody },
      ...jsonBodyErrors,
      400: { description: 'Not a valid set: `details` names the index and field of each problem (also an unknown sku or category, or an id given twice)', json: errorBody },
      401: unauthorized,
    },
  },
];
