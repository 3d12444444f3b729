import { autoRetry } from '@grammyjs/auto-retry';
import { Api, Bot, BotError, Keyboard, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { CountryCode } from 'libphonenumber-js';
import type { Engine } from '../src/engine/engine';
import { KeyedQueue } from '../src/lib/keyed-queue';
import { toE164 } from '../src/domain/phone';
import type { Reply } from '../src/domain/types';
import type { CustomersPort } from '../src/store/store';
import type { ChannelAdapter } from './channel';
import { describeTelegramError, TelegramSender, toSendError } from './telegram-sender';
import { COMMAND_WORDS, commandText, tapped, updateKind, updateSchema } from './telegram-update';
import { telegramWebhook, TELEGRAM_WEBHOOK_PATH } from './telegram-webhook';
import { telegramMedia } from './media/telegram-media';
import type { MediaPart } from '../src/domain/types';

export { TELEGRAM_WEBHOOK_PATH } from './telegram-webhook';

/** How often a polled update whose handling failed is tried again (0.5 s, 1 s, 2 s later). */
const POLLED_RETRIES = 3;

/** The updates the bot asks Telegram for; everything else is never sent to it. */
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/**
 * The descriptions of the bot's commands in Telegram's menu. Customer-facing text that belongs in
 * src/engine/copy.ts; kept here until the copy has a place for them.
 */
export const TELEGRAM_COMMAND_DESCRIPTIONS = new Map<string, string>([
  ['start', 'Start or go back to the menu'],
  ['help', 'What I can do'],
  ['cart', 'Show my cart'],
  ['status', 'Where is my order?'],
]);

/**
 * The outbox as this channel uses it (the outbox contract's `enqueue`): the engine's replies to a message
 * that came in on Telegram go back out there, with retries, after the webhook has been answered.
 */
export interface TelegramReplyOutbox {
  enqueue(phone: string, replies: Reply[], opts: { channel: 'telegram'; record: false }): void;
}

export interface TelegramOptions {
  token: string;
  apiRoot: string;
  secretToken: string;
  defaultCountry: CountryCode;
  engine: Engine;
  store: Pick<CustomersPort, 'getIdentity' | 'putIdentity'>;
  outbox: TelegramReplyOutbox;
  log: Logger;
  copy: { shareContact: string; notOwnContact: string; contactThanks: string; textOnly: string; shareButton: string; badContact: string };
  /** How often, and how long at most, the sender waits out Telegram's retry_after before leaving it to the outbox. */
  retry?: { maxRetryAttempts: number; maxDelaySeconds: number };
  /** Pictures and voice notes are fetched and handed to the engine (Gemini reads them); else the text-only prompt. */
  readMedia?: boolean;
}

/**
 * Telegram through grammY: webhook on the express app (secret-token header checked) or long polling.
 * Private chats only. A chat is linked to a phone number once the user shares their own contact; until
 * then the bot asks. The engine's replies go out through the outbox; the channel's own prompts (share
 * your number, text only) are answered directly, before the update is acknowledged.
 */
export class TelegramChannel implements ChannelAdapter {
  readonly name = 'telegram';
  readonly bot: Bot;
  /** The outbox's sender for Telegram (register with `outbox.use('telegram', channel.sender)`). */
  readonly sender: TelegramSender;
  private chats = new KeyedQueue();

  constructor(private o: TelegramOptions) {
    this.bot = new Bot(o.token, { client: { apiRoot: o.apiRoot } });
    // Both wait out a 429's retry_after a bounded number of times; 5xx and network errors are thrown at
    // once. The bot's own calls run while Telegram waits for the webhook's answer, so they wait briefly
    // (a failure lets Telegram deliver the update again later); the outbox's sends run in the background.
    this.bot.api.config.use(autoRetry({ maxRetryAttempts: 1, maxDelaySeconds: 5, rethrowInternalServerErrors: true, rethrowHttpErrors: true }));
    const senderApi = new Api(o.token, { apiRoot: o.apiRoot });
    senderApi.config.use(autoRetry({
      maxRetryAttempts: o.retry?.maxRetryAttempts ?? 3, maxDelaySeconds: o.retry?.maxDelaySeconds ?? 30,
      rethrowInternalServerErrors: true, rethrowHttpErrors: true,
    }));
    this.sender = new TelegramSender(senderApi, o.log);
    this.bot.use((ctx, next) => this.screen(ctx, next));
    this.bot.on('message:contact', (ctx) => this.onContact(ctx));
    this.bot.on('message:text', (ctx) => this.onText(ctx, commandText(ctx.message.text), `${ctx.chat.id}:${ctx.message.message_id}`));
    this.bot.on('callback_query:data', async (ctx) => {
      // An old tap (after downtime) cannot be answered any more ("query is too old"): the tap still counts.
      void ctx.answerCallbackQuery().catch((err) => o.log.warn(describeTelegramError(err), 'could not answer a button tap; handling it anyway'));
      const { text, option } = tapped(ctx.callbackQuery.data, ctx.callbackQuery.message);
      await this.onText(ctx, text, `cb:${ctx.callbackQuery.id}`, option);
    });
    this.bot.on(['message:photo', 'message:voice', 'message:audio', 'message:document'], (ctx, next) => this.onMedia(ctx, next));
    this.bot.on('message', async (ctx) => {
      const phone = await this.phoneOf(ctx);
      await this.prompt(ctx, phone ? o.copy.textOnly : o.copy.shareContact, !phone);
    });
    // Long polling only (the webhook route answers 500 and Telegram delivers the update again).
    this.bot.catch((err) => this.retryPolled(err.ctx.update, err.error));
  }

  /**
   * First middleware: malformed updates and anything outside a private chat stop here, logged by kind
   * only. Updates of one chat are then handled one at a time, in order.
   */
  private async screen(ctx: Context, next: () => Promise<void>): Promise<void> {
    const updateId = ctx.update.update_id;
    const parsed = updateSchema.safeParse(ctx.update);
    if (!parsed.success) {
      this.o.log.warn({ updateId, kind: updateKind(ctx.update), fields: parsed.error.issues.map((i) => i.path.join('.')) }, 'malformed telegram update ignored');
      return;
    }
    const chat = ctx.chat;
    if (!chat) { this.o.log.info({ updateId, kind: updateKind(ctx.update) }, 'telegram update without a chat ignored'); return; }
    // Groups, supergroups and channels: silent, and their ids are never stored as anyone's address.
    if (chat.type !== 'private' || ctx.from?.id !== chat.id) {
      this.o.log.debug({ updateId, kind: updateKind(ctx.update), chatType: chat.type }, 'telegram update outside a private chat ignored');
      return;
    }
    await this.chats.run(String(chat.id), next);
  }

  /**
   * Long polling has no redelivery: once getUpdates moved past an update it is gone. A failed one is
   * tried again a few times, before the next (polling waits), then given up with a log line.
   */
  private async retryPolled(update: Update, error: unknown): Promise<void> {
    for (let attempt = 1; attempt <= POLLED_RETRIES; attempt += 1) {
      this.o.log.warn({ updateId: update.update_id, attempt, ...describeTelegramError(error) }, 'telegram update failed; trying it again');
      await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 1)));
      try {
        await this.bot.handleUpdate(update);
        return;
      } catch (err) {
        error = err instanceof BotError ? err.error : err;
      }
    }
    this.o.log.error({ updateId: update.update_id, ...describeTelegramError(error) }, 'telegram update failed for good');
  }

  private contactKeyboard() {
    return new Keyboard().requestContact(this.o.copy.shareButton).resized().oneTime();
  }

  private async phoneOf(ctx: Context): Promise<string | undefined> {
    return ctx.from ? this.o.store.getIdentity(`telegram:${ctx.from.id}`) : undefined;
  }

  /**
   * A prompt of the channel's own, sent before the update is acknowledged: when Telegram refuses for
   * now the update fails and is delivered again; when it refuses for good (blocked) it is only logged.
   */
  private async prompt(ctx: Context, text: string, askContact: boolean, other: Parameters<Context['reply']>[1] = {}): Promise<void> {
    try {
      await ctx.reply(text, askContact ? { reply_markup: this.contactKeyboard() } : other);
    } catch (err) {
      if (!toSendError(err).permanent) throw err;
      this.o.log.warn({ updateId: ctx.update.update_id, ...describeTelegramError(err) }, 'telegram refused a prompt for good');
    }
  }

  private async onContact(ctx: Context) {
    const contact = ctx.message!.contact!;
    const from = ctx.from!;
    if (contact.user_id !== from.id) { await this.prompt(ctx, this.o.copy.notOwnContact, true); return; }
    const phone = toE164(`+${contact.phone_number.replace(/^\+/, '')}`, this.o.defaultCountry);
    if (!phone.ok) { await this.prompt(ctx, this.o.copy.badContact, false); return; }
    const key = `telegram:${from.id}`;
    // A redelivered contact update thanks only once; the greeting after it is deduplicated by the engine.
    if ((await this.o.store.getIdentity(key)) !== phone.phone) {
      await this.prompt(ctx, this.o.copy.contactThanks, false, { reply_markup: { remove_keyboard: true } });
      await this.o.store.putIdentity(key, phone.phone);
    }
    await this.converse(ctx, phone.phone, 'hi', `${ctx.chat!.id}:${ctx.message!.message_id}`);
  }

  private async onText(ctx: Context, text: string, messageId: string, option?: string) {
    const phone = await this.phoneOf(ctx);
    if (!phone) { await this.prompt(ctx, this.o.copy.shareContact, true); return; }
    await this.converse(ctx, phone, text, messageId, { option });
  }

  /** A picture or a voice note, when Gemini reads them: fetched and handed over with its caption. */
  private async onMedia(ctx: Context, next: () => Promise<void>) {
    if (!this.o.readMedia) { await next(); return; }
    const phone = await this.phoneOf(ctx);
    if (!phone) { await this.prompt(ctx, this.o.copy.shareContact, true); return; }
    const read = await telegramMedia(this.bot.api, this.o.token, this.o.apiRoot, ctx.message);
    if (!read) { await this.prompt(ctx, this.o.copy.textOnly, false); return; }
    await this.converse(ctx, phone, read.caption, `${ctx.chat!.id}:${ctx.message!.message_id}`, { media: read.media });
  }

  /**
   * One turn of the engine. The message id is stable across Telegram's redeliveries (chat and message
   * id, or the callback query's id), so a redelivered update is not handled twice: its replies are
   * queued again, since a redelivery means Telegram never saw our answer and the first ones may be lost.
   */
  private async converse(ctx: Context, phone: string, text: string, messageId: string, extra: { option?: string; media?: MediaPart[] } = {}) {
    const replies = await this.o.engine.handle({
      channel: 'telegram', phone, text, messageId, replyTo: String(ctx.chat!.id),
      ...(extra.option ? { option: extra.option } : {}), ...(extra.media ? { media: extra.media } : {}),
    }, { duplicates: 'replay' });
    // The engine kept these replies in the transcript already.
    if (replies.length) this.o.outbox.enqueue(phone, replies, { channel: 'telegram', record: false });
  }

  /** The webhook route: checks the secret token, then hands each update to the bot. */
  routes(): Router {
    return telegramWebhook({ bot: this.bot, secretToken: this.o.secretToken, log: this.o.log });
  }

  /** Puts the bot's commands in Telegram's menu (private chats only); a failure is logged, not fatal. */
  async registerCommands(): Promise<void> {
    const commands = [...COMMAND_WORDS.keys()].map((command) => ({ command, description: TELEGRAM_COMMAND_DESCRIPTIONS.get(command) ?? command }));
    try {
      await this.bot.api.setMyCommands(commands, { scope: { type: 'all_private_chats' } });
    } catch (err) {
      this.o.log.warn(describeTelegramError(err), 'could not register the bot’s commands');
    }
  }

  /** Webhook mode: tells Telegram where to post updates. */
  async setWebhook(publicUrl: string): Promise<void> {
    await this.bot.api.setWebhook(`${publicUrl}${TELEGRAM_WEBHOOK_PATH}`, { secret_token: this.o.secretToken, allowed_updates: [...ALLOWED_UPDATES] });
  }

  /** Polling mode, for development without a public URL. */
  startPolling(): void {
    void this.bot.api.deleteWebhook().then(() => this.bot.start({ allowed_updates: [...ALLOWED_UPDATES] }))
      .catch((err) => this.o.log.error(describeTelegramError(err), 'telegram polling stopped'));
  }

  async stop(): Promise<void> {
    if (this.bot.isRunning()) await this.bot.stop();
  }
}
