import { afterEach, describe, expect, it } from 'vitest';
import { STORES } from '../stores';
import { ADMIN, startChannels, type Harness } from '../channels/harness';

// GET /admin/conversations: every customer's conversation, with SMS customers over a fake Twilio.

let h: Harness;
afterEach(async () => { await h?.close(); });

const auth = { authorization: `Bearer ${ADMIN}` };
async function get(path: string, headers: Record<string, string> = auth) {
  const res = await fetch(h.url + path, { headers });
  return { status: res.status, body: await res.json() as any };
}
const say = async (phone: string, ...texts: string[]) => { for (const t of texts) await h.messaging.send(phone, t); };
const phones = (r: { body: { conversations: { phone: string }[] } }) => r.body.conversations.map((c) => c.phone);

describe.each(STORES)('every conversation, on the $name store', ({ open }) => {
  it('lists every customer newest first with the waiting ones on top, searched by name or phone, in pages', async () => {
    h = await startChannels({}, await open());
    const people = [['+12025550101', 'Ana Lima'], ['+12025550102', 'Bob Ames'], ['+12025550103', 'Cleo Anders'], ['+12025550104', 'Dev']];
    for (const [phone, name] of people) {
      await say(phone!, 'hi', name!, 'pickup');
      h.clock.advance(1);
    }
    await say('+12025550102', 'talk to a human', 'are you there?');

    const all = await get('/admin/conversations');
    expect(all.status).toBe(200);
    expect(phones(all)).toEqual(['+12025550102', '+12025550104', '+12025550103', '+12025550101']);
    expect(all.body).toMatchObject({ page: 1, limit: 25, more: false });
    expect(all.body.conversations[0]).toMatchObject({
      phone: '+12025550102', name: 'Bob Ames', stage: 'handoff', waiting: true, channel: 'sms', unread: 2,
      lastMessage: { from: 'bot', text: expect.stringMatching(/member of our team/) },
    });
    expect(all.body.conversations[1]).toMatchObject({ phone: '+12025550104', name: 'Dev', stage: 'menu', waiting: false, channel: 'sms' });
    expect(all.body.conversations[1].unread).toBeUndefined();
    expect(all.body.conversations[1].lastActivityAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    expect(phones(await get('/admin/conversations?q=an'))).toEqual(['+12025550103', '+12025550101']);
    expect(phones(await get('/admin/conversations?q=AMES'))).toEqual(['+12025550102']);
    expect(phones(await get(`/admin/conversations?q=${encodeURIComponent('+1 202 555 0104')}`))).toEqual(['+12025550104']);
    expect(phones(await get('/admin/conversations?q=zed'))).toEqual([]);

    const first = await get('/admin/conversations?limit=3');
    const second = await get('/admin/conversations?limit=3&page=2');
    expect([first.body.more, second.body.more]).toEqual([true, false]);
    expect([...phones(first), ...phones(second)]).toEqual(phones(all));
  });
});

describe('GET /admin/conversations refusals', () => {
  it('answers 400 for a bad page, limit or search, and 401 without the token', async () => {
    h = await startChannels();
    for (const qs of ['page=0', 'page=x', 'limit=0', 'limit=101', 'limit=2.5', `q=${'a'.repeat(101)}`]) {
      const r = await get(`/admin/conversations?${qs}`);
      expect(r.status, qs).toBe(400);
      expect(r.body.details.join(' '), qs).toMatch(/^(page|limit|q): /);
    }
    expect((await get('/admin/conversations', {})).status).toBe(401);
    expect((await get('/admin/conversations', { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await get('/admin/conversations')).body).toEqual({ conversations: [], page: 1, limit: 25, more: false });
  });
});
