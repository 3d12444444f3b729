import { z } from 'zod';
import { ORDER_STATUSES } from '../domain/types';
import { orderBody } from './schemas';

// What the orders routes of the console read and answer (GET /admin/orders, /admin/orders/:id, its notes and
// packing slip). Parsed at the edge and published in the OpenAPI document.

const isoTime = z.string().meta({ format: 'date-time' });

export const orderListQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  fulfilment: z.enum(['delivery', 'pickup']).optional().meta({ description: 'Only delivery, or only pickup, orders' }),
  q: z.string().trim().max(100, 'must be at most 100 characters').optional()
    .meta({ description: 'Search: part of the order id ("1004"), the start of a word of the customer\'s name, or digits of their phone' }),
  phone: z.string().min(1).max(40).optional().meta({
    description: "Only the orders of this customer: a phone number, in international form (+12025550123) or national form for the store's DEFAULT_COUNTRY.",
  }),
});

export const NOTE_TEXT_MAX = 500;
export const orderNoteBody = z.object({
  text: z.string().trim().min(1, 'must not be empty').max(NOTE_TEXT_MAX, `must be at most ${NOTE_TEXT_MAX} characters`),
}).strict();

const noteJson = z.object({
  at: isoTime,
  by: z.string().meta({ description: 'Who wrote it: the signed-in person\'s name, or "admin" (the admin token)' }),
  text: z.string(),
});
export const adminOrderBody = orderBody.extend({
  notes: z.array(noteJson).optional().meta({ description: 'Staff notes, oldest first (never sent to the customer)' }),
});
export const listedOrderBody = adminOrderBody.extend({ name: z.string().optional().meta({ description: 'The customer\'s name, when known' }) });
export const orderListBody = z.object({ orders: z.array(listedOrderBody).meta({ description: 'Newest first' }) });

export const orderMove = z.object({
  status: z.enum(ORDER_STATUSES),
  label: z.string().meta({ description: 'The move as the console names it ("Ready for collection", "Cancel order")' }),
  allowed: z.boolean(),
  reason: z.string().optional().meta({ description: 'Why the move cannot be made now ("Pickup orders are not dispatched…")' }),
});
export const orderDetailBody = z.object({
  order: adminOrderBody,
  customer: z.object({ phone: z.string(), name: z.string().optional() }),
  moves: z.array(orderMove).meta({ description: 'Every move the console offers on this order, and whether it can be made now' }),
});
export const orderAnswerBody = z.object({ order: adminOrderBody });
