import { describe, expect, it } from 'vitest';
import { consoleSession, poll } from './console-session';

// Two tags that contradict each other, ticked on the products page: the console says so beside the tags,
// naming both, and nothing is saved.
const session = consoleSession({ RATE_PER_MINUTE: '100' });

describe('contradictory tags on the products page', () => {
  it('shows the refusal beside the tags of the edit form, and the product keeps its tags', async () => {
    const { h, page } = session;
    await session.open('products');
    const row = '#products tr[data-sku="SNA-COO"]';
    await page.waitForSelector(row);
    await page.fill('#productSearch', 'cookies');
    await page.click(`${row} [data-act="edit"]`);
    const form = 'tr.edit[data-for="SNA-COO"]';
    await page.check(`${form} .tag-picker input[value="nut-free"]`);
    await page.check(`${form} .tag-picker input[value="contains-nuts"]`);
    await page.click(`${form} [data-act="saveEdit"]`);
    await poll(() => page.textContent(`${form} [data-error-for="tags"]`)).toContain('"nut-free" and "contains-nuts" contradict each other');
    expect((await h.core.store.getProduct('SNA-COO'))?.tags ?? []).toEqual([]);
  });
});
