import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTwilioClient } from '../../channels/twilio-client';
import { cleanVariable, twilioSenders } from '../../channels/twilio-outbound';
import { SendError, SendOutcomeUnknown } from '../../src/notify/errors';
import type { Reply } from '../../src/domain/types';
import { registered } from '../helpers';
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, SMS_NUMBER, WHATSAPP_NUMBER, startChannels, type Harness } from './harness';

const TEMPLATE = `HX${'b2'.repeat(16)}`;
let h: Harness;
beforeEach(async () => { h = await startChannels({ TWILIO_WHATSAPP_TEMPLATE_SID: TEMPLATE }); });
afterEach(async () => { await h.close(); });

const PHONE = '+12025550123';
const WA = `whatsapp:${PHONE}`;

/** A customer who registered by texting from `from` (SMS or WhatsApp): their replies came as TwiML, not through the outbox. */
async function registerBy(from: string) {
  for (const t of ['hi', 'Sam', 'pickup']) await h.messaging.send(from, t);
  expect(h.twilioApi.requests).toEqual([]);
}
async function tell(phone: string, text: string | Reply[], channel?: 'sms' | 'whatsapp' | 'telegram') {
  h.core.outbox.enqueue(phone, text, channel ? { channel } : {});
  await h.core.outbox.drain();
  h.clock.advance(1);
}
const states = async (phone = PHONE) => Object.fromEntries((await h.core.store.getChannelStates(phone)).map((s) => [s.channel, s]));
const deliveries = async (phone = PHONE) => (await h.deliveries(phone)).body.deliveries;

describe('outbound failures are classified', () => {
  it('21610 (the customer texted STOP to Twilio): recorded as an opt-out, never retried, and nothing more is sent there', async () => {
    await registerBy(PHONE);
    h.twilioApi.plan(21610);
    await tell(PHONE, 'Your order is ready');
    expect(h.twilioApi.requests).toHaveLength(1);
    expect(h.twilioApi.messages).toEqual([]);
    expect((await states()).sms).toMatchObject({ optedOutAt: expect.any(Number) });

    await tell(PHONE, 'Your order is on its way');
    expect(h.twilioApi.requests).toHaveLength(1);
    expect(await deliveries()).toMatchObject([
      { channel: 'sms', status: 'skipped', errorCode: 'opted_out' },
      { channel: 'sms', status: 'failed', errorCode: '21610', attempts: 1 },
    ]);
  });

  it.each([21211, 21614] as const)('%i (invalid or not a mobile number): recorded as unreachable, never retried', async (code) => {
    await registerBy(PHONE);
    h.twilioApi.plan(code);
    await tell(PHONE, 'Your order is ready');
    expect(h.twilioApi.requests).toHaveLength(1);
    expect((await states()).sms).toMatchObject({ unreachable: { reason: String(code) } });
    await tell(PHONE, 'Another update');
    expect(h.twilioApi.requests).toHaveLength(1);
    expect((await deliveries())[0]).toMatchObject({ status: 'skipped', errorCode: `unreachable_${code}` });
  });

  it('500 and 429 are retried with backoff until Twilio takes the message, which goes out once', async () => {
    await registerBy(PHONE);
    h.twilioApi.plan(500, 429);
    await tell(PHONE, 'Your order is ready');
    expect(h.twilioApi.requests).toHaveLength(3);
    expect(h.twilioApi.messages.map((m) => m.Body)).toEqual(['Your order is ready']);
    expect(await deliveries()).toEqual([expect.objectContaining({ channel: 'sms', status: 'sent', providerId: h.twilioApi.sidOf(0), attempts: 3 })]);
  });

  it('no answer from Twilio: not sent again (it may have been taken); the status callback settles it', async () => {
    await registerBy(PHONE);
    h.twilioApi.plan('hang');
    await tell(PHONE, 'Your order is ready');
    expect(h.twilioApi.requests).toHaveLength(1);
    expect(h.twilioApi.messages).toHaveLength(1);
    const [d] = await deliveries();
    expect(d).toMatchObject({ status: 'sent', errorCode: 'timeout', attempts: 1 });
    expect(d!.providerId).toBeUndefined();

    const r = await h.statusCallback(h.twilioApi.messages[0]!, { MessageSid: h.twilioApi.sidOf(0), MessageStatus: 'delivered' });
    expect(r.status).toBe(204);
    expect(await deliveries()).toEqual([expect.objectContaining({ status: 'delivered', providerId: h.twilioApi.sidOf(0) })]);
    expect(h.twilioApi.requests).toHaveLength(1);
  });

  it('a 429 keeps Twilio\'s Retry-After, so the retry waits at least that long', async () => {
    const { sms } = twilioSenders(createTwilioClient(ACCOUNT_SID, AUTH_TOKEN, h.twilioApi.url), { smsFrom: SMS_NUMBER, clock: h.clock });
    h.twilioApi.plan(429);
    await expect(sms!.send({ phone: PHONE, channel: 'sms', reply: { key: 'notification', text: 'hi' }, deliveryId: 'd-2' })).rejects.toMatchObject({ permanent: false, code: '20429', retryAfterMs: 1000 });
    expect(h.core.outbox.backoffMs(1, new SendError('Too Many Requests', false, '20429', 1000))).toBe(1000);
    expect(h.twilioApi.messages).toEqual([]);
  });

  it('a real client timeout is an unknown outcome, never a transient failure to retry', async () => {
    const client = createTwilioClient(ACCOUNT_SID, AUTH_TOKEN, h.twilioApi.url, { timeoutMs: 300 });
    const { sms } = twilioSenders(client, { smsFrom: SMS_NUMBER, clock: h.clock, publicUrl: PUBLIC_URL });
    h.twilioApi.plan('stall');
    const sent = sms!.send({ phone: PHONE, channel: 'sms', reply: { key: 'notification', text: 'Your order is ready' }, deliveryId: 'd-1' });
    await expect(sent).rejects.toBeInstanceOf(SendOutcomeUnknown);
    expect(h.twilioApi.messages.map((m) => m.Body)).toEqual(['Your order is ready']);
  });

  it('a send a crashed process started and never finished is not sent again on retry', async () => {
    await registerBy(PHONE);
    const now = h.clock.now();
    // What a worker killed mid-send leaves: the attempt was recorded as started, its end never was.
    await h.core.store.putDelivery({ id: 'n1-0', phone: PHONE, channel: 'sms', status: 'queued', attempts: 1, createdAt: now, updatedAt: now });
    await h.core.outbox.deliver({ id: 'n1', phone: PHONE, replies: [{ key: 'notification', text: 'one' }, { key: 'notification', text: 'two' }] });
    expect(h.twilioApi.requests.map((m) => m.Body)).toEqual(['two']);
    expect(await h.core.store.getDelivery('n1-0')).toMatchObject({ status: 'sent', errorCode: 'unknown' });
    expect(await h.core.store.getDelivery('n1-1')).toMatchObject({ status: 'sent', providerId: h.twilioApi.sidOf(0) });
  });

  it('replies of one call go in order, and a retry resumes at the first one not yet taken', async () => {
    await registerBy(PHONE);
    h.twilioApi.plan('ok', 500);
    await tell(PHONE, [{ key: 'notification', text: 'one' }, { key: 'notification', text: 'two', options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }] }, { key: 'notification', text: 'three' }]);
    expect(h.twilioApi.requests.map((m) => m.Body)).toEqual(['one', expect.stringMatching(/^two/), expect.stringMatching(/^two/), 'three']);
    expect(h.twilioApi.messages.map((m) => m.Body)).toEqual(['one', 'two\n1. Yes\n2. No\nReply with a number or type your answer.', 'three']);
  });
});

describe('WhatsApp outside the 24-hour window', () => {
  it('63016: the approved template carries the text, cleaned of newlines, tabs and long runs of spaces', async () => {
    await registerBy(WA);
    await h.messaging.send(WA, '3 lemons and 2 limes');
    h.twilioApi.plan(63016);
    await h.core.notifier.cartSummary(PHONE, 'whatsapp');
    await h.core.outbox.drain();
    const [refused, template] = h.twilioApi.requests;
    expect(refused).toMatchObject({ From: `whatsapp:${WHATSAPP_NUMBER}`, To: WA, Body: expect.stringContaining('\n') });
    expect(template).toMatchObject({ From: `whatsapp:${WHATSAPP_NUMBER}`, To: WA, ContentSid: TEMPLATE });
    expect(template!.Body).toBeUndefined();
    const variable = JSON.parse(template!.ContentVariables!)['1'] as string;
    expect(variable).toMatch(/Lemons.*Limes.*Total/);
    expect(variable).not.toMatch(/[\n\t]| {4}/);
    expect(await deliveries()).toEqual([expect.objectContaining({ channel: 'whatsapp', status: 'sent', providerId: h.twilioApi.sidOf(0) })]);
  });

  it('63016 reported later by status callback: the same text goes again through the template, once', async () => {
    await registerBy(WA);
    await tell(PHONE, 'Your order is ready');
    const [freeform] = h.twilioApi.messages;
    expect(freeform).toMatchObject({ To: WA, Body: 'Your order is ready' });
    const refused = { MessageSid: h.twilioApi.sidOf(0), MessageStatus: 'undelivered', ErrorCode: '63016' };
    expect((await h.statusCallback(freeform!, refused)).status).toBe(204);
    await h.statusCallback(freeform!, { ...refused, MessageStatus: 'failed' });
    await h.core.outbox.drain();
    expect(h.twilioApi.messages).toHaveLength(2);
    expect(h.twilioApi.messages[1]).toMatchObject({ To: WA, ContentSid: TEMPLATE, ContentVariables: JSON.stringify({ 1: 'Your order is ready' }) });
    const all = await deliveries();
    expect(all).toEqual(expect.arrayContaining([
      expect.objectContaining({ channel: 'whatsapp', status: 'undelivered', errorCode: '63016' }),
      expect.objectContaining({ channel: 'whatsapp', status: 'sent', providerId: h.twilioApi.sidOf(1) }),
    ]));
  });

  it('template variables: no newlines, tabs or runs of more than three spaces, never empty, short enough', () => {
    expect(cleanVariable('Your cart:\n• 2 × Limes\tnow\r\nTotal:      $0.98  ')).toBe('Your cart: • 2 × Limes now Total:   $0.98');
    expect(cleanVariable(' \n\t ')).toBe('…');
    expect(cleanVariable('x'.repeat(5000))).toHaveLength(900);
  });

  it('63016 and the template refused too: SMS, to a number that wrote from it', async () => {
    await registerBy(WA);
    h.twilioApi.plan(63016, 63016);
    await tell(PHONE, 'Your order is ready');
    expect(h.twilioApi.requests.map((m) => [m.From, m.To])).toEqual([
      [`whatsapp:${WHATSAPP_NUMBER}`, WA], [`whatsapp:${WHATSAPP_NUMBER}`, WA], [SMS_NUMBER, PHONE],
    ]);
    const all = await deliveries();
    expect(all).toHaveLength(2);
    expect(all).toEqual(expect.arrayContaining([
      expect.objectContaining({ channel: 'whatsapp', status: 'failed', errorCode: '63016' }),
      expect.objectContaining({ channel: 'sms', status: 'sent', providerId: h.twilioApi.sidOf(0) }),
    ]));
  });
});

describe('who may get an SMS the store starts', () => {
  it('a number only ever given through the message API gets nothing by SMS', async () => {
    await h.core.engine.handle({ channel: 'api', phone: PHONE, text: 'hi' });
    await tell(PHONE, 'Your order is ready');
    expect(h.twilioApi.requests).toEqual([]);
    expect(await deliveries()).toEqual([expect.objectContaining({ channel: 'sms', status: 'skipped', errorCode: 'sms_not_proven' })]);
  });

  it('a customer who last wrote in the (verified) web chat is told there, not by SMS; by SMS only when the web chat cannot keep it', async () => {
    await registered(h.core, PHONE);
    await tell(PHONE, 'Your order is ready');
    expect(h.twilioApi.requests).toEqual([]);
    expect(await deliveries()).toEqual([expect.objectContaining({ channel: 'web', status: 'sent' })]);
    expect((await h.core.store.listTranscript(PHONE)).at(-1)).toMatchObject({ from: 'bot', channel: 'web', text: 'Your order is ready' });

    // The verified number proved it is theirs: when the web chat's store fails every try, SMS carries it.
    h.core.store.appendTranscript = async () => { throw new Error('transcripts unavailable'); };
    await tell(PHONE, 'Your order is on its way');
    expect(h.twilioApi.messages.map((m) => [m.From, m.To, m.Body])).toEqual([[SMS_NUMBER, PHONE, 'Your order is on its way']]);
  });

  it('Telegram refuses for good (403 blocked): marked unreachable there, SMS instead; writing on Telegram again makes it reachable', async () => {
    const blocked = { calls: 0, async send(): Promise<{ providerId?: string }> { blocked.calls += 1; throw new SendError('Forbidden: bot was blocked by the user', true, '403'); } };
    await h.messaging.send(PHONE, 'hi');
    h.clock.advance(1);
    await h.telegram.contact(77, PHONE);
    await h.core.outbox.drain();
    h.core.outbox.use('telegram', blocked);
    const smsBefore = h.twilioApi.messages.length;
    expect((await h.core.store.getCustomer(PHONE))?.lastChannel).toBe('telegram');

    await tell(PHONE, 'Your order is ready');
    expect(blocked.calls).toBe(1);
    expect((await states()).telegram).toMatchObject({ unreachable: { reason: '403' } });
    expect(h.twilioApi.messages.slice(smsBefore).map((m) => [m.To, m.Body])).toEqual([[PHONE, 'Your order is ready']]);

    await tell(PHONE, 'It is on its way');
    expect(blocked.calls).toBe(1);
    expect(h.twilioApi.messages).toHaveLength(smsBefore + 2);

    h.clock.advance(1);
    await h.telegram.message(77, 'hello again');
    await h.core.outbox.drain();
    expect(blocked.calls).toBe(2);
  });

  it('a Telegram-only customer whose bot is blocked gets no SMS', async () => {
    await h.telegram.contact(78, '+12025550124');
    await h.core.outbox.drain();
    h.core.outbox.use('telegram', { async send() { throw new SendError('Forbidden: bot was blocked by the user', true, '403'); } });
    await tell('+12025550124', 'Your order is ready');
    expect(h.twilioApi.requests).toEqual([]);
    expect((await deliveries('+12025550124')).filter((d) => d.status !== 'sent')).toEqual([expect.objectContaining({ channel: 'telegram', status: 'failed', errorCode: '403' })]);
  });
});

describe('status callbacks and the deliveries route', () => {
  async function sentOne() {
    await registerBy(PHONE);
    await tell(PHONE, 'Your order is ready');
    return h.twilioApi.messages[0]!;
  }

  it('each message carries its own status callback; signed callbacks record delivered or undelivered with the error code', async () => {
    const m = await sentOne();
    expect(m.StatusCallback).toMatch(/^https:\/\/shop\.example\.com\/twilio\/status\?delivery=[\w.-]+$/);
    expect((await h.statusCallback(m, { MessageSid: h.twilioApi.sidOf(0), MessageStatus: 'undelivered', ErrorCode: '30007' })).status).toBe(204);
    expect(await deliveries()).toEqual([expect.objectContaining({ status: 'undelivered', errorCode: '30007', providerId: h.twilioApi.sidOf(0) })]);
    // A late "sent" never moves it back.
    await h.statusCallback(m, { MessageSid: h.twilioApi.sidOf(0), MessageStatus: 'sent' });
    expect((await deliveries())[0]).toMatchObject({ status: 'undelivered' });
  });

  it('a forged or unsigned callback changes nothing', async () => {
    const m = await sentOne();
    expect((await h.statusCallback(m, { MessageSid: h.twilioApi.sidOf(0), MessageStatus: 'failed', ErrorCode: '30008' }, 'bad')).status).toBe(403);
    expect((await h.statusCallback(m, { MessageSid: h.twilioApi.sidOf(0), MessageStatus: 'failed', ErrorCode: '30008' }, 'none')).status).toBe(400);
    expect((await deliveries())[0]).toMatchObject({ status: 'sent' });
    expect((await deliveries())[0]!.errorCode).toBeUndefined();
  });

  it('a callback saying the customer opted out (21610) records the opt-out', async () => {
    const m = await sentOne();
    await h.statusCallback(m, { MessageSid: h.twilioApi.sidOf(0), MessageStatus: 'failed', ErrorCode: '21610' });
    expect((await states()).sms).toMatchObject({ optedOutAt: expect.any(Number) });
    expect((await deliveries())[0]).toMatchObject({ status: 'failed', errorCode: '21610' });
  });

  it('a malformed callback gets 400; one for a delivery we do not know is acknowledged', async () => {
    expect((await h.twilioPost('/twilio/status?delivery=nope', { MessageSid: h.twilioApi.sidOf(0), MessageStatus: 'delivered' })).status).toBe(204);
    expect((await h.twilioPost('/twilio/status?delivery=bad%20id', { MessageSid: h.twilioApi.sidOf(0), MessageStatus: 'delivered' })).status).toBe(400);
    expect((await h.twilioPost('/twilio/status?delivery=x', { MessageStatus: 'delivered' })).status).toBe(400);
  });

  it('GET /admin/customers/:phone/deliveries: newest first, behind the admin token, 400 for a bad phone', async () => {
    await sentOne();
    await tell(PHONE, 'Second update');
    const ok = await h.deliveries(PHONE);
    expect(ok.status).toBe(200);
    expect(ok.body.deliveries.map((d) => d.status)).toEqual(['sent', 'sent']);
    expect(Number(ok.body.deliveries[0]!.createdAt)).toBeGreaterThan(Number(ok.body.deliveries[1]!.createdAt));
    expect((await h.deliveries(PHONE, '')).status).toBe(401);
    expect((await h.deliveries(PHONE, 'wrong-token-0000000000')).status).toBe(401);
    expect((await h.deliveries('12345')).status).toBe(400);
    expect(await h.deliveries('+12025550999')).toEqual({ status: 200, body: { deliveries: [] } });
  });
});

describe('the messaging webhook', () => {
  // Needs the engine's side of issue 8 point 7 (it records STOP and adds no reply of its own).
  it('STOP gets an empty <Response/>, and what the store starts afterwards is skipped there', async () => {
    await registerBy(PHONE);
    const stop = await h.messaging.send(PHONE, 'STOP');
    expect(stop.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    await tell(PHONE, 'Your order is ready');
    expect(h.twilioApi.requests).toEqual([]);
    expect(await deliveries()).toEqual([expect.objectContaining({ channel: 'sms', status: 'skipped', errorCode: 'opted_out' })]);
  });

  it('renders an empty <Response/> when the engine has nothing to say (a repeated MessageSid)', async () => {
    await registerBy(PHONE);
    const params = { MessageSid: `SM${'7'.repeat(32)}` };
    await h.messaging.send(PHONE, '2 limes', params);
    const again = await h.messaging.send(PHONE, '2 limes', params);
    expect(again.status).toBe(200);
    expect(again.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});
