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

const tappedMessage = z.looseObject({
  reply_markup: z.looseObject({
    inline_keyboard: z.array(z.array(z.looseObject({ text: z.string(), callback_data: z.string().optional() }))),
  }).optional(),
});

/**
 * A button tap as the engine's input. `o:<id>` is an option by its id (the label on the button, read from the
 * tapped message's keyboard, is the text the transcript keeps). Buttons sent before options had ids are
 * still understood: `t:<label>` comes in as the label's words, `n:<n>` (and a new button whose id was too
 * long) as the number, both read by the interpreter against the options in context.
 */
export function tapped(data: string, message: unknown): { text: string; option?: string } {
  if (data.startsWith('o:') && data.length > 2) {
    const id = data.slice(2);
    const kb = tappedMessage.safeParse(message);
    const label = kb.success ? kb.data.reply_markup?.inline_keyboard.flat().find((b) => b.callback_data === data)?.text : undefined;
    return { text: label ?? id, option: id };
  }
  if (data.startsWith('t:') || data.startsWith('n:')) return { text: data.slice(2) };
  return { text: data };
}
