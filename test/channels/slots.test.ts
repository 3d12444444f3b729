// Issue 23, slots, on every channel that renders choices, over both stores: Telegram buttons, a numbered SMS
// list, and a phone call that hears three slots at a time and "more" for the next three.
import { afterEach, describe, expect, it } from 'vitest';
import { WEEKDAYS } from '../../src/domain/settings';
import { STORES } from '../stores';
import { SMS_NUMBER, startChannels, type Harness } from './harness';

const MONDAY_10AM = Date.UTC(2026, 10, 2, 10, 0);
const SLOTS = WEEKDAYS.filter((d) => d !== 'sun').flatMap((weekday) => [
  { weekday, from: '09:00', to: '12:00', capacity: 5 },
  { weekday, from: '14:00', to: '17:00', capacity: 5 },
]);
const PHONE = '+12025550166';

describe.each(STORES)('choosing a slot on each channel, on the $name store', ({ open }) => {
  let h: Harness;
  afterEach(async () => { await h?.close(); });
  const start = async () => {
    h = await startChannels({ STORE_TIME_ZONE: 'Europe/London' }, await open());
    expect((await h.core.settings.save({ slots: SLOTS, slotLeadMinutes: 60 }, h.core.settings.current().version, 'owner')).ok).toBe(true);
    h.clock.t = MONDAY_10AM;
  };

  it('Telegram: the slots are buttons, "Later times" shows the next three, a tap chooses one', async () => {
    await start();
    const USER = 5151;
    const sent = () => h.telegramApi.sent().at(-1);
    const buttons = () => (sent()?.reply_markup?.inline_keyboard ?? []).flat() as { text: string; callback_data: string }[];
    const tap = async (label: string) => { await h.telegram.tap(USER, buttons().find((b) => b.text === label)!.callback_data); await h.core.outbox.drain(); };
    const say = async (text: string) => { await h.telegram.message(USER, text); await h.core.outbox.drain(); };
    await h.telegram.contact(USER, PHONE);
    await h.core.outbox.drain();
    await say('Tess');
    await tap('Pickup');
    await say('2 limes');
    await tap('Check out');
    await tap('Pickup');
    expect(sent()?.text).toBe('When will you collect it? Here are the next free times:');
    expect(buttons().map((b) => b.text)).toEqual(['Monday 2 Nov, 14:00–17:00', 'Tuesday 3 Nov, 9:00–12:00', 'Tuesday 3 Nov, 14:00–17:00', 'Later times']);
    await tap('Later times');
    expect(buttons().map((b) => b.text).slice(0, 3)).toEqual(['Wednesday 4 Nov, 9:00–12:00', 'Wednesday 4 Nov, 14:00–17:00', 'Thursday 5 Nov, 9:00–12:00']);
    await tap('Wednesday 4 Nov, 14:00–17:00');
    expect(sent()?.text).toContain('Ready to collect Wednesday 4 Nov, 14:00–17:00');
  });

  it('SMS: a numbered list; a slot said in words; the confirmation names it', async () => {
    await start();
    for (const text of ['hi', 'Nell', '12 Main Street, Springfield', '2 limes', 'checkout']) await h.messaging.send(PHONE, text);
    const asked = (await h.messaging.send(PHONE, 'delivery')).messages.join('\n');
    expect(asked).toContain('When would you like it delivered? Here are the next free times:');
    expect(asked).toContain('1. Monday 2 Nov, 14:00–17:00');
    expect(asked).toContain('4. Later times');
    expect((await h.messaging.send(PHONE, 'thursday')).messages.join('\n')).toContain('Which of these suits you?\n1. Thursday 5 Nov, 9:00–12:00\n2. Thursday 5 Nov, 14:00–17:00');
    expect((await h.messaging.send(PHONE, '2')).messages.join('\n')).toContain('Delivered Thursday 5 Nov, 14:00–17:00');
    expect((await h.messaging.send(PHONE, 'yes')).messages.join('\n')).toContain('delivered to 12 Main Street, Springfield on Thursday 5 Nov, 14:00–17:00');
  });

  it('a phone call: three slots at a time, "more" for the next three, a key press chooses', async () => {
    await start();
    let next = '/twilio/voice';
    const step = async (params: Record<string, string> = {}) => {
      const r = await h.twilioPost(next, { CallSid: `CA${'a7'.repeat(16)}`, From: PHONE, To: SMS_NUMBER, AccountSid: 'x', ...params });
      const gather = r.twiml?.Gather?.[0];
      if (gather?.action) next = gather.action;
      return [...(gather?.Say ?? []), ...(r.twiml?.Say ?? [])].map((s: unknown) => (typeof s === 'string' ? s : (s as { '#text': string })['#text'])).join(' ');
    };
    await step();
    await step({ SpeechResult: 'Vera', Confidence: '0.9' });
    await step({ SpeechResult: 'pickup', Confidence: '0.9' });
    await step({ SpeechResult: 'two limes', Confidence: '0.9' });
    await step({ SpeechResult: 'check out', Confidence: '0.9' });
    const offered = await step({ SpeechResult: 'pickup', Confidence: '0.9' });
    expect(offered).toContain('When will you collect it? Here are the next free times: You can say Monday 2 Nov, 14:00–17:00, or press 1, say Tuesday 3 Nov, 9:00–12:00, or press 2, say Tuesday 3 Nov, 14:00–17:00, or press 3, say Later times, or press 4.');
    const more = await step({ SpeechResult: 'more', Confidence: '0.9' });
    expect(more).toContain('say Wednesday 4 Nov, 9:00–12:00, or press 1, say Wednesday 4 Nov, 14:00–17:00, or press 2, say Thursday 5 Nov, 9:00–12:00, or press 3');
    expect(await step({ Digits: '2' })).toContain('Ready to collect Wednesday 4 Nov, 14:00–17:00');
    expect(await step({ SpeechResult: 'yes', Confidence: '0.9' })).toContain('is placed');
  });
});
