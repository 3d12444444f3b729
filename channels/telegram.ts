import { Bot, InlineKeyboard, Keyboard, webhookCallback, type Context } from 'grammy';
import { Router } from 'express';
import type { Logger } from 'pino';
import type { Engine } from '../src/engine/engine';
import { KeyedQueue } from '../src/lib/keyed-queue';
import { toE164 } from '../src/domain/phone';
import type { Reply } from '../src/domain/types';
import type { Store } from '../src/store/store';
import type { CountryCode } from 'libphonenumber-js';
import type { ChannelAdapter } from './channel';
import { splitText } from './text';

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
const MAX = 4096;

export interface TelegramOptions {
  token: string;
  apiRoot: string;
  secretToken: string;
  defaultCountry: CountryCode;
  engine: Engine;
  store: Store;
  log: Logger;
  copy: { shareContact: string; notOwnContact: string; contactThanks: string; textOnly: string; shareButton: string; badContact: string };
}

/** Options as buttons: the label itself when it fits Telegram's 64-byte callback data, else its number. */
function keyboard(options: string[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  options.forEach((label, i) => kb.text(label, Buffer.byteLength(label) <= 60 ? `t:${label}` : `n:${i + 1}`).row());
  return kb;
}

/**
 * Telegram through grammY: webhook on the express app (secret-token header checked) or long polling.
 * A chat is linked to a phone number once the user shares their own contact; until then the bot asks.
 */
export class TelegramChannel implements ChannelAdapter {
  readonly name = 'telegram';
  readonly bot: Bot;
  private chats = new KeyedQueue();

  constructor(private o: TelegramOptions) {
    this.bot = new Bot(o.token, { client: { apiRoot: o.apiRoot } });
    this.bot.use(async (ctx, next) => {
      // Telegram re-sends an update it thinks we missed; handle each update_id once.
      // TODO(interim): counted in the stats as a message of its own.
      if (!(await o.store.startMessage({ key: `telegram-update:${ctx.update.update_id}`, phone: '', channel: 'telegram', at: Date.now() })).created) return;
      const chat = String(ctx.chat?.id ?? ctx.from?.id ?? 'none');
      await this.chats.run(chat, () => next());
    });
    this.bot.on('message:contact', (ctx) => this.onContact(ctx));
    this.bot.on('message:text', (ctx) => this.onText(ctx, ctx.message.text));
    this.bot.on('callback_query:data', async (ctx) => {
      await ctx.answerCallbackQuery();
      const data = ctx.callbackQuery.data;
      await this.onText(ctx, data.startsWith('t:') ? data.slice(2) : data.startsWith('n:') ? data.slice(2) : data);
    });
    this.bot.on('message', async (ctx) => {
      const phone = await this.phoneOf(ctx);
      await ctx.reply(phone ? o.copy.textOnly : o.copy.shareContact, phone ? {} : { reply_markup: this.contactKeyboard() });
    });
    this.bot.catch((err) => o.log.error({ err: err.error, update: err.ctx.update.update_id }, 'telegram update failed'));
  }

  private contactKeyboard() {
    return new Keyboard().requestContact(this.o.copy.shareButton).resized().oneTime();
  }

  private async phoneOf(ctx: Context): Promise<string | undefined> {
    return ctx.from ? this.o.store.getIdentity(`telegram:${ctx.from.id}`) : undefined;
  }

  private async onContact(ctx: Context) {
    const contact = ctx.message!.contact!;
    if (!ctx.from || contact.user_id !== ctx.from.id) {
      await ctx.reply(this.o.copy.notOwnContact, { reply_markup: this.contactKeyboard() });
      return;
    }
    const phone = toE164(`+${contact.phone_number.replace(/^\+/, '')}`, this.o.defaultCountry);
    if (!phone.ok) { await ctx.reply(this.o.copy.badContact); return; }
    await this.o.store.putIdentity(`telegram:${ctx.from.id}`, phone.phone);
    await ctx.reply(this.o.copy.contactThanks, { reply_markup: { remove_keyboard: true } });
    await this.converse(ctx, phone.phone, 'hi');
  }

  private async onText(ctx: Context, text: string) {
    const phone = await this.phoneOf(ctx);
    if (!phone) {
      await ctx.reply(this.o.copy.shareContact, { reply_markup: this.contactKeyboard() });
      return;
    }
    await this.converse(ctx, phone, text);
  }

  private async converse(ctx: Context, phone: string, text: string) {
    const replies = await this.o.engine.handle({
      channel: 'telegram', phone, text, messageId: String(ctx.update.update_id), replyTo: String(ctx.chat!.id),
    }, { duplicates: 'silent' });
    await this.send(String(ctx.chat!.id), replies);
  }

  /** Sends replies to a chat: long texts split, options as buttons under the last piece. */
  async send(chatId: string, replies: Reply[]): Promise<void> {
    for (const reply of replies) {
      const pieces = splitText(reply.text, MAX);
      for (const [i, piece] of pieces.entries()) {
        const last = i === pieces.length - 1;
        await this.bot.api.sendMessage(chatId, piece, last && reply.options?.length ? { reply_markup: keyboard(reply.options) } : {});
      }
    }
  }

  routes(): Router {
    const router = Router();
    router.post(TELEGRAM_WEBHOOK_PATH, webhookCallback(this.bot, 'express', { secretToken: this.o.secretToken, onTimeout: 'return' }));
    return router;
  }

  /** Webhook mode: tells Telegram where to post updates. */
  async setWebhook(publicUrl: string): Promise<void> {
    await this.bot.api.setWebhook(`${publicUrl}${TELEGRAM_WEBHOOK_PATH}`, { secret_token: this.o.secretToken, allowed_updates: ['message', 'callback_query'] });
  }

  /** Polling mode, for development without a public URL. */
  startPolling(): void {
    void this.bot.api.deleteWebhook().then(() => this.bot.start({ allowed_updates: ['message', 'callback_query'] }))
      .catch((err) => this.o.log.error({ err }, 'telegram polling stopped'));
  }

  async stop(): Promise<void> {
    if (this.bot.isRunning()) await this.bot.stop();
  }
}
