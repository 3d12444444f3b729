import { describe, expect, it } from 'vitest';
import { recordRefusal } from '../../src/notify/channel-states';
import { customer, makeCore, registered } from '../helpers';
import { STORES } from '../stores';

const PHONE = '+12025550123';

describe.each(STORES)('SMS and WhatsApp keywords, on the $name store', ({ open }) => {
  const mk = async (env: Record<string, string> = {}) => makeCore(env, await open());

  it.each(['STOP', 'stop', ' Stop. ', 'STOPALL', 'unsubscribe', 'CANCEL', 'cancel!', 'End', 'QUIT'])(
    '"%s" on SMS records the opt-out for SMS only, answers nothing, and leaves the cart and orders alone',
    async (word) => {
      const core = await mk();
      const web = await registered(core, PHONE);
      for (const t of ['2 limes', 'checkout', 'pickup', 'yes', '3 lemons']) await web.say(t);
      const sms = customer(core, PHONE, 'sms');
      expect(await core.engine.handle({ channel: 'sms', phone: PHONE, text: word, messageId: 'SM-stop' })).toEqual([]);
      const states = await core.store.getChannelStates(PHONE);
      expect(states).toEqual([expect.objectContaining({ phone: PHONE, channel: 'sms', optedOutAt: core.clock.now() })]);
      expect((await core.store.listOrders({ phone: PHONE })).map((o) => o.status)).toEqual(['placed']);
      expect(await core.store.getStock('FRU-LEM')).toMatchObject({ reserved: 3 });
      // Opted out on SMS: nothing there is handled or answered; on the web chat "cancel order" still works.
      expect(await sms.say('cancel order')).toBe('');
      expect(await web.say('cancel order')).toMatch(/Cancel order ORD-1001/);
    },
  );

  it('on WhatsApp too; START or UNSTOP opts back in (a short welcome on WhatsApp; on SMS the carrier confirms); other channels read the words as usual', async () => {
    const core = await mk();
    await registered(core, PHONE);
    expect(await core.engine.handle({ channel: 'whatsapp', phone: PHONE, text: 'stop' })).toEqual([]);
    expect((await core.store.getChannelStates(PHONE))[0]).toMatchObject({ channel: 'whatsapp', optedOutAt: expect.any(Number) });
    const back = await core.engine.handle({ channel: 'whatsapp', phone: PHONE, text: 'START' });
    expect(back[0]!.text).toMatch(/Welcome back! You’ll get messages from Corner Grocer here again/);
    const [state] = await core.store.getChannelStates(PHONE);
    expect(state!.channel).toBe('whatsapp');
    expect(state!.optedOutAt).toBeUndefined();
    await core.engine.handle({ channel: 'sms', phone: PHONE, text: 'quit' });
    expect(await core.engine.handle({ channel: 'sms', phone: PHONE, text: 'unstop' })).toEqual([]);
    expect((await core.store.getChannelStates(PHONE)).find((s) => s.channel === 'sms')?.optedOutAt).toBeUndefined();
    // On the web chat "stop" is just a word: no opt-out is recorded there.
    expect(await customer(core, PHONE, 'web').say('stop')).not.toBe('');
    expect((await core.store.getChannelStates(PHONE)).filter((s) => s.optedOutAt)).toEqual([]);
  });

  it('an opt-out recorded before customers carried it (the channel state alone) still silences that channel', async () => {
    const core = await mk();
    const sms = customer(core, PHONE, 'sms');
    expect(await sms.say('hello')).not.toBe('');
    // As an older version left it: the channel's state says STOP, the customer record knows nothing of it.
    const record = (await core.store.getCustomer(PHONE))!;
    await core.store.putCustomer({ ...record, channels: { sms: { lastInboundAt: record.channels!.sms!.lastInboundAt } } });
    await core.store.putChannelState({ phone: PHONE, channel: 'sms', optedOutAt: core.clock.now(), updatedAt: core.clock.now() });
    expect(await sms.say('2 limes')).toBe('');
    expect(await sms.say('START')).toBe('');
    expect(await sms.say('2 limes')).not.toBe('');
  });

  it('an opt-out Twilio reports (error 21610) silences the channel although the customer record says opted in', async () => {
    const core = await mk();
    const sms = customer(core, PHONE, 'sms');
    expect(await sms.say('hello')).not.toBe('');
    expect((await core.store.getCustomer(PHONE))!.channels!.sms!.optedOut).toBe(false);
    expect(await recordRefusal(core.store, core.clock, PHONE, 'sms', '21610')).toBe(true);
    expect(await sms.say('2 limes')).toBe('');
    expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 0 });
  });

  it('a sentence that merely contains a keyword is an ordinary message', async () => {
    const core = await mk();
    const sms = await registered(core, PHONE);
    const smsCustomer = customer(core, PHONE, 'sms');
    await sms.say('2 limes');
    expect(await smsCustomer.say('stop the limes')).not.toBe('');
    expect(await core.store.getChannelStates(PHONE)).toEqual([]);
  });

  it('HELP answers with the store’s contact: STORE_CONTACT, else the SMS number', async () => {
    const withContact = await mk({ STORE_CONTACT: 'call 555-0100 (9am-6pm)' });
    const help = await withContact.engine.handle({ channel: 'sms', phone: PHONE, text: 'HELP' });
    expect(help[0]!.text).toContain('To reach a person: call 555-0100 (9am-6pm), or say “human”.');
    expect(help[0]!.text).toContain('Reply STOP to stop messages');
    const withNumber = await mk({ TWILIO_SMS_NUMBER: '+12025550100' });
    expect((await withNumber.engine.handle({ channel: 'whatsapp', phone: PHONE, text: 'help?' }))[0]!.text).toContain('To reach a person: +12025550100');
  });

  it('the bot never asks SMS customers to type a bare "cancel"', async () => {
    const core = await mk();
    const sms = customer(core, PHONE, 'sms');
    const said: string[] = [];
    for (const t of ['hi', 'Ana', 'pickup', 'help', '2 limes', 'checkout', 'pickup', 'yes', 'cancel order', 'no', 'where is my order']) {
      said.push(await sms.say(t), ...sms.options);
    }
    expect(said.join('\n')).toMatch(/“cancel order”/);
    for (const s of said) expect(s).not.toMatch(/[“"']cancel[”"']|\bsay cancel\b|\btype cancel\b/i);
    for (const s of said) expect(s.trim().toLowerCase()).not.toBe('cancel');
  });

  it('after STOP, messages on that channel are neither handled nor answered until START; other channels carry on', async () => {
    const core = await mk();
    await registered(core, PHONE);
    const sms = customer(core, PHONE, 'sms');
    expect(await sms.say('STOP')).toBe('');
    expect(await sms.say('2 limes')).toBe('');
    expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 0 });
    // The web chat is another channel: the customer can still order there.
    expect(await customer(core, PHONE, 'web').say('2 limes')).toMatch(/Added 2 × Limes/);
    expect(await sms.say('START')).toBe('');
    expect(await sms.say('show my cart')).toMatch(/2 × Limes/);
  });
});
