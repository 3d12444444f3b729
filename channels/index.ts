import { createHash } from 'node:crypto';
import type { Router } from 'express';
import type { Config } from '../src/config';
import { ConfigError } from '../src/config';
import type { Core } from '../src/core';
import { TELEGRAM_WEBHOOK_PATH, TelegramChannel } from './telegram';
import { createTwilioClient } from './twilio-client';
import { MESSAGING_PATH, TwilioMessagingChannel } from './twilio-messaging';
import { twilioSenders } from './twilio-outbound';
import { TwilioStatusCallbacks } from './twilio-status';
import { TwilioVoiceChannel, VOICE_PATH } from './twilio-voice';
import { webChat } from './web/index';
import { twilioMedia } from './media/twilio-media';

/** How long to wait for Twilio's answer when sending; past it the outcome is unknown and not resent. */
const TWILIO_TIMEOUT_MS = 15_000;

export interface LiveChannels {
  routers: Router[];
  /** What start-up prints: which channels are live and where their webhooks are. */
  lines: string[];
  telegram?: TelegramChannel;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Switches on each channel whose settings are present, and registers its sender with the outbox. */
export function setupChannels(core: Core, config: Config): LiveChannels {
  const { engine, store, log, outbox } = core;
  const copy = engine.copy;
  const routers: Router[] = [webChat(config.STORE_NAME).routes()];
  const lines: string[] = [];
  const starters: (() => Promise<void>)[] = [];
  const stoppers: (() => Promise<void>)[] = [];
  const publicUrl = config.PUBLIC_URL;

  let telegram: TelegramChannel | undefined;
  if (config.TELEGRAM_BOT_TOKEN) {
    const mode = config.TELEGRAM_MODE ?? (publicUrl ? 'webhook' : 'polling');
    if (mode === 'webhook' && !publicUrl) throw new ConfigError('Bad configuration: TELEGRAM_MODE=webhook needs PUBLIC_URL (the https address Telegram can reach)');
    const secretToken = config.TELEGRAM_WEBHOOK_SECRET ?? createHash('sha256').update(`grocer:${config.TELEGRAM_BOT_TOKEN}`).digest('hex').slice(0, 48);
    const tg = new TelegramChannel({
      token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, secretToken, defaultCountry: config.DEFAULT_COUNTRY,
      engine, store, outbox, log: log.child({ channel: 'telegram' }), copy, readMedia: Boolean(config.GEMINI_API_KEY),
    });
    telegram = tg;
    outbox.use('telegram', tg.sender);
    starters.push(() => tg.registerCommands());
    if (mode === 'webhook') {
      routers.push(tg.routes());
      starters.push(() => tg.setWebhook(publicUrl!));
      lines.push(`Telegram:     webhook ${publicUrl}${TELEGRAM_WEBHOOK_PATH} (private chats only)`);
    } else {
      starters.push(async () => tg.startPolling());
      lines.push('Telegram:     long polling (private chats only)');
    }
    stoppers.push(() => tg.stop());
  }

  if (config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN) {
    if (!publicUrl) throw new ConfigError('Bad configuration: Twilio webhooks need PUBLIC_URL (the https address Twilio calls, used to check signatures)');
    const client = createTwilioClient(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, config.TWILIO_API_BASE, { timeoutMs: TWILIO_TIMEOUT_MS });
    const senders = twilioSenders(client, {
      smsFrom: config.TWILIO_SMS_NUMBER, whatsappFrom: config.TWILIO_WHATSAPP_NUMBER,
      whatsappTemplateSid: config.TWILIO_WHATSAPP_TEMPLATE_SID, clock: core.clock, publicUrl,
    });
    if (senders.sms) outbox.use('sms', senders.sms);
    if (senders.whatsapp) outbox.use('whatsapp', senders.whatsapp);
    routers.push(new TwilioStatusCallbacks({
      authToken: config.TWILIO_AUTH_TOKEN, publicUrl, store, clock: core.clock, log: log.child({ channel: 'twilio-status' }),
      // Twilio keeps what it was asked to send; the template carries the same text.
      outsideWindow: async (delivery, sid) => {
        const { body } = await client.messages(sid).fetch();
        if (body) outbox.enqueue(delivery.phone, body, { channel: 'whatsapp', outsideWindow: true });
      },
    }).routes());
    const common = { authToken: config.TWILIO_AUTH_TOKEN, publicUrl, defaultCountry: config.DEFAULT_COUNTRY, engine };
    if (config.TWILIO_SMS_NUMBER || config.TWILIO_WHATSAPP_NUMBER) {
      routers.push(new TwilioMessagingChannel({
        ...common, noMedia: copy.noMedia,
        // Pictures and voice notes are fetched only when Gemini is there to read them.
        ...(config.GEMINI_API_KEY ? { media: twilioMedia({ accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN, apiBase: config.TWILIO_API_BASE }) } : {}),
      }).routes());
      if (config.TWILIO_WHATSAPP_NUMBER) lines.push(`WhatsApp:     ${config.TWILIO_WHATSAPP_NUMBER} → webhook ${publicUrl}${MESSAGING_PATH}`);
      if (config.TWILIO_SMS_NUMBER) lines.push(`SMS:          ${config.TWILIO_SMS_NUMBER} → webhook ${publicUrl}${MESSAGING_PATH}`);
    }
    if (config.TWILIO_SMS_NUMBER) {
      const hints = () => [...core.catalog.products().values()].flatMap((p) => [p.name.replace(/\s*\(.*\)$/, ''), ...p.aliases]);
      routers.push(new TwilioVoiceChannel({
        ...common, language: config.VOICE_LANGUAGE, store, copy, hints, minConfidence: config.VOICE_MIN_CONFIDENCE,
        // Only a known customer with something in the cart is offered (and sent) a summary.
        textSummary: async (phone) => (await core.store.getCustomer(phone)) !== undefined && core.notifier.cartSummary(phone, 'sms'),
      }).routes());
      lines.push(`Phone calls:  ${config.TWILIO_SMS_NUMBER} → voice webhook ${publicUrl}${VOICE_PATH}`);
    }
  }

  return {
    routers,
    lines,
    ...(telegram ? { telegram } : {}),
    async start() { for (const s of starters) await s(); },
    async stop() { for (const s of stoppers) await s(); },
  };
}
