import { z } from 'zod';
import { CHANNEL_NAMES } from '../domain/types';
import { apiReply } from './schemas';

// What the human inbox reads and answers (GET/POST /admin/conversations/:phone, /admin/handoffs,
// GET /chat/updates and /chat/history). Parsed at the edge and published in the OpenAPI document.

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
  by: z.string().optional().meta({ description: 'On a `staff` message: the name of the person who wrote it (absent when sent with the admin token)' }),
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
    unread: z.number().int().min(0).meta({ description: 'Messages the customer wrote since staff last answered (from the one that asked for a person on)' }),
    name: z.string().optional(),
    lastMessage: z.string().optional().meta({ description: 'The text of the customer\'s last message' }),
    reason: z.enum(['asked', 'complaint']).optional().meta({ description: 'Why: the customer asked for a person, or complained about an order' }),
    about: z.string().optional().meta({ description: 'For a complaint: missing, damaged, wrong_item, late or other' }),
    orderId: z.string().optional().meta({ description: 'For a complaint: the customer\'s latest order, the one it is most likely about' }),
  })),
});

export const chatUpdatesQuery = z.object({
  after: z.iso.datetime({ offset: true }).optional()
    .meta({ description: 'Only messages after this instant: the `until` of the previous answer. Unset (a page just opened): those since the customer last wrote.' }),
});
const chatOption = z.object({ id: z.string(), label: z.string() });
/**
 * A message as the page shows it: who wrote it and when, and its words (a reply's list as a list). A message
 * the store sent unasked comes as POST /chat/messages answers: with its key, parameters and options too.
 */
const chatMessage = <F extends z.ZodType<string>>(from: F) => apiReply.extend({
  at: isoTime,
  from,
  key: apiReply.shape.key.optional().meta({ description: 'Which message this is, when the store sent it unasked ("order_update", "cart_summary", "notification")' }),
});
const chatAsking = z.object({
  text: z.string().optional().meta({ description: 'The question, as the bot last asked it' }),
  options: z.array(chatOption).min(1).meta({ description: 'Its choices: send one back as `option` of POST /chat/messages, its label as `text`' }),
}).nullable().meta({ description: 'The question on the table and its options; null when none is open' });
export const chatUpdatesBody = z.object({
  messages: z.array(chatMessage(z.enum(['bot', 'staff'])))
    .meta({ description: 'What the store sent unasked (order updates, cart released, staff answers), oldest first' }),
  until: isoTime.meta({ description: 'Pass as `after` next time' }),
  asking: chatAsking.optional().meta({ description: 'With new messages: the question on the table now (the page moves its buttons below them)' }),
});

export const chatHistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional().meta({ description: 'How many of the latest messages (default 100)' }),
});
export const chatHistoryBody = z.object({
  messages: z.array(chatMessage(z.enum(['customer', 'bot', 'staff'])))
    .meta({ description: 'The web chat\'s messages in and out, oldest first' }),
  cart: z.object({
    lines: z.array(z.object({
      sku: z.string(), name: z.string(), qty: z.number().int(), unit: z.string(),
      label: z.string().meta({ description: 'The amount and name: "2 × Limes", "1.5 kg Apples"' }),
      lineTotalCents: z.number().int(), discountCents: z.number().int().optional(),
    })),
    totalCents: z.number().int(),
    currency: z.string(),
    locale: z.string(),
  }),
  asking: chatAsking,
  until: isoTime.meta({ description: 'Pass as `after` to GET /chat/updates' }),
});
