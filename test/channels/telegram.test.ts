import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectInvariants } from '../helpers';
import { startChannels, type Harness } from './harness';

let h: Harness;
beforeEach(async () => { h = await startChannels(); });
afterEach(async () => { await h.close(); });

const USER = 4242;
const lastText = () => h.telegramApi.sent().at(-1)?.text as string;
const buttons = () => (h.telegramApi.sent().at(-1)?.reply_markup?.inline_keyboard ?? []).flat().map((b: { text: string }) => b.text);
const dataOf = (label: string) => (h.telegramApi.sent().at(-1)?.reply_markup?.inline_keyboard ?? []).flat().find((b: { text: string }) => b.text === label)?.callback_data;

describe('Telegram', () => {
  it('registers the webhook with its secret token at start-up', () => {
    expect(h.telegramApi.calls.find((c) => c.method === 'setWebhook')?.payload).toMatchObject({
      url: 'https://shop.example.com/telegram/webhook', secret_token: 'telegram-secret-for-tests',
    });
  });

  it('asks for the phone number first, takes only the user’s own contact, then orders to a placed order by buttons', async () => {
    expect(await h.telegram.message(USER, '/start')).toBe(200);
    expect(lastText()).toMatch(/I need your phone number/);
    expect(h.telegramApi.sent().at(-1)?.reply_markup?.keyboard?.[0]?.[0]).toMatchObject({ request_contact: true });

    await h.telegram.contact(USER, '+12025550199', 9999);
    expect(lastText()).toMatch(/share your own number/);
    expect(await h.core.store.getIdentity(`telegram:${USER}`)).toBeUndefined();

    await h.telegram.contact(USER, '12025550123');
    expect(h.telegramApi.sent().at(-2)).toMatchObject({ text: 'Thanks, got your number! ✅', reply_markup: { remove_keyboard: true } });
    expect(lastText()).toMatch(/what’s your name/);
    expect(await h.core.store.getIdentity(`telegram:${USER}`)).toBe('+12025550123');

    await h.telegram.message(USER, 'Tess');
    expect(buttons()).toEqual(['Pickup']);
    await h.telegram.tap(USER, dataOf('Pickup'));
    expect(h.telegramApi.calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(1);
    await h.telegram.message(USER, '2 cheese');
    expect(buttons()).toEqual(['Cream Cheese (200 g)', 'Feta (200 g)', 'Mature Cheddar (400 g)', 'Mozzarella (125 g)']);
    await h.telegram.tap(USER, dataOf('Feta (200 g)'));
    expect(h.telegramApi.sent().at(-2)?.text).toBe('Added 2 × Feta (200 g) — $5.98.');
    await h.telegram.tap(USER, dataOf('Check out'));
    await h.telegram.tap(USER, dataOf('Pickup'));
    expect(lastText()).toMatch(/Total: \$5\.98\nShall I place it\?/);
    await h.telegram.tap(USER, dataOf('Yes, place it'));
    expect(lastText()).toMatch(/Order ORD-1001 is placed/);
    expect(await h.core.store.getStock('DAI-CHE-FET')).toMatchObject({ available: 18, sold: 2 });
    expect((await h.core.store.getCustomer('+12025550123'))?.channels?.telegram?.address).toBe(String(USER));
    await expectInvariants(h.core.store);
  });

  it('refuses a wrong secret token with 401 and changes nothing', async () => {
    expect(await h.telegram.post({ message: { message_id: 1, date: 1, chat: { id: USER, type: 'private' }, from: { id: USER, is_bot: false, first_name: 'T' }, text: 'hi' } }, 'wrong-secret')).toBe(401);
    expect(await h.telegram.post({ message: { message_id: 1, date: 1, chat: { id: USER, type: 'private' }, from: { id: USER, is_bot: false, first_name: 'T' }, text: 'hi' } }, '')).toBe(401);
    expect(h.telegramApi.sent()).toHaveLength(0);
  });

  it('ignores a repeated update_id', async () => {
    await h.telegram.contact(USER, '+12025550123');
    const before = h.telegramApi.sent().length;
    const update = { update_id: 555, message: { message_id: 9, date: 1, chat: { id: USER, type: 'private' }, from: { id: USER, is_bot: false, first_name: 'T' }, text: 'Tess' } };
    expect(await h.telegram.post(update)).toBe(200);
    expect(await h.telegram.post(update)).toBe(200);
    expect(h.telegramApi.sent().length).toBe(before + 1);
  });

  it('splits replies over 4,096 characters and answers pictures politely', async () => {
    await h.telegram.contact(USER, '+12025550123');
    await h.telegram.message(USER, 'Tess');
    await h.telegram.message(USER, 'pickup');
    await h.telegram.message(USER, 'photo please', { text: undefined, photo: [{ file_id: 'x', file_unique_id: 'y', width: 1, height: 1 }] });
    expect(lastText()).toMatch(/I can read text messages/);
    const before = h.telegramApi.sent().length;
    const text = `${'word '.repeat(1000)}\n${'more '.repeat(200)}`;
    await h.channels.telegram!.send(String(USER), [{ text, options: ['Check out'] }]);
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
    for (let i = 0; i < 100 && h.telegramApi.sent().length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(h.telegramApi.sent()[0]).toMatchObject({ chat_id: 5, text: expect.stringMatching(/I need your phone number/) });
    expect(h.telegramApi.calls.some((c) => c.method === 'deleteWebhook')).toBe(true);
    expect(h.telegramApi.calls.some((c) => c.method === 'setWebhook')).toBe(false);
  });
});
