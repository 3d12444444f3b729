import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectInvariants } from '../helpers';
import { startServer, type TestServer } from './server';

let s: TestServer;
afterEach(async () => { await s.close(); });

async function stockSnapshot() {
  return JSON.stringify(await s.core.store.listStock());
}

describe('POST /api/messages', () => {
  beforeEach(async () => { s = await startServer(); });

  it('answers a message with the engine’s replies, options included', async () => {
    const r = await s.post('/api/messages', { from: '+1 (202) 555-0123', text: 'hi' }, s.api);
    expect(r.status).toBe(200);
    expect(r.body.replies[0].text).toMatch(/Welcome to Corner Grocer/);
    await s.post('/api/messages', { from: '2025550123', text: 'Ana' }, s.api);
    const r2 = await s.post('/api/messages', { from: '+12025550123', text: 'Ana' }, s.api);
    expect(r2.body.replies[0]).toMatchObject({ key: expect.any(String), text: expect.any(String), options: [{ id: 'pickup', label: 'Pickup' }] });
    expect(await s.core.store.getCustomer('+12025550123')).toMatchObject({ name: 'Ana' });
  });

  it('takes a chosen option by its id, and answers lists as items with their cents', async () => {
    for (const text of ['hi', 'Ana']) await s.post('/api/messages', { from: '+12025550123', text }, s.api);
    const picked = await s.post('/api/messages', { from: '+12025550123', text: 'Pickup', option: 'pickup' }, s.api);
    expect(picked.status).toBe(200);
    expect((await s.core.store.getCustomer('+12025550123'))?.registeredAt).toBeDefined();
    await s.post('/api/messages', { from: '+12025550123', text: '2 limes' }, s.api);
    const cart = await s.post('/api/messages', { from: '+12025550123', text: 'show my cart' }, s.api);
    const withList = cart.body.replies.find((r: { list?: unknown }) => r.list);
    expect(withList.list.items).toEqual([expect.objectContaining({ label: expect.stringContaining('Limes') })]);
    expect(withList.text).toContain('Limes');
    const checkout = cart.body.replies.at(-1).options.find((o: { label: string }) => o.label === 'Check out');
    expect(checkout).toEqual({ id: 'checkout', label: 'Check out' });
    await s.post('/api/messages', { from: '+12025550123', text: checkout.label, option: checkout.id }, s.api);
    expect((await s.core.store.getConversation('+12025550123'))?.stage).toMatch(/^checkout_/);
  });

  it('refuses every kind of bad input with a 4xx that says what is wrong, and changes no stock', async () => {
    const before = await stockSnapshot();
    const cases: [unknown, number, RegExp][] = [
      ['{"from": "+12025550123", "text": ', 400, /malformed JSON/],
      [{ text: 'hi' }, 400, /from/i],
      [{ from: '+12025550123' }, 400, /text/i],
      [{ from: 12025550123, text: 'hi' }, 400, /from/i],
      [{ from: '+12025550123', text: ['2 limes'] }, 400, /text/i],
      [{ from: '+12025550123', text: 'hi', extra: 1 }, 400, /extra/i],
      [{ from: 'not a phone', text: 'hi' }, 400, /from: is not a phone number/],
      [{ from: '+1555', text: 'hi' }, 400, /from: is not a valid phone number/],
      [{ from: '+12025550123', text: 'hi', messageId: '' }, 400, /messageId/],
      [{ from: '+12025550123', text: 'hi', option: '' }, 400, /option/i],
      [{ from: '+12025550123', text: 'hi', option: 'x'.repeat(81) }, 400, /option/i],
      [{ from: '+12025550123', text: 'hi', option: 3 }, 400, /option/i],
      [[1, 2, 3], 400, /invalid message/],
      ['null', 400, /invalid message|malformed/],
      [{ from: '+12025550123', text: 'x'.repeat(70 * 1024) }, 413, /too large/],
    ];
    for (const [body, status, message] of cases) {
      const r = await s.post('/api/messages', body, s.api);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      const said = `${r.body.error} ${(r.body.details ?? []).join(' ')}`;
      expect(said, JSON.stringify(body).slice(0, 60)).toMatch(message);
      expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+/);
    }
    const plain = await fetch(`${s.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(plain.status).toBe(415);
    expect(await stockSnapshot()).toBe(before);
  });

  it('answers odd but valid messages politely without changing stock', async () => {
    const before = await stockSnapshot();
    for (const text of ['hi', 'Ana', 'pickup']) await s.post('/api/messages', { from: '+12025550123', text }, s.api);
    const odd = ['\u0000\u0001\u0002', '🍎🍌🥑', 'a'.repeat(5000), '2 limes\u0000 please'.replace('2 limes', ''), '   '];
    for (const text of odd) {
      const r = await s.post('/api/messages', { from: '+12025550123', text }, s.api);
      expect(r.status, text.slice(0, 20)).toBe(200);
      expect(r.body.replies[0].text.length).toBeGreaterThan(10);
    }
    expect(await stockSnapshot()).toBe(before);
  });

  it('keeps the control characters out of what it understands', async () => {
    for (const text of ['hi', 'Ana', 'pickup']) await s.post('/api/messages', { from: '+12025550123', text }, s.api);
    const r = await s.post('/api/messages', { from: '+12025550123', text: '2\u0007 limes\u001b' }, s.api);
    expect(r.body.replies[0].text).toContain('Added 2 × Limes');
    await expectInvariants(s.core.store);
  });

  it('serves the web chat page and a health check', async () => {
    const page = await fetch(`${s.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Test Store — chat</title>');
    expect((await s.get('/healthz')).body).toEqual({ ok: true });
    expect((await s.get('/nope')).status).toBe(404);
  });
});

describe('API_TOKEN', () => {
  it('the message API always needs the bearer token: no token, a wrong one, or none configured is a 401', async () => {
    s = await startServer();
    const body = { from: '+12025550123', text: 'hi' };
    const missing = await s.post('/api/messages', body);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect((await s.post('/api/messages', body, { authorization: 'Bearer wrong-token-xxxxxxxx' })).status).toBe(401);
    expect(await s.core.store.getConversation('+12025550123')).toBeUndefined();
    expect((await s.post('/api/messages', body, s.api)).status).toBe(200);
    expect(await s.core.store.getConversation('+12025550123')).toMatchObject({ version: 1 });
    await s.close();

    // A server started without any API token refuses every call rather than opening up.
    s = await startServer({}, { apiToken: undefined });
    expect((await s.post('/api/messages', body)).status).toBe(401);
    expect((await s.post('/api/messages', body, { authorization: 'Bearer ' })).status).toBe(401);
    expect(await s.core.store.getConversation('+12025550123')).toBeUndefined();
  });

  it('takes API_TOKEN from the settings', async () => {
    s = await startServer({ API_TOKEN: 'api-token-from-settings-01' }, { apiToken: undefined });
    const body = { from: '+12025550123', text: 'hi' };
    expect((await s.post('/api/messages', body, s.api)).status).toBe(401);
    expect((await s.post('/api/messages', body, { authorization: 'Bearer api-token-from-settings-01' })).status).toBe(200);
  });

  it('may not speak as the web chat, whose customers proved their phone: only api or cli', async () => {
    s = await startServer();
    const r = await s.post('/api/messages', { from: '+12025550123', text: 'hi', channel: 'web' }, s.api);
    expect(r.status).toBe(400);
    expect(r.body.details.join(' ')).toMatch(/channel/i);
    expect((await s.post('/api/messages', { from: '+12025550123', text: 'hi', channel: 'cli' }, s.api)).status).toBe(200);
    expect((await s.core.store.getCustomer('+12025550123'))?.channels?.web).toBeUndefined();
  });
});
