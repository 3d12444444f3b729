import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupChannels } from '../../channels/index';
import { loadConfig } from '../../src/config';
import { buildCore } from '../../src/core';
import { createApp } from '../../src/http/app';
import { createLogger } from '../../src/log';
import { keyboard } from '../../channels/render/telegram';
import type { InboundMessage } from '../../src/domain/types';
import { SendError } from '../../src/notify/errors';
import { MemoryStore } from '../../src/store/memory';
import { FAILURES, startFakeTelegram } from '../fakes/telegram-api';
import { counterIds, expectInvariants, ManualClock } from '../helpers';
import { ADMIN, BOT_TOKEN, PUBLIC_URL, startChannels, type Harness } from './harness';

let h: Harness;
beforeEach(async () => { h = await startChannels(); });
afterEach(async () => { await h.close(); });

const USER = 4242;
const PHONE = '+12025550123';
const lastText = () => h.telegramApi.sent().at(-1)?.text as string;
const buttons = () => (h.telegramApi.sent().at(-1)?.reply_markup?.inline_keyboard ?? []).flat().map((b: { text: string }) => b.text);
const dataOf = (label: string) => (h.telegramApi.sent().at(-1)?.reply_markup?.inline_keyboard ?? []).flat().find((b: { text: string }) => b.text === label)?.callback_data;

/** Replies leave through the outbox after the webhook answered: wait until it has handed them over. */
const settle = () => h.core.outbox.drain();
/** Waits for an outcome (never for a fixed time): polls a condition, giving up after many rounds. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i += 1) await new Promise((r) => setTimeout(r, 10));
}
async function send(status: Promise<number>): Promise<number> {
  const s = await status;
  await settle();
  return s;
}

const privateMessage = (text: string, extra: Record<string, unknown> = {}) => ({
  message: { message_id: 77, date: 1, chat: { id: USER, type: 'private' }, from: { id: USER, is_bot: false, first_name: 'Tess' }, text, ...extra },
});

/** What the channel handed the engine, message by message. */
function watchEngine(): InboundMessage[] {
  const seen: InboundMessage[] = [];
  const handle = h.core.engine.handle.bind(h.core.engine);
  h.core.engine.handle = async (m, o) => { seen.push(m); return handle(m, o); };
  return seen;
}

/** A customer who shared their number, gave their name, and chose pickup: the bot's menu is next. */
async function registered(): Promise<void> {
  await send(h.telegram.contact(USER, PHONE));
  await send(h.telegram.message(USER, 'Tess'));
  await send(h.telegram.tap(USER, dataOf('Pickup')));
}

describe('Telegram', () => {
  it('registers the webhook with its secret token and the bot’s commands for private chats at start-up', () => {
    expect(h.telegramApi.calls.find((c) => c.method === 'setWebhook')?.payload).toMatchObject({
      url: 'https://shop.example.com/telegram/webhook', secret_token: 'telegram-secret-for-tests',
    });
    const commands = h.telegramApi.calls.find((c) => c.method === 'setMyCommands')?.payload;
    expect(commands?.commands.map((c: { command: string }) => c.command)).toEqual(['start', 'help', 'cart', 'status']);
    expect(commands?.scope).toEqual({ type: 'all_private_chats' });
  });

  it('asks for the phone number first, takes only the user’s own contact, then orders to a placed order by buttons', async () => {
    expect(await send(h.telegram.message(USER, '/start'))).toBe(200);
    expect(lastText()).toMatch(/I need your phone number/);
    expect(h.telegramApi.sent().at(-1)?.reply_markup?.keyboard?.[0]?.[0]).toMatchObject({ request_contact: true });

    await send(h.telegram.contact(USER, '+12025550199', 9999));
    expect(lastText()).toMatch(/share your own number/);
    expect(await h.core.store.getIdentity(`telegram:${USER}`)).toBeUndefined();

    await send(h.telegram.contact(USER, '12025550123'));
    expect(h.telegramApi.sent().at(-2)).toMatchObject({ text: 'Thanks, got your number! ✅', reply_markup: { remove_keyboard: true } });
    expect(lastText()).toMatch(/what’s your name/);
    expect(await h.core.store.getIdentity(`telegram:${USER}`)).toBe(PHONE);

    await send(h.telegram.message(USER, 'Tess'));
    expect(buttons()).toEqual(['Pickup']);
    await send(h.telegram.tap(USER, dataOf('Pickup')));
    await until(() => h.telegramApi.calls.some((c) => c.method === 'answerCallbackQuery'));
    expect(h.telegramApi.calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(1);
    await send(h.telegram.message(USER, '2 cheese'));
    expect(buttons()).toEqual(['Cream Cheese (200 g)', 'Feta (200 g)', 'Mature Cheddar (400 g)', 'Mozzarella (125 g)']);
    await send(h.telegram.tap(USER, dataOf('Feta (200 g)')));
    expect(h.telegramApi.sent().at(-2)?.text).toBe('Added 2 × Feta (200 g) — $5.98.');
    await send(h.telegram.tap(USER, dataOf('Check out')));
    await send(h.telegram.tap(USER, dataOf('Pickup')));
    expect(lastText()).toMatch(/Total: \$5\.98\nShall I place it\?/);
    await send(h.telegram.tap(USER, dataOf('Yes, place it')));
    expect(lastText()).toMatch(/Order ORD-1001 is placed/);
    expect(await h.core.store.getStock('DAI-CHE-FET')).toMatchObject({ available: 18, sold: 2 });
    expect((await h.core.store.getCustomer(PHONE))?.channels?.telegram?.address).toBe(String(USER));
    await expectInvariants(h.core.store);
  });

  it('a button carries its option’s id: a tap hands the engine the id, with the label as the words, and the engine acts on it', async () => {
    const seen = watchEngine();
    await registered();
    expect(seen.at(-1)).toMatchObject({ option: 'pickup', text: 'Pickup' });
    await send(h.telegram.message(USER, '2 limes'));
    expect(dataOf('Check out')).toBe('o:checkout');
    await send(h.telegram.tap(USER, 'o:checkout'));
    expect(seen.at(-1)).toMatchObject({ channel: 'telegram', option: 'checkout', text: 'Check out' });
    expect(buttons()).toContain('Pickup');
    expect((await h.core.store.getConversation(PHONE))?.stage).toMatch(/^checkout_/);
    // The transcript keeps what the customer saw they said: the button's label.
    const said = (await h.core.store.listTranscript(PHONE)).filter((e) => e.from === 'customer').map((e) => e.text);
    expect(said).toContain('Check out');
  });

  it('buttons sent before options had ids still work: t:<label> and n:<number>', async () => {
    const seen = watchEngine();
    await registered();
    await send(h.telegram.message(USER, '2 limes'));
    await send(h.telegram.tap(USER, 't:Check out'));
    expect(seen.at(-1)).toMatchObject({ text: 'Check out' });
    expect(seen.at(-1)!.option).toBeUndefined();
    expect((await h.core.store.getConversation(PHONE))?.stage).toMatch(/^checkout_/);
    await send(h.telegram.tap(USER, 'n:1'));
    expect(seen.at(-1)).toMatchObject({ text: '1' });
    expect(seen.at(-1)!.option).toBeUndefined();
  });

  it('an id too long for Telegram’s 64-byte callback data is sent as the option’s number', () => {
    const kb = keyboard([{ id: 'checkout', label: 'Check out' }, { id: `add:${'X'.repeat(80)}`, label: 'Long one' }]);
    expect(kb.inline_keyboard.flat().map((b) => ('callback_data' in b ? b.callback_data : undefined))).toEqual(['o:checkout', 'n:2']);
  });

  it('refuses a wrong secret token with 401 and changes nothing', async () => {
    expect(await h.telegram.post(privateMessage('hi'), 'wrong-secret')).toBe(401);
    expect(await h.telegram.post(privateMessage('hi'), '')).toBe(401);
    await settle();
    expect(h.telegramApi.sent()).toHaveLength(0);
  });

  it('handles a redelivered update once: the cart changes once and the answer is repeated, not lost', async () => {
    await registered();
    const update = { update_id: 555, ...privateMessage('2 feta') };
    const post = () => fetch(`${h.url}/telegram/webhook`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'telegram-secret-for-tests' }, body: JSON.stringify(update),
    }).then((r) => r.status);
    expect(await send(post())).toBe(200);
    const answer = h.telegramApi.sent().slice(-2).map((p) => p.text);
    expect(answer[0]).toMatch(/Added 2 × Feta/);
    const before = h.telegramApi.sent().length;
    expect(await send(post())).toBe(200);
    // Sent again (two more messages), the same two.
    expect(h.telegramApi.sent()).toHaveLength(before + 2);
    expect(h.telegramApi.sent().slice(-2).map((p) => p.text)).toEqual(answer);
    expect(await h.core.store.getStock('DAI-CHE-FET')).toMatchObject({ available: 18, reserved: 2 });
    await expectInvariants(h.core.store);
  });

  it('stays silent in groups, supergroups and channels and never keeps a group’s chat id', async () => {
    await registered();
    const before = h.telegramApi.sent().length;
    const from = { id: USER, is_bot: false, first_name: 'Tess' };
    for (const type of ['group', 'supergroup']) {
      const chat = { id: -100123, type, title: 'Family' };
      expect(await send(h.telegram.post({ message: { message_id: 5, date: 1, chat, from, text: '2 feta' } }))).toBe(200);
      expect(await send(h.telegram.post({ message: { message_id: 6, date: 1, chat, from, contact: { phone_number: '+12025550177', first_name: 'T', user_id: USER } } }))).toBe(200);
      expect(await send(h.telegram.post({ callback_query: { id: `cb-${type}`, chat_instance: 'x', from, data: 't:Browse', message: { message_id: 1, date: 1, chat, text: 'x' } } }))).toBe(200);
    }
    expect(await send(h.telegram.post({ channel_post: { message_id: 7, date: 1, chat: { id: -100999, type: 'channel', title: 'News' }, text: 'hi' } }))).toBe(200);
    // A stranger's private chat with another user's id in `from` (forged) is not a private chat of theirs either.
    expect(await send(h.telegram.post({ message: { message_id: 8, date: 1, chat: { id: 31337, type: 'private' }, from, text: 'hi' } }))).toBe(200);

    expect(h.telegramApi.sent()).toHaveLength(before);
    expect(await h.core.store.getIdentity(`telegram:${USER}`)).toBe(PHONE);
    expect(await h.core.store.getIdentity('telegram:-100123')).toBeUndefined();
    expect((await h.core.store.getCustomer(PHONE))?.channels?.telegram?.address).toBe(String(USER));
    expect(await h.core.store.getStock('DAI-CHE-FET')).toMatchObject({ reserved: 0 });
  });

  it('acknowledges malformed but authentic updates with 200 and goes on working', async () => {
    const headers = { 'x-telegram-bot-api-secret-token': 'telegram-secret-for-tests' };
    const raw = (body: string, contentType: string) => fetch(`${h.url}/telegram/webhook`, { method: 'POST', headers: { ...headers, 'content-type': contentType }, body }).then((r) => r.status);
    const from = { id: USER, is_bot: false, first_name: 'Tess' };

    expect(await send(h.telegram.post({ message: { message_id: 1, date: 1, from, text: 'no chat' } }))).toBe(200);
    expect(await send(h.telegram.post({ message: { message_id: 2, date: 1, chat: { id: USER, type: 'private' }, from, contact: { phone_number: { digits: '12025550123' }, first_name: 'T', user_id: USER } } }))).toBe(200);
    expect(await send(h.telegram.post({ poll: { id: 'p1', question: 'Apples?', options: [] } }))).toBe(200);
    expect(await send(h.telegram.post({ message: 'not an object' }))).toBe(200);
    expect(await send(raw('this is not JSON', 'text/plain'))).toBe(200);
    expect(await send(raw('[1, 2, 3]', 'application/octet-stream'))).toBe(200);
    expect(await send(raw('', 'application/x-www-form-urlencoded'))).toBe(200);
    expect(await send(raw('{bad json', 'application/json'))).toBe(200);
    expect(h.telegramApi.sent()).toHaveLength(0);
    // The secret is checked before the body is read: a bad body with a wrong secret is 401, not 400.
    expect(await fetch(`${h.url}/telegram/webhook`, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': 'wrong', 'content-type': 'application/json' }, body: '{bad json' }).then((r) => r.status)).toBe(401);
    expect(await h.core.store.getIdentity(`telegram:${USER}`)).toBeUndefined();

    // An update sent with a non-JSON content type is still read and answered.
    expect(await send(raw(JSON.stringify({ update_id: 9001, ...privateMessage('/start') }), 'text/plain'))).toBe(200);
    expect(lastText()).toMatch(/I need your phone number/);
  });

  it('greets a /start deep link like /start', async () => {
    expect(await send(h.telegram.message(USER, '/start promo-spring'))).toBe(200);
    expect(lastText()).toMatch(/I need your phone number/);
    await registered();
    await send(h.telegram.message(USER, '/start'));
    const plain = h.telegramApi.sent().at(-1);
    let count = h.telegramApi.sent().length;
    await send(h.telegram.message(USER, '/start promo-spring'));
    expect(h.telegramApi.sent()).toHaveLength(count + 1);
    expect(h.telegramApi.sent().at(-1)).toEqual(plain);
    expect(lastText()).toMatch(/Welcome back/i);
    // The other menu commands, also as sent with the bot's name, mean their words.
    await send(h.telegram.message(USER, 'help'));
    const help = h.telegramApi.sent().at(-1);
    count = h.telegramApi.sent().length;
    await send(h.telegram.message(USER, '/help@grocer_test_bot'));
    expect(h.telegramApi.sent()).toHaveLength(count + 1);
    expect(h.telegramApi.sent().at(-1)).toEqual(help);
  });

  it('keeps a tap whose answerCallbackQuery fails ("query is too old")', async () => {
    await send(h.telegram.contact(USER, PHONE));
    await send(h.telegram.message(USER, 'Tess'));
    h.telegramApi.fail('answerCallbackQuery', FAILURES.queryTooOld);
    expect(await send(h.telegram.tap(USER, dataOf('Pickup')))).toBe(200);
    await until(() => h.telegramApi.calls.some((c) => c.method === 'answerCallbackQuery'));
    expect(h.telegramApi.calls.find((c) => c.method === 'answerCallbackQuery')?.ok).toBe(false);
    expect(lastText()).toMatch(/What would you like/i);
    expect((await h.core.store.getCustomer(PHONE))?.registeredAt).toBeDefined();
  });

  it('asks a tapper it does not know yet for their number', async () => {
    expect(await send(h.telegram.tap(USER, 't:Browse'))).toBe(200);
    expect(lastText()).toMatch(/I need your phone number/);
  });

  it('does not lose an unknown user’s update when the prompt cannot be sent: Telegram is asked to deliver it again', async () => {
    h.telegramApi.fail('sendMessage', FAILURES.internal);
    const update = { update_id: 4711, ...privateMessage('hello') };
    const post = () => fetch(`${h.url}/telegram/webhook`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'telegram-secret-for-tests' }, body: JSON.stringify(update),
    }).then((r) => r.status);
    expect(await post()).toBe(500);
    expect(h.telegramApi.sent()).toHaveLength(0);
    expect(await post()).toBe(200);
    expect(lastText()).toMatch(/I need your phone number/);
  });

  it('waits out a 429’s retry_after and delivers the reply once', async () => {
    await registered();
    const before = h.telegramApi.calls.length;
    h.telegramApi.fail('sendMessage', FAILURES.tooManyRequests(1));
    expect(await send(h.telegram.message(USER, '2 feta'))).toBe(200);
    const tries = h.telegramApi.calls.slice(before).filter((c) => c.method === 'sendMessage');
    expect(tries.map((c) => c.ok)).toEqual([false, true, true]);
    expect(tries.map((c) => c.payload.text)).toEqual([expect.stringMatching(/Added 2 × Feta/), tries[0]!.payload.text, expect.stringMatching(/Cart total/)]);
    expect(await h.core.store.getStock('DAI-CHE-FET')).toMatchObject({ reserved: 2 });
  });

  it('does not let the next message to a chat overtake one waiting out a 429', async () => {
    const sender = h.channels.telegram!.sender;
    const to = { address: String(USER), lastInboundAt: 0 };
    h.telegramApi.fail('sendMessage', FAILURES.tooManyRequests(1));
    await Promise.all([
      sender.send({ contact: to, reply: { key: 'notification', text: 'Your order is placed.' }, deliveryId: 'a' }),
      sender.send({ contact: to, reply: { key: 'notification', text: 'We are preparing it.' }, deliveryId: 'b' }),
    ]);
    expect(h.telegramApi.sent().map((p) => p.text)).toEqual(['Your order is placed.', 'We are preparing it.']);
  });

  it('marks a customer who blocked the bot unreachable on Telegram, tries once, and falls back to SMS their number proved', async () => {
    await h.messaging.send(PHONE, 'hi');
    await registered();
    const calls = () => h.telegramApi.calls.filter((c) => c.method === 'sendMessage').length;
    const before = calls();
    const sms = h.twilioApi.messages.length;
    h.telegramApi.fail('sendMessage', FAILURES.blocked, { times: 10 });
    h.core.outbox.enqueue(PHONE, 'Your order is on its way.');
    await settle();
    expect(calls()).toBe(before + 1);
    expect((await h.core.store.getChannelStates(PHONE)).find((s) => s.channel === 'telegram')?.unreachable).toMatchObject({ reason: '403' });
    expect(h.twilioApi.messages.slice(sms)).toEqual([expect.objectContaining({ To: PHONE, Body: expect.stringContaining('Your order is on its way.') })]);
    // Nothing more is tried on Telegram until the customer writes there again.
    h.core.outbox.enqueue(PHONE, 'Your order was delivered.');
    await settle();
    expect(calls()).toBe(before + 1);
  });

  it('tells the outbox which failures to retry: 403 blocked and 400 are permanent, 429 and 500 transient', async () => {
    const sender = h.channels.telegram!.sender;
    const msg = { contact: { address: String(USER), lastInboundAt: 0 }, reply: { key: 'notification' as const, text: 'Your order is ready' }, deliveryId: 'd1' };
    const failure = async () => sender.send(msg).then(() => undefined, (err: unknown) => err);

    h.telegramApi.fail('sendMessage', FAILURES.blocked);
    expect(await failure()).toMatchObject({ name: 'SendError', permanent: true, code: '403' });
    h.telegramApi.fail('sendMessage', { status: 400, description: 'Bad Request: chat not found' });
    expect(await failure()).toMatchObject({ permanent: true, code: '400' });
    h.telegramApi.fail('sendMessage', FAILURES.internal);
    expect(await failure()).toMatchObject({ permanent: false, code: '500' });
    // Longer than the bot waits itself: left to the outbox, with Telegram's delay.
    h.telegramApi.fail('sendMessage', FAILURES.tooManyRequests(3600));
    const tooMany = await failure();
    expect(tooMany).toBeInstanceOf(SendError);
    expect(tooMany).toMatchObject({ permanent: false, code: '429', retryAfterMs: 3_600_000 });
    expect(await sender.send({ ...msg, contact: undefined }).catch((e: unknown) => e)).toMatchObject({ permanent: true, code: 'no_chat' });
    // A group's id kept from before the bot stuck to private chats is never written to.
    expect(await sender.send({ ...msg, contact: { address: '-100123', lastInboundAt: 0 } }).catch((e: unknown) => e)).toMatchObject({ permanent: true, code: 'not_private_chat' });
    expect(h.telegramApi.sent()).toHaveLength(0);
    expect(await sender.send(msg)).toEqual({ providerId: expect.any(String) });
  });

  it('splits replies over 4,096 characters, resumes a split reply where it failed, and answers pictures politely', async () => {
    await registered();
    await send(h.telegram.message(USER, 'photo please', { text: undefined, photo: [{ file_id: 'x', file_unique_id: 'y', width: 1, height: 1 }] }));
    expect(lastText()).toMatch(/I can read text messages/);
    const before = h.telegramApi.sent().length;
    const text = `${'word '.repeat(1000)}\n${'more '.repeat(200)}`;
    const msg = { contact: { address: String(USER), lastInboundAt: 0 }, reply: { key: 'notification' as const, text, options: [{ id: 'checkout', label: 'Check out' }] }, deliveryId: 'long-1' };
    const sender = h.channels.telegram!.sender;
    // First piece taken, second refused: the outbox's retry of that reply sends only the second.
    h.telegramApi.fail('sendMessage', FAILURES.internal, { after: 1 });
    await expect(sender.send(msg)).rejects.toMatchObject({ permanent: false, code: '500' });
    expect(h.telegramApi.sent().slice(before)).toHaveLength(1);
    expect(await sender.send(msg)).toEqual({ providerId: expect.any(String) });
    const pieces = h.telegramApi.sent().slice(before);
    expect(pieces).toHaveLength(2);
    for (const p of pieces) expect((p.text as string).length).toBeLessThanOrEqual(4096);
    expect(pieces.map((p) => p.text).join(' ').replace(/\s+/g, ' ').trim()).toBe(text.replace(/\s+/g, ' ').trim());
    expect(pieces[0]!.reply_markup).toBeUndefined();
    expect(pieces[1]!.reply_markup.inline_keyboard[0][0].text).toBe('Check out');
  });
});

describe('Telegram long polling', () => {
  it('takes updates by getUpdates when TELEGRAM_MODE=polling', async () => {
    await h.close();
    h = await startChannels({ TELEGRAM_MODE: 'polling' });
    h.telegramApi.queue({ update_id: 1, message: { message_id: 1, date: 1, chat: { id: 5, type: 'private' }, from: { id: 5, is_bot: false, first_name: 'P' }, text: 'hi' } });
    await until(() => h.telegramApi.sent().length > 0);
    expect(h.telegramApi.sent()[0]).toMatchObject({ chat_id: 5, text: expect.stringMatching(/I need your phone number/) });
    expect(h.telegramApi.calls.some((c) => c.method === 'deleteWebhook')).toBe(true);
    expect(h.telegramApi.calls.some((c) => c.method === 'setWebhook')).toBe(false);
    expect(h.telegramApi.calls.some((c) => c.method === 'setMyCommands')).toBe(true);
  });

  it('tries a polled update again when handling it failed, since Telegram will not send it again', async () => {
    await h.close();
    h = await startChannels({ TELEGRAM_MODE: 'polling' });
    h.telegramApi.fail('sendMessage', FAILURES.internal);
    h.telegramApi.queue({ update_id: 1, message: { message_id: 1, date: 1, chat: { id: 5, type: 'private' }, from: { id: 5, is_bot: false, first_name: 'P' }, text: 'hi' } });
    await until(() => h.telegramApi.sent().length > 0);
    expect(h.telegramApi.calls.filter((c) => c.method === 'sendMessage').map((c) => c.ok)).toEqual([false, true]);
    expect(h.telegramApi.sent()[0]).toMatchObject({ chat_id: 5, text: expect.stringMatching(/I need your phone number/) });
  });
});

describe('Telegram logs', () => {
  it('log what they skip and why, and never the token, phone numbers, names or message texts', async () => {
    let out = '';
    const log = createLogger('trace', new Writable({ write(chunk, _enc, done) { out += chunk; done(); } }));
    const api = await startFakeTelegram(BOT_TOKEN);
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: api.url, TELEGRAM_WEBHOOK_SECRET: 'telegram-secret-for-tests', PUBLIC_URL });
    const core = await buildCore(config, log, { store: new MemoryStore(), clock: new ManualClock(), ids: counterIds(), outbox: { maxAttempts: 2, baseDelayMs: 10 } });
    const channels = setupChannels(core, config);
    await channels.start();
    const server: Server = await new Promise((resolve) => { const s = createApp(core, { adminToken: ADMIN, channels: channels.routers }).listen(0, '127.0.0.1', () => resolve(s)); });
    let updateId = 1;
    const post = async (update: Record<string, unknown>) => {
      await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'telegram-secret-for-tests' },
        body: JSON.stringify({ update_id: updateId++, ...update }),
      });
      await core.outbox.drain();
    };
    const from = { id: USER, is_bot: false, first_name: 'Tess' };
    const chat = { id: USER, type: 'private' };
    const message = (text: string) => post({ message: { message_id: updateId, date: 1, chat, from, text } });
    const tap = (data: string) => post({ callback_query: { id: `cb${updateId}`, chat_instance: 'x', from, data, message: { message_id: 1, date: 1, chat, text: 'x' } } });
    try {
      await message('/start secret-payload');
      await post({ message: { message_id: updateId, date: 1, chat, from, contact: { phone_number: PHONE, first_name: 'Tess', user_id: USER } } });
      await message('Tess Tester');
      api.fail('sendMessage', FAILURES.internal);
      await tap('t:Pickup');
      api.fail('answerCallbackQuery', FAILURES.queryTooOld);
      await tap('t:Browse');
      await until(() => out.includes('could not answer a button tap'));
      api.fail('sendMessage', FAILURES.blocked);
      await message('2 feta and my door code 4711');
      await post({ message: { message_id: 2, date: 1, chat, from, contact: { phone_number: { n: PHONE }, user_id: USER } } });
      await post({ message: { message_id: 3, date: 1, chat: { id: -5, type: 'group' }, from, text: 'group secret words' } });
    } finally {
      await channels.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
    }
    for (const line of ['malformed telegram update ignored', 'outside a private chat', 'could not answer a button tap', 'telegram send failed']) expect(out).toContain(line);
    for (const secret of [BOT_TOKEN, PHONE, PHONE.slice(1), 'Tess Tester', 'secret-payload', 'door code 4711', 'group secret words']) expect(out).not.toContain(secret);
  });
});
