import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/staff/sessions';
import type { Store } from '../../src/store/store';
import { STORES } from '../stores';
import { ADMIN, startServer, type TestServer } from './server';

// Staff accounts and signing in to the console, through the real app: the admin token, the session cookie
// and its CSRF token, the owner-only routes, the sign-in limits, and who the audit trail and transcript name.

let s: TestServer;
afterEach(async () => { await s?.close(); });

const admin = { authorization: `Bearer ${ADMIN}` };
const OWNER = { name: 'Olga Owner', login: 'olga', password: 'owner-password-1', role: 'owner' };
const MARIA = { name: 'Maria Lopez', login: 'maria', password: 'maria-password-1', role: 'staff' };

interface Answer { status: number; body: any; headers: Headers }

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(s.url + path, {
    method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** A browser signed in with a login: its cookie, and the CSRF token it got. */
async function signIn(login: string, password: string, extra: Record<string, string> = {}) {
  const r = await call('POST', '/admin/login', { login, password }, extra);
  const cookie = r.headers.get('set-cookie')?.split(';')[0];
  const person = {
    r, cookie,
    get: (path: string) => call('GET', path, undefined, cookie ? { cookie } : {}),
    /** A write with the cookie and the session's CSRF token (or another token, or none). */
    send: (method: string, path: string, body?: unknown, csrf: string | null = r.body?.csrfToken) =>
      call(method, path, body, { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) }),
  };
  return person;
}

async function withOwnerAndStaff(store?: Store) {
  s = await startServer({}, { signInLimits: { failuresPerLogin: 3, failuresPerIp: 5 } }, store);
  expect((await call('POST', '/admin/setup', { name: OWNER.name, login: OWNER.login, password: OWNER.password }, admin)).status).toBe(201);
  const owner = await signIn(OWNER.login, OWNER.password);
  expect((await owner.send('POST', '/admin/staff', MARIA)).status).toBe(201);
  return owner;
}

describe('staff accounts', () => {
  it('the admin token sets up the first owner once; the owner adds, lists and removes staff; no hash ever leaves', async () => {
    s = await startServer();
    expect((await call('GET', '/admin/staff', undefined, admin)).body).toEqual({ staff: [] });
    const setup = await call('POST', '/admin/setup', { name: 'Olga Owner', login: ' Olga ', password: OWNER.password }, admin);
    expect(setup.status).toBe(201);
    expect(setup.body).toEqual({ login: 'olga', name: 'Olga Owner', role: 'owner', createdAt: expect.any(String) });
    const again = await call('POST', '/admin/setup', { name: 'Eve', login: 'eve', password: 'eve-password-1' }, admin);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/has an owner already/);

    s.core.clock.advance(1);
    const owner = await signIn('OLGA', OWNER.password);
    expect(owner.r.status).toBe(200);
    expect((await owner.send('POST', '/admin/setup', { name: 'Eve', login: 'eve', password: 'eve-password-1' })).status).toBe(403);
    const added = await owner.send('POST', '/admin/staff', MARIA);
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ login: 'maria', name: 'Maria Lopez', role: 'staff', createdAt: expect.any(String) });
    const dup = await owner.send('POST', '/admin/staff', { ...MARIA, name: 'Other Maria' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toBe('there is already an account with the login "maria"; choose another');

    const list = await owner.get('/admin/staff');
    expect(list.body.staff.map((m: { login: string }) => m.login)).toEqual(['olga', 'maria']);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password/i);
    const stored = await s.core.store.getStaff('maria');
    expect(stored?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored?.passwordHash).not.toContain(MARIA.password);
    // Two accounts with one password: two salts, two hashes.
    await owner.send('POST', '/admin/staff', { ...MARIA, login: 'maria2' });
    expect((await s.core.store.getStaff('maria2'))?.passwordHash).not.toBe(stored?.passwordHash);

    expect((await owner.send('DELETE', '/admin/staff/nobody')).status).toBe(404);
    expect((await owner.send('DELETE', '/admin/staff/olga')).body.error).toMatch(/only owner: add another owner/);
    const removed = await owner.send('DELETE', '/admin/staff/maria');
    expect(removed).toMatchObject({ status: 200, body: { removed: 'maria' } });
    expect((await owner.get('/admin/staff')).body.staff.map((m: { login: string }) => m.login)).toEqual(['olga', 'maria2']);
  });

  it('says in words what is wrong with a new account', async () => {
    s = await startServer();
    const bad = await call('POST', '/admin/staff', { name: ' ', login: 'a b', password: 'short', role: 'boss' }, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      'name: Say who this is, like "Maria Lopez"',
      'login: Use 2 to 40 letters, digits, dots, dashes or underscores, like "maria" or "sam.lee"',
      'password: Password must be at least 10 characters',
      'role: Role must be "owner" or "staff"',
    ]);
    expect((await call('POST', '/admin/staff', { ...MARIA, extra: 1 }, admin)).status).toBe(400);
    expect((await call('DELETE', '/admin/staff/a%20b', undefined, admin)).status).toBe(400);
    expect((await call('POST', '/admin/setup', { name: 'Olga' }, admin)).status).toBe(400);
    expect((await call('POST', '/admin/login', { login: 'olga' })).status).toBe(400);
  });

  it('refuses every staff route without the token or a session (401), and a member of staff the owner\'s (403)', async () => {
    await withOwnerAndStaff();
    for (const [method, path] of [['GET', '/admin/staff'], ['POST', '/admin/staff'], ['DELETE', '/admin/staff/maria'], ['GET', '/admin/session'], ['POST', '/admin/logout'], ['POST', '/admin/setup']] as const) {
      const r = await call(method, path, method === 'POST' ? {} : undefined);
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.body.error).toMatch(/sign in to the console, or send an Authorization: Bearer <token> header/);
    }
    expect((await call('GET', '/admin/staff', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);

    const maria = await signIn('maria', MARIA.password);
    expect(maria.r.body).toMatchObject({ kind: 'staff', login: 'maria', name: 'Maria Lopez', role: 'staff' });
    for (const r of [
      await maria.get('/admin/staff'), await maria.send('POST', '/admin/staff', { ...MARIA, login: 'sam' }), await maria.send('DELETE', '/admin/staff/olga'),
    ]) {
      expect(r.status).toBe(403);
      expect(r.body.error).toBe('only the store owner can do this; ask the owner to sign in');
    }
    expect((await maria.send('POST', '/admin/setup', { name: 'M', login: 'mm', password: 'maria-password-2' })).status).toBe(403);
    expect(await s.core.store.getStaff('sam')).toBeUndefined();
    // The day's work is theirs.
    expect((await maria.get('/admin/products')).status).toBe(200);
    expect((await maria.get('/admin/stats')).status).toBe(200);
  });
});

describe('signing in', () => {
  it('sets an httpOnly, SameSite=Strict cookie on /admin (Secure over https); the session says who and carries the CSRF token', async () => {
    await withOwnerAndStaff();
    const wrong = await call('POST', '/admin/login', { login: 'maria', password: 'not-her-password' });
    expect(wrong).toMatchObject({ status: 401, body: { error: 'wrong login or password' } });
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect((await call('POST', '/admin/login', { login: 'nobody', password: 'not-her-password' })).body.error).toBe('wrong login or password');

    const maria = await signIn('maria', MARIA.password);
    const set = maria.r.headers.get('set-cookie')!;
    expect(set).toMatch(/^grocer_staff=[\w-]{43}; Max-Age=43200; Path=\/admin; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    expect(set).not.toMatch(/Secure/);
    const session = await maria.get('/admin/session');
    expect(session.body).toEqual({ kind: 'staff', login: 'maria', name: 'Maria Lopez', role: 'staff', csrfToken: maria.r.body.csrfToken, expiresAt: expect.any(String) });
    // Behind a proxy that says https (the app trusts its loopback proxy): Secure.
    const https = await signIn('maria', MARIA.password, { 'x-forwarded-proto': 'https' });
    expect(https.r.headers.get('set-cookie')).toMatch(/; Secure/);
    // The admin token is no session: it is named as such.
    expect((await call('GET', '/admin/session', undefined, admin)).body).toEqual({ kind: 'admin', name: 'Admin token', role: 'owner' });
  });

  it('a write with the cookie needs X-CSRF-Token; with it, the audit trail names the person; the token still works for everything', async () => {
    await withOwnerAndStaff();
    const maria = await signIn('maria', MARIA.password);
    const none = await maria.send('PATCH', '/admin/products/FRU-LIM', { price: 0.55 }, null);
    expect(none.status).toBe(403);
    expect(none.body.error).toMatch(/missing or wrong X-CSRF-Token header/);
    expect((await maria.send('PATCH', '/admin/products/FRU-LIM', { price: 0.55 }, 'x'.repeat(32))).status).toBe(403);
    expect((await s.core.store.getProduct('FRU-LIM'))?.priceCents).not.toBe(55);

    const ok = await maria.send('PATCH', '/admin/products/FRU-LIM', { price: 0.55 });
    expect(ok.status).toBe(200);
    expect((await s.core.store.getProduct('FRU-LIM'))?.priceCents).toBe(55);
    const audit = await maria.get('/admin/audit?sku=FRU-LIM');
    expect(audit.body.entries[0]).toMatchObject({ what: 'price', by: { kind: 'staff', login: 'maria', name: 'Maria Lopez', role: 'staff' } });

    // Reads need no CSRF token; the admin token needs none at all.
    expect((await maria.get('/admin/orders')).status).toBe(200);
    expect((await call('PATCH', '/admin/products/FRU-LIM', { price: 0.6 }, admin)).status).toBe(200);
    expect((await call('GET', '/admin/audit?sku=FRU-LIM', undefined, admin)).body.entries[0].by).toEqual({ kind: 'admin' });
    // A wrong Authorization header is refused even beside a good cookie.
    expect((await call('GET', '/admin/orders', undefined, { cookie: maria.cookie!, authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('signing out ends the session on the server: the same cookie is refused afterwards', async () => {
    await withOwnerAndStaff();
    const maria = await signIn('maria', MARIA.password);
    expect((await maria.send('POST', '/admin/logout', undefined, null)).status).toBe(403);
    const out = await maria.send('POST', '/admin/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^grocer_staff=; Path=\/admin; Expires=Thu, 01 Jan 1970/);
    const after = await maria.get('/admin/session');
    expect(after.status).toBe(401);
    expect(after.body.error).toMatch(/your session has ended/);
    expect((await call('POST', '/admin/logout', undefined, admin)).status).toBe(204);
  });

  it('a removed member\'s session stops working at once', async () => {
    const owner = await withOwnerAndStaff();
    const maria = await signIn('maria', MARIA.password);
    expect((await maria.get('/admin/products')).status).toBe(200);
    expect((await owner.send('DELETE', '/admin/staff/maria')).status).toBe(200);
    expect((await maria.get('/admin/products')).status).toBe(401);
    expect((await signIn('maria', MARIA.password)).r.status).toBe(401);
  });

  it('a session ends after two hours unused, and twelve hours after signing in however busy', async () => {
    await withOwnerAndStaff();
    const idle = await signIn('maria', MARIA.password);
    s.core.clock.advance(SESSION_IDLE_MS / 60_000 - 1);
    expect((await idle.get('/admin/orders')).status).toBe(200);
    s.core.clock.advance(SESSION_IDLE_MS / 60_000 - 1);
    expect((await idle.get('/admin/orders')).status).toBe(200);
    s.core.clock.advance(SESSION_IDLE_MS / 60_000 + 1);
    expect((await idle.get('/admin/orders')).status).toBe(401);

    const busy = await signIn('maria', MARIA.password);
    for (let m = 0; m < SESSION_ABSOLUTE_MS / 60_000 - 60; m += 60) {
      s.core.clock.advance(60);
      expect((await busy.get('/admin/orders')).status).toBe(200);
    }
    s.core.clock.advance(61);
    expect((await busy.get('/admin/orders')).status).toBe(401);
  });

  it('limits failed sign-ins per login and per address: 429 with Retry-After and words; a right password gives the points back', async () => {
    await withOwnerAndStaff();
    for (let i = 0; i < 2; i++) expect((await call('POST', '/admin/login', { login: 'maria', password: 'wrong-password' })).status).toBe(401);
    expect((await signIn('maria', MARIA.password)).r.status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await call('POST', '/admin/login', { login: 'maria', password: 'wrong-password' }, { 'x-forwarded-for': `10.0.0.${i}` })).status).toBe(401);
    const over = await call('POST', '/admin/login', { login: 'maria', password: MARIA.password }, { 'x-forwarded-for': '10.0.0.9' });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(over.body.error).toMatch(/^Too many failed sign-ins for this login \(3 every 15 minutes\)\. Please try again in \d+ minutes?\.$/);
    // Another login from one address: that address's budget.
    for (let i = 0; i < 5; i++) await call('POST', '/admin/login', { login: `guess${i}`, password: 'wrong-password' }, { 'x-forwarded-for': '10.1.1.1' });
    const ip = await call('POST', '/admin/login', { login: 'olga', password: OWNER.password }, { 'x-forwarded-for': '10.1.1.1' });
    expect(ip.status).toBe(429);
    expect(ip.body.error).toMatch(/^Too many failed sign-ins from this network address \(5 every 15 minutes\)/);
    expect((await signIn('olga', OWNER.password, { 'x-forwarded-for': '10.1.1.2' })).r.status).toBe(200);
  });
});

describe.each(STORES)('sessions on the $name store', ({ open }) => {
  it('live while used, ended by signing out, by removal, and after two hours unused', async () => {
    await withOwnerAndStaff(await open());
    const maria = await signIn('maria', MARIA.password);
    s.core.clock.advance(90);
    expect((await maria.send('PATCH', '/admin/products/FRU-LIM', { price: 0.55 })).status).toBe(200);
    s.core.clock.advance(90);
    expect((await maria.get('/admin/session')).body.name).toBe('Maria Lopez');
    s.core.clock.advance(121);
    expect((await maria.get('/admin/session')).status).toBe(401);

    const again = await signIn('maria', MARIA.password);
    const other = await signIn('maria', MARIA.password);
    expect((await again.send('POST', '/admin/logout')).status).toBe(204);
    expect((await again.get('/admin/orders')).status).toBe(401);
    expect((await other.get('/admin/orders')).status).toBe(200);
    // The owner's own session ended while unused; signed in again, they remove her.
    const owner = await signIn(OWNER.login, OWNER.password);
    expect((await owner.send('DELETE', '/admin/staff/maria')).status).toBe(200);
    expect((await other.get('/admin/orders')).status).toBe(401);
  });
});

describe('the console\'s event stream with the cookie', () => {
  it('opens with the cookie alone, and ends when the session does', async () => {
    s = await startServer({}, { streamCheckMs: 100 });
    await call('POST', '/admin/staff', MARIA, admin);
    const maria = await signIn('maria', MARIA.password);
    const res = await fetch(`${s.url}/admin/events`, { headers: { cookie: maria.cookie!, accept: 'text/event-stream' } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    expect((await call('DELETE', '/admin/staff/maria', undefined, admin)).status).toBe(200);
    for (;;) { if ((await reader.read()).done) break; }
    expect((await fetch(`${s.url}/admin/events`, { headers: { cookie: maria.cookie!, accept: 'text/event-stream' } })).status).toBe(401);
  });
});

describe('the transcript names who wrote', () => {
  it('a staff message sent while signed in is kept with the person\'s name, and GET the conversation says `by`', async () => {
    await withOwnerAndStaff();
    const PHONE = '+12025550199';
    const customer = s.browser();
    await customer.signIn(PHONE);
    expect((await customer.post('/chat/messages', { text: 'hi' })).status).toBe(200);
    const maria = await signIn('maria', MARIA.password);
    const path = `/admin/conversations/${encodeURIComponent(PHONE)}`;
    expect((await maria.send('POST', `${path}/messages`, { text: 'Hello, Maria here.' }, null)).status).toBe(403);
    expect((await maria.send('POST', `${path}/messages`, { text: 'Hello, Maria here.' })).status).toBe(202);
    expect((await call('POST', `${path}/messages`, { text: 'And the shop here.' }, admin)).status).toBe(202);
    const messages = (await maria.get(path)).body.messages as { from: string; text: string; by?: string }[];
    const staff = messages.filter((m) => m.from === 'staff');
    expect(staff).toEqual([
      expect.objectContaining({ text: 'Hello, Maria here.', by: 'Maria Lopez' }),
      expect.not.objectContaining({ by: expect.anything() }),
    ]);
    expect(messages.filter((m) => m.from !== 'staff').every((m) => m.by === undefined)).toBe(true);
  });
});
