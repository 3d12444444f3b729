import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/domain/types';
import type { Engine } from '../../src/engine/engine';
import { startServer, type TestServer } from '../http/server';
import { startChannels, type Harness } from './harness';

const PHONE = '+12025550123';
const USER = 4242;

let h: Harness | undefined;
let s: TestServer | undefined;
afterEach(async () => { await h?.close(); await s?.close(); h = undefined; s = undefined; });

/** The replies of each message the engine answers, as it made them (what the outbox is then handed). */
function answers(engine: Engine): Reply[][] {
  const seen: Reply[][] = [];
  const handle = engine.handle.bind(engine);
  engine.handle = async (m, o) => { const r = await handle(m, o); seen.push(r); return r; };
  return seen;
}

/**
 * A customer with 2 limes asks for their cart (a list with prices, a total, and options); the same replies
 * then come again through the outbox, as a notification would: on each channel they must look the same.
 */
describe('a pushed message looks like an answered one', () => {
  it('on Telegram: the same texts and the same buttons', async () => {
    h = await startChannels();
    const tg = h;
    const sent = () => tg.telegramApi.sent().map((m) => ({ chat_id: m.chat_id, text: m.text, reply_markup: m.reply_markup }));
    const settle = () => tg.core.outbox.drain();
    await tg.telegram.contact(USER, PHONE); await settle();
    await tg.telegram.message(USER, 'Tess'); await settle();
    await tg.telegram.message(USER, 'pickup'); await settle();
    await tg.telegram.message(USER, '2 limes'); await settle();
    const seen = answers(tg.core.engine);
    const before = sent().length;
    await tg.telegram.message(USER, 'cart'); await settle();
    const answered = sent().slice(before);
    expect(answered.at(-1)?.text).toMatch(/Your cart:\n• 2 × Limes — \$0\.98/);
    expect(answered.at(-1)?.reply_markup?.inline_keyboard.flat().map((b: { text: string }) => b.text)).toEqual(['Check out', 'Browse']);

    tg.core.outbox.enqueue(PHONE, seen.at(-1)!);
    await settle();
    expect(sent().slice(before + answered.length)).toEqual(answered);
  });

  it.each([['SMS', PHONE, 'sms'], ['WhatsApp', `whatsapp:${PHONE}`, 'whatsapp']] as const)('on %s: the same texts, options numbered', async (_, from, channel) => {
    h = await startChannels();
    for (const t of ['hi', 'Sam', 'pickup', '2 limes']) await h.messaging.send(from, t);
    const seen = answers(h.core.engine);
    const answered = (await h.messaging.send(from, 'cart')).messages;
    expect(answered.at(-1)).toMatch(/Your cart:\n• 2 × Limes — \$0\.98[\s\S]*\n1\. Check out\n2\. Browse\n/);

    h.core.outbox.enqueue(PHONE, seen.at(-1)!, { channel });
    await h.core.outbox.drain();
    expect(h.twilioApi.messages.map((m) => [m.To, m.Body])).toEqual(answered.map((body) => [from, body]));
  });

  it('in the web chat: the same JSON from the page\'s poll as from its message', async () => {
    s = await startServer();
    const page = s.browser();
    await page.signIn(PHONE);
    for (const text of ['hi', 'Mia', 'pickup', '2 limes']) expect((await page.post('/chat/messages', { text })).status).toBe(200);
    const seen = answers(s.core.engine);
    const answered = (await page.post('/chat/messages', { text: 'cart' })).body.replies;
    expect(answered.at(-1)).toMatchObject({ key: 'cart', params: { totalCents: 98 }, list: { intro: 'Your cart:', items: [{ label: '2 × Limes — $0.98', cents: 98 }] } });
    const { until } = (await s.get('/chat/history', { cookie: page.cookie()! })).body;

    s.core.outbox.enqueue(PHONE, seen.at(-1)!);
    await s.core.outbox.drain();
    const pushed = (await s.get(`/chat/updates?after=${encodeURIComponent(until)}`, { cookie: page.cookie()! })).body.messages;
    expect(pushed.map(({ at: _at, from: _from, ...shown }: Record<string, unknown>) => shown)).toEqual(answered);
    expect(pushed.map((m: { from: string }) => m.from)).toEqual(answered.map(() => 'bot'));
  });
});
