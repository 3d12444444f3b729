import { afterEach, describe, expect, it } from 'vitest';
import { closeIdleConversations } from '../../src/jobs/handlers';
import { startServer, type ChatClient, type TestServer } from '../http/server';
import { STORES } from '../stores';

const PHONE = '+12025550161';
const OTHER = '+12025550162';

let s: TestServer;
afterEach(async () => { await s?.close(); });

/** What a web-chat customer reads after one message: the replies' texts, and the last one's buttons. */
async function say(b: ChatClient, text: string, option?: string) {
  const r = await b.post('/chat/messages', { text, ...(option ? { option } : {}) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const replies = r.body.replies as { text: string; list?: unknown; options?: { id: string; label: string }[] }[];
  return { text: replies.map((x) => x.text).join('\n'), options: replies.at(-1)?.options ?? [], list: replies.at(-1)?.list };
}

const get = (b: ChatClient, path: string) => s.get(path, { cookie: b.cookie()! });

/** A browser signed in as `phone` that has said `texts` in the web chat. */
async function chatting(phone: string, ...texts: string[]) {
  const b = s.browser();
  await b.signIn(phone);
  for (const text of texts) await say(b, text);
  return b;
}

describe.each(STORES)('the web chat\'s history and pushes, on the $name store', ({ open }) => {
  it('a reload or a new sign-in finds the conversation, the cart and the open question; the store\'s news reaches the web chat, never an unconfigured SMS', async () => {
    s = await startServer({}, {}, await open());
    const first = await chatting(PHONE, 'hi', 'Mia', 'pickup');
    expect((await say(first, '2 limes')).text).toContain('Added 2 × Limes');
    await say(first, 'checkout');
    const readBack = await say(first, 'pickup');
    expect(readBack.text).toContain('Shall I place it?');
    expect(readBack.options.map((o) => o.label)).toContain('Yes, place it');

    // The same customer signs in on another browser: the chat continues where it was.
    const second = await chatting(PHONE);
    const h = await get(second, '/chat/history');
    expect(h.status).toBe(200);
    expect(h.headers.get('cache-control')).toBe('no-store');
    expect(h.body.messages.filter((m: { from: string }) => m.from === 'customer').map((m: { text: string }) => m.text))
      .toEqual(['hi', 'Mia', 'pickup', '2 limes', 'checkout', 'pickup']);
    const lastBot = h.body.messages.at(-1);
    expect(lastBot.from).toBe('bot');
    // The question reads as it was asked, its buttons apart (not the numbered list SMS would show).
    expect(lastBot.text).toContain('Shall I place it?');
    expect(lastBot.text).not.toMatch(/\n1\. /);
    // Kept as it was answered: the read-back's key and its lines with their cents, as the answer had them.
    expect(lastBot.key).toBe('read_back');
    expect(readBack.list).toBeDefined();
    expect(lastBot.list).toEqual(readBack.list);
    expect(h.body.cart).toMatchObject({ lines: [{ sku: 'FRU-LIM', name: 'Limes', qty: 2, label: '2 × Limes', lineTotalCents: 98 }], totalCents: 98, currency: 'USD' });
    expect(h.body.asking.options).toEqual(readBack.options);
    expect(h.body.asking.text).toBe(lastBot.text);

    // A button of the open question, tapped on the new browser, works.
    const placeIt = h.body.asking.options.find((o: { label: string }) => o.label === 'Yes, place it');
    expect((await say(second, placeIt.label, placeIt.id)).text).toMatch(/Order ORD-1001 is placed/);
    const placed = await get(second, '/chat/history');
    expect(placed.body.cart).toMatchObject({ lines: [], totalCents: 0 });

    // The owner moves the order on: each move reaches the open page's poll, kept in the web chat.
    let until = placed.body.until;
    for (const status of ['preparing', 'ready'] as const) {
      expect((await s.post('/admin/orders/ORD-1001/status', { status }, s.admin)).status).toBe(200);
      await s.core.outbox.drain();
      const order = (await s.core.store.getOrder('ORD-1001'))!;
      const updates = await get(first, `/chat/updates?after=${encodeURIComponent(until)}`);
      expect(updates.status).toBe(200);
      // Pushed, it comes as an answer would: its key and parameters with its words.
      expect(updates.body.messages).toEqual([{ at: expect.any(String), from: 'bot', key: 'order_update', params: { orderId: 'ORD-1001', status }, text: s.core.engine.copy.orderUpdate(order) }]);
      until = updates.body.until;
    }
    expect((await get(first, `/chat/updates?after=${encodeURIComponent(until)}`)).body.messages).toEqual([]);
    const deliveries = (await s.get(`/admin/customers/${encodeURIComponent(PHONE)}/deliveries`, s.admin)).body.deliveries;
    expect(deliveries.map((d: { channel: string; status: string }) => [d.channel, d.status])).toEqual([['web', 'sent'], ['web', 'sent']]);

    // Kept: a page opened later shows them in the conversation.
    const later = await get(second, '/chat/history');
    expect(later.body.messages.slice(-2).map((m: { from: string; text: string }) => [m.from, m.text])).toEqual([
      ['bot', expect.stringMatching(/preparing your order ORD-1001/)],
      ['bot', expect.stringMatching(/ORD-1001 is ready for collection/)],
    ]);

    // A cart left alone is released after a while; the notice reaches the web chat, and the cart empties there.
    await say(first, '3 limes');
    expect((await get(first, '/chat/history')).body.cart).toMatchObject({ lines: [{ sku: 'FRU-LIM', qty: 3 }], totalCents: 147 });
    const beforeIdle = (await get(first, '/chat/history')).body.until;
    s.core.clock.advance(s.core.config.CONVERSATION_IDLE_MINUTES + 1);
    expect(await closeIdleConversations(s.core)).toBe(1);
    await s.core.outbox.drain();
    const released = await get(first, `/chat/updates?after=${encodeURIComponent(beforeIdle)}`);
    expect(released.body.messages).toEqual([{ at: expect.any(String), from: 'bot', key: 'notification', text: s.core.engine.copy.cartReleased(['Limes']) }]);
    // With news, the poll says which question is open now: none, the buttons go.
    expect(released.body.asking).toBeNull();
    const after = await get(second, '/chat/history');
    expect(after.body).toMatchObject({ cart: { lines: [], totalCents: 0 }, asking: null });
    expect(after.body.messages.at(-1)).toMatchObject({ from: 'bot', text: s.core.engine.copy.cartReleased(['Limes']) });
  });

  it('history and updates are only ever the signed-in customer\'s own; no session is 401, bad input 400', async () => {
    s = await startServer({}, {}, await open());
    const mia = await chatting(PHONE, 'hi', 'Mia');
    const other = await chatting(OTHER);

    for (const path of ['/chat/history', '/chat/updates']) {
      const none = await s.get(path);
      expect(none.status, path).toBe(401);
      expect(none.body.error).toMatch(/Verify your phone number first/);
      // A cookie for Mia's phone under another's signature is no session.
      const forged = other.cookie()!.replace(encodeURIComponent(OTHER), PHONE).replace(OTHER, PHONE);
      expect((await s.get(path, { cookie: forged })).status, path).toBe(401);
    }
    for (const limit of ['0', '201', 'ten', '2.5']) {
      const r = await get(mia, `/chat/history?limit=${limit}`);
      expect(r.status, limit).toBe(400);
      expect(r.body.error).toBe('invalid query');
    }
    expect((await get(mia, '/chat/history?limit=1')).body.messages).toHaveLength(1);

    const theirs = await get(other, '/chat/history');
    expect(theirs.body).toMatchObject({ messages: [], cart: { lines: [] }, asking: null });
    expect((await get(other, `/chat/updates?after=${encodeURIComponent(new Date(0).toISOString())}`)).body.messages).toEqual([]);
    const mine = await get(mia, '/chat/history');
    expect(mine.body.messages.map((m: { text: string }) => m.text).slice(0, 2)).toEqual(['hi', expect.stringMatching(/what’s your name/)]);
  });
});
