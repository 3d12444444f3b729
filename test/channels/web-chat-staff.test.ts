import type { Browser } from 'playwright-core';
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

it('a web-chat customer waiting for a human sees the staff answer appear in the open page, without reloading', async () => {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  page.on('pageerror', (e) => violations.push(e.message));
  await page.goto(s.url);
  await page.fill('#phone', PHONE);
  await page.click('#sendCode');
  await page.waitForSelector('#codeForm', { state: 'visible' });
  await page.fill('#code', s.codeFor(PHONE)!);
  await page.press('#code', 'Enter');
  await page.waitForSelector('#text', { state: 'visible' });

  const send = async (text: string) => {
    const before = await page.locator('.bot').count();
    await page.fill('#text', text);
    await page.press('#text', 'Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.bot').length > n, before);
  };
  await send('hi');
  await send('Wes');
  await send('pickup');
  await send('talk to a human');
  expect(await page.locator('.bot').last().textContent()).toMatch(/member of our team/);
  await page.fill('#text', 'is anyone there?');
  await page.press('#text', 'Enter');
  await expect.poll(async () => (await s.get(`/admin/conversations/${encodeURIComponent(PHONE)}`, s.admin)).body.messages.at(-1)?.text).toBe('is anyone there?');

  const r = await s.post(`/admin/conversations/${encodeURIComponent(PHONE)}/messages`, { text: 'Yes! Wes, this is Maria at the shop.' }, s.admin);
  expect(r).toMatchObject({ status: 202, body: { queued: true, channel: 'web' } });
  await page.waitForSelector('.msg.staff', { timeout: 15_000 });
  expect(await page.locator('.msg.staff').allTextContents()).toEqual(['Yes! Wes, this is Maria at the shop.']);
  // Polled again and again, it is shown once.
  await s.post(`/admin/conversations/${encodeURIComponent(PHONE)}/messages`, { text: 'Your order is packed.' }, s.admin);
  await expect.poll(() => page.locator('.msg.staff').allTextContents(), { timeout: 15_000 }).toEqual(['Yes! Wes, this is Maria at the shop.', 'Your order is packed.']);
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
  expect(opened.body.messages).toEqual([{ at: expect.any(String), from: 'staff', text: 'We open at 8 tomorrow.' }]);
  expect((await s.get(`/chat/updates?after=${encodeURIComponent(opened.body.until)}`, cookie)).body.messages).toEqual([]);
});
