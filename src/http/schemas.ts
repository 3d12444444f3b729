import { z } from 'zod';
import { productInputSchema } from '../domain/schemas';
import { CHANNEL_NAMES as CHANNELS, ORDER_STATUSES, STAGES, type OrderStatus } from '../domain/types';
import { orderChangeBody } from './order-changes-schemas';

/**
 * Every body, query and path parameter the HTTP API reads, and the shapes it answers with. The routes parse
 * with these schemas and src/http/openapi.ts publishes them, so the document cannot drift from the checks.
 */


const phone = (what: string) => z.string().min(1).max(40).meta({
  description: `${what}: a phone number, in international form (+12025550123) or national form for the store's DEFAULT_COUNTRY.`,
  examples: ['+12025550123'],
});
const isoTime = z.string().meta({ format: 'date-time' });

// ---- requests ----

/** The id of an option the last reply offered, when the customer chose one (a button); `text` is then its label. */
const optionId = z.string().min(1).max(80).optional()
  .meta({ description: 'The id of one of the last reply\'s options, when the customer chose it (a button): `text` is then its label. An id not on offer is answered politely, never acted on.', examples: ['checkout'] });

export const apiMessageBody = z.object({
  from: phone('The customer'),
  text: z.string().max(20_000),
  messageId: z.string().trim().min(1).max(200).regex(/\S/, 'must not be blank').optional()
    .meta({ description: 'Your id of the message: a message sent again with the same id is answered with the first replies and not handled twice.' }),
  // Not 'web': the web chat's channel is for browsers that verified their phone (POST /chat/messages).
  channel: z.enum(['api', 'cli']).default('api'),
  option: optionId,
}).strict();

export const chatVerifyBody = z.object({ phone: phone('The number to send a code to') }).strict();
export const chatCheckBody = z.object({
  phone: phone('The number the code was sent to'),
  code: z.string().trim().regex(/^\d{4,10}$/, 'must be the digits of the code'),
}).strict();
export const chatMessageBody = z.object({
  text: z.string().max(20_000),
  messageId: z.string().trim().min(1).max(200).regex(/\S/, 'must not be blank').optional(),
  option: optionId,
}).strict();

export const productsBody = z.array(productInputSchema).min(1).max(5000)
  .meta({ description: 'Products to create or update, by sku. Stock is the units received in total; it cannot drop below what is held or sold, and a product cannot change between a unit of count and a weight.' });
/** Where the store may move an order: any status but the one every order starts in. */
export const orderStatusBody = z.object({ status: z.enum(ORDER_STATUSES.filter((s) => s !== 'placed') as [OrderStatus, ...OrderStatus[]]) }).strict();

export const skuParams = z.object({ sku: z.string().min(1).max(200) });
export const orderIdParams = z.object({ id: z.string().min(1).max(200) });
export const phoneParams = z.object({ phone: phone('The customer') });
export const e164Params = z.object({ phone: z.string().regex(/^\+[1-9]\d{6,14}$/).meta({ examples: ['+12025550123'] }) });

// ---- responses ----

export const errorBody = z.object({
  error: z.string(),
  details: z.array(z.string()).optional(),
});
export const tooManyBody = z.object({ error: z.string(), retryAfterSeconds: z.number().int().min(1) });
export const wrongCodeBody = z.object({ error: z.string(), attemptsLeft: z.number().int().min(0).optional() });

export const apiReply = z.object({
  key: z.string().meta({ description: 'Which message this is ("cart", "added", "didnt_understand"): stable across wording changes' }),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional()
    .meta({ description: 'The message\'s parameters: amounts in cents, counts, names' }),
  text: z.string().meta({ description: 'The whole reply in words, list lines included' }),
  list: z.object({
    intro: z.string(),
    items: z.array(z.object({ label: z.string(), cents: z.number().int().optional().meta({ description: 'Its amount in cents, when it has one' }) })),
    outro: z.string().optional(),
  }).optional().meta({ description: 'When the reply reads out a list: the words before it, its items, the words after' }),
  options: z.array(z.object({
    id: z.string().meta({ description: 'Send it back as `option` (with the label as `text`) to choose it' }),
    label: z.string(),
  })).optional(),
});
export const repliesBody = z.object({ replies: z.array(apiReply) });
/** A message that failed part-way: when to send it again, and what the customer would be told meanwhile. */
export const unavailableBody = tooManyBody.extend({ replies: z.array(apiReply) });
/** A reply as the JSON API and the web chat answer it: what the document promises, nothing more. */
export type ApiReply = z.infer<typeof apiReply>;

export const orderBody = z.object({
  id: z.string(),
  phone: z.string(),
  status: z.enum(ORDER_STATUSES),
  lines: z.array(z.object({ sku: z.string(), name: z.string(), unit: z.string(), qty: z.number(), unitPrice: z.number(),
    discount: z.number().meta({ description: 'Taken off the line by its promotion (0 when none)' }),
    lineTotal: z.number().meta({ description: 'What the line costs after its discount' }),
    promotionId: z.string().optional() })),
  deliveryFee: z.number(),
  total: z.number(),
  fulfilment: z.enum(['delivery', 'pickup']),
  address: z.string().optional(),
  slot: z.object({
    date: z.string().meta({ description: 'The day, YYYY-MM-DD in the store\'s time zone' }),
    from: z.string().meta({ description: 'HH:MM' }),
    to: z.string().meta({ description: 'HH:MM' }),
  }).optional().meta({ description: 'When it is delivered or collected, as the customer chose it (stores that set slots)' }),
  channel: z.enum(CHANNELS),
  createdAt: isoTime,
  updatedAt: isoTime,
  changes: z.array(orderChangeBody).optional().meta({ description: 'Changes made or proposed at picking time, oldest first' }),
});

export const productListBody = z.object({
  products: z.array(z.object({
    sku: z.string(), name: z.string(), category: z.string(), unit: z.string(), price: z.number(), available: z.number(),
  })),
});
export const productBody = z.object({
  sku: z.string(), name: z.string(), category: z.string(), price: z.number(), unit: z.string(), aliases: z.array(z.string()),
  active: z.boolean().meta({ description: 'On sale; false when the owner hid it' }),
  tags: z.array(z.string()).meta({ description: 'What is in it, as the owner marked it (vegan, gluten-free, contains-nuts…)' }),
  received: z.number(), available: z.number(), reserved: z.number(), sold: z.number(),
});

const handoff = z.object({ phone: z.string(), since: isoTime });
const perChannel = z.partialRecord(z.enum(CHANNELS), z.number()).meta({ description: 'Messages, by channel' });
const countRevenue = z.object({ count: z.number().int(), revenue: z.number() });
export const statsBody = z.object({
  generatedAt: isoTime,
  currency: z.string(),
  conversations: z.object({ active: z.number().int(), byStage: z.partialRecord(z.enum(STAGES), z.number().int()) }),
  customers: z.object({ total: z.number().int(), newToday: z.number().int() }),
  orders: z.object({
    today: countRevenue,
    last7Days: countRevenue,
    perDay: z.array(z.object({ day: z.string(), orders: z.number().int(), revenue: z.number() })),
  }),
  conversion: z.object({ conversations: z.number().int(), withOrder: z.number().int(), rate: z.number() }),
  averageOrderValue: z.number(),
  messagesPerChannel: z.object({ today: perChannel, last7Days: perChannel }),
  activeHolds: z.number().int(),
  lowStock: z.array(z.object({ sku: z.string(), name: z.string(), unit: z.string(), available: z.number() })),
  handoffs: z.array(handoff),
  errors: z.number().int(),
});

export const deliveriesBody = z.object({
  deliveries: z.array(z.object({
    id: z.string(),
    phone: z.string(),
    channel: z.enum(CHANNELS),
    status: z.enum(['queued', 'sent', 'delivered', 'undelivered', 'failed', 'skipped']),
    providerId: z.string().optional(),
    errorCode: z.string().optional(),
    detail: z.string().optional(),
    attempts: z.number().int(),
    createdAt: z.number().meta({ description: 'Milliseconds since the epoch' }),
    updatedAt: z.number(),
  })),
});

export const healthBody = z.object({ ok: z.literal(true) });
export const readyBody = z.object({ ready: z.boolean(), checks: z.record(z.string(), z.string()).meta({ description: '"ok", or what went wrong, by dependency' }) });
export const sessionBody = z.object({
  phone: z.string().nullable().meta({ description: 'The verified phone of this browser, or null' }),
  codes: z.enum(['sms', 'console', 'verify', 'unavailable']).meta({ description: 'How verification codes are sent' }),
});
export const codeSentBody = z.object({ sent: z.literal(true), via: z.enum(['sms', 'console', 'verify']) });
export const verifiedBody = z.object({ phone: z.string() });
export const upsertedBody = z.object({ upserted: z.number().int() });
export const releasedBody = z.object({ released: z.literal(true), phone: z.string() });
