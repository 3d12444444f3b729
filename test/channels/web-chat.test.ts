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

/** A new page that records every Content-Security-Policy violation the browser reports. */
async function open(): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  page.on('pageerror', (e) => violations.push(e.message));
  await page.goto(s.url);
  return { page, violations };
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

it('an unverified browser cannot chat; a wrong code shows an error; the right code signs in and an order is placed', async () => {
  const { page, violations } = await open();
  // Nothing to chat with until the phone is verified; the page says codes are printed in development.
  await page.waitForSelector('#phoneForm', { state: 'visible' });
  expect(await page.isVisible('#text')).toBe(false);
  expect(await page.textContent('#devNote')).toMatch(/printed on the server’s console/);
  expect(await page.evaluate(async () => (await fetch('/chat/messages', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'hi' }),
  })).status)).toBe(401);

  await page.fill('#phone', '+12025550188');
  await page.click('#sendCode');
  await page.waitForSelector('#codeForm', { state: 'visible' });
  const code = s.codeFor('+12025550188')!;
  await page.fill('#code', wrongCode(code));
  await page.press('#code', 'Enter');
  await expect.poll(() => page.textContent('#verifyError')).toMatch(/That code is not right\. 4 tries left/);
  expect(await page.isVisible('#text')).toBe(false);

  await page.fill('#code', code);
  await page.press('#code', 'Enter');
  await page.waitForSelector('#text', { state: 'visible' });
  expect(await page.textContent('#who')).toMatch(/Signed in as \+12025550188/);
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'grocer_chat')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  expect(await page.evaluate(() => document.cookie)).toBe('');

  const send = async (text: string) => {
    const before = await page.locator('.bot').count();
    await page.fill('#text', text);
    await page.press('#text', 'Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.bot').length > n, before);
  };
  const tap = async (label: string) => {
    const before = await page.locator('.bot').count();
    await page.getByRole('button', { name: label, exact: true }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.bot').length > n, before);
  };

  // What the page posts, to see that a button sends its option's id with the label as the words.
  const posted: { text: string; option?: string }[] = [];
  page.on('request', (r) => { if (r.url().endsWith('/chat/messages') && r.method() === 'POST') posted.push(JSON.parse(r.postData() ?? '{}')); });

  await send('hi');
  await expect.poll(() => page.locator('.bot').last().textContent()).toMatch(/what’s your name/);
  await send('Mia');
  await tap('Pickup');
  expect(posted.at(-1)).toMatchObject({ text: 'Pickup', option: 'pickup' });
  expect(await page.locator('.me').last().textContent()).toBe('Pickup');
  await send('3 cheese');
  expect(await page.locator('.options button').allTextContents()).toEqual(['Cream Cheese (200 g)', 'Feta (200 g)', 'Mature Cheddar (400 g)', 'Mozzarella (125 g)']);
  await tap('Feta (200 g)');
  expect(await page.locator('.bot').allTextContents()).toContainEqual(expect.stringContaining('Added 3 × Feta (200 g) — $8.97.'));
  // A list reads as one: its items are list items, put in as text.
  await send('show my cart');
  expect(await page.locator('.bot').last().locator('li').allTextContents()).toEqual([expect.stringContaining('3 × Feta (200 g)')]);
  await tap('Check out');
  expect(posted.at(-1)).toMatchObject({ text: 'Check out', option: 'checkout' });
  await tap('Pickup');
  expect(await page.locator('.bot').last().textContent()).toContain('Total: $8.97');
  await tap('Yes, place it');
  expect(await page.locator('.bot').last().textContent()).toMatch(/Order ORD-1001 is placed/);
  await page.screenshot({ path: 'test/channels/.web-chat.png' }).catch(() => undefined);
  expect(await s.core.store.getStock('DAI-CHE-FET')).toMatchObject({ available: 17, sold: 3 });
  expect((await s.core.store.listOrders({ phone: '+12025550188' }))[0]).toMatchObject({ channel: 'web' });

  // A reload keeps the session; signing out ends it.
  await page.reload();
  await page.waitForSelector('#text', { state: 'visible' });
  await page.click('#logout');
  await page.waitForSelector('#phoneForm', { state: 'visible' });
  expect(await page.isVisible('#text')).toBe(false);
  expect((await page.context().cookies()).find((c) => c.name === 'grocer_chat')).toBeUndefined();
  expect(violations).toEqual([]);
});

it('in production with no way to send codes, the page says the web chat is unavailable', async () => {
  const prod = await startServer({ NODE_ENV: 'production' }, { codeSender: undefined });
  try {
    const page = await browser.newPage();
    await page.goto(prod.url);
    await page.waitForSelector('#unavailable', { state: 'visible' });
    expect(await page.textContent('#unavailable')).toMatch(/web chat is unavailable/);
    expect(await page.isVisible('#phoneForm')).toBe(false);
    expect(await page.isVisible('#text')).toBe(false);
  } finally {
    await prod.close();
  }
});
