import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRODUCT_TAGS } from '../../src/domain/tags';
import { consoleSession, poll } from './console-session';

// The owner marks what is in a product by clicks on the products page; an SMS customer's question is then
// answered from that tag, over the real Twilio adapter against the fake.

const session = consoleSession({ RATE_PER_MINUTE: '100' });

describe('tags on the products page', () => {
  it('the console offers the same tags as the API', () => {
    const module = readFileSync(new URL('../../src/http/dashboard/tags.js', import.meta.url), 'utf8');
    const listed = [...(/export const TAGS = \[([^\]]+)\]/.exec(module)?.[1] ?? '').matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
    expect(listed).toEqual([...PRODUCT_TAGS]);
  });

  it('ticks tags in the edit and add forms; the list shows them; an SMS customer asking "is it vegan" hears the answer, with numbered choices', async () => {
    const { h, page, sms } = session;
    const phone = '+12025550177';
    await sms(phone, 'hi', 'Rosa', '12 Main Street, Springfield');
    // Not marked yet: the bot does not know, and offers a person as choice 1.
    const before = await sms(phone, 'are the salt and vinegar crisps vegan?');
    expect(before).toContain('I don’t know whether Salt & Vinegar Crisps (150 g) is vegan');
    expect(before).toMatch(/1\. Talk to a person/);

    await session.open('products');
    const row = '#products tr[data-sku="SNA-CRI-SVN"]';
    await page.waitForSelector(row);
    await page.fill('#productSearch', 'crisps');
    await page.click(`${row} [data-act="edit"]`);
    const form = 'tr.edit[data-for="SNA-CRI-SVN"]';
    await page.check(`${form} .tag-picker input[value="vegan"]`);
    await page.check(`${form} .tag-picker input[value="nut-free"]`);
    await page.locator(form).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'docs/console-tags.png' });
    await page.click(`${form} [data-act="saveEdit"]`);
    await poll(() => page.textContent('#notices')).toContain('Saved Salt & Vinegar Crisps');
    await poll(() => page.locator(`${row} .badge.tag`).allTextContents()).toEqual(['vegan', 'nut free']);
    expect((await h.core.store.getProduct('SNA-CRI-SVN'))?.tags).toEqual(['vegan', 'nut-free']);
    // The list's search finds products by their tags too.
    await page.fill('#productSearch', 'nut free');
    expect(await page.isVisible(row)).toBe(true);
    expect(await page.isHidden('#products tr[data-sku="SNA-CRI-SAL"]')).toBe(true);

    await poll(() => sms(phone, 'are the salt and vinegar crisps vegan?')).toContain('Yes — Salt & Vinegar Crisps (150 g) is vegan.');
    const listed = await sms(phone, 'which crisps have no nuts?');
    expect(listed).toContain('Of the crisps, these are nut free:');
    expect(listed).toContain('Salt & Vinegar Crisps (150 g)');
    expect(listed).toContain('I don’t know about the other one');
    // The choices are numbered on SMS: 1 adds the crisps, 2 is a person.
    expect(listed).toMatch(/1\. Add Salt & Vinegar Crisps \(150 g\)/);
    expect(await sms(phone, '1')).toContain('Added 1 × Salt & Vinegar Crisps (150 g)');

    // A product added with tags ticked in the add form: the bot answers from them at once.
    await page.click('#addProduct');
    const add = '#addProductForm';
    await page.fill(`${add} [data-field="sku"]`, 'PAN-PES');
    await page.fill(`${add} [data-field="name"]`, 'Basil Pesto');
    await page.fill(`${add} [data-field="category"]`, 'Pantry');
    await page.fill(`${add} [data-field="unit"]`, 'jar');
    await page.fill(`${add} [data-field="price"]`, '2.99');
    await page.fill(`${add} [data-field="stock"]`, '10');
    await page.fill(`${add} [data-field="aliases"]`, 'pesto');
    await page.check(`${add} .tag-picker input[value="vegetarian"]`);
    await page.check(`${add} .tag-picker input[value="contains-milk"]`);
    await page.click('#addProductSave');
    await poll(() => page.locator('#products tr[data-sku="PAN-PES"] .badge.tag').allTextContents()).toEqual(['vegetarian', 'contains milk']);
    await poll(() => sms(phone, 'is the pesto vegan?')).toContain('No — Basil Pesto contains milk, so it isn’t vegan.');

    // Unticked again: the bot no longer knows.
    await page.fill('#productSearch', '');
    await page.click(`${row} [data-act="edit"]`);
    await page.uncheck(`${form} .tag-picker input[value="vegan"]`);
    await page.click(`${form} [data-act="saveEdit"]`);
    await poll(async () => (await h.core.store.getProduct('SNA-CRI-SVN'))?.tags).toEqual(['nut-free']);
  });
});
