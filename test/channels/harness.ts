import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import twilio from 'twilio';
import { setupChannels, type LiveChannels } from '../../channels/index';
import { loadConfig } from '../../src/config';
import { buildCore } from '../../src/core';
import { createApp } from '../../src/http/app';
import type { Store } from '../../src/store/store';
import { MemoryStore } from '../../src/store/memory';
import { startFakeTelegram } from '../fakes/telegram-api';
import { startFakeTwilio } from '../fakes/twilio-api';
import { counterIds, ManualClock, silentLog } from '../helpers';

export const BOT_TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';
export const ACCOUNT_SID = `AC${'a1'.repeat(16)}`;
export const AUTH_TOKEN = 'twilio-auth-token-for-tests';
export const PUBLIC_URL = 'https://shop.example.com';
export const SMS_NUMBER = '+12025550100';
export const WHATSAPP_NUMBER = '+14155238886';
export const ADMIN = 'admin-token-for-tests-0001';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['Message', 'Say', 'Gather'].includes(name) });

/** The whole web process with every channel live, talking to local fakes of Telegram and Twilio. */
export async function startChannels(env: Record<string, string> = {}, store: Store = new MemoryStore()) {
  const telegramApi = await startFakeTelegram(BOT_TOKEN);
  const twilioApi = await startFakeTwilio(ACCOUNT_SID);
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: telegramApi.url, TELEGRAM_WEBHOOK_SECRET: 'telegram-secret-for-tests',
    PUBLIC_URL, TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_API_BASE: twilioApi.url,
    TWILIO_SMS_NUMBER: SMS_NUMBER, TWILIO_WHATSAPP_NUMBER: WHATSAPP_NUMBER, ...env,
  });
  const clock = new ManualClock();
  const core = await buildCore(config, silentLog, { store, clock, ids: counterIds(), outbox: { maxAttempts: 4, baseDelayMs: 10 } });
  const channels: LiveChannels = setupChannels(core, config);
  await channels.start();
  const app = createApp(core, { adminToken: ADMIN, channels: channels.routers });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let updateId = 1000;
  const telegram = {
    /** Posts an update to the webhook as Telegram would, with the secret-token header. */
    async post(update: Record<string, unknown>, secret = 'telegram-secret-for-tests') {
      const res = await fetch(`${url}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        body: JSON.stringify({ update_id: updateId++, ...update }),
      });
      return res.status;
    },
    message(userId: number, text: string, extra: Record<string, unknown> = {}) {
      return this.post({ message: { message_id: updateId, date: 1, chat: { id: userId, type: 'private' }, from: { id: userId, is_bot: false, first_name: 'Tess' }, text, ...extra } });
    },
    contact(userId: number, phone: string, contactUserId = userId) {
      return this.post({ message: { message_id: updateId, date: 1, chat: { id: userId, type: 'private' }, from: { id: userId, is_bot: false, first_name: 'Tess' }, contact: { phone_number: phone, first_name: 'Tess', user_id: contactUserId } } });
    },
    /** A button tap; the tapped message comes with its keyboard, as Telegram sends it (the last one sent to the chat). */
    tap(userId: number, data: string) {
      const markup = telegramApi.sent().filter((m) => String(m.chat_id) === String(userId) && m.reply_markup?.inline_keyboard).at(-1)?.reply_markup;
      return this.post({ callback_query: { id: `cb${updateId}`, chat_instance: 'x', from: { id: userId, is_bot: false, first_name: 'Tess' }, data, message: { message_id: 1, date: 1, chat: { id: userId, type: 'private' }, text: 'x', ...(markup ? { reply_markup: markup } : {}) } } });
    },
  };

  /** Posts a form to a Twilio webhook, signed with the twilio library's own signing function. */
  async function twilioPost(path: string, params: Record<string, string>, sign: 'good' | 'bad' | 'none' = 'good') {
    const signature = twilio.getExpectedTwilioSignature(sign === 'bad' ? 'wrong-token-0000000000' : AUTH_TOKEN, `${PUBLIC_URL}${path}`, params);
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(sign === 'none' ? {} : { 'x-twilio-signature': signature }) },
      body: new URLSearchParams(params).toString(),
    });
    const text = await res.text();
    return { status: res.status, text, twiml: res.headers.get('content-type')?.includes('xml') ? xml.parse(text).Response : undefined };
  }

  let sid = 0;
  const messaging = {
    async send(from: string, body: string, extra: Record<string, string> = {}, sign: 'good' | 'bad' | 'none' = 'good') {
      const params = { MessageSid: `SM${String(++sid).padStart(32, '0')}`, AccountSid: ACCOUNT_SID, From: from, To: from.startsWith('whatsapp:') ? `whatsapp:${WHATSAPP_NUMBER}` : SMS_NUMBER, Body: body, NumMedia: '0', ...extra };
      const r = await twilioPost('/twilio/messages', params, sign);
      const messages: string[] = (r.twiml?.Message ?? []).map((m: unknown) => (typeof m === 'string' ? m : String((m as { '#text'?: string })['#text'] ?? '')));
      return { ...r, messages, params };
    },
  };

  /** Reports a message's fate as Twilio would: a signed POST to the StatusCallback the message was sent with. */
  async function statusCallback(message: Record<string, string>, params: Record<string, string>, sign: 'good' | 'bad' | 'none' = 'good') {
    const callback = message.StatusCallback;
    if (!callback?.startsWith(PUBLIC_URL)) throw new Error('the message was sent without a status callback');
    return twilioPost(callback.slice(PUBLIC_URL.length), { AccountSid: ACCOUNT_SID, ...params }, sign);
  }

  /** GET /admin/customers/:phone/deliveries. */
  async function deliveries(phone: string, token = ADMIN) {
    const res = await fetch(`${url}/admin/customers/${encodeURIComponent(phone)}/deliveries`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: await res.json() as { deliveries: Record<string, unknown>[]; error?: string } };
  }

  return {
    core, config, clock, url, telegramApi, twilioApi, telegram, messaging, twilioPost, statusCallback, deliveries, channels,
    async close() {
      await channels.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await telegramApi.close();
      await twilioApi.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startChannels>>;
