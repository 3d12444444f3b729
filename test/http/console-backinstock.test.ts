import { describe, expect, it } from 'vitest';
import { consoleSession, poll } from './console-session';

// The products page shows how many customers wait for a sold-out product; the owner's Restock (clicked)
// tells them, once, and the count goes.

const session = consoleSession();
const OAT = 'DAI-MLK-OAT';

describe('the products page, for products customers wait for', () => {
  it('shows "3 waiting" on a sold-out product; Restock tells the three by SMS, once, and the badge goes', async () => {
    const { h, page } = session;
    const s = (await h.core.store.getStock(OAT))!;
    expect((await h.core.catalog.patch(OAT, { stock: s.reserved + s.sold })).ok).toBe(true);
    const phones = ['+12025550181', '+12025550182', '+12025550183'];
    for (const phone of phones) for (const t of ['hi', 'Sam', 'pickup', 'oat milk', '1']) await h.messaging.send(phone, t);

    await session.open('products');
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
