import { describe, expect, it } from 'vitest';
import { SendError } from '../../src/notify/errors';
import { Outbox, type OutboundMessage } from '../../src/notify/outbox';
import { route } from '../../src/notify/routing';
import { customer, makeCore, registered, silentLog, type TestCore } from '../helpers';

const PHONE = '+12025550171';

/** An SMS sender that keeps what it was given. */
function smsSender() {
  const sent: OutboundMessage[] = [];
  return { sent, async send(m: OutboundMessage) { sent.push(m); return { providerId: `SM${sent.length}` }; } };
}

/** An outbox of the core's store and transcript that retries quickly. */
const quickOutbox = (core: TestCore) => new Outbox({ store: core.store, log: silentLog, clock: core.clock, transcript: core.transcript, retry: { maxAttempts: 3, baseDelayMs: 1 } });

const webEntries = async (core: TestCore) => (await core.store.listTranscript(PHONE)).filter((e) => e.id.startsWith('sent-'));

describe('a customer who last wrote in the web chat', () => {
  it('is told in the web chat, kept for their page, with no SMS sender at all (never skipped as channel_not_configured)', async () => {
    const core = await makeCore();
    await registered(core, PHONE);
    core.outbox.enqueue(PHONE, 'Your order ORD-1001 is on its way!');
    await core.outbox.drain();
    expect(await core.store.listDeliveries(PHONE)).toEqual([expect.objectContaining({ channel: 'web', status: 'sent', attempts: 1 })]);
    expect(await webEntries(core)).toEqual([expect.objectContaining({ from: 'bot', channel: 'web', text: 'Your order ORD-1001 is on its way!' })]);
  });

  it('is told in the web chat, not by SMS, even where SMS is set up and their number proven by texting us before', async () => {
    const core = await makeCore();
    const sms = smsSender();
    core.outbox.use('sms', sms);
    await customer(core, PHONE, 'sms').say('hi');
    core.clock.advance(1);
    await registered(core, PHONE);
    core.outbox.enqueue(PHONE, 'Good news — we’re preparing your order ORD-1001.');
    await core.outbox.drain();
    expect(sms.sent).toEqual([]);
    expect((await core.store.listDeliveries(PHONE)).map((d) => [d.channel, d.status])).toEqual([['web', 'sent']]);
    expect((await webEntries(core)).map((e) => [e.channel, e.text])).toEqual([['web', 'Good news — we’re preparing your order ORD-1001.']]);

    // Back on SMS, they are told there again.
    core.clock.advance(1);
    await customer(core, PHONE, 'sms').say('thanks');
    core.outbox.enqueue(PHONE, 'Your order ORD-1001 is ready for pickup.');
    await core.outbox.drain();
    expect(sms.sent.map((m) => m.reply.text)).toEqual(['Your order ORD-1001 is ready for pickup.']);
  });

  it('a store that cannot keep the message is retried, and it is kept once', async () => {
    const core = await makeCore();
    await registered(core, PHONE);
    const append = core.store.appendTranscript.bind(core.store);
    let failures = 2;
    core.store.appendTranscript = async (entries) => { if (failures-- > 0) throw new Error('transcripts unavailable'); return append(entries); };
    const outbox = quickOutbox(core);
    outbox.enqueue(PHONE, 'Your order ORD-1001 is on its way!');
    await outbox.drain();
    expect(await core.store.listDeliveries(PHONE)).toEqual([expect.objectContaining({ channel: 'web', status: 'sent', attempts: 3 })]);
    expect(await webEntries(core)).toHaveLength(1);
  });

  it('when the web chat cannot keep it after every try, SMS carries it to a number that proved it receives texts; else it is recorded failed', async () => {
    const core = await makeCore();
    await registered(core, PHONE);
    core.store.appendTranscript = async () => { throw new Error('transcripts unavailable'); };
    const bare = quickOutbox(core);
    bare.enqueue(PHONE, 'Your order ORD-1001 is on its way!');
    await bare.drain();
    expect((await core.store.listDeliveries(PHONE)).map((d) => [d.channel, d.status])).toEqual([['web', 'failed']]);

    const withSms = quickOutbox(core);
    const sms = smsSender();
    withSms.use('sms', sms);
    withSms.enqueue(PHONE, 'Your order ORD-1001 is on its way!');
    await withSms.drain();
    expect(sms.sent.map((m) => m.reply.text)).toEqual(['Your order ORD-1001 is on its way!']);
  });

  it('staff messages are kept before the answer, as the staff\'s, and say where they went', async () => {
    const core = await makeCore();
    await registered(core, PHONE);
    expect(await core.outbox.staff(PHONE, 'Hi Ana, Maria here.')).toEqual({ ok: true, channel: 'web' });
    expect(await webEntries(core)).toEqual([expect.objectContaining({ from: 'staff', channel: 'web', text: 'Hi Ana, Maria here.' })]);
    core.store.appendTranscript = async () => { throw new Error('transcripts unavailable'); };
    expect(await core.outbox.staff(PHONE, 'Are you there?')).toEqual({ ok: false, reason: 'transient' });
  });
});

describe('routing', () => {
  const now = Date.UTC(2026, 10, 2);
  const base = { phone: PHONE, createdAt: now };
  const senders = new Set(['sms', 'web', 'telegram'] as const);

  it('a web chat customer is reached on web; a customer last on Telegram there; no web without a web chat', () => {
    const web = { ...base, lastChannel: 'web' as const, channels: { sms: { lastInboundAt: now - 10 }, web: { lastInboundAt: now } } };
    expect(route({ customer: web, states: [], senders })).toMatchObject({ channel: 'web' });
    const tg = { ...base, lastChannel: 'telegram' as const, channels: { telegram: { address: '77', lastInboundAt: now }, web: { lastInboundAt: now - 10 } } };
    expect(route({ customer: tg, states: [], senders })).toMatchObject({ channel: 'telegram' });
    // Telegram blocked: the web chat they used before, not SMS.
    const blocked = [{ phone: PHONE, channel: 'telegram' as const, unreachable: { reason: '403', at: now + 1 }, updatedAt: now + 1 }];
    expect(route({ customer: tg, states: blocked, senders })).toMatchObject({ channel: 'web' });
    const api = { ...base, lastChannel: 'api' as const, channels: { api: { lastInboundAt: now } } };
    expect(route({ customer: api, states: [], senders })).toEqual({ skip: 'sms_not_proven', channel: 'sms' });
  });

  it('a message the web chat could not keep waits, queued, for the next try', async () => {
    const core = await makeCore();
    await registered(core, PHONE);
    core.store.appendTranscript = async () => { throw new Error('down'); };
    const outbox = quickOutbox(core);
    await expect(outbox.deliver({ id: 'n1', phone: PHONE, replies: [{ key: 'notification', text: 'x' }] }, { final: false })).rejects.toBeInstanceOf(SendError);
    expect(await core.store.getDelivery('n1-0')).toMatchObject({ channel: 'web', status: 'queued', errorCode: 'transient' });
  });
});
