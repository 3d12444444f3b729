import type { Browser } from 'playwright-core';
import { launchBrowser } from '../browser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rollupStats } from '../../src/jobs/handlers';
import { customer, registered, setStock } from '../helpers';
import { ADMIN, startServer, type TestServer } from './server';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  s = await startServer({ LOW_STOCK_THRESHOLD: '3' });
  browser = await launchBrowser();
});
afterAll(async () => { await browser?.close(); await s?.close(); });

it('the store owner logs in with the token and sees the figures, the orders chart, low stock and the handoff queue', async () => {
  for (const phone of ['+12025550123', '+12025550124']) {
    const c = await registered(s.core, phone);
    for (const t of ['2 limes', 'checkout', 'pickup', 'yes']) await c.say(t);
  }
  await registered(s.core, '+12025550125');
  await customer(s.core, '+12025550125').say('talk to a human');
  await setStock(s.core, 'FRU-MAN', 1);
  await rollupStats(s.core);

  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  page.on('pageerror', (e) => violations.push(e.message));
  await page.goto(`${s.url}/admin`);
  await page.fill('#token', 'wrong-token');
  await page.press('#token', 'Enter');
  await expect.poll(() => page.textContent('#loginError'), { timeout: 20_000 }).toContain('not accepted');

  await page.fill('#token', ADMIN);
  await page.press('#token', 'Enter');
  await page.waitForSelector('[data-card="Orders today"]');
  expect(await page.textContent('[data-card="Orders today"] .value')).toBe('2');
  expect(await page.textContent('[data-card="Orders today"] .sub')).toBe('$1.96');
  expect(await page.textContent('[data-card="Customers"] .value')).toBe('3');
  expect(await page.textContent('[data-card="Waiting for a human"] .value')).toBe('1');
  expect(await page.locator('rect.bar').count()).toBe(14);
  expect(await page.getAttribute('rect.bar >> nth=13', 'data-orders')).toBe('2');
  expect(await page.textContent('#lowStock [data-sku="FRU-MAN"]')).toContain('Mangoes');

  await page.click('[data-release="+12025550125"]');
  await expect.poll(() => page.textContent('#handoffs'), { timeout: 20_000 }).toContain('Nobody is waiting');
  expect((await s.core.store.getConversation('+12025550125'))?.stage).toBe('menu');
  await page.screenshot({ path: 'test/http/.dashboard.png', fullPage: true }).catch(() => undefined);

  await page.reload();
  await page.waitForSelector('[data-card="Orders today"]');
  expect(await page.isHidden('#login')).toBe(true);
  expect(violations).toEqual([]);
});

it('a token sent before the console\'s scripts have loaded (a slow connection, a quick Enter) still signs in, and is not lost to a reload', async () => {
  const page = await browser.newPage();
  let release!: () => void;
  const loaded = new Promise<void>((r) => { release = r; });
  await page.route('**/assets/dashboard/main.js', async (route) => { await loaded; await route.continue(); });
  await page.goto(`${s.url}/admin`);
  await page.fill('#token', ADMIN);
  await page.press('#token', 'Enter');
  release();
  await page.waitForSelector('[data-card="Orders today"]');
  expect(page.url()).toBe(`${s.url}/admin`);
  await page.close();
});
