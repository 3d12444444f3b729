import { beforeEach, describe, expect, it } from 'vitest';
import { ADMIN } from '../channels/harness';
import { consoleSession, poll } from './console-session';

// Staff accounts in the console, through clicks in headless Chromium against the whole web process: the owner
// set up with the admin token, a member of staff added, signing in, changing a price, and the audit trail
// naming them.

// Chromium logs every 4xx answer of fetch(); the refusals these tests provoke on purpose are expected.
const session = consoleSession({}, {
  viewport: { width: 1200, height: 800 },
  expected: /Failed to load resource: the server responded with a status of (400|401|403|409)/,
});
beforeEach(() => { session.page.on('dialog', (d) => { void d.accept(); }); });

async function signIn(login: string, password: string) {
  await session.page.fill('#signInLogin', login);
  await session.page.fill('#signInPassword', password);
  await session.page.click('#signIn');
}

describe('staff in the console', () => {
  it('the owner sets up with the token and adds staff; a member of staff signs in, changes a price, and the audit trail names them; the Staff page is not theirs', async () => {
    const { h, page } = session;
    await session.signIn();
    expect(await page.textContent('#who')).toBe('Admin token');

    // No owner yet: the console offers the set-up, once.
    await page.click('#setupHint a');
    await page.fill('#setupName', 'Olga Owner');
    await page.fill('#setupLogin', 'olga');
    await page.fill('#setupPassword', 'owner-password-1');
    await page.click('#setupCreate');
    await poll(() => page.textContent('#who')).toBe('Olga Owner · owner');
    await page.waitForSelector('#staffList tr[data-login="olga"]');
    h.clock.advance(5);
    expect(await page.isVisible('#staffPage')).toBe(true);
    expect(await page.isHidden('#setupHint')).toBe(true);

    // A password too short is refused in words; then Maria is added.
    await page.fill('#staffName', 'Maria Lopez');
    await page.fill('#staffLogin', 'maria');
    await page.fill('#staffPassword', 'short');
    await page.evaluate(() => { (document.getElementById('staffPassword') as HTMLInputElement).removeAttribute('minlength'); });
    await page.click('#staffAdd');
    await poll(() => page.textContent('#staffError')).toContain('password: Password must be at least 10 characters');
    await page.fill('#staffPassword', 'maria-password-1');
    await page.click('#staffAdd');
    await page.waitForSelector('#staffList tr[data-login="maria"]');
    expect(await page.textContent('#staffList tr[data-login="maria"]')).toContain('Staff');
    await page.fill('#staffName', 'Sam Stock');
    await page.fill('#staffLogin', 'sam');
    await page.fill('#staffPassword', 'sam-password-12');
    await page.click('#staffAdd');
    await page.waitForSelector('#staffList tr[data-login="sam"]');
    // The only owner cannot be removed: that button is disabled and says why; the others are not.
    const ownerRow = page.locator('#staffList tr', { hasText: 'Owner' }).first();
    expect(await ownerRow.locator('button').isDisabled()).toBe(true);
    expect(await ownerRow.locator('button').getAttribute('title')).toContain('The only owner cannot be removed');
    expect(await page.isEnabled('#staffList tr[data-login="maria"] button')).toBe(true);
    await page.screenshot({ path: 'docs/console-staff.png' });

    // The owner signs out: the session ends on the server.
    await page.click('#logout');
    await page.waitForSelector('#signInLogin');
    expect(await page.evaluate(() => fetch('/admin/session').then((r) => r.status))).toBe(401);

    // Maria signs in: a wrong password is said so; then she is in, without the Staff link.
    await signIn('maria', 'not-the-password');
    await poll(() => page.textContent('#loginError')).toBe('Wrong login or password.');
    await signIn('maria', 'maria-password-1');
    await poll(() => page.textContent('#who')).toBe('Maria Lopez · staff');
    expect(await page.isHidden('nav a[data-page="staff"]')).toBe(true);
    await poll(() => page.textContent('#live')).toContain('live');

    // She changes the price of limes on the products page; the audit trail says it was her.
    await page.click('nav a[data-page="products"]');
    const limes = '#products tr[data-sku="FRU-LIM"]';
    await page.waitForSelector(limes);
    await page.fill(`${limes} [data-field="price"]`, '0.55');
    await page.click(`${limes} [data-act="save"]`);
    await poll(async () => (await h.core.store.getProduct('FRU-LIM'))?.priceCents).toBe(55);
    await page.click(`${limes} [data-act="audit"]`);
    await poll(() => page.textContent('tr[data-audit-for="FRU-LIM"]')).toContain('Maria Lopez');

    // She answers a customer waiting for a person: the conversation names her.
    const phone = '+12025550125';
    for (const t of ['hi', 'Ana', 'talk to a human']) await h.messaging.send(phone, t);
    await page.click('nav a[data-page="inbox"]');
    await page.click(`#inboxList [data-open="${phone}"]`);
    await page.fill('#replyText', 'Hi Ana, Maria here: how can I help?');
    await page.click('#replySend');
    await poll(() => page.textContent('#transcript .from-staff')).toContain('Maria Lopez (staff)');
    await h.core.outbox.drain();
    expect(h.twilioApi.messages.filter((m) => m.To === phone).map((m) => m.Body)).toContain('Hi Ana, Maria here: how can I help?');

    // The Staff page is not hers: its address shows the overview, and the API refuses her (403).
    await page.goto(`${h.url}/admin#staff`);
    await poll(() => page.textContent('#who')).toBe('Maria Lopez · staff');
    expect(await page.isHidden('#staffPage')).toBe(true);
    expect(await page.evaluate(() => fetch('/admin/staff').then((r) => r.status))).toBe(403);
    // A write without the session's CSRF token is refused, even from the console's own origin.
    expect(await page.evaluate(() => fetch('/admin/products/FRU-LIM', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"price":9}' }).then((r) => r.status))).toBe(403);

    // The owner removes her: her next step in the console asks her to sign in again.
    const removed = await fetch(`${h.url}/admin/staff/maria`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(removed.status).toBe(200);
    await page.click('nav a[data-page="orders"]');
    await poll(() => page.textContent('#loginError')).toBe('Your session has ended; please sign in again.');
    expect(await page.isVisible('#signInLogin')).toBe(true);
  });
});
