import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../browser';
import { ADMIN, startChannels, type Harness } from '../channels/harness';
import { collectProblems } from './console-problems';

// The products page shows how many customers wait for a sold-out product; the owner's Restock (clicked)
// tells them, once, and the count goes.

let h: Harness;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

beforeEach(async () => {
  h = await startChannels();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  problems = collectProblems(page);
});
afterEach(async () => {
  await page?.close();
  await h?.close();
  expect(problems).toEqual([]);
});

const OAT = 'DAI-MLK-OAT';
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

describe('the products page, for products customers wait for', () => {
  it('shows "3 waiting" on a sold-out product; Restock tells the three by SMS, once, and the badge goes', async () => {
    const s = (await h.core.store.getStock(OAT))!;
    expect((await h.core.catalog.patch(OAT, { stock: s.reserved + s.sold })).ok).toBe(true);
    const phones = ['+12025550181', '+12025550182', '+12025550183'];
    for (const phone of phones) for (const t of ['hi', 'Sam', 'pickup', 'oat milk', '1']) await h.messaging.send(phone, t);

    await page.goto(`${h.url}/admin`);
    await page.fill('#token', ADMIN);
    await page.press('#token', 'Enter');
    await page.waitForSelector('[data-card="Orders today"]');
    await page.click('nav a[data-page="products"]');
    const row = `#products tr[data-sku="${OAT}"]`;
    await page.waitForSelector(`${row} .badge.wait`);
    expect(await page.textContent(`${row} .badge.wait`)).toBe('3 waiting');
    expect(await page.locator('#products .badge.wait').count()).toBe(1);
    await page.fill('#productSearch', 'oat');
    await page.screenshot({ path: 'docs/console-backinstock.png' });

    await page.fill(`${row} [data-field="quantity"]`, '6');
    await page.click(`${row} [data-act="restock"]`);
    await poll(async () => page.locator(`${row} .badge.wait`).count()).toBe(0);
    await h.core.backInStock.drain();
    await h.core.outbox.drain();
    expect(h.twilioApi.messages.map((m) => m.To).sort()).toEqual(phones);
    expect(h.twilioApi.messages.every((m) => m.Body?.startsWith('Good news — Oat Milk (1 L) is back in stock'))).toBe(true);
    expect(await page.textContent(`${row} [data-col="available"]`)).toBe('6');
  });
});
