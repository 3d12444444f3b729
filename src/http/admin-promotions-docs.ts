import { z } from 'zod';
import { promotionEdit, promotionInput, promotionJson, promotionsBody, promotionsInput } from '../promotions/input';
import { error, json, jsonBodyErrors, unauthorized, type RouteDoc } from './openapi-parts';
import { errorBody } from './schemas';

const idParams = z.object({ id: z.string().meta({ description: 'The promotion\'s id' }) });
const notFound = error('No promotion with that id');

export const PROMOTION_ROUTES: RouteDoc[] = [
  {
    method: 'get', path: '/admin/promotions', operationId: 'listPromotions', tag: 'Admin', security: ['adminToken'],
    summary: 'The promotions, as the owner last set them, each marked active when it runs now and with its state (current, scheduled, ended)',
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
  {
    method: 'post', path: '/admin/promotions', operationId: 'addPromotion', tag: 'Admin', security: ['adminToken'],
    summary: 'Add one promotion to the set (percent or multibuy, on a sku or a category)',
    body: json(promotionInput),
    responses: {
      201: { description: 'The promotion added', json: promotionJson },
      ...jsonBodyErrors,
      400: error('Not a valid promotion: `details` says what, in words (also an unknown sku or category)'),
      401: unauthorized,
      409: error('A promotion with that id already exists'),
    },
  },
  {
    method: 'patch', path: '/admin/promotions/:id', operationId: 'editPromotion', tag: 'Admin', security: ['adminToken'],
    summary: 'Change one promotion: any field but its id; null clears an optional field (to move from a sku to a category: {"category": "Fruit", "sku": null})',
    params: idParams, body: json(promotionEdit),
    responses: {
      200: { description: 'The promotion after the change', json: promotionJson },
      ...jsonBodyErrors,
      400: error('Not a valid change: `details` says what, in words'),
      401: unauthorized,
      404: notFound,
    },
  },
  {
    method: 'post', path: '/admin/promotions/:id/end', operationId: 'endPromotion', tag: 'Admin', security: ['adminToken'],
    summary: 'End a promotion now: one running ends at this instant (kept, listed as ended); one not started yet is removed (`removed: true`)',
    params: idParams,
    responses: {
      200: { description: 'The promotion as it was ended', json: promotionJson.extend({ removed: z.boolean().optional().meta({ description: 'true: it had not started, and is gone' }) }) },
      401: unauthorized,
      404: notFound,
      409: error('It has already ended'),
    },
  },
];
