import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectInvariants } from '../helpers';
import { ADMIN, SMS_NUMBER, WHATSAPP_NUMBER, startChannels, type Harness } from './harness';

let h: Harness;
beforeEach(async () => { h = await startChannels(); });
afterEach(async () => { await h.close(); });

const WA = 'whatsapp:+12025550123';

async function say(from: string, ...texts: string[]) {
  let last: string[] = [];
  for (const t of texts) last = (await h.messaging.send(from, t)).messages;
  return last.join('\n');
}

describe('WhatsApp and SMS', () => {
  it('WhatsApp: first contact to a placed order, options as a numbered list answered by number', async () => {
    const first = await h.messaging.send(WA, 'hi');
    expect(first.status).toBe(200);
    expect(first.messages[0]).toMatch(/what’s your name/);
    expect(await say(WA, 'Wanda')).toMatch(/delivery address\?.*\n1\. Pickup\nReply with a number/s);
    await say(WA, '1');
    const which = await say(WA, '3 bottles of milk');
    expect(which).toMatch(/Which milk would you like\?\n1\. Almond Milk \(1 L\)\n2\. Oat Milk \(1 L\)\n3\. Skim Milk \(1 L\)\n4\. Whole Milk \(1 L\)/);
    expect(await say(WA, '2')).toContain('Added 3 × Oat Milk (1 L) — $7.47.');
    await say(WA, 'check out');
    expect(await say(WA, 'pickup')).toMatch(/Total: \$7\.47\nShall I place it\?\n1\. Yes, place it/);
    expect(await say(WA, '1')).toMatch(/Order ORD-1001 is placed/);
    expect(await h.core.store.getStock('DAI-MLK-OAT')).toMatchObject({ available: 27, sold: 3 });
    expect(await h.core.store.getCustomer('+12025550123')).toMatchObject({ name: 'Wanda', lastChannel: 'whatsapp' });
    await expectInvariants(h.core.store);
  });

  it('SMS: first contact to a placed order; whatsapp:+1… and +1… are the same customer', async () => {
    await say('+12025550123', 'hello', 'Sam', '5 Elm Street, Springfield', '2 limes');
    expect(await say(WA, 'show my cart')).toContain('2 × Limes');
    await say('+12025550123', 'checkout', 'delivery');
    expect(await say('+12025550123', 'yes')).toMatch(/placed.*delivered to 5 Elm Street/);
  });

  it('SMS numbers the options by their labels (never their ids), and "2" picks the second', async () => {
    await say('+12025550123', 'hi', 'Sam', 'pickup');
    const which = await say('+12025550123', '2 cheese');
    expect(which).toMatch(/\n1\. Cream Cheese \(200 g\)\n2\. Feta \(200 g\)\n3\. Mature Cheddar \(400 g\)\n4\. Mozzarella \(125 g\)\nReply with a number/);
    expect(which).not.toMatch(/pick:|add:/);
    // The number comes back as the customer's words; the interpreter reads it against the options on offer.
    expect(await say('+12025550123', '2')).toContain('Added 2 × Feta (200 g) — $5.98.');
    expect(await h.core.store.getStock('DAI-CHE-FET')).toMatchObject({ reserved: 2 });
  });

  it('refuses a missing signature with 400 and a wrong one with 403, changing nothing', async () => {
    const none = await h.messaging.send(WA, 'hi', {}, 'none');
    expect(none.status).toBe(400);
    const bad = await h.messaging.send(WA, 'hi', {}, 'bad');
    expect(bad.status).toBe(403);
    expect(await h.core.store.getCustomer('+12025550123')).toBeUndefined();
    expect(await h.core.store.getConversation('+12025550123')).toBeUndefined();
  });

  it('handles a repeated MessageSid once', async () => {
    await say(WA, 'hi', 'Wanda', 'pickup');
    const first = await h.messaging.send(WA, '2 limes', { MessageSid: `SM${'9'.repeat(32)}` });
    const again = await h.messaging.send(WA, '2 limes', { MessageSid: `SM${'9'.repeat(32)}` });
    expect(first.messages[0]).toContain('Added 2 × Limes');
    expect(again.status).toBe(200);
    expect(again.messages).toEqual([]);
    expect(await h.core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 2 });
  });

  it('answers a picture or voice note with what it can take', async () => {
    const r = await h.messaging.send(WA, '', { NumMedia: '1', MediaContentType0: 'image/jpeg', MediaUrl0: 'https://example.com/x.jpg' });
    expect(r.messages).toEqual([expect.stringMatching(/can only read text.*pictures or voice notes/)]);
  });

  it('splits long replies at 1,600 characters, the numbered options staying with the last piece', async () => {
    const { smsTextsOf } = await import('../../channels/render/sms');
    const texts = smsTextsOf([{ key: 'notification', text: 'line\n'.repeat(500), options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }]);
    expect(texts.length).toBe(2);
    texts.forEach((t) => expect(t.length).toBeLessThanOrEqual(1600));
    expect(texts[1]).toMatch(/1\. A\n2\. B\nReply with a number/);
  });
});

describe('messages the store starts', () => {
  async function placeOn(from: string) {
    await say(from, 'hi', 'Wanda', 'pickup', '2 limes', 'checkout', 'pickup', 'yes');
  }
  const status = (id: string, s: string) => fetch(`${h.url}/admin/orders/${id}/status`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ status: s }),
  });

  it('an admin status change reaches the customer on WhatsApp, their last channel', async () => {
    await placeOn(WA);
    expect((await status('ORD-1001', 'preparing')).status).toBe(200);
    expect((await status('ORD-1001', 'ready')).status).toBe(200);
    await h.core.outbox.drain();
    expect(h.twilioApi.messages.map((m) => [m.From, m.To, m.Body])).toEqual([
      [`whatsapp:${WHATSAPP_NUMBER}`, WA, 'Good news — we’re preparing your order ORD-1001.'],
      [`whatsapp:${WHATSAPP_NUMBER}`, WA, 'Your order ORD-1001 is ready for collection at Corner Grocer. See you soon!'],
    ]);
  });

  it('reaches an SMS customer by SMS, and a Telegram customer on Telegram', async () => {
    await placeOn('+12025550123');
    await h.telegram.contact(77, '+12025550124');
    for (const t of ['Tom', 'pickup', 'a coke', 'checkout', 'pickup', 'yes']) await h.telegram.message(77, t);
    await status('ORD-1001', 'cancelled');
    await status('ORD-1002', 'preparing');
    await h.core.outbox.drain();
    expect(h.twilioApi.messages.map((m) => [m.From, m.To])).toEqual([[SMS_NUMBER, '+12025550123']]);
    expect(h.twilioApi.messages[0]!.Body).toMatch(/cancel your order ORD-1001/);
    expect(h.telegramApi.sent().at(-1)).toMatchObject({ chat_id: '77', text: 'Good news — we’re preparing your order ORD-1002.' });
  });

  it('outside WhatsApp’s 24-hour window, falls back to SMS without a template, and uses the template when set', async () => {
    await placeOn(WA);
    h.clock.advance(25 * 60);
    await status('ORD-1001', 'preparing');
    await h.core.outbox.drain();
    expect(h.twilioApi.messages.at(-1)).toMatchObject({ From: SMS_NUMBER, To: '+12025550123' });
    await h.close();

    h = await startChannels({ TWILIO_WHATSAPP_TEMPLATE_SID: `HX${'b2'.repeat(16)}` });
    await placeOn(WA);
    h.clock.advance(25 * 60);
    await status('ORD-1001', 'preparing');
    await h.core.outbox.drain();
    expect(h.twilioApi.messages.at(-1)).toMatchObject({ From: `whatsapp:${WHATSAPP_NUMBER}`, To: WA, ContentSid: `HX${'b2'.repeat(16)}` });
    expect(JSON.parse(h.twilioApi.messages.at(-1)!.ContentVariables!)).toEqual({ 1: 'Good news — we’re preparing your order ORD-1001.' });
  });

  it('retries when Twilio fails, with backoff', async () => {
    await placeOn('+12025550123');
    h.twilioApi.failNextRequests(2);
    await status('ORD-1001', 'preparing');
    await h.core.outbox.drain();
    expect(h.twilioApi.messages).toHaveLength(1);
    expect(h.twilioApi.messages[0]!.Body).toMatch(/preparing your order ORD-1001/);
  });
});
