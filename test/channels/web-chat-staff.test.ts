import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../browser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../http/server';

let s: TestServer;
let browser: Browser;

beforeAll(async () => {
  s = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const PHONE = '+12025550177';
const BUYER = '+12025550163';

/** A page signed in as `phone` (in its own browser context, as another device would be), with its CSP violations and errors. */
async function signedIn(phone: string): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext()).newPage();
  const problems: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(s.url);
  await page.fill('#phone', phone);
  await page.click('#sendCode');
  await page.waitForSelector('#codeForm', { state: 'visible' });
  await page.fill('#code', s.codeFor(phone)!);
  await page.press('#code', 'Enter');
  await page.waitForSelector('#text', { state: 'visible' });
  return { page, problems };
}

/** What a customer does and sees in a page: send, tap a button (each waits for the answer), read. */
function chat(page: Page) {
  const answered = async (act: () => Promise<void>) => {
    const before = await page.locator('.bot').count();
    await act();
    await page.waitForFunction((n) => document.querySelectorAll('.bot').length > n, before);
  };
  return {
    send: (text: string) => answered(async () => { await page.fill('#text', text); await page.press('#text', 'Enter'); }),
    tap: (label: string) => answered(() => page.getByRole('button', { name: label, exact: true }).click()),
    lastBot: () => page.locator('.bot').last().textContent(),
    texts: (cls: string) => page.locator(`.msg.${cls}`).allTextContents(),
    buttons: () => page.locator('.options button').allTextContents(),
  };
}

it('a web-chat customer waiting for a human sees the staff answer appear in the open page, without reloading', async () => {
  const { page, problems: violations } = await signedIn(PHONE);
  const { send } = chat(page);
  await send('hi');
  await send('Wes');
  await send('pickup');
  await send('talk to a human');
  expect(await page.locator('.bot').last().textContent()).toMatch(/member of our team/);
  await page.fill('#text', 'is anyone there?');
  await page.press('#text', 'Enter');
  const customerSaid = async () => (await s.get(`/admin/conversations/${encodeURIComponent(PHONE)}`, s.admin)).body.messages.filter((m: { from: string }) => m.from === 'customer');
  await expect.poll(async () => (await customerSaid()).at(-1)?.text).toBe('is anyone there?');

  const r = await s.post(`/admin/conversations/${encodeURIComponent(PHONE)}/messages`, { text: 'Yes! Wes, this is Maria at the shop.' }, s.admin);
  expect(r).toMatchObject({ status: 202, body: { queued: true, channel: 'web' } });
  await page.waitForSelector('.msg.staff', { timeout: 15_000 });
  expect(await page.locator('.msg.staff').allTextContents()).toEqual(['Yes! Wes, this is Maria at the shop.']);
  // Polled again and again, it is shown once.
  await s.post(`/admin/conversations/${encodeURIComponent(PHONE)}/messages`, { text: 'Your order is packed.' }, s.admin);
  await expect.poll(() => page.locator('.msg.staff').allTextContents(), { timeout: 15_000 }).toEqual(['Yes! Wes, this is Maria at the shop.', 'Your order is packed.']);
  // Kept: a reload shows them again, after what the customer wrote, as the staff's.
  await page.reload();
  await expect.poll(() => page.locator('.msg').allTextContents()).toEqual(expect.arrayContaining(['is anyone there?', 'Yes! Wes, this is Maria at the shop.', 'Your order is packed.']));
  const shown = await page.locator('.msg').allTextContents();
  expect(shown.slice(-2)).toEqual(['Yes! Wes, this is Maria at the shop.', 'Your order is packed.']);
  expect(shown.lastIndexOf('is anyone there?')).toBeLessThan(shown.length - 2);
  expect(await page.locator('.msg.staff').allTextContents()).toEqual(['Yes! Wes, this is Maria at the shop.', 'Your order is packed.']);
  expect(violations).toEqual([]);
});

it('GET /chat/updates: 401 without a session, 400 for a bad `after`; only this customer\'s staff messages', async () => {
  expect((await s.get('/chat/updates')).status).toBe(401);
  const other = s.browser();
  await other.signIn('+12025550178');
  const cookie = { cookie: other.cookie()! };
  expect((await s.get('/chat/updates?after=yesterday', cookie)).status).toBe(400);
  const first = await s.get('/chat/updates', cookie);
  expect(first).toMatchObject({ status: 200, body: { messages: [] } });
  // Nothing of the other customer's staff messages, from any instant.
  const since = await s.get(`/chat/updates?after=${encodeURIComponent(new Date(0).toISOString())}`, cookie);
  expect(since.body.messages).toEqual([]);

  // Staff wrote while the page was closed: the page opened next shows it (it came after the customer's last message), then only newer ones.
  await other.post('/chat/messages', { text: 'hi' });
  const sent = await s.post(`/admin/conversations/${encodeURIComponent('+12025550178')}/messages`, { text: 'We open at 8 tomorrow.' }, s.admin);
  expect(sent.body).toEqual({ queued: true, channel: 'web' });
  const opened = await s.get('/chat/updates', cookie);
  expect(opened.body.messages).toEqual([{ at: expect.any(String), from: 'staff', key: 'notification', text: 'We open at 8 tomorrow.' }]);
  expect((await s.get(`/chat/updates?after=${encodeURIComponent(opened.body.until)}`, cookie)).body.messages).toEqual([]);
});

it('a web-chat customer\'s page shows each status the owner gives the order within seconds; a reload or a new sign-in keeps the conversation and the open question\'s working buttons', async () => {
  const { page, problems } = await signedIn(BUYER);
  const c = chat(page);
  await c.send('hi');
  await c.send('Mia');
  await c.tap('Pickup');
  await c.send('2 limes');
  await c.tap('Check out');
  await c.tap('Pickup');
  expect(await c.lastBot()).toContain('Shall I place it?');
  const asked = await c.buttons();
  expect(asked).toContain('Yes, place it');
  const said = await c.texts('me');
  const answered = await c.texts('bot');

  // Reloaded: the same conversation, the cart, and the question's buttons.
  await page.reload();
  await page.waitForSelector('#text', { state: 'visible' });
  await expect.poll(() => c.buttons()).toEqual(asked);
  expect(await c.texts('me')).toEqual(said);
  const shown = await c.texts('bot');
  expect(shown.slice(0, answered.length)).toEqual(answered);
  expect(shown.at(-1)).toMatch(/^Your cart:.*2 × Limes — \$0\.98.*Total: \$0\.98$/s);

  // Another device signs in as the customer: the same conversation and buttons there too.
  const other = await signedIn(BUYER);
  const d = chat(other.page);
  await expect.poll(() => d.buttons()).toEqual(asked);
  expect(await d.texts('me')).toEqual(said);

  // The reloaded page's button works.
  await c.tap('Yes, place it');
  expect(await c.lastBot()).toMatch(/Order ORD-1001 is placed/);
  expect(await c.buttons()).not.toContain('Yes, place it');

  // The owner moves the order on through the admin API: each status shows in both open pages within seconds.
  const waited: number[] = [];
  for (const [status, words] of [['preparing', /we’re preparing your order ORD-1001/], ['ready', /ORD-1001 is ready for collection/]] as const) {
    const started = Date.now();
    expect((await s.post('/admin/orders/ORD-1001/status', { status }, s.admin)).status).toBe(200);
    await expect.poll(async () => (await c.texts('bot')).at(-1), { timeout: 10_000, interval: 100 }).toMatch(words);
    waited.push(Date.now() - started);
    await expect.poll(async () => (await d.texts('bot')).at(-1), { timeout: 10_000, interval: 100 }).toMatch(words);
  }
  console.log(`status moves shown in the open page after ${waited.join(' and ')} ms`);
  // The other device's buttons of the question answered here went with the news.
  expect(await d.buttons()).not.toContain('Yes, place it');
  await other.page.close();

  // Kept: after a reload the statuses are still there, after the order, shown once.
  await page.reload();
  await page.waitForSelector('#text', { state: 'visible' });
  await expect.poll(async () => (await c.texts('bot')).filter((t) => /ORD-1001/.test(t))).toEqual([
    expect.stringMatching(/Order ORD-1001 is placed/),
    expect.stringMatching(/we’re preparing your order ORD-1001/),
    expect.stringMatching(/ORD-1001 is ready for collection/),
  ]);
  // Polled again and again, nothing comes twice.
  await page.waitForTimeout(3500);
  expect((await c.texts('bot')).filter((t) => /ORD-1001/.test(t))).toHaveLength(3);
  expect(problems).toEqual([]);
  expect(other.problems).toEqual([]);
});
