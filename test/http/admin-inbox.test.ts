import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJob } from '../../src/jobs/handlers';
import { MemoryStore } from '../../src/store/memory';
import { STORES } from '../stores';
import { ADMIN, startChannels, type Harness } from '../channels/harness';

let h: Harness;
beforeEach(async () => { h = await startChannels(); });
afterEach(async () => { await h.close(); });

const PHONE = '+12025550123';
const USER = 4242;
const auth = { authorization: `Bearer ${ADMIN}` };

async function get(path: string, headers: Record<string, string> = auth) {
  const res = await fetch(h.url + path, { headers });
  return { status: res.status, body: await res.json() as any };
}
async function post(path: string, body: unknown, headers: Record<string, string> = auth) {
  const res = await fetch(h.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() as any };
}
const conversation = async (phone = PHONE) => (await get(`/admin/conversations/${encodeURIComponent(phone)}`)).body.messages as { from: string; channel: string; text: string; at: string }[];
/** Sends on SMS and returns the TwiML replies joined. */
async function sms(...texts: string[]) {
  let last: string[] = [];
  for (const t of texts) last = (await h.messaging.send(PHONE, t)).messages;
  return last.join('\n');
}

describe('the human inbox', () => {
  it('keeps what an SMS customer writes while waiting for a human; staff answer reaches their phone through Twilio; the bot stays silent until released', async () => {
    await sms('hi', 'Sam', 'pickup');
    expect(await sms('talk to a human')).toMatch(/member of our team/);
    // The first message while waiting is acknowledged; the next is only kept for staff.
    expect(await sms('my eggs arrived broken')).toBe('Got it — a member of our team will read this and answer you here as soon as they can.');
    expect(await sms('the whole box')).toBe('');

    const messages = await conversation();
    expect(messages.filter((m) => m.from === 'customer').map((m) => m.text)).toEqual(['hi', 'Sam', 'pickup', 'talk to a human', 'my eggs arrived broken', 'the whole box']);
    expect(messages.at(-2)).toMatchObject({ from: 'bot', channel: 'sms', text: expect.stringMatching(/member of our team/) });
    expect(messages.every((m) => !Number.isNaN(Date.parse(m.at)))).toBe(true);
    expect(messages.map((m) => m.at)).toEqual([...messages.map((m) => m.at)].sort());
    const waiting = (await get('/admin/handoffs')).body.handoffs;
    expect(waiting).toEqual([{ phone: PHONE, since: expect.any(String), unread: 3, name: 'Sam', lastMessage: 'the whole box', reason: 'asked' }]);

    h.clock.advance(2);
    const sent = await post(`/admin/conversations/${encodeURIComponent(PHONE)}/messages`, { text: 'So sorry, Sam: a new box is on its way.' });
    expect(sent).toEqual({ status: 202, body: { queued: true, channel: 'sms' } });
    await h.core.outbox.drain();
    expect(h.twilioApi.messages.at(-1)).toMatchObject({ To: PHONE, Body: 'So sorry, Sam: a new box is on its way.' });
    expect((await conversation()).at(-1)).toMatchObject({ from: 'staff', channel: 'sms', text: 'So sorry, Sam: a new box is on its way.' });
    expect((await get('/admin/handoffs')).body.handoffs[0].unread).toBe(0);

    // Still with a person: after the staff answer, one acknowledgement again, then the bot does not butt in;
    // what the customer says is kept.
    expect(await sms('thank you!')).toMatch(/member of our team will read this/);
    expect(await sms('see you')).toBe('');
    expect((await conversation()).at(-1)).toMatchObject({ from: 'customer', text: 'see you' });
    expect((await get('/admin/handoffs')).body.handoffs[0].unread).toBe(2);
    expect((await post(`/admin/handoff/${encodeURIComponent(PHONE)}/release`, {})).status).toBe(200);
    expect(await sms('show my cart')).toMatch(/cart is empty/i);
  });

  it('while nobody answers, the customer hears again that a person will answer once HANDOFF_REMIND_MINUTES (15) have passed', async () => {
    await sms('hi', 'Sam', 'pickup', 'talk to a human');
    expect(await sms('hello? anyone there?')).toMatch(/member of our team will read this/);
    h.clock.advance(14);
    expect(await sms('hello??')).toBe('');
    h.clock.advance(1);
    expect(await sms('still waiting')).toMatch(/member of our team will read this/);
    expect(await sms('hmm')).toBe('');
  });

  it('a customer who keeps writing while waiting keeps their cart: holds are renewed as on any message', async () => {
    await sms('hi', 'Sam', 'pickup', '2 lemons', 'talk to a human');
    for (let i = 0; i < 4; i += 1) {
      h.clock.advance(20);
      await sms('hello?');
      await h.core.inventory.sweep();
    }
    expect((await post(`/admin/handoff/${encodeURIComponent(PHONE)}/release`, {})).status).toBe(200);
    const cart = await sms('show my cart');
    expect(cart).toContain('2 × Lemons');
    expect(cart).not.toContain('put back on the shelf');
  });

  it('a complaint about an order goes to the inbox with the order it is about', async () => {
    await sms('hi', 'Sam', 'pickup', '2 lemons', 'check out', 'pickup', 'yes');
    const [order] = await h.core.store.listOrders({ phone: PHONE });
    expect(await sms('my order was missing the bread')).toMatch(/passed it to a member of our team with your order/);
    const waiting = (await get('/admin/handoffs')).body.handoffs;
    expect(waiting).toEqual([{ phone: PHONE, since: expect.any(String), unread: 1, name: 'Sam', lastMessage: 'my order was missing the bread', reason: 'complaint', about: 'missing', orderId: order!.id }]);
    expect((await get(`/admin/orders/${order!.id}`)).body.order).toMatchObject({ id: order!.id });
  });

  it('staff answer reaches a Telegram customer through the Bot API; replies the bot sent there are kept once', async () => {
    const tap = async (label: string) => {
      const data = (h.telegramApi.sent().at(-1)?.reply_markup?.inline_keyboard ?? []).flat().find((b: { text: string }) => b.text === label)?.callback_data;
      await h.telegram.tap(USER, data);
      await h.core.outbox.drain();
    };
    await h.telegram.contact(USER, PHONE);
    await h.core.outbox.drain();
    await h.telegram.message(USER, 'Tess');
    await h.core.outbox.drain();
    await tap('Pickup');
    await h.telegram.message(USER, 'talk to a human');
    await h.core.outbox.drain();
    expect(h.telegramApi.sent().at(-1)?.text).toMatch(/member of our team/);
    const before = await conversation();
    expect(before.filter((m) => /member of our team/.test(m.text))).toHaveLength(1);

    const sent = await post(`/admin/conversations/${encodeURIComponent(PHONE)}/messages`, { text: 'Hi Tess, this is Maria from the shop.' });
    expect(sent).toEqual({ status: 202, body: { queued: true, channel: 'telegram' } });
    await h.core.outbox.drain();
    expect(h.telegramApi.sent().at(-1)).toMatchObject({ chat_id: String(USER), text: 'Hi Tess, this is Maria from the shop.' });
    expect((await conversation()).at(-1)).toMatchObject({ from: 'staff', channel: 'telegram', text: 'Hi Tess, this is Maria from the shop.' });
  });

  it('keeps a message Twilio delivers twice (same MessageSid) once, with its reply once', async () => {
    await sms('hi', 'Sam', 'pickup');
    const sid = `SM${'7'.repeat(32)}`;
    await h.messaging.send(PHONE, '2 limes', { MessageSid: sid });
    await h.messaging.send(PHONE, '2 limes', { MessageSid: sid });
    const messages = await conversation();
    expect(messages.filter((m) => m.text === '2 limes')).toHaveLength(1);
    expect(messages.filter((m) => /Added 2 × Limes/.test(m.text))).toHaveLength(1);
  });

  it('keeps what the outbox sends (an order update) as the bot\'s', async () => {
    await sms('hi', 'Sam', 'pickup', '2 limes', 'checkout', 'pickup', 'yes');
    expect((await post('/admin/orders/ORD-1001/status', { status: 'preparing' })).status).toBe(200);
    await h.core.outbox.drain();
    expect((await conversation()).at(-1)).toMatchObject({ from: 'bot', channel: 'sms', text: expect.stringContaining('ORD-1001') });
  });

  it('answers 400 for a bad phone or text, 404 for an unknown customer, [] for a phone never seen, 401 without the token', async () => {
    await sms('hi');
    const path = `/admin/conversations/${encodeURIComponent(PHONE)}/messages`;
    expect((await get('/admin/conversations/not-a-phone')).status).toBe(400);
    expect((await post('/admin/conversations/not-a-phone/messages', { text: 'hi' })).status).toBe(400);
    const empty = await post(path, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.details.join()).toMatch(/text/i);
    expect((await post(path, { text: 'x'.repeat(1001) })).status).toBe(400);
    expect((await post(path, { text: 'hi', extra: 1 })).status).toBe(400);
    expect((await post(path, {})).status).toBe(400);
    expect((await post('/admin/conversations/+12025550199/messages', { text: 'hello' })).status).toBe(404);
    expect(await get('/admin/conversations/+12025550199')).toEqual({ status: 200, body: { messages: [] } });
    expect((await get(`/admin/conversations/${encodeURIComponent(PHONE)}`, {})).status).toBe(401);
    expect((await post(path, { text: 'hi' }, { authorization: 'Bearer nope' })).status).toBe(401);
    // Nothing went out for the refused ones.
    await h.core.outbox.drain();
    expect(h.twilioApi.messages.filter((m) => m.Body === 'hi' || m.Body === 'hello')).toEqual([]);
  });

  it('GET /admin/orders/:id: the order with its customer; 404 for an unknown one', async () => {
    await sms('hi', 'Sam', '5 Elm Street, Springfield', '2 limes', 'checkout', 'delivery', 'yes');
    const r = await get('/admin/orders/ORD-1001');
    expect(r.status).toBe(200);
    expect(r.body.customer).toEqual({ phone: PHONE, name: 'Sam' });
    expect(r.body.order).toMatchObject({ id: 'ORD-1001', status: 'placed', channel: 'sms', address: '5 Elm Street, Springfield', lines: [{ sku: 'FRU-LIM', qty: 2 }] });
    expect((await get('/admin/orders/ORD-9999')).status).toBe(404);
  });

  it('forgets transcript entries older than TRANSCRIPT_DAYS in the maintenance job', async () => {
    await sms('hi');
    h.clock.advance(89 * 24 * 60);
    await sms('Sam');
    h.clock.advance(2 * 24 * 60);
    await runJob(h.core, 'maintenance');
    const left = await conversation();
    expect(left.map((m) => m.text)[0]).toBe('Sam');
    expect(left.some((m) => m.text === 'hi')).toBe(false);
  });
});

describe('a transcript that cannot be written', () => {
  it('never fails the customer\'s turn: the answer and the order go on', async () => {
    await h.close();
    const store = new MemoryStore();
    store.appendTranscript = async () => { throw new Error('the transcripts collection is unavailable'); };
    h = await startChannels({}, store);
    expect(await sms('hi')).toMatch(/what’s your name/);
    expect(await sms('Sam', 'pickup', '2 limes')).toContain('Added 2 × Limes');
    expect(await sms('checkout', 'pickup', 'yes')).toMatch(/ORD-1001 is placed/);
    // Each message's entries are kept with its record, by the turn's end: appending alone is what failed.
    expect((await conversation()).map((m) => m.text)).toContain('2 limes');
  });
});

describe.each(STORES)('on the $name store', ({ open }) => {
  it('a message whose first attempt failed after its transcript was written is kept once when Twilio retries it', async () => {
    await h.close();
    const store = await open();
    h = await startChannels({}, store);
    await sms('hi', 'Sam', 'pickup');
    // The first attempt's last write is made, and its answer lost with the connection.
    const end = store.endTurn.bind(store);
    let failures = 1;
    store.endTurn = async (...args) => { const ended = await end(...args); if (failures-- > 0) throw new Error('connection lost'); return ended; };
    const sid = `SM${'8'.repeat(32)}`;
    const first = await h.messaging.send(PHONE, '2 limes', { MessageSid: sid });
    const again = await h.messaging.send(PHONE, '2 limes', { MessageSid: sid });
    expect(first.messages.join()).toContain('Added 2 × Limes');
    expect(again.status).toBe(200);
    const messages = await conversation();
    expect(messages.filter((m) => m.text === '2 limes')).toHaveLength(1);
    expect(messages.filter((m) => /Added 2 × Limes/.test(m.text))).toHaveLength(1);
  });
});
