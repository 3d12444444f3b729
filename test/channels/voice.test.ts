import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forTheEar, moreOfTheList } from '../../channels/render/voice';
import type { InboundMessage, Reply } from '../../src/domain/types';
import { createCopy } from '../../src/engine/copy';
import { expectInvariants } from '../helpers';
import { SMS_NUMBER, startChannels, type Harness } from './harness';

let h: Harness;
beforeEach(async () => { h = await startChannels(); });
afterEach(async () => { await h.close(); });

const CALL = `CA${'c3'.repeat(16)}`;
const CALLER = '+12025550123';

/** One call: each step posts what Twilio would, and returns what the caller hears and where the next step goes. */
function call(callSid = CALL, from = CALLER, first: Record<string, string> = {}) {
  let next = '/twilio/voice';
  const step = async (params: Record<string, string> = {}, path = next) => {
    const r = await h.twilioPost(path, { CallSid: callSid, From: from, To: SMS_NUMBER, AccountSid: 'x', ...params });
    expect(r.status).toBe(200);
    const gather = r.twiml?.Gather?.[0];
    const said = [...(gather?.Say ?? []), ...(r.twiml?.Say ?? [])].map((s: unknown) => (typeof s === 'string' ? s : (s as { '#text': string })['#text'])).join(' ');
    if (gather?.action) next = gather.action;
    return { said, gather, twiml: r.twiml, redirect: r.twiml?.Redirect?.['#text'] as string | undefined, hangup: r.twiml?.Hangup !== undefined };
  };
  return {
    answer: () => step(first, '/twilio/voice'),
    speak: (SpeechResult: string, Confidence = '0.9') => step({ SpeechResult, Confidence }),
    press: (Digits: string) => step({ Digits }),
    silence: (path: string) => step({}, path),
  };
}

/** What the voice channel handed the engine, turn by turn. */
function watchEngine() {
  const seen: InboundMessage[] = [];
  const handle = h.core.engine.handle.bind(h.core.engine);
  h.core.engine.handle = async (m, o) => { seen.push(m); return handle(m, o); };
  return seen;
}

describe('phone calls', () => {
  it('a new caller orders by speech and confirms with a key press', async () => {
    const c = call();
    const hello = await c.answer();
    expect(hello.said).toMatch(/Welcome to Corner Grocer.*what’s your name/);
    expect(hello.gather).toMatchObject({ input: 'speech dtmf', speechTimeout: 'auto', language: 'en-US', numDigits: '1', method: 'POST' });
    expect(hello.gather.hints).toContain('Hass Avocados');
    expect(hello.gather.hints).toContain('spuds');
    expect(hello.redirect).toMatch(/^\/twilio\/voice\/silence\?turn=1&silent=0$/);

    expect((await c.speak('my name is Vera')).said).toMatch(/Nice to meet you, Vera!.*say Pickup, or press 1/);
    await c.press('1');
    const added = await c.speak('add to apples and for avocados');
    expect(added.said).toContain('Added 2 Gala Apples (about 360 g), $1.26.');
    expect(added.said).toContain('Added 4 Hass Avocados, $5.96.');
    await c.speak('check out');
    const readBack = await c.speak('pickup');
    expect(readBack.said).toMatch(/Here’s your order: 360 g Gala Apples, \$1\.26\. 4 Hass Avocados, \$5\.96\. Pickup from the store: free\. Total: \$7\.22\. Shall I place it\? You can say Yes, place it, or press 1/);
    const placed = await c.press('1');
    expect(placed.said).toMatch(/Order ORD-1001 is placed!/);
    expect(await h.core.store.getStock('FRU-AVO')).toMatchObject({ available: 44, sold: 4 });
    await expectInvariants(h.core.store);
  });

  it('greets a known caller by name, and the same phone sees the same cart as on WhatsApp', async () => {
    for (const t of ['hi', 'Wanda', 'pickup', '3 lemons']) await h.messaging.send('whatsapp:+12025550123', t);
    const c = call();
    expect((await c.answer()).said).toMatch(/^Welcome back, Wanda! Your cart still has 1 item \(\$1\.77\)/);
    expect((await c.speak('show my cart')).said).toMatch(/Your cart: 3 Lemons, \$1\.77/);
  });

  it('reads a 10-item list three at a time, the next three on each "more", then "more" is the engine\'s again', async () => {
    const c = call();
    await c.answer();
    await c.speak('Vera');
    await c.speak('pickup');
    const list = await c.speak('frozen');
    // The ten frozen products, A to Z, three a turn; prices and wording around them are the engine's.
    const three = (said: string, names: string[], then: string) => {
      expect(said).toMatch(new RegExp(`${names.map((n) => n.replace(/[()]/g, '\\$&')).join('.*')}.*${then}`));
      expect(said).not.toContain('•');
    };
    three(list.said, ['Chocolate Ice Cream', 'Fish Fingers', 'Frozen Mixed Berries'], 'Say more to hear the next 3\\.');
    expect(list.said).not.toContain('Frozen Peas');
    const second = (await c.speak('more')).said;
    three(second, ['Frozen Peas', 'Frozen Spinach', 'Ice Cubes'], 'Say more to hear the next 3\\.');
    expect(second).not.toMatch(/Chocolate Ice Cream|Margherita/);
    const thirdTurn = await c.speak('Next.');
    const third = thirdTurn.said;
    three(third, ['Margherita Pizza', 'Oven Chips', 'Pepperoni Pizza'], 'Say more to hear the last one\\.');
    // A silence in between keeps the rest waiting.
    const still = await c.silence(thirdTurn.redirect!);
    expect(still.said).toMatch(/Are you still there/);
    expect(still.gather.action).toMatch(/[?&]at=9\b/);
    const last = (await c.speak('go on')).said;
    expect(last).toMatch(/^Vanilla Ice Cream/);
    expect(last).not.toMatch(/Say more|Pepperoni/);
    // The rest is read back from the turn's own message record: "more" is no message of its own.
    expect((await h.core.store.countMessages(0, Date.now() * 2)).voice).toBe(4);
    // Nothing is waiting any more: "more" is the customer's words for the engine.
    expect((await c.speak('more')).said).not.toMatch(/Ice Cream|Pizza/);
    expect((await h.core.store.countMessages(0, Date.now() * 2)).voice).toBe(5);
  });

  it('"more bananas please" while a list is waiting is an order, not the rest of the list', async () => {
    const c = call();
    await c.answer();
    await c.speak('Vera');
    await c.speak('pickup');
    await c.speak('frozen');
    // Bananas are loose produce: how many is asked, not guessed as one.
    const asked = await c.speak('more bananas please');
    expect(asked.said).toMatch(/^How many Bananas/);
    expect(asked.said).not.toMatch(/Frozen Peas/);
    const added = await c.speak('three');
    expect(added.said).toMatch(/^Added 3 Bananas/);
    expect((await h.core.store.getStock('FRU-BAN'))!.reserved).toBeGreaterThan(0);
  });

  it('a key press picks the option read out for it, by its id', async () => {
    const seen = watchEngine();
    const c = call();
    await c.answer();
    expect((await c.speak('Vera')).said).toMatch(/say Pickup, or press 1\.$/);
    await c.press('1');
    expect(seen.at(-1)).toMatchObject({ option: 'pickup', text: 'Pickup' });
    expect((await h.core.store.getCustomer(CALLER))?.registeredAt).toBeDefined();
    // A key with no option read out for it is the digit, for the engine to answer.
    const nine = await c.press('9');
    expect(seen.at(-1)).toMatchObject({ text: '9' });
    // Answered for the ear: the keys to press, never "type your answer".
    expect(nine.said).toMatch(/^Please say one of these, or press a key from 1 to 2\. You can say Browse, or press 1/);
    expect(seen.at(-1)!.option).toBeUndefined();
  });

  it('handles a turn once when Twilio retries it', async () => {
    const c = call();
    await c.answer();
    await c.speak('Vera');
    await c.press('1');
    const first = await h.twilioPost('/twilio/voice/gather?turn=4', { CallSid: CALL, From: CALLER, SpeechResult: 'two limes' });
    const retry = await h.twilioPost('/twilio/voice/gather?turn=4', { CallSid: CALL, From: CALLER, SpeechResult: 'two limes' });
    expect(retry.text).toBe(first.text);
    expect(await h.core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 2 });
  });

  it('two silences in a row: offers to text the order summary, then hangs up politely', async () => {
    const c = call();
    await c.answer();
    await c.speak('Vera');
    await c.press('1');
    const added = await c.speak('a dozen eggs');
    const first = await c.silence(added.redirect!);
    expect(first.said).toMatch(/Are you still there\?/);
    const second = await c.silence(first.redirect!);
    expect(second.said).toMatch(/Shall I text you a summary of your order\? Say yes or press 1\. Thanks for calling Corner Grocer, goodbye!/);
    expect(second.hangup).toBe(true);
    const accepted = await h.twilioPost(second.gather.action, { CallSid: CALL, From: CALLER, Digits: '1' });
    expect(accepted.twiml.Say[0]['#text'] ?? accepted.twiml.Say[0]).toMatch(/texting it to you now/);
    expect(accepted.twiml.Hangup).toBeDefined();
    await h.core.outbox.drain();
    expect(h.twilioApi.messages).toEqual([expect.objectContaining({ From: SMS_NUMBER, To: CALLER, Body: expect.stringMatching(/Your Corner Grocer cart:\n• 12 × Free-Range Eggs — \$5\.40\nTotal: \$5\.40/) })]);
  });

  it('never claims to text a summary when there is nothing to send', async () => {
    const stranger = '+12025550177';
    const said = await h.twilioPost('/twilio/voice/offer?turn=1', { CallSid: 'CA00000000000000000000000000000077', From: stranger, Digits: '1' });
    expect(said.twiml.Say[0]['#text'] ?? said.twiml.Say[0]).toMatch(/nothing in your cart to text you yet/);
    await h.core.outbox.drain();
    expect(h.twilioApi.messages.filter((m: { To?: string }) => m.To === stranger)).toEqual([]);
  });

  it('refuses forged webhooks and hangs up on hidden numbers', async () => {
    expect((await h.twilioPost('/twilio/voice', { CallSid: CALL, From: CALLER }, 'bad')).status).toBe(403);
    expect((await h.twilioPost('/twilio/voice/gather?turn=1', { CallSid: CALL, From: CALLER, Digits: '1' }, 'none')).status).toBe(400);
    const hidden = await h.twilioPost('/twilio/voice', { CallSid: CALL, From: 'anonymous' });
    expect(hidden.twiml.Hangup).toBeDefined();
    expect(await h.core.store.getConversation(CALLER)).toBeUndefined();
  });
});

describe('how sure the call is of the caller and of what they said', () => {
  it('speech below VOICE_MIN_CONFIDENCE is marked unsure, speech above it and key presses never are', async () => {
    const seen = watchEngine();
    const c = call();
    await c.answer();
    await c.speak('Vera', '0.3');
    await c.speak('pickup', '0.5');
    await c.press('1');
    await h.twilioPost('/twilio/voice/gather?turn=4', { CallSid: CALL, From: CALLER, SpeechResult: 'yes' });
    expect(seen.map((m) => [m.text, m.unsure ?? false])).toEqual([['hi', false], ['Vera', true], ['pickup', false], ['Browse', false], ['yes', true]]);
  });

  it('caller ID is unverified unless STIR/SHAKEN attested it (A), for the whole call', async () => {
    const seen = watchEngine();
    const plain = call(`CA${'d4'.repeat(16)}`);
    await plain.answer();
    await plain.speak('Vera');
    const partial = call(`CA${'e5'.repeat(16)}`, CALLER, { StirVerstat: 'TN-Validation-Passed-B' });
    await partial.answer();
    const attested = call(`CA${'f6'.repeat(16)}`, CALLER, { StirVerstat: 'TN-Validation-Passed-A' });
    const hello = await attested.answer();
    expect(hello.gather.action).toMatch(/[?&]v=1\b/);
    await attested.speak('show my cart');
    await attested.silence(hello.redirect!);
    expect(seen.map((m) => m.unverified ?? false)).toEqual([true, true, true, false, false]);
    // The flag lives in our signed URLs: a forged "v=1" is refused with the rest of the request.
    expect((await h.twilioPost('/twilio/voice/gather?turn=1&v=1', { CallSid: CALL, From: CALLER, Digits: '1' }, 'bad')).status).toBe(403);
  });

  // These two need the engine's side of issue 8 point 9 (it honours unsure and unverified).
  it('a "Yes." heard at 0.12 never places the order; a key press does', async () => {
    const c = call();
    await c.answer();
    await c.speak('my name is Vera');
    await c.press('1');
    await c.speak('two limes');
    await c.speak('check out');
    await c.speak('pickup');
    const unsure = await c.speak('Yes.', '0.12');
    expect(unsure.said).not.toMatch(/is placed/);
    expect(await h.core.store.listOrders({})).toEqual([]);
    expect(await h.core.store.getStock('FRU-LIM')).toMatchObject({ sold: 0, reserved: 2 });
    expect((await c.press('1')).said).toMatch(/Order ORD-1001 is placed/);
  });

  it('an unattested caller is not read the saved address; an attested one is', async () => {
    const OTHER = '+12025550124';
    for (const phone of [CALLER, OTHER]) for (const t of ['hi', 'Sam', '5 Elm Street, Springfield', '2 limes']) await h.messaging.send(phone, t);
    const hear = async (c: ReturnType<typeof call>) => {
      await c.answer();
      await c.speak('check out');
      return (await c.speak('delivery')).said;
    };
    expect(await hear(call(`CA${'d4'.repeat(16)}`))).not.toContain('5 Elm Street');
    expect(await hear(call(`CA${'f6'.repeat(16)}`, OTHER, { StirVerstat: 'TN-Validation-Passed-A' }))).toContain('5 Elm Street');
  });
});

describe('speech rendering', () => {
  const copy = createCopy({ storeName: 'S', currency: 'USD', locale: 'en-US' });
  const ten = Array.from({ length: 10 }, (_, i) => ({ label: `Item ${i + 1} — $1.0${i}`, cents: 100 + i }));
  const listed: Reply = { key: 'category', text: 'never read: the list comes from the structure', list: { intro: 'Frozen:', items: ten, outro: 'What would you like?' } };

  it('drops symbols and emoji and offers options by voice and key', () => {
    expect(forTheEar([{ key: 'added', text: '🎉 Added 3 × Oat Milk — $7.47.', options: [{ id: 'checkout', label: 'Check out' }, { id: 'cart', label: 'View cart' }] }], copy).say)
      .toBe('Added 3 Oat Milk, $7.47. You can say Check out, or press 1, say View cart, or press 2.');
  });

  it('reads a list from its structure, three items at a time, and says where it stopped', () => {
    expect(forTheEar([listed], copy)).toEqual({ say: 'Frozen: Item 1, $1.00. Item 2, $1.01. Item 3, $1.02. Say more to hear the next 3. What would you like?', at: 3 });
    expect(moreOfTheList([listed], 3, copy)).toEqual({ say: 'Item 4, $1.03. Item 5, $1.04. Item 6, $1.05. Say more to hear the next 3.', at: 6 });
    expect(moreOfTheList([listed], 9, copy)).toEqual({ say: 'Item 10, $1.09. What would you like?' });
    expect(moreOfTheList([listed], 10, copy)).toBeUndefined();
    const short: Reply = { key: 'cart', text: 'x', list: { intro: 'Your cart:', items: ten.slice(0, 3) } };
    expect(forTheEar([short], copy)).toEqual({ say: 'Your cart: Item 1, $1.00. Item 2, $1.01. Item 3, $1.02.' });
  });
});
