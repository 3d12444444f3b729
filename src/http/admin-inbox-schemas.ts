import { z } from 'zod';
import { CHANNEL_NAMES } from '../domain/types';
import { orderBody } from './schemas';

// What the human inbox and the order detail read and answer (GET/POST /admin/conversations, /admin/handoffs,
// /admin/orders/:id, GET /chat/updates). Parsed at the edge and published in the OpenAPI document.

const isoTime = z.string().meta({ format: 'date-time' });

export const conversationParams = z.object({
  phone: z.string().min(1).max(40).meta({
    description: "The customer: a phone number, in international form (+12025550123) or national form for the store's DEFAULT_COUNTRY.",
    examples: ['+12025550123'],
  }),
});

/** The longest staff message: one a customer reads on a phone, and that fits a few SMS segments. */
export const STAFF_TEXT_MAX = 1000;
export const staffMessageBody = z.object({
  text: z.string().trim().min(1, 'must not be empty').max(STAFF_TEXT_MAX, `must be at most ${STAFF_TEXT_MAX} characters`),
}).strict();

export const transcriptMessage = z.object({
  at: isoTime,
  from: z.enum(['customer', 'bot', 'staff']),
  channel: z.enum(CHANNEL_NAMES),
  text: z.string(),
});
export const conversationBody = z.object({ messages: z.array(transcriptMessage).meta({ description: 'Oldest first; at most the last 200' }) });
export const staffQueuedBody = z.object({
  queued: z.literal(true),
  channel: z.enum(CHANNEL_NAMES).meta({ description: 'Where it goes: the customer\'s last channel (web: shown in their open chat page)' }),
});

export const handoffsBody = z.object({
  handoffs: z.array(z.object({
    phone: z.string(),
    since: isoTime,
    name: z.string().optional(),
    lastMessage: z.string().optional().meta({ description: 'The text of the customer\'s last message' }),
    reason: z.enum(['asked', 'complaint']).optional().meta({ description: 'Why: the customer asked for a person, or complained about an order' }),
    about: z.string().optional().meta({ description: 'For a complaint: missing, damaged, wrong_item, late or other' }),
    orderId: z.string().optional().meta({ description: 'For a complaint: the customer\'s latest order, the one it is most likely about' }),
  })),
});

export const orderDetailBody = z.object({
  order: orderBody,
  customer: z.object({ phone: z.string(), name: z.string().optional() }),
});

export const chatUpdatesQuery = z.object({
  after: z.iso.datetime({ offset: true }).optional()
    .meta({ description: 'Only messages after this instant: the `until` of the previous answer. Unset (a page just opened): those since the customer last wrote.' }),
});
export const chatUpdatesBody = z.object({
  messages: z.array(z.object({ at: isoTime, from: z.enum(['staff']), text: z.string() })),
  until: isoTime.meta({ description: 'Pass as `after` next time' }),
});
