import { z } from 'zod';

/**
 * The parts of a Telegram update the bot reads, checked at the edge. Telegram sends more fields than
 * these (loose objects keep them for grammY); an update that lacks what we read, or carries it in the
 * wrong shape, is logged and acknowledged, never handled half-way.
 */
const user = z.looseObject({ id: z.number().int() });
const chat = z.looseObject({ id: z.number().int(), type: z.string() });

const message = z.looseObject({
  message_id: z.number().int(),
  chat,
  from: user.optional(),
  text: z.string().optional(),
  contact: z.looseObject({ phone_number: z.string().min(1).max(64), user_id: z.number().int().optional() }).optional(),
});

const callbackQuery = z.looseObject({
  id: z.string().min(1),
  from: user,
  data: z.string().optional(),
  message: z.looseObject({ message_id: z.number().int(), chat }).optional(),
});

export const updateSchema = z.looseObject({
  update_id: z.number().int(),
  message: message.optional(),
  callback_query: callbackQuery.optional(),
});

export type CheckedUpdate = z.infer<typeof updateSchema>;

/** The update's kind for logs: the name of its one payload field, never its content. */
export function updateKind(update: unknown): string {
  if (!update || typeof update !== 'object') return typeof update;
  return Object.keys(update).find((k) => k !== 'update_id') ?? 'empty';
}

/** The commands the bot offers in Telegram's menu, and the words the engine understands for them. */
export const COMMAND_WORDS = new Map<string, string>([
  ['start', '/start'],
  ['help', 'help'],
  ['cart', 'cart'],
  ['status', 'order status'],
]);

/**
 * A command as the engine's words: `/start <payload>` (a deep link) greets like `/start`, `/help` asks
 * for help. Other text is left as it is.
 */
export function commandText(text: string): string {
  const m = /^\/([a-z]+)(?:@\w+)?(?:\s[\s\S]*)?$/i.exec(text.trim());
  if (!m) return text;
  return COMMAND_WORDS.get(m[1]!.toLowerCase()) ?? text;
}
