import { z } from 'zod';
import type { Notification } from '../notify/outbox';

/** A notify job's data as it comes back from Redis: checked before it reaches the outbox. */
export const notificationSchema: z.ZodType<Notification> = z.object({
  id: z.string().min(1).max(200).regex(/^[\w.-]+$/).optional(),
  phone: z.string().min(3).max(32),
  replies: z.array(z.object({
    key: z.string().default('message'),
    text: z.string(),
    // Jobs queued before options had ids carry their labels only: the label stands in for the id.
    options: z.array(z.union([
      z.object({ id: z.string(), label: z.string() }),
      z.string().transform((label) => ({ id: label, label })),
    ])).optional(),
  })),
  channel: z.enum(['telegram', 'whatsapp', 'sms']).optional(),
  outsideWindow: z.boolean().optional(),
  record: z.union([z.enum(['bot', 'staff']), z.literal(false)]).optional(),
});

/** Jobs queued before notifications carried replies held one text. */
const legacy = z.object({ phone: z.string().min(3).max(32), text: z.string() });

export function parseNotification(data: unknown, jobId?: string): Notification {
  const old = legacy.safeParse(data);
  const n = old.success ? { phone: old.data.phone, replies: [{ key: 'message', text: old.data.text }] } : notificationSchema.parse(data);
  // The job's own id stands in when the notification has none, so its retries still resume.
  return n.id || !jobId ? n : { ...n, id: `job-${jobId}` };
}
