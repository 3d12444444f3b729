import { z } from 'zod';
import { isReplyKey } from '../domain/types';
import type { Notification } from '../notify/outbox';

/** A notify job's data as it comes back from Redis: checked before it reaches the outbox. */
export const notificationSchema: z.ZodType<Notification> = z.object({
  id: z.string().min(1).max(200).regex(/^[\w.-]+$/).optional(),
  phone: z.string().min(3).max(32),
  replies: z.array(z.object({
    // Jobs queued before replies had keys (and options ids) still parse.
    key: z.string().default('notification').transform((k) => (isReplyKey(k) ? k : 'notification')),
    params: z.object({
      totalCents: z.number().optional(), deliveryFeeCents: z.number().optional(), count: z.number().optional(),
      orderId: z.string().optional(), status: z.string().optional(), query: z.string().optional(), category: z.string().optional(),
      topic: z.string().optional(), address: z.string().optional(), name: z.string().optional(),
      source: z.enum(['image', 'audio']).optional(), fulfilment: z.enum(['delivery', 'pickup']).optional(),
      claim: z.string().optional(), answer: z.enum(['yes', 'no', 'unknown']).optional(),
    }).optional(),
    text: z.string(),
    list: z.object({
      intro: z.string(), items: z.array(z.object({ label: z.string(), cents: z.number().int().optional() })), outro: z.string().optional(),
    }).optional(),
    options: z.array(z.union([
      z.object({ id: z.string(), label: z.string() }),
      z.string().transform((label) => ({ id: label, label })),
    ])).optional(),
  })),
  channel: z.enum(['telegram', 'whatsapp', 'sms']).optional(),
  outsideWindow: z.boolean().optional(),
  record: z.union([z.enum(['bot', 'staff']), z.literal(false)]).optional(),
  /** Who of the staff wrote it (the transcript names them). */
  by: z.string().min(1).max(80).optional(),
});

/** Jobs queued before notifications carried replies held one text. */
const legacy = z.object({ phone: z.string().min(3).max(32), text: z.string() });

export function parseNotification(data: unknown, jobId?: string): Notification {
  const old = legacy.safeParse(data);
  const n: Notification = old.success ? { phone: old.data.phone, replies: [{ key: 'notification', text: old.data.text }] } : notificationSchema.parse(data);
  // The job's own id stands in when the notification has none, so its retries still resume.
  return n.id || !jobId ? n : { ...n, id: `job-${jobId}` };
}
