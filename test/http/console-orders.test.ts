import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleSession, poll } from './console-session';

// The console's orders and conversations pages through clicks in headless Chromium, against the whole web
// process: the real admin routes, the engine, and SMS customers over a local fake of Twilio's API.

const session = consoleSession({}, { viewport: { width: 1200, height: 1000 } });
const say = session.sms;
const told = async (phone: string) => {
  const { h } = session;
  await h.core.outbox.drain();
  return h.twilioApi.messages.filter((m) => m.To === phone).map((m) => m.Body);
};

const SAM = '+12025550123';
const WANDA = '+12025550124';

describe('the console\'s orders page', () => {
  it('filters orders, moves a pickup order to ready (the SMS customer hears it), adds a note, opens the slip, cancels after confirming; a refused move says why', async () => {
    const { h, page } = session;
    await say(SAM, 'hi', 'Sam Okafor', 'pickup', '2 lemons', 'check out', 'pickup', 'yes');
    await say(WANDA, 'hi', 'Wanda', '12 Main Street, Springfield', '3 limes', 'checkout', 'delivery', 'yes');
    await session.open('orders');
    await page.waitForSelector('#orders tr[data-order="ORD-1002"]');
    expect(await page.textContent('#orders tr[data-order="ORD-1001"]')).toMatch(/Sam Okafor.*\+12025550123.*Pickup/);
    expect(await page.textContent('#orders tr[data-order="ORD-1002"]')).toMatch(/Wanda.*Delivery/);

    // Filters: pickup only; then a search by name.
    await page.selectOption('#orderFulfilment', 'pickup');
    await poll(() => page.locator('#orders tbody tr[data-order]').count()).toBe(1);
    expect(await page.getAttribute('#orders tbody tr', 'data-order')).toBe('ORD-1001');
    await page.selectOption('#orderFulfilment', '');
    await page.fill('#orderSearch', 'wan');
    await poll(async () => (await page.locator('#orders tbody tr[data-order]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order'))))).toEqual(['ORD-1002']);
    await page.fill('#orderSearch', '');
    await poll(() => page.locator('#orders tbody tr[data-order]').count()).toBe(2);

    // A pickup order: preparing, then ready for collection; Sam hears it by SMS.
    await page.click('[data-open="ORD-1001"]');
    await page.waitForSelector('#orderDetail [data-move="preparing"]');
    expect(await page.textContent('#orderDetail')).toContain('Pickup at the store');
    await page.click('[data-move="preparing"]');
    await poll(() => page.textContent('#orderDetail h2 .status')).toBe('preparing');
    await page.click('[data-move="ready"]');
    await poll(() => page.textContent('#orderDetail h2 .status')).toBe('ready for collection');
    await poll(() => told(SAM)).toContain('Your order ORD-1001 is ready for collection at Corner Grocer. See you soon!');
    await poll(() => page.textContent('#orders tr[data-order="ORD-1001"]')).toContain('ready for collection');

    // A move it cannot make is disabled, and the reason is on the page.
    expect(await page.isDisabled('[data-move="dispatched"]')).toBe(true);
    expect(await page.isDisabled('[data-move="ready"]')).toBe(true);
    expect(await page.textContent('#moveReasons')).toContain('Pickup orders are not dispatched');
    const describedBy = await page.getAttribute('[data-move="dispatched"]', 'aria-describedby');
    expect(await page.textContent(`#${describedBy}`)).toContain('Pickup orders are not dispatched');

    // A note, kept with who wrote it; the customer hears nothing of it.
    const before = (await told(SAM)).length;
    await page.fill('#noteText', 'Collecting after 6 pm — keep the lemons cool');
    await page.click('#noteAdd');
    await poll(() => page.textContent('#orderNotes')).toContain('Collecting after 6 pm — keep the lemons cool');
    expect(await page.textContent('#orderNotes')).toContain('admin');
    expect((await h.core.store.getOrder('ORD-1001'))?.notes?.[0]?.text).toBe('Collecting after 6 pm — keep the lemons cool');
    expect((await told(SAM)).length).toBe(before);

    // The packing slip, shown in the page (fetched with the console's token), styled for print.
    await page.click('#slipOpen');
    const slip = page.frameLocator('#slipFrame');
    await poll(() => slip.locator('h1').textContent()).toContain('ORD-1001');
    const slipText = await slip.locator('body').textContent();
    for (const part of ['Corner Grocer', 'Sam Okafor', SAM, 'Pickup at the store', 'Lemons', 'Collecting after 6 pm', 'Total']) expect(slipText).toContain(part);
    expect(await slip.locator('.box').count()).toBe(1);
    expect(await slip.locator('.box').evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('solid');
    mkdirSync('docs', { recursive: true });
    await page.locator('#orderDetail').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'docs/console-orders.png', fullPage: true });
    await page.click('#slipClose');
    expect(await page.isHidden('#slipView')).toBe(true);

    // Cancel asks first: "Keep the order" keeps it; "Yes, cancel the order" cancels it, and Sam is told.
    await page.click('[data-move="cancelled"]');
    await page.waitForSelector('#cancelDialog[open]');
    expect(await page.textContent('#cancelText')).toContain('ORD-1001');
    await page.click('#cancelKeep');
    await poll(() => page.locator('#cancelDialog[open]').count()).toBe(0);
    expect((await h.core.store.getOrder('ORD-1001'))?.status).toBe('ready');
    await page.click('[data-move="cancelled"]');
    await page.click('#cancelConfirm');
    await poll(() => page.textContent('#orderDetail h2 .status')).toBe('cancelled');
    expect((await h.core.store.getOrder('ORD-1001'))?.status).toBe('cancelled');
    await poll(() => told(SAM)).toContain('Sorry — the store had to cancel your order ORD-1001, and nothing will be charged. Say “human” if you have questions.');
    expect(await page.isDisabled('[data-move="delivered"]')).toBe(true);
    expect(await page.textContent('#moveReasons')).toContain('Cancelled orders cannot change');

    // A delivered order: every move is disabled, with the reason.
    await page.click('[data-open="ORD-1002"]');
    await page.waitForSelector('#orderDetail [data-move="dispatched"]:not([disabled])');
    await page.click('[data-move="delivered"]');
    await poll(() => page.textContent('#orderDetail h2 .status')).toBe('delivered');
    expect(await page.locator('#orderDetail [data-move]:not([disabled])').count()).toBe(0);
    expect(await page.textContent('#moveReasons')).toContain('Delivered orders cannot change');

    // On a phone-sized screen nothing spills sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  });
});

describe('the console\'s conversations page', () => {
  it('lists every conversation with waiting customers first; searches, opens a transcript and writes to the customer by SMS', async () => {
    const { h, page } = session;
    await say(SAM, 'hi', 'Sam Okafor', 'pickup');
    h.clock.advance(1);
    await say(WANDA, 'hi', 'Wanda', '12 Main Street, Springfield', 'do you sell bread?');
    h.clock.advance(1);
    await say('+12025550125', 'hi', 'Ana', 'pickup', 'talk to a human');
    h.clock.advance(1);
    await say('+12025550126', 'hi', 'Rae', 'pickup');
    await session.open('conversations');
    await page.waitForSelector('#conversationList li[data-phone]');
    expect(await page.locator('#conversationList li[data-phone]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-phone'))))
      .toEqual(['+12025550125', '+12025550126', WANDA, SAM]);
    expect(await page.textContent('#conversationList li[data-phone="+12025550125"]')).toContain('waiting for a person');

    await page.fill('#conversationSearch', 'wan');
    await poll(async () => page.locator('#conversationList li[data-phone]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-phone')))).toEqual([WANDA]);
    await page.click(`#conversationList [data-open="${WANDA}"]`);
    await poll(() => page.textContent('#chatTranscript')).toContain('do you sell bread?');
    expect(await page.textContent('#chatTitle')).toBe(`Wanda · ${WANDA}`);

    await page.fill('#writeText', 'Hi Wanda — fresh sourdough is in until 4 pm today.');
    await page.click('#writeSend');
    await poll(() => told(WANDA)).toContain('Hi Wanda — fresh sourdough is in until 4 pm today.');
    await poll(() => page.locator('#chatTranscript .from-staff').last().textContent()).toContain('fresh sourdough');
    await page.fill('#conversationSearch', '');
    await poll(() => page.locator('#conversationList li[data-phone]').count()).toBe(4);
    mkdirSync('docs', { recursive: true });
    await page.screenshot({ path: 'docs/console-conversations.png' });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

    // Logging out leaves no customer's words in the page.
    await page.click('#logout');
    await page.waitForSelector('#token');
    expect(await page.textContent('body')).not.toContain('sourdough');
  });
});
