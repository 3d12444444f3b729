import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SMS_NUMBER, startChannels, type Harness } from './harness';

// The choices a question about the food offers, rendered by each channel: Telegram buttons, and the phone,
// where they are said and pressed. (Numbered SMS lists: test/http/console-tags.test.ts.)
let h: Harness;
beforeEach(async () => { h = await startChannels(); });
afterEach(async () => { await h.close(); });

const USER = 4242;
/** Replies leave through the outbox after the webhook answered: wait until it has handed them over. */
const settle = () => h.core.outbox.drain();
const say = async (text: string) => { await h.telegram.message(USER, text); await settle(); };
const tap = async (label: string) => { await h.telegram.tap(USER, dataOf(label)); await settle(); };
const lastText = () => h.telegramApi.sent().at(-1)?.text as string;
const buttons = () => (h.telegramApi.sent().at(-1)?.reply_markup?.inline_keyboard ?? []).flat().map((b: { text: string }) => b.text);
const dataOf = (label: string) => (h.telegramApi.sent().at(-1)?.reply_markup?.inline_keyboard ?? []).flat().find((b: { text: string }) => b.text === label)?.callback_data;

describe('the choices offered with an answer about the food', () => {
  it('on Telegram: "Talk to a person" and the listed products are buttons, and a tap does what it says', async () => {
    await say('/start');
    await h.telegram.contact(USER, '12025550131');
    await settle();
    await say('Tess');
    await tap('Pickup');

    await say('is the granola nut free?');
    expect(lastText()).toBe('I don’t know whether Crunchy Granola (500 g) is nut free: the store hasn’t marked it. Shall I ask a person at the store?');
    expect(buttons()).toEqual(['Talk to a person', 'Add Crunchy Granola (500 g)', 'Browse']);

    await say('anything with no milk in the dairy?');
    // Oat and almond milk are vegan (so no milk); the eggs are marked neither way about milk.
    expect(lastText()).toBe('In Dairy & Eggs, these have no milk:\n• Almond Milk (1 L) — $2.69 each\n• Oat Milk (1 L) — $2.49 each\nI don’t know about the other one: the store hasn’t marked it.');
    expect(buttons()).toEqual(['Add Almond Milk (1 L)', 'Add Oat Milk (1 L)', 'Talk to a person']);
    await tap('Add Almond Milk (1 L)');
    expect(h.telegramApi.sent().at(-2)?.text).toMatch(/^Added 1 × Almond Milk \(1 L\)/);

    await say('are the mixed nuts halal');
    await tap('Talk to a person');
    expect((await h.core.store.getConversation('+12025550131'))?.stage).toBe('handoff');
  });

  it('on the phone: the answer is said, and its choices are offered by key', async () => {
    const CALL = `CA${'d4'.repeat(16)}`;
    let next = '/twilio/voice';
    const step = async (params: Record<string, string> = {}) => {
      const r = await h.twilioPost(next, { CallSid: CALL, From: '+12025550132', To: SMS_NUMBER, AccountSid: 'x', ...params });
      const gather = r.twiml?.Gather?.[0];
      if (gather?.action) next = gather.action;
      return [...(gather?.Say ?? []), ...(r.twiml?.Say ?? [])].map((s: unknown) => (typeof s === 'string' ? s : (s as { '#text': string })['#text'])).join(' ');
    };
    await step();
    await step({ SpeechResult: 'Rosa', Confidence: '0.9' });
    await step({ SpeechResult: 'pickup', Confidence: '0.9' });
    const said = await step({ SpeechResult: 'is the oat milk vegan', Confidence: '0.9' });
    expect(said).toMatch(/^Yes. Oat Milk \(1 L\) is vegan\./);
    expect(said).toContain('say Add Oat Milk (1 L), or press 1');
    expect(await step({ Digits: '1' })).toMatch(/Added 1 Oat Milk \(1 L\)/);
  });
});
