import { afterEach, describe, expect, it, vi } from 'vitest';
import { startServer, type TestServer } from './server';

const PHONE = '+12025550188';
let s: TestServer;
afterEach(async () => { vi.restoreAllMocks(); await s?.close(); });

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('web chat identity', () => {
  it('a browser without a verified phone cannot chat: no cookie, a forged one, or one signed for another phone', async () => {
    s = await startServer();
    const stranger = s.browser();
    const none = await stranger.post('/chat/messages', { text: 'hi' });
    expect(none.status).toBe(401);
    expect(none.body.error).toMatch(/Verify your phone number first/);

    const mia = s.browser();
    await mia.signIn(PHONE);
    const [phone, expires, mac] = mia.cookie()!.replace('grocer_chat=', '').split('.');
    const forgeries = [
      `grocer_chat=+12025550199.${expires}.${mac}`, // someone else's number under Mia's signature
      `grocer_chat=${phone}.${Number(expires) + 1}.${mac}`, // a longer life
      `grocer_chat=${phone}.${expires}.${'A'.repeat(43)}`,
      `grocer_chat=${phone}`,
    ];
    for (const cookie of forgeries) {
      const r = await s.post('/chat/messages', { text: 'hi' }, { cookie });
      expect(r.status, cookie).toBe(401);
    }
    expect(await s.core.store.getConversation('+12025550199')).toBeUndefined();
    expect(await s.core.store.getConversation(PHONE)).toBeUndefined();
  });

  it('verifies a phone with the code, sets a signed httpOnly SameSite=Lax cookie for 30 days, then chats as that phone on the web channel', async () => {
    s = await startServer();
    const b = s.browser();
    const sent = await b.post('/chat/verify', { phone: '202 555 0188' });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ sent: true, via: 'console' });
    const code = s.codeFor(PHONE)!;
    expect(code).toMatch(/^\d{6}$/);
    expect(s.printed.at(-1)).toContain('ending 0188');
    expect(s.printed.at(-1)).not.toContain(PHONE);

    const stored = await s.core.store.getVerification(PHONE);
    expect(stored).toMatchObject({ attempts: 0, expiresAt: s.core.clock.now() + 10 * 60_000 });
    expect(stored!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(code);

    const wrong = await b.post('/chat/verify/check', { phone: PHONE, code: wrongCode(code) });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ attemptsLeft: 4 });
    expect(wrong.body.error).toMatch(/not right\. 4 tries left/);
    expect(b.cookie()).toBeUndefined();

    const right = await b.post('/chat/verify/check', { phone: PHONE, code });
    expect(right.status).toBe(200);
    expect(right.body).toEqual({ phone: PHONE });
    const setCookie = right.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^grocer_chat=\+12025550188\.\d+\.[\w-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Max-Age=2592000');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    expect(await s.core.store.getVerification(PHONE)).toBeUndefined();
    // A used code is gone: it does not sign in a second browser.
    expect((await s.browser().post('/chat/verify/check', { phone: PHONE, code })).status).toBe(401);

    expect((await b.post('/chat/messages', { text: 'hi', messageId: 'm1' })).body.replies[0].text).toMatch(/Welcome to Corner Grocer/);
    const named = await b.post('/chat/messages', { text: 'Mia', messageId: 'm2' });
    expect(named.status).toBe(200);
    expect(named.body.replies.at(-1).options).toEqual([{ id: 'pickup', label: 'Pickup' }]);
    expect(await s.core.store.getCustomer(PHONE)).toMatchObject({ name: 'Mia' });
    expect((await s.core.store.getCustomer(PHONE))!.channels?.web).toBeDefined();
    // A repeated message id is answered from memory and changes nothing.
    const again = await b.post('/chat/messages', { text: 'Mia', messageId: 'm2' });
    expect(again.status).toBe(200);
    // A button sends its option's id (1–80 characters) with the label as the words.
    expect((await b.post('/chat/messages', { text: 'Pickup', option: 'x'.repeat(81) })).status).toBe(400);
    expect((await b.post('/chat/messages', { text: 'Pickup', option: 'pickup', messageId: 'm3' })).status).toBe(200);
    expect((await s.core.store.getCustomer(PHONE))?.registeredAt).toBeDefined();
    const session = await s.get('/chat/session', { cookie: b.cookie()! });
    expect(session.body).toEqual({ phone: PHONE, codes: 'console' });
  });

  it('the cookie is Secure when PUBLIC_URL is https', async () => {
    s = await startServer({ PUBLIC_URL: 'https://shop.example.com' });
    const b = s.browser();
    await b.post('/chat/verify', { phone: PHONE });
    const r = await b.post('/chat/verify/check', { phone: PHONE, code: s.codeFor(PHONE) });
    expect(r.headers.get('set-cookie')).toContain('Secure');
  });

  it('a code expires after 10 minutes', async () => {
    s = await startServer();
    const b = s.browser();
    await b.post('/chat/verify', { phone: PHONE });
    s.core.clock.advance(10);
    const late = await b.post('/chat/verify/check', { phone: PHONE, code: s.codeFor(PHONE) });
    expect(late.status).toBe(401);
    expect(late.body.error).toMatch(/expired/);

    await b.post('/chat/verify', { phone: PHONE });
    s.core.clock.advance(9.9);
    expect((await b.post('/chat/verify/check', { phone: PHONE, code: s.codeFor(PHONE) })).status).toBe(200);
  });

  it('a code allows 5 attempts: then 429 even for the right code, until a new one is asked for', async () => {
    s = await startServer();
    const b = s.browser();
    await b.post('/chat/verify', { phone: PHONE });
    const code = s.codeFor(PHONE)!;
    const lefts: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const r = await b.post('/chat/verify/check', { phone: PHONE, code: wrongCode(code) });
      expect(r.status).toBe(401);
      lefts.push(r.body.attemptsLeft);
    }
    expect(lefts).toEqual([4, 3, 2, 1, 0]);
    const blocked = await b.post('/chat/verify/check', { phone: PHONE, code });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toMatch(/ask for a new one/);
    expect(b.cookie()).toBeUndefined();

    await b.post('/chat/verify', { phone: PHONE });
    expect((await b.post('/chat/verify/check', { phone: PHONE, code: s.codeFor(PHONE) })).status).toBe(200);
  });

  it('concurrent guesses cannot share an attempt', async () => {
    s = await startServer({}, { chatLimits: { perIpPerMinute: 1000 } });
    const b = s.browser();
    await b.post('/chat/verify', { phone: PHONE });
    const code = s.codeFor(PHONE)!;
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => b.post('/chat/verify/check', { phone: PHONE, code: String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0') })));
    expect(guesses.filter((g) => g.status === 401)).toHaveLength(5);
    expect(guesses.filter((g) => g.status === 429)).toHaveLength(15);
  });

  it('a session lasts 30 days, and signing out ends it', async () => {
    s = await startServer();
    const b = s.browser();
    await b.signIn(PHONE);
    const cookie = b.cookie()!;
    s.core.clock.advance(29 * 24 * 60);
    expect((await b.post('/chat/messages', { text: 'hi' })).status).toBe(200);
    s.core.clock.advance(24 * 60);
    expect((await s.post('/chat/messages', { text: 'hi' }, { cookie })).status).toBe(401);

    await b.signIn(PHONE);
    const copied = b.cookie()!;
    const other = s.browser('10.0.0.9');
    await other.signIn(PHONE);
    const out = await b.post('/chat/logout', {});
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/grocer_chat=;.*Expires=Thu, 01 Jan 1970/);
    expect(b.cookie()).toBeUndefined();
    expect((await b.post('/chat/messages', { text: 'hi' })).status).toBe(401);
    // The signed-out cookie, copied before, no longer works anywhere; nor do other browsers' sessions of that phone.
    expect((await s.post('/chat/messages', { text: 'hi' }, { cookie: copied })).status).toBe(401);
    expect((await other.post('/chat/messages', { text: 'hi' })).status).toBe(401);
    expect((await s.get('/chat/session', { cookie: copied })).body).toMatchObject({ phone: null });
    // Signing in again, even in the same millisecond, starts a session that works.
    await b.signIn(PHONE);
    expect((await b.post('/chat/messages', { text: 'hi' })).status).toBe(200);
  });

  it('refuses bad input with a 4xx that says what is wrong', async () => {
    s = await startServer();
    const b = s.browser();
    const cases: [string, unknown, number, RegExp][] = [
      ['/chat/verify', { phone: 'not a phone' }, 400, /phone: is not a phone number/],
      ['/chat/verify', {}, 400, /phone/i],
      ['/chat/verify', { phone: PHONE, extra: 1 }, 400, /extra/],
      ['/chat/verify/check', { phone: PHONE, code: 'abc' }, 400, /Code must be the digits of the code/],
      ['/chat/verify/check', { phone: PHONE, code: '123456' }, 401, /no code waiting/],
      ['/chat/verify', '{"phone": ', 400, /malformed JSON/],
    ];
    for (const [path, body, status, message] of cases) {
      const r = await b.post(path, body);
      expect(r.status, `${path} ${JSON.stringify(body)}`).toBe(status);
      expect(`${r.body.error} ${(r.body.details ?? []).join(' ')}`).toMatch(message);
    }
    await b.signIn(PHONE);
    expect((await b.post('/chat/messages', { text: 'hi', from: '+12025550199' })).status).toBe(400);
    expect((await b.post('/chat/messages', { text: 42 })).status).toBe(400);
    expect(await s.core.store.getConversation('+12025550199')).toBeUndefined();
  });
});

describe('sending codes', () => {
  it('without a sender, development prints the code on the server console and the page is told so', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    s = await startServer({}, { codeSender: undefined });
    expect((await s.get('/chat/session')).body).toEqual({ phone: null, codes: 'console' });
    expect((await s.post('/chat/verify', { phone: PHONE })).status).toBe(202);
    const line = String(log.mock.calls.at(-1)?.[0]);
    expect(line).toMatch(/Web chat code for the number ending 0188: \d{6} \(development only/);
  });

  it('in production with no way to send codes, the web chat says it is unavailable', async () => {
    s = await startServer({ NODE_ENV: 'production' }, { codeSender: undefined });
    expect((await s.get('/chat/session')).body).toEqual({ phone: null, codes: 'unavailable' });
    const r = await s.post('/chat/verify', { phone: PHONE });
    expect(r.status).toBe(503);
    expect(r.body.error).toMatch(/web chat is unavailable/);
    expect(await s.core.store.getVerification(PHONE)).toBeUndefined();
  });
});

describe('rate limits of the public web chat', () => {
  it('limits /chat/* per IP with a 429 and Retry-After, without touching other addresses', async () => {
    s = await startServer({}, { chatLimits: { perIpPerMinute: 5 } });
    const a = s.browser('203.0.113.7');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await a.post('/chat/messages', { text: 'hi' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const over = await a.post('/chat/verify', { phone: PHONE });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(over.body.error).toMatch(/^Too many requests from this network address \(5 a minute\)\. Please try again in 1 minute\.$/);
    expect(await s.core.store.getVerification(PHONE)).toBeUndefined();
    expect((await s.browser('203.0.113.8').post('/chat/verify', { phone: PHONE })).status).toBe(202);
    // The token-authenticated message API is not limited per IP.
    for (let i = 0; i < 7; i += 1) expect((await s.post('/api/messages', { from: PHONE, text: 'hi' }, s.api)).status).toBe(200);
  });

  it('limits code sends per phone and per IP', async () => {
    s = await startServer({}, { chatLimits: { codesPerPhonePerHour: 2, codesPerIpPerHour: 3 } });
    const sends = [];
    for (let i = 0; i < 3; i += 1) sends.push((await s.browser(`198.51.100.${i}`).post('/chat/verify', { phone: PHONE })).status);
    expect(sends).toEqual([202, 202, 429]);
    expect(s.printed).toHaveLength(2);

    const one = s.browser('198.51.100.50');
    const fromOne = [];
    for (const n of ['+12025550101', '+12025550102', '+12025550103', '+12025550104']) fromOne.push((await one.post('/chat/verify', { phone: n })).status);
    expect(fromOne).toEqual([202, 202, 202, 429]);
    expect(s.printed).toHaveLength(5);
  });
});
