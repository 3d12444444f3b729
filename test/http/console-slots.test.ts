import { describe, expect, it } from 'vitest';
import { consoleSession, poll } from './console-session';

// Delivery slots on the Settings page through clicks in headless Chromium, against the whole web process; an
// SMS customer then picks the slot from the numbered list, and the order shows it on the Orders page.

const session = consoleSession({ STORE_TIME_ZONE: 'Europe/London' }, { viewport: { width: 1200, height: 1400 } });
const PHONE = '+12025550178';

describe('delivery slots on the Settings page', () => {
  it('the owner adds Tuesday slots by clicks (mistakes named beside them); an SMS customer picks one from the list; the order shows it', async () => {
    const { h, page } = session;
    await session.open('settings');
    await page.waitForSelector('#slotsTable tr[data-slot-day="tue"]');
    expect(await page.textContent('#slotsTable tr[data-slot-day="tue"]')).toContain('No slots');

    // Two Tuesday slots; the second ends before it starts, and the first takes no orders: both named, nothing saved.
    await page.click('button[data-act="addSlot"][data-day="tue"]');
    await page.click('button[data-act="addSlot"][data-day="tue"]');
    await page.fill('[data-path="slots.0.capacity"]', '0');
    await page.fill('[data-path="slots.1.from"]', '14:00');
    await page.fill('[data-path="slots.1.to"]', '13:00');
    await page.click('#settingsSave');
    await poll(() => page.textContent('[data-error-for="slots.0.capacity"]')).toBe('The capacity must be at least 1 order');
    expect(await page.textContent('[data-error-for="slots.1.to"]')).toBe('Ends before it starts: to must be later than from');
    expect(h.core.settings.current().version).toBe(1);

    // Fixed: 9:00–12:00 for 2 orders, 14:00–17:00 for 2, an hour's lead.
    await page.fill('[data-path="slots.0.capacity"]', '2');
    await page.fill('[data-path="slots.1.to"]', '17:00');
    await page.fill('#setSlotLead', '60');
    await page.click('#settingsSave');
    await poll(() => page.textContent('#settingsInfo')).toContain('Version 2');
    expect(h.core.settings.current()).toMatchObject({
      slotLeadMinutes: 60,
      slots: [{ weekday: 'tue', from: '09:00', to: '12:00', capacity: 2 }, { weekday: 'tue', from: '14:00', to: '17:00', capacity: 5 }],
    });
    await page.$eval('#notices', (el) => { el.textContent = ''; });
    await page.locator('#slotsTable').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'docs/console-slots.png', clip: (await page.locator('#slotsTable').evaluate((el) => {
      const r = el.closest('section')!.getBoundingClientRect();
      return { x: r.x, y: r.y + window.scrollY, width: r.width, height: r.height };
    })), fullPage: true });

    // Monday 2 November 2026, 10:00 in London: the customer checks out for pickup and is offered Tuesday's slots.
    h.clock.t = Date.UTC(2026, 10, 2, 10, 0);
    for (const text of ['hi', 'Nell', '12 Main Street, Springfield', '2 limes', 'checkout']) await h.messaging.send(PHONE, text);
    const asked = (await h.messaging.send(PHONE, 'pickup')).messages.join('\n');
    expect(asked).toContain('When will you collect it? Here are the next free times:');
    expect(asked).toContain('1. Tuesday 3 Nov, 9:00–12:00');
    expect(asked).toContain('2. Tuesday 3 Nov, 14:00–17:00');
    expect((await h.messaging.send(PHONE, '1')).messages.join('\n')).toContain('Ready to collect Tuesday 3 Nov, 9:00–12:00');
    expect((await h.messaging.send(PHONE, 'yes')).messages.join('\n')).toContain('to collect from the store on Tuesday 3 Nov, 9:00–12:00');

    await page.click('nav a[data-page="orders"]');
    await poll(() => page.textContent('#orders')).toContain('Tue 3 Nov, 9:00–12:00');
    await page.click('button[data-open="ORD-1001"]');
    await poll(() => page.textContent('#orderSlot')).toBe('Tue 3 Nov, 9:00–12:00');
  });
});
