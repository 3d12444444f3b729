// Telegram: a reply as the messages of a private chat. Every engine reply on Telegram goes out through the
// outbox's sender (the answer to an update as much as a notification), so both look alike by construction.
import { InlineKeyboard } from 'grammy';
import type { Option, Reply } from '../../src/domain/types';
import { splitText } from '../text';

/** Telegram's limit on one message's text. */
export const TELEGRAM_MAX_TEXT = 4096;
/** Telegram's limit on a button's callback data, in bytes. */
const MAX_CALLBACK_DATA = 64;

/** One sendMessage call: its text, and the buttons under it. */
export interface TelegramMessage {
  text: string;
  keyboard?: InlineKeyboard;
}

/**
 * Options as buttons, one a row: the label shown, the option's id as callback data (`o:<id>`), or its number
 * (`n:<n>`) when the id does not fit Telegram's 64 bytes. See `tapped` in telegram-update.ts for the way back.
 */
export function keyboard(options: readonly Option[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  options.forEach((o, i) => {
    const data = `o:${o.id}`;
    kb.text(o.label, Buffer.byteLength(data) <= MAX_CALLBACK_DATA ? data : `n:${i + 1}`).row();
  });
  return kb;
}

/** One reply as messages: its words (a long one split), the options as buttons under the last piece. */
export function telegramMessages(reply: Reply): TelegramMessage[] {
  const pieces = splitText(reply.text, TELEGRAM_MAX_TEXT);
  return pieces.map((text, i) => (i === pieces.length - 1 && reply.options?.length ? { text, keyboard: keyboard(reply.options) } : { text }));
}
