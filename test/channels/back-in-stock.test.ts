import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store';
import { STORES } from '../stores';
import { ADMIN, SMS_NUMBER, startChannels, type Harness } from './harness';

const OAT = 'DAI-MLK-OAT';
const TEMPLATE = `HX${'b2'.repeat(16)}`;
const PHONE = '+12025550161';
const WA = `whatsapp:${PHONE}`;
const USER = 5151;

let h: Harness;
afterEach(async () => { await h?.close(); });

async function start(store: Store) {
  h = await startChannels({ TWILIO_WHATSAPP_TEMPLATE_SID: TEMPLATE }, store);
  // Nothing of the oat milk left on the shelf.
  const s = (await h.core.store.getStock(OAT))!;
  expect((await h.core.catalog.patch(OAT, { stock: s.reserved + s.sold })).ok).toBe(true);
}

/** POST /admin/products/:sku/restock, as the console's Restock button does; then what it started is sent. */
async function restock(quantity: number): Promise<void> {
  const res = await fetch(`${h.url}/admin/products/${OAT}/restock`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ quantity }),
  });
  expect(res.status).toBe(200);
  await h.core.backInStock.drain();
  await h.core.outbox.drain();
}

const texts = async (from: string, ...said: string[]) => {
  let last: string[] = [];
  for (const t of said) last = (await h.messaging.send(from, t)).messages;
  return last.join('\n');
};

describe.each(STORES)('back in stock on every channel, on the $name store', ({ open }) => {
  it('SMS: the offer is a numbered list; "1" records the wish; the restock texts the notice once; "1" adds it', async () => {
    await start(await open());
    await texts(PHONE, 'hi', 'Sam', 'pickup');
    const offer = await texts(PHONE, '2 oat milk');
    expect(offer).toContain('Shall I tell you when Oat Milk (1 L) is back?\n1. Yes, tell me\n2. No thanks');
    expect(await texts(PHONE, '1')).toContain('I’ll message you when Oat Milk (1 L) is back in stock.');
    await restock(5);
    await restock(5);
    expect(h.twilioApi.messages.map((m) => m.Body)).toEqual([
      'Good news — Oat Milk (1 L) is back in stock at Corner Grocer. Add 1 to your cart?\n1. Yes, add 1\n2. No thanks\nReply with a number or type your answer.',
    ]);
    expect(h.twilioApi.messages[0]).toMatchObject({ From: SMS_NUMBER, To: PHONE });
    expect(await texts(PHONE, '1')).toContain('Added 1 × Oat Milk (1 L)');
    expect((await h.core.store.getStock(OAT))!.reserved).toBe(1);
  });

  it('SMS: a customer who texted STOP is not told (the outbox skips it), and not told again later', async () => {
    await start(await open());
    await texts(PHONE, 'hi', 'Sam', 'pickup', 'oat milk', 'yes');
    await h.messaging.send(PHONE, 'STOP');
    await restock(5);
    expect(h.twilioApi.requests).toEqual([]);
    expect((await h.deliveries(PHONE)).body.deliveries).toEqual([expect.objectContaining({ channel: 'sms', status: 'skipped', errorCode: 'opted_out' })]);
    expect(await h.core.store.countWaitingWishes()).toEqual({});
  });

  it('WhatsApp: inside the 24-hour window a plain message; outside it, the approved template carries the notice', async () => {
    await start(await open());
    await texts(WA, 'hi', 'Sam', 'pickup', 'oat milk', 'yes');
    await texts('whatsapp:+12025550162', 'hi', 'Kim', 'pickup', 'oat milk', 'yes');
    // Kim wrote again a day later; Sam has been quiet for 25 hours.
    h.clock.advance(25 * 60);
    await texts('whatsapp:+12025550162', 'thanks');
    h.twilioApi.requests.length = 0;
    await restock(5);
    const toSam = h.twilioApi.messages.filter((m) => m.To === WA);
    const toKim = h.twilioApi.messages.filter((m) => m.To === 'whatsapp:+12025550162');
    expect(toSam).toEqual([expect.objectContaining({ ContentSid: TEMPLATE })]);
    expect(JSON.parse(toSam[0]!.ContentVariables!)['1']).toMatch(/^Good news — Oat Milk \(1 L\) is back in stock at Corner Grocer\. Add 1 to your cart\?/);
    expect(toKim).toEqual([expect.objectContaining({ Body: expect.stringContaining('Good news — Oat Milk (1 L) is back') })]);
    expect(toKim[0]!.ContentSid).toBeUndefined();
    expect(await texts(WA, 'yes')).toContain('Added 1 × Oat Milk (1 L)');
  });

  it('Telegram: the offer and the notice are buttons; a tap on "Yes, add 1" adds it', async () => {
    await start(await open());
    const sent = () => h.telegramApi.sent();
    const buttons = () => (sent().at(-1)?.reply_markup?.inline_keyboard ?? []).flat() as { text: string; callback_data: string }[];
    const tap = async (label: string) => {
      const data = buttons().find((b) => b.text === label)?.callback_data;
      expect(data, `a button "${label}"`).toBeDefined();
      await h.telegram.tap(USER, data!);
      await h.core.outbox.drain();
    };
    const say = async (text: string) => { await h.telegram.message(USER, text); await h.core.outbox.drain(); };
    await h.telegram.contact(USER, PHONE);
    await h.core.outbox.drain();
    await say('Tess');
    await tap('Pickup');
    await say('oat milk');
    expect(sent().at(-1)?.text).toContain('Shall I tell you when Oat Milk (1 L) is back?');
    expect(buttons().map((b) => b.text)).toEqual(['Yes, tell me', 'No thanks']);
    await tap('Yes, tell me');
    await restock(3);
    expect(sent().at(-1)?.text).toBe('Good news — Oat Milk (1 L) is back in stock at Corner Grocer. Add 1 to your cart?');
    expect(buttons().map((b) => b.text)).toEqual(['Yes, add 1', 'No thanks']);
    await tap('Yes, add 1');
    expect(sent().at(-1)?.text).toMatch(/Cart total/);
    expect(sent().map((m) => m.text).join('\n')).toContain('Added 1 × Oat Milk (1 L)');
    expect((await h.core.store.getStock(OAT))!.reserved).toBe(1);
  });

  it('voice: the offer is read with its keys; pressing 1 records the wish, and the notice comes by SMS', async () => {
    await start(await open());
    const CALL = `CA${'d4'.repeat(16)}`;
    let next = '/twilio/voice';
    const step = async (params: Record<string, string>) => {
      const r = await h.twilioPost(next, { CallSid: CALL, From: PHONE, To: SMS_NUMBER, AccountSid: 'x', ...params });
      const gather = r.twiml?.Gather?.[0];
      if (gather?.action) next = gather.action;
      return [...(gather?.Say ?? []), ...(r.twiml?.Say ?? [])].map((s: unknown) => (typeof s === 'string' ? s : (s as { '#text': string })['#text'])).join(' ');
    };
    await step({});
    await step({ SpeechResult: 'Vera', Confidence: '0.9' });
    await step({ SpeechResult: 'pickup', Confidence: '0.9' });
    const offer = await step({ SpeechResult: 'two oat milks', Confidence: '0.9' });
    expect(offer).toContain('Shall I tell you when Oat Milk (1 L) is back?');
    expect(offer).toMatch(/say Yes, tell me, or press 1.*say No thanks, or press 2/);
    expect(await step({ Digits: '1' })).toContain('I’ll message you when Oat Milk (1 L) is back in stock.');
    await restock(4);
    expect(h.twilioApi.messages).toEqual([expect.objectContaining({ To: PHONE, Body: expect.stringContaining('Good news — Oat Milk (1 L) is back in stock') })]);
  });
});
