import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectInvariants } from '../helpers';
import { SMS_NUMBER, startChannels, type Harness } from './harness';

// "The usual" through the real channel adapters: SMS over a fake Twilio (a numbered yes/no) and a phone call
// (TwiML <Gather>, said short, answered by voice or a key press).

let h: Harness;
beforeEach(async () => { h = await startChannels(); });
afterEach(async () => { await h.close(); });

const PHONE = '+12025550166';
const ATTESTED = { StirVerstat: 'TN-Validation-Passed-A' };

async function sms(text: string) {
  return (await h.messaging.send(PHONE, text)).messages.join('\n');
}

/** A registered SMS customer with one pickup order placed. */
async function regular(items: string) {
  for (const text of ['hi', 'Dev', 'pickup', items, 'checkout', 'pickup']) await sms(text);
  expect(await sms('yes')).toMatch(/is placed!/);
}

async function cart() {
  return Object.fromEntries((await h.core.store.listHolds({ phone: PHONE, status: 'active' })).map((x) => [x.sku, x.qty]));
}

describe('the usual on SMS', () => {
  it('reads the last order back with a numbered yes/no; nothing is held until “1”', async () => {
    await regular('2 oat milk and 3 limes');
    const before = await h.core.store.getStock('DAI-MLK-OAT');
    const proposed = await sms('same as lst time pls');
    expect(proposed).toBe([
      'Your last order, at today’s prices:',
      '• 2 × Oat Milk (1 L) — $4.98',
      '• 3 × Limes — $1.47',
      'Total today: $6.45',
      'Nothing’s set aside yet. Shall I add these to your cart?',
      '1. Yes',
      '2. No',
      'Reply with a number or type your answer.',
    ].join('\n'));
    expect(await h.core.store.getStock('DAI-MLK-OAT')).toEqual(before);
    expect(await cart()).toEqual({});
    const added = await sms('1');
    expect(added).toContain('Added 2 × Oat Milk (1 L) — $4.98.');
    expect(added).toContain('Added 3 × Limes — $1.47.');
    expect(await cart()).toEqual({ 'DAI-MLK-OAT': 2, 'FRU-LIM': 3 });
    await expectInvariants(h.core.store);
  });

  it('“2” adds nothing', async () => {
    await regular('3 limes');
    await sms('my usual');
    expect(await sms('2')).toContain('I haven’t added any of them');
    expect(await cart()).toEqual({});
  });
});

describe('the usual on a phone call', () => {
  const CALL = `CA${'d4'.repeat(16)}`;
  function call() {
    let next = '/twilio/voice';
    const step = async (params: Record<string, string> = {}) => {
      const r = await h.twilioPost(next, { CallSid: CALL, From: PHONE, To: SMS_NUMBER, AccountSid: 'x', ...ATTESTED, ...params });
      expect(r.status).toBe(200);
      const gather = r.twiml?.Gather?.[0];
      if (gather?.action) next = gather.action;
      return [...(gather?.Say ?? [])].map((s: unknown) => (typeof s === 'string' ? s : (s as { '#text': string })['#text'])).join(' ');
    };
    return { answer: () => step(), speak: (SpeechResult: string) => step({ SpeechResult, Confidence: '0.92' }), press: (Digits: string) => step({ Digits }) };
  }

  it('is said short and plain, and a “yes” by voice adds it', async () => {
    await regular('2 oat milk and 3 limes');
    const c = call();
    expect(await c.answer()).toMatch(/^Welcome back, Dev!/);
    const said = await c.speak('um the usual please');
    expect(said).toBe('Your last order, at today’s prices: 2 Oat Milk (1 L), $4.98. 3 Limes, $1.47. Total today: $6.45. Nothing’s set aside yet. Shall I add these to your cart? You can say Yes, or press 1, say No, or press 2.');
    expect(await cart()).toEqual({});
    expect(await c.speak('yes please')).toContain('Added 2 Oat Milk (1 L), $4.98.');
    expect(await cart()).toEqual({ 'DAI-MLK-OAT': 2, 'FRU-LIM': 3 });
    await expectInvariants(h.core.store);
  });

  it('a long usual is read three lines at a time, “more” reads on, and “yes” still answers it', async () => {
    await regular('2 oat milk, 3 limes, 6 eggs, a rye bread and 2 instant coffee');
    const c = call();
    await c.answer();
    const first = await c.speak('same as last time');
    expect(first).toMatch(/^Your last order, at today’s prices: 2 Oat Milk \(1 L\), \$4\.98\. 3 Limes, \$1\.47\. 6 Free-Range Eggs, \$2\.70\. Say more to hear the next 2\./);
    const more = await c.speak('more');
    expect(more).toMatch(/^1 Rye Bread, \$3\.49\. 2 Instant Coffee \(100 g\), \$8\.98\. Total today: \$21\.62\./);
    expect(await cart()).toEqual({});
    expect(await c.speak('yes')).toContain('Added 2 Instant Coffee (100 g), $8.98.');
    expect(await cart()).toEqual({ 'DAI-MLK-OAT': 2, 'FRU-LIM': 3, 'DAI-EGG': 6, 'BAK-RYE': 1, 'DRI-COF-INS': 2 });
  });

  it('a favourite by name, answered with a key press', async () => {
    await regular('2 instant coffee');
    const c = call();
    await c.answer();
    expect(await c.speak('my usual coffee')).toMatch(/^Your usual coffee, at today’s price: 2 Instant Coffee \(100 g\), \$8\.98\. Nothing’s set aside yet\. Shall I add it to your cart\?/);
    expect(await c.press('1')).toContain('Added 2 Instant Coffee (100 g), $8.98.');
    expect(await cart()).toEqual({ 'DRI-COF-INS': 2 });
  });

  it('to a caller whose number is not proven, reads out no past order', async () => {
    await regular('3 limes');
    const r = await h.twilioPost('/twilio/voice/gather?turn=1', { CallSid: CALL, From: PHONE, To: SMS_NUMBER, AccountSid: 'x', SpeechResult: 'the usual', Confidence: '0.9' });
    const said = JSON.stringify(r.twiml?.Gather?.[0]?.Say);
    expect(said).toContain('For your privacy');
    expect(said).not.toContain('Limes');
  });
});

describe('the usual on Telegram', () => {
  const USER = 5151;
  const sent = () => h.telegramApi.sent().filter((m) => String(m.chat_id) === String(USER));
  const buttons = () => (sent().at(-1)?.reply_markup?.inline_keyboard ?? []).flat() as { text: string; callback_data: string }[];
  async function send(status: Promise<number>) { expect(await status).toBe(200); await h.core.outbox.drain(); }

  it('an order placed by SMS is the usual on Telegram too: Yes and No buttons, a tap on Yes adds it', async () => {
    await regular('3 limes');
    await send(h.telegram.contact(USER, PHONE));
    await send(h.telegram.message(USER, 'my usual please'));
    expect(sent().map((m) => m.text).join('\n')).toContain('Your last order, at today’s prices:\n• 3 × Limes — $1.47');
    expect(buttons().map((b) => b.text)).toEqual(['Yes', 'No']);
    expect(await cart()).toEqual({});
    await send(h.telegram.tap(USER, buttons().find((b) => b.text === 'Yes')!.callback_data));
    expect(sent().map((m) => m.text).join('\n')).toContain('Added 3 × Limes — $1.47.');
    expect(await cart()).toEqual({ 'FRU-LIM': 3 });
  });
});
