import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../http/server';

let s: TestServer;
let browser: Browser;

beforeAll(async () => {
  s = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

it('a person chats in the browser as a phone number, taps option buttons, and places an order', async () => {
  const page = await browser.newPage();
  await page.goto(s.url);
  await page.fill('#phone', '+12025550188');
  await page.dispatchEvent('#phone', 'change');
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

  await send('hi');
  await expect.poll(() => page.locator('.bot').last().textContent()).toMatch(/what’s your name/);
  await send('Mia');
  await tap('Pickup');
  await send('3 cheese');
  expect(await page.locator('.options button').allTextContents()).toEqual(['Cream Cheese (200 g)', 'Feta (200 g)', 'Mature Cheddar (400 g)', 'Mozzarella (125 g)']);
  await tap('Feta (200 g)');
  expect(await page.locator('.bot').allTextContents()).toContainEqual(expect.stringContaining('Added 3 × Feta (200 g) — $8.97.'));
  await tap('Check out');
  await tap('Pickup');
  expect(await page.locator('.bot').last().textContent()).toContain('Total: $8.97');
  await tap('Yes, place it');
  expect(await page.locator('.bot').last().textContent()).toMatch(/Order ORD-1001 is placed/);
  await page.screenshot({ path: 'test/channels/.web-chat.png' }).catch(() => undefined);
  expect(await s.core.store.getStock('DAI-CHE-FET')).toMatchObject({ available: 17, sold: 3 });
});
