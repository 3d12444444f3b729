import { afterEach, describe, expect, it } from 'vitest';
import { messageKey } from '../../src/engine/engine';
import { recordRefusal } from '../../src/notify/channel-states';
import { startChannels, type Harness } from '../channels/harness';
import { customer, registered } from '../helpers';
import { STORES } from '../stores';

const PHONE = '+12025550123';
const WA = `whatsapp:${PHONE}`;

// Carrier keywords belong to the Twilio adapter: these tests text the store through its Messaging webhook.
describe.each(STORES)('SMS and WhatsApp keywords, on the $name store', ({ open }) => {
  let h: Harness | undefined;
  afterEach(async () => { await h?.close(); h = undefined; });
  const start = async (env: Record<string, string> = {}) => { h = await startChannels(env, await open()); return h; };
  /** What the customer reads back from one text (the TwiML's messages, joined). */
  const text = async (from: string, body: string, extra: Record<string, string> = {}) => (await h!.messaging.send(from, body, extra)).messages.join('\n');

  it.each(['STOP', 'stop', ' Stop. ', 'STOPALL', 'unsubscribe', 'CANCEL', 'cancel!', 'End', 'QUIT'])(
    '"%s" on SMS records the opt-out for SMS only, answers nothing, and leaves the cart and orders alone',
    async (word) => {
      const { core } = await start();
      const web = await registered(core, PHONE);
      for (const t of ['2 limes', 'checkout', 'pickup', 'yes', '3 lemons']) await web.say(t);
      expect(await text(PHONE, word)).toBe('');
      const states = await core.store.getChannelStates(PHONE);
      expect(states).toEqual([expect.objectContaining({ phone: PHONE, channel: 'sms', optedOutAt: core.clock.now() })]);
      expect((await core.store.listOrders({ phone: PHONE })).map((o) => o.status)).toEqual(['placed']);
      expect(await core.store.getStock('FRU-LEM')).toMatchObject({ reserved: 3 });
      // Opted out on SMS: nothing there is handled or answered; on the web chat "cancel order" still works.
      expect(await text(PHONE, 'cancel order')).toBe('');
      expect(await web.say('cancel order')).toMatch(/Cancel order ORD-1001/);
    },
  );

  it('on WhatsApp too; START or UNSTOP opts back in (a short welcome on WhatsApp; on SMS the carrier confirms); other channels read the words as usual', async () => {
    const { core } = await start();
    await registered(core, PHONE);
    expect(await text(WA, 'stop')).toBe('');
    expect((await core.store.getChannelStates(PHONE))[0]).toMatchObject({ channel: 'whatsapp', optedOutAt: expect.any(Number) });
    expect(await text(WA, 'START')).toMatch(/Welcome back! You’ll get messages from Corner Grocer here again/);
    const [state] = await core.store.getChannelStates(PHONE);
    expect(state!.channel).toBe('whatsapp');
    expect(state!.optedOutAt).toBeUndefined();
    await text(PHONE, 'quit');
    expect(await text(PHONE, 'unstop')).toBe('');
    expect((await core.store.getChannelStates(PHONE)).find((s) => s.channel === 'sms')?.optedOutAt).toBeUndefined();
    // On the web chat "stop" is just a word: no opt-out is recorded there.
    expect(await customer(core, PHONE, 'web').say('stop')).not.toBe('');
    expect((await core.store.getChannelStates(PHONE)).filter((s) => s.optedOutAt)).toEqual([]);
  });

  it('an opt-out recorded before customers carried it (the channel state alone) still silences that channel', async () => {
    const { core } = await start();
    expect(await text(PHONE, 'hello')).not.toBe('');
    // As an older version left it: the channel's state says STOP, the customer record knows nothing of it.
    const record = (await core.store.getCustomer(PHONE))!;
    await core.store.putCustomer({ ...record, channels: { sms: { lastInboundAt: record.channels!.sms!.lastInboundAt } } });
    await core.store.putChannelState({ phone: PHONE, channel: 'sms', optedOutAt: core.clock.now(), updatedAt: core.clock.now() });
    expect(await text(PHONE, '2 limes')).toBe('');
    expect(await text(PHONE, 'START')).toBe('');
    expect(await text(PHONE, '2 limes')).not.toBe('');
  });

  it('an opt-out Twilio reports (error 21610) silences the channel although the customer record says opted in', async () => {
    const { core, clock } = await start();
    expect(await text(PHONE, 'hello')).not.toBe('');
    expect((await core.store.getCustomer(PHONE))!.channels!.sms!.optedOut).toBe(false);
    expect(await recordRefusal(core.store, clock, PHONE, 'sms', '21610')).toBe(true);
    expect(await text(PHONE, '2 limes')).toBe('');
    expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 0 });
  });

  it('a sentence that merely contains a keyword is an ordinary message', async () => {
    const { core } = await start();
    const web = await registered(core, PHONE);
    await web.say('2 limes');
    expect(await text(PHONE, 'stop the limes')).not.toBe('');
    expect(await core.store.getChannelStates(PHONE)).toEqual([]);
  });

  it('HELP answers with the store’s contact: STORE_CONTACT, else the SMS number', async () => {
    await start({ STORE_CONTACT: 'call 555-0100 (9am-6pm)' });
    const help = await text(PHONE, 'HELP');
    expect(help).toContain('To reach a person: call 555-0100 (9am-6pm), or say “human”.');
    expect(help).toContain('Reply STOP to stop messages');
    await h!.close();
    await start();
    expect(await text(WA, 'help?')).toContain('To reach a person: +12025550100');
  });

  it('the bot never asks SMS customers to type a bare "cancel"', async () => {
    await start();
    const said: string[] = [];
    for (const t of ['hi', 'Ana', 'pickup', 'help', '2 limes', 'checkout', 'pickup', 'yes', 'cancel order', 'no', 'where is my order']) {
      said.push(...(await h!.messaging.send(PHONE, t)).messages);
    }
    expect(said.join('\n')).toMatch(/“cancel order”/);
    for (const s of said) expect(s).not.toMatch(/[“"']cancel[”"']|\bsay cancel\b|\btype cancel\b/i);
    for (const s of said) expect(s.trim().toLowerCase()).not.toBe('cancel');
  });

  it('after STOP, messages on that channel are neither handled nor answered until START; other channels carry on', async () => {
    const { core } = await start();
    await registered(core, PHONE);
    expect(await text(PHONE, 'STOP')).toBe('');
    expect(await text(PHONE, '2 limes')).toBe('');
    expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 0 });
    // The web chat is another channel: the customer can still order there.
    expect(await customer(core, PHONE, 'web').say('2 limes')).toMatch(/Added 2 × Limes/);
    expect(await text(PHONE, 'START')).toBe('');
    expect(await text(PHONE, 'show my cart')).toMatch(/2 × Limes/);
  });

  it('a keyword is recorded once like any message: sent again with its MessageSid it changes nothing and is not answered again', async () => {
    const { core, clock } = await start();
    await registered(core, PHONE);
    const sid = `SM${'7'.repeat(32)}`;
    expect(await text(WA, 'HELP', { MessageSid: sid })).toContain('To reach a person');
    clock.advance(1);
    expect(await text(WA, 'HELP', { MessageSid: sid })).toBe('');
    expect(await core.store.getMessage(PHONE, messageKey('whatsapp', PHONE, sid))).toMatchObject({ state: 'done', replies: [expect.objectContaining({ key: 'sms_help' })] });
    const stop = `SM${'8'.repeat(32)}`;
    await text(WA, 'STOP', { MessageSid: stop });
    const [first] = await core.store.getChannelStates(PHONE);
    clock.advance(1);
    await text(WA, 'STOP', { MessageSid: stop });
    // Not run again: the opt-out keeps the instant of the first delivery.
    expect((await core.store.getChannelStates(PHONE))[0]).toEqual(first);
    const said = (await core.store.listTranscript(PHONE, 100)).filter((e) => e.from === 'customer' && e.channel === 'whatsapp').map((e) => e.text);
    expect(said).toEqual(['HELP', 'STOP']);
  });

  it('STOP is honoured even from a phone over its rate limit; other keywords are held back like any message', async () => {
    const { core } = await start({ RATE_PER_MINUTE: '3' });
    for (const t of ['hi', 'Ana', 'pickup']) await text(PHONE, t);
    expect(await text(PHONE, 'HELP')).toMatch(/One moment, please/);
    expect(await text(PHONE, 'STOP')).toBe('');
    expect(await core.store.getChannelStates(PHONE)).toEqual([expect.objectContaining({ channel: 'sms', optedOutAt: expect.any(Number) })]);
    expect((await core.store.getCustomer(PHONE))!.channels!.sms!.optedOut).toBe(true);
  });
});
