import { GrammyError, HttpError, type Api } from 'grammy';
import type { Logger } from 'pino';
import { KeyedQueue } from '../src/lib/keyed-queue';
import { SendError } from '../src/notify/errors';
import type { OutboundMessage } from '../src/notify/outbox';
import { telegramMessages } from './render/telegram';


/** The part of the outbox's OutboundMessage this sender reads. */
type TelegramOutbound = Pick<OutboundMessage, 'contact' | 'reply' | 'deliveryId'>;

/** What a failed Bot API call says, without its payload (which carries the chat id and the text). */
export function describeTelegramError(err: unknown): { method?: string; code?: number; description: string } {
  if (err instanceof GrammyError) return { method: err.method, code: err.error_code, description: err.description };
  if (err instanceof HttpError) return { description: err.message };
  return { description: err instanceof Error ? err.name : 'unknown error' };
}

/**
 * Which refusals are worth retrying. 429 and 5xx are Telegram's own trouble (retry, after retry_after when
 * given); 400 and 403 are about this chat (blocked, deactivated, chat not found) and never get better. 401
 * and 404 mean our token is wrong: not the customer's fault, so they must not mark the customer unreachable.
 */
export function toSendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  if (err instanceof GrammyError) {
    const code = err.error_code;
    const what = `Telegram ${err.method}: ${code} ${err.description}`;
    if (code === 429) {
      const after = err.parameters.retry_after;
      return new SendError(what, false, '429', typeof after === 'number' ? after * 1000 : undefined);
    }
    if (code >= 500 || code === 401 || code === 404) return new SendError(what, false, String(code));
    return new SendError(what, true, String(code));
  }
  if (err instanceof HttpError) return new SendError(err.message, false, 'network');
  return new SendError(`Telegram send failed: ${describeTelegramError(err).description}`, false, 'unknown');
}

/**
 * The outbox's Telegram sender (the `Sender` of the outbox contract): one reply to the customer's private
 * chat, as render/telegram.ts renders it (long texts split, options as buttons under the last piece). The Api it is given retries 429s itself
 * (grammY's auto-retry, bounded); whatever is left is thrown as a SendError the outbox classifies.
 */
export class TelegramSender {
  /** Pieces of a split reply Telegram already took, so a retry of that reply resumes after them. */
  private progress = new Map<string, number>();
  /** One send at a time per chat, so a reply waiting out a 429 is not overtaken by the next one. */
  private chats = new KeyedQueue();

  constructor(private api: Api, private log: Logger) {}

  send(msg: TelegramOutbound): Promise<{ providerId?: string }> {
    const chatId = msg.contact?.address;
    if (!chatId) return Promise.reject(new SendError('no Telegram chat known for this customer', true, 'no_chat'));
    // Users' private chats have positive ids; groups and channels negative ones. An address stored before
    // the bot kept to private chats may be a group's: nothing of a customer's goes there.
    if (!/^\d+$/.test(chatId)) return Promise.reject(new SendError('the Telegram address is not a private chat', true, 'not_private_chat'));
    return this.chats.run(chatId, () => this.sendPieces(chatId, msg));
  }

  private async sendPieces(chatId: string, msg: TelegramOutbound): Promise<{ providerId?: string }> {
    const pieces = telegramMessages(msg.reply);
    let providerId: string | undefined;
    for (let i = this.progress.get(msg.deliveryId) ?? 0; i < pieces.length; i += 1) {
      const { text, keyboard } = pieces[i]!;
      try {
        const sent = await this.api.sendMessage(chatId, text, keyboard ? { reply_markup: keyboard } : {});
        providerId = String(sent.message_id);
      } catch (err) {
        const e = toSendError(err);
        this.log.warn({ deliveryId: msg.deliveryId, piece: i, ...describeTelegramError(err), permanent: e.permanent }, 'telegram send failed');
        if (i > 0 && !e.permanent) this.remember(msg.deliveryId, i);
        else this.progress.delete(msg.deliveryId);
        throw e;
      }
    }
    this.progress.delete(msg.deliveryId);
    return providerId ? { providerId } : {};
  }

  private remember(deliveryId: string, sentPieces: number): void {
    this.progress.delete(deliveryId);
    this.progress.set(deliveryId, sentPieces);
    // Only split replies that failed midway land here; a bound keeps a long outage from growing it.
    if (this.progress.size > 1000) this.progress.delete(this.progress.keys().next().value!);
  }
}
