import { describe, expect, it } from 'vitest';
import { consoleSession, poll } from './console-session';

// The "the usual" control of the Settings page, by clicks in headless Chromium against the whole web
// process; an SMS customer with three past orders hears what the owner chose.

const session = consoleSession({}, { viewport: { width: 1200, height: 900 } });
const PHONE = '+12025550188';

const sms = (text: string) => session.sms(PHONE, text);

describe('the Settings page: what “the usual” proposes', () => {
  it('the owner switches it to what customers buy most often, and a regular hears that on the next message', async () => {
    const { h, page } = session;
    for (const text of ['hi', 'Rita', 'pickup']) await sms(text);
    for (const items of ['2 oat milk and 6 eggs', '2 oat milk and a rye bread', '1 oat milk, 6 eggs and 3 limes']) {
      await sms(items);
      await sms('checkout');
      await sms('pickup');
      expect(await sms('yes')).toMatch(/is placed!/);
    }
    expect(await sms('the usual')).toContain('Your last order, at today’s prices:');
    await sms('no');

    await session.open('settings');
    await page.waitForSelector('#setUsual');
    // The default: the last order.
    expect(await page.inputValue('#setUsual')).toBe('last');
    expect(await page.textContent('label[for="setUsual"]')).toBe('“The usual” proposes');
    await page.selectOption('#setUsual', { label: 'What they buy most often' });
    await page.click('#settingsSave');
    await poll(() => page.textContent('#settingsInfo')).toContain('Version 2');
    expect(h.core.settings.current().usual).toBe('frequent');
    expect(await page.inputValue('#setUsual')).toBe('frequent');
    await page.$eval('#notices', (el) => { el.textContent = ''; });
    await page.locator('#setUsual').evaluate((el) => el.closest('section')?.scrollIntoView());
    await page.locator('#setUsual').evaluate((el) => el.closest('section')?.setAttribute('data-shot', 'usual'));
    await page.locator('section[data-shot="usual"]').screenshot({ path: 'docs/console-usual.png' });

    h.clock.advance(1);
    const heard = await sms('same as last time');
    expect(heard).toContain('What you usually get, at today’s prices:\n• 2 × Oat Milk (1 L) — $4.98\n• 6 × Free-Range Eggs — $2.70');

    // Back to the last order, after a reload of the page.
    await page.reload();
    await page.click('nav a[data-page="settings"]');
    await page.waitForSelector('#setUsual');
    expect(await page.inputValue('#setUsual')).toBe('frequent');
    await page.selectOption('#setUsual', 'last');
    await page.click('#settingsSave');
    await poll(() => h.core.settings.current().usual).toBe('last');
  });
});
