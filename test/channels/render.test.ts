import { describe, expect, it } from 'vitest';
import { smsTexts, templateText } from '../../channels/render/sms';
import { telegramMessages, TELEGRAM_MAX_TEXT, type TelegramMessage } from '../../channels/render/telegram';
import { forTheEar } from '../../channels/render/voice';
import type { OrderLine, Reply } from '../../src/domain/types';
import { createCopy, OPTION, pickOption, type Listed } from '../../src/engine/copy';
import { toApiReply, toWebReply } from '../../src/http/replies';

const copy = createCopy({ storeName: 'Corner Grocer', currency: 'USD', locale: 'en-US' });
const line = (sku: string, name: string, unit: OrderLine['unit'], qty: number, cents: number): OrderLine => ({ sku, name, unit, qty, unitPriceCents: cents, lineTotalCents: cents });
const lines = [line('FRU-LIM', 'Limes', 'each', 2, 98), line('VEG-POT', 'Potatoes', 'kg', 1500, 299)];
/** The cart as the engine says it: a list with its prices, the total, and two options. */
const cart: Reply = { key: 'cart', params: { totalCents: 397 }, ...(copy.cartList(lines, 397, 25) as Listed), options: [OPTION.checkout, OPTION.browse] };

/** The buttons' rows of a Telegram message (a keyboard under construction ends in an empty row). */
const rows = (m: TelegramMessage) => m.keyboard?.inline_keyboard.filter((r) => r.length);

describe('the renderers, one per platform', () => {
  it('Telegram: the words as written, the options as buttons carrying their ids under the last piece', () => {
    const [only, ...more] = telegramMessages(cart);
    expect(more).toEqual([]);
    expect(only!.text).toBe('Your cart:\n• 2 × Limes — $0.98\n• 1.5 kg Potatoes — $2.99\nTotal: $3.97\nI’m holding these for you for 25 more minutes.');
    expect(rows(only!)).toEqual([[{ text: 'Check out', callback_data: 'o:checkout' }], [{ text: 'Browse', callback_data: 'o:browse' }]]);
    // A long reply is split; only its last piece has the buttons. An id too long for Telegram goes by its number.
    const long = telegramMessages({ key: 'notification', text: 'word '.repeat(1000), options: [pickOption({ sku: 'X'.repeat(70), name: 'Long one' })] });
    expect(long.length).toBe(2);
    long.forEach((m) => expect(m.text.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT));
    expect(long[0]!.keyboard).toBeUndefined();
    expect(rows(long[1]!)).toEqual([[{ text: 'Long one', callback_data: 'n:1' }]]);
  });

  it('SMS and WhatsApp: the words, then the options numbered; outside the WhatsApp window one line for the template', () => {
    expect(smsTexts(cart)).toEqual([`${cart.text}\n1. Check out\n2. Browse\nReply with a number or type your answer.`]);
    expect(smsTexts({ key: 'notification', text: 'Your order is ready.' })).toEqual(['Your order is ready.']);
    expect(templateText(cart)).toBe('Your cart: • 2 × Limes — $0.98 • 1.5 kg Potatoes — $2.99 Total: $3.97 I’m holding these for you for 25 more minutes. (Check out / Browse)');
  });

  it('voice: the list from its structure, with no bullets or symbols, three items at a time, the options as key presses', () => {
    expect(forTheEar([cart], copy)).toEqual({
      say: 'Your cart: 2 Limes, $0.98. 1.5 kg Potatoes, $2.99. Total: $3.97. I’m holding these for you for 25 more minutes. You can say Check out, or press 1, say Browse, or press 2.',
    });
    const four = [...lines, line('DAI-EGG', 'Eggs', 'each', 1, 349), line('BAK-RYE', 'Rye Bread', 'each', 1, 299)];
    const longCart: Reply = { ...cart, ...(copy.cartList(four, 1045, 25) as Listed) };
    const heard = forTheEar([longCart], copy);
    expect(heard.at).toBe(3);
    expect(heard.say).toContain('Say more to hear the last one.');
    expect(heard.say).not.toContain('Rye Bread');
    expect(heard.say).not.toMatch(/[•×]/);
    // "Pick a number … or type your answer" is said as the keys to press.
    const pick: Reply = { key: 'pick_number', text: copy.pickNumber(2), options: [OPTION.yes, OPTION.no] };
    expect(forTheEar([pick], copy).say).toBe('Please say one of these, or press a key from 1 to 2. You can say Yes, or press 1, say No, or press 2.');
  });

  it('web chat and API: the JSON carries the key, the parameters, the list with its cents and the options by id', () => {
    const json = {
      key: 'cart', params: { totalCents: 397 }, text: cart.text,
      list: { intro: 'Your cart:', items: [{ label: '2 × Limes — $0.98', cents: 98 }, { label: '1.5 kg Potatoes — $2.99', cents: 299 }], outro: 'Total: $3.97\nI’m holding these for you for 25 more minutes.' },
      options: [{ id: 'checkout', label: 'Check out' }, { id: 'browse', label: 'Browse' }],
    };
    expect(toApiReply(cart)).toEqual(json);
    expect(toWebReply(cart)).toEqual(json);
  });
});
