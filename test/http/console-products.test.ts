import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleSession, poll } from './console-session';

// The products and promotions pages through clicks in headless Chromium, against the whole web process: the
// owner adds a product and an SMS customer buys it; edits, hides and shows it; adds and ends a promotion.

const session = consoleSession({ LOW_STOCK_THRESHOLD: '3' });

describe('the products page', () => {
  it('adds a product through the form (a bad price is refused in words), which an SMS customer orders; renames, hides and shows it', async () => {
    const { h, page, sms } = session;
    await session.open('products');
    await page.waitForSelector('#products tr[data-sku="FRU-LIM"]');
    // Figures in words, not "stock".
    const head = await page.textContent('#products thead');
    for (const words of ['On the shelf', 'Held for customers', 'Sold', 'Received in all']) expect(head).toContain(words);

    await page.click('#addProduct');
    const form = '#addProductForm';
    await page.fill(`${form} [data-field="sku"]`, 'FRU-RAM');
    await page.fill(`${form} [data-field="name"]`, 'Rambutans');
    await page.fill(`${form} [data-field="category"]`, 'Fruit');
    await page.fill(`${form} [data-field="price"]`, 'cheap');
    await page.fill(`${form} [data-field="stock"]`, '40');
    await page.fill(`${form} [data-field="aliases"]`, 'rambutan, hairy lychee');
    await page.click('#addProductSave');
    await poll(() => page.textContent(`${form} [data-error-for="price"]`)).toBe('Price must be a number, like 2.49');
    expect(await h.core.store.getProduct('FRU-RAM')).toBeUndefined();
    await page.fill(`${form} [data-field="price"]`, '0.40');
    await page.click('#addProductSave');
    await page.waitForSelector('#products tr[data-sku="FRU-RAM"]');
    await poll(() => page.textContent('#notices')).toContain('Added Rambutans');
    expect(await page.isHidden(form)).toBe(true);

    // An SMS customer orders it, and the bot sells it.
    const phone = '+12025550188';
    await sms(phone, 'hi', 'Rosa', '12 Main Street, Springfield');
    expect(await sms(phone, '5 rambutans')).toContain('Added 5 × Rambutans — $2.00.');
    expect(await sms(phone, 'checkout', 'pickup', 'yes')).toMatch(/Order ORD-\d+ is placed/);
    await page.click('nav a[data-page="overview"]');
    await page.click('nav a[data-page="products"]');
    const ram = '#products tr[data-sku="FRU-RAM"]';
    await poll(() => page.textContent(`${ram} [data-col="sold"]`)).toBe('5');
    expect(await page.textContent(`${ram} [data-col="available"]`)).toBe('35');

    // Rename through the edit form; a unit of the other kind is refused with the reason.
    await page.click(`${ram} [data-act="edit"]`);
    const edit = 'tr.edit[data-for="FRU-RAM"]';
    await page.fill(`${edit} [data-field="unit"]`, 'kg');
    await page.click(`${edit} [data-act="saveEdit"]`);
    await poll(() => page.textContent(`${edit} [data-error-for="unit"]`)).toContain('counts and weights do not convert');
    await page.fill(`${edit} [data-field="unit"]`, 'each');
    await page.fill(`${edit} [data-field="name"]`, 'Red Rambutans');
    await page.click(`${edit} [data-act="saveEdit"]`);
    await poll(() => page.textContent(`${ram} strong`)).toBe('Red Rambutans');
    expect((await h.core.store.getProduct('FRU-RAM'))?.name).toBe('Red Rambutans');

    // Hidden: marked, filterable, and not sold; shown again, it sells.
    await page.click(`${ram} [data-act="toggle"]`);
    await poll(() => page.textContent(`${ram} .badge.off`)).toBe('hidden');
    await page.selectOption('#productFilter', 'hidden');
    expect(await page.isHidden('#products tr[data-sku="FRU-LIM"]')).toBe(true);
    expect(await page.isVisible(ram)).toBe(true);
    mkdirSync('docs', { recursive: true });
    await page.selectOption('#productFilter', 'all');
    await page.fill('#productSearch', 'fruit');
    await page.click(`${ram} [data-act="edit"]`);
    // The notices fade by themselves after a while; the picture shows the page without them.
    await page.evaluate(() => document.getElementById('notices')!.replaceChildren());
    await page.screenshot({ path: 'docs/console-products.png', fullPage: true });
    await page.click(`${ram} [data-act="edit"]`);
    await page.fill('#productSearch', '');
    const other = '+12025550189';
    await sms(other, 'hi', 'Omar', '12 Main Street, Springfield');
    expect(await sms(other, '2 rambutans')).toContain('isn’t available right now');
    await page.click(`${ram} [data-act="toggle"]`);
    await poll(() => page.textContent(`${ram} [data-act="toggle"]`)).toBe('Hide');
    expect(await sms(other, '2 rambutans')).toContain('Added 2 × Red Rambutans');

    // The history names each change.
    await page.click(`${ram} [data-act="audit"]`);
    const audit = 'tr[data-audit-for="FRU-RAM"]';
    await poll(() => page.textContent(audit)).toContain('hidden');
    expect(await page.textContent(audit)).toContain('Red Rambutans');
  }, 90_000);
});

describe('the promotions page', () => {
  it('adds a promotion (a bad percent refused in words), which prices the cart; edits it; ends it now', async () => {
    const { h, page, sms } = session;
    await session.open('promotions');
    await poll(() => page.textContent('#promotionsInfo')).toContain('No promotions yet');
    await page.click('#addPromotion');
    const form = '#promotionForm';
    await page.fill(`${form} [data-field="id"]`, 'limes-3-for-2');
    await page.selectOption(`${form} [data-field="kind"]`, 'multibuy');
    await page.fill(`${form} [data-field="target"]`, 'FRU-LIM');
    await page.fill(`${form} [data-field="buy"]`, '3');
    await page.fill(`${form} [data-field="pay"]`, '3');
    await page.click('#promotionSave');
    await poll(() => page.textContent(`${form} [data-error-for="pay"]`)).toBe('Pay must be less than buy (3)');
    await page.fill(`${form} [data-field="pay"]`, '2');
    await page.click('#promotionSave');
    const row = '#promotions tr[data-promotion="limes-3-for-2"]';
    await page.waitForSelector(row);
    expect(await page.textContent(row)).toContain('buy 3, pay for 2');
    expect(await page.textContent(`${row} .state`)).toBe('running now');

    // A customer's cart is priced with it.
    const phone = '+12025550190';
    await sms(phone, 'hi', 'Lena', '12 Main Street, Springfield');
    expect(await sms(phone, '3 limes')).toContain('you save $0.49');

    // Changed to a percent off the whole category, then a scheduled one alongside.
    await page.click(`${row} [data-act="edit"]`);
    await page.selectOption(`${form} [data-field="kind"]`, 'percent');
    await page.selectOption(`${form} [data-field="on"]`, 'category');
    await page.fill(`${form} [data-field="target"]`, 'fruit');
    await page.fill(`${form} [data-field="percent"]`, '10');
    await page.click('#promotionSave');
    await poll(() => page.textContent(row)).toContain('10% off');
    expect(await page.textContent(row)).toContain('all of Fruit');
    await page.click('#addPromotion');
    await page.fill(`${form} [data-field="id"]`, 'xmas');
    await page.fill(`${form} [data-field="target"]`, 'FRU-CHE');
    expect(await page.isHidden(`${form} [data-field="buy"]`)).toBe(true);
    await page.fill(`${form} [data-field="percent"]`, '20');
    await page.fill(`${form} [data-field="startsAt"]`, '2026-12-20T09:00');
    await page.click('#promotionSave');
    await poll(() => page.textContent('#promotions tr[data-promotion="xmas"] .state')).toBe('scheduled');
    expect(await page.isHidden(form)).toBe(true);
    await page.evaluate(() => document.getElementById('notices')!.replaceChildren());
    mkdirSync('docs', { recursive: true });
    await page.screenshot({ path: 'docs/console-promotions.png' });

    // Ended now: listed as ended, and prices are back to normal.
    await page.click(`${row} [data-act="end"]`);
    await poll(() => page.textContent(`${row} .state`)).toBe('ended');
    expect(await page.isVisible(`${row} [data-act="end"]`)).toBe(false);
    expect(await sms(phone, '3 more limes')).not.toContain('you save');
  }, 90_000);
});
