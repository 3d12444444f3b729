import { describe, expect, it } from 'vitest';
import { consoleSession, poll } from './console-session';

// The Settings page through clicks in headless Chromium, against the whole web process; an SMS customer
// orders at night through the twilio library and a local fake of Twilio, on the harness's injected clock.

const session = consoleSession({ STORE_TIME_ZONE: 'Europe/London' }, { viewport: { width: 1200, height: 1400 } });
const PHONE = '+12025550177';

async function openSettings() {
  await session.open('settings');
  await session.page.waitForSelector('#hoursTable tr[data-day="mon"] input');
}

/** Sets one weekday to a single opening window through the page. */
async function setDay(day: string, open: string, close: string) {
  await session.page.fill(`[data-path="hours.${day}.0.open"]`, open);
  await session.page.fill(`[data-path="hours.${day}.0.close"]`, close);
}

describe('the Settings page', () => {
  it('the owner sets hours, a closure, the minimum order and an answer; mistakes are named beside their fields; an SMS customer ordering at night hears when it will be prepared', async () => {
    const { h, page } = session;
    await openSettings();
    expect(await page.getAttribute('nav a[data-page="settings"]', 'aria-current')).toBe('page');
    expect(await page.inputValue('#setStoreName')).toBe('Corner Grocer');
    // The bundled "hours" answer is written out by hand: the page says it will not follow the table.
    expect(await page.textContent('[data-hint="hours"]')).toContain('write {hours} where they should go');

    // A mistake: closing before opening, and a fee in words. Named beside the fields; nothing saved.
    await setDay('mon', '21:00', '08:00');
    await page.fill('#setDeliveryFee', 'free');
    await page.click('#settingsSave');
    await poll(() => page.textContent('[data-error-for="hours.mon.0.close"]')).toBe('Closes before it opens: close must be later than open');
    expect(await page.textContent('[data-error-for="deliveryFee"]')).toBe('The delivery fee must be a number, like 3.99');
    expect(await page.textContent('#settingsError')).toBe('Some settings need fixing: see the messages beside them.');
    expect(h.core.settings.current().version).toBe(1);

    // Fixed: Monday to Saturday 8–21, Sunday closed, lunch closed on Wednesday, a closure, a minimum order.
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat']) await setDay(day, '08:00', '21:00');
    await page.click('button[data-act="closeDay"][data-day="sun"]');
    await setDay('wed', '08:00', '12:30');
    await page.click('button[data-act="addWindow"][data-day="wed"]');
    await page.fill('[data-path="hours.wed.1.open"]', '13:30');
    await page.fill('[data-path="hours.wed.1.close"]', '21:00');
    await page.fill('#setDeliveryFee', '3.50');
    await page.fill('#setMinimumOrder', '10');
    await page.fill('#setCutoff', '18:00');
    await page.click('button[data-act="addClosure"]');
    await page.fill('[data-path="closures.0.date"]', '2026-12-25');
    await page.fill('[data-path="closures.0.note"]', 'Christmas Day');
    const payment = await page.$$eval('[data-path$=".topic"]', (els) => els.findIndex((e) => (e as HTMLInputElement).value === 'payment'));
    await page.fill(`[data-path="faq.${payment}.answer"]`, 'Cash or card when your order arrives.');
    await page.click('#settingsSave');
    await poll(() => page.textContent('#settingsInfo')).toContain('Version 2');
    expect(await page.textContent('#hoursTable tr[data-day="sun"]')).toContain('Closed');
    expect(h.core.settings.current()).toMatchObject({
      version: 2, deliveryFeeCents: 350, minimumOrderCents: 1000, sameDayCutoff: '18:00', closures: [{ date: '2026-12-25', note: 'Christmas Day' }],
      hours: { sun: [], wed: [{ open: '08:00', close: '12:30' }, { open: '13:30', close: '21:00' }] },
    });
    // The page as the owner left it (the "saved" notice, which covers the top, cleared first).
    await page.$eval('#notices', (el) => { el.textContent = ''; });
    await page.screenshot({ path: 'docs/console-settings.png', fullPage: true });

    // 23:30 on Saturday 7 November (London): closed, Sunday closed, so the order is prepared on Monday.
    h.clock.t = Date.UTC(2026, 10, 7, 23, 30);
    for (const text of ['hi', 'Nell', '12 Main Street, Springfield', '30 limes', 'checkout', 'delivery']) await h.messaging.send(PHONE, text);
    const placed = (await h.messaging.send(PHONE, 'yes')).messages.join('\n');
    expect(placed).toMatch(/Order ORD-1001 is placed! Total \$18\.20/);
    expect(placed).toContain('We’re closed now; we’ll prepare your order when we open, Monday at 8:00.');
    expect((await h.messaging.send(PHONE, 'how do I pay?')).messages.join('\n')).toBe('Cash or card when your order arrives.');
  });

  it('a save over a change made since is refused in words, and Reload shows the newer settings', async () => {
    const { h, page } = session;
    await openSettings();
    // Another owner saves first.
    expect((await h.core.settings.save({ storeName: 'Nell’s Grocery' }, 1, 'other')).ok).toBe(true);
    await page.fill('#setMinimumOrder', '12');
    await page.click('#settingsSave');
    await poll(() => page.textContent('#settingsError')).toContain('the settings were changed by other since you opened them');
    expect(h.core.settings.current().minimumOrderCents).toBe(0);
    await page.click('#settingsError button[data-act="reload"]');
    await poll(() => page.inputValue('#setStoreName')).toBe('Nell’s Grocery');
  });
});
