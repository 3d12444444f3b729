import { mkdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../channels/harness';
import { consoleSession, poll } from './console-session';

// The owner's console through clicks in headless Chromium, against the whole web process: the real admin
// routes, the engine, and SMS customers through the twilio library and a local fake of Twilio's API.

const session = consoleSession({ LOW_STOCK_THRESHOLD: '3' }, { viewport: { width: 1200, height: 900 } });
const say = session.sms;

const placeOrder = (phone: string, name: string) => say(phone, 'hi', name, '12 Main Street, Springfield', '2 limes', 'checkout', 'delivery', 'yes');

describe('the owner\'s console', () => {
  it('imports a CSV: a bad row is named and nothing saved; fixed, it applies and the new stock shows; edits, the audit trail, export and low stock', async () => {
    const { h, page } = session;
    await session.open('products');
    await page.waitForSelector('#products tr[data-sku="FRU-LIM"]');
    expect(await page.getAttribute('nav a[data-page="products"]', 'aria-current')).toBe('page');

    const csv = (price: string) => [
      'sku,name,price,unit,stock,category,aliases',
      'FRU-LIM,Limes,0.49,each,140,Fruit,lime',
      `PAN-HON-WF,Wildflower Honey,${price},jar,12,Pantry,honey|jar of honey`,
    ].join('\n');
    await page.setInputFiles('#csvFile', { name: 'catalog.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('a lot')) });
    await poll(() => page.textContent('#csvResult')).toMatch(/row 3, price/);
    expect(await page.isDisabled('#csvApply')).toBe(true);
    expect(await h.core.store.getProduct('PAN-HON-WF')).toBeUndefined();
    expect((await h.core.store.getStock('FRU-LIM'))?.received).toBe(100);

    await page.setInputFiles('#csvFile', { name: 'catalog.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('6.50')) });
    await poll(() => page.textContent('#csvResult')).toContain('1 new · 1 changed');
    expect(await page.textContent('#csvChanges tr[data-sku="FRU-LIM"]')).toContain('stock');
    expect((await h.core.store.getStock('FRU-LIM'))?.received).toBe(100);
    await page.click('#csvApply');
    await poll(() => page.textContent('#csvResult')).toContain('Saved 2 products');
    await page.waitForSelector('#products tr[data-sku="PAN-HON-WF"]');
    expect(await page.inputValue('#products tr[data-sku="FRU-LIM"] [data-field="stock"]')).toBe('140');
    expect(await page.inputValue('#products tr[data-sku="PAN-HON-WF"] [data-field="stock"]')).toBe('12');
    expect((await h.core.store.getStock('PAN-HON-WF'))?.available).toBe(12);

    // Search, then an inline edit the API refuses, shown at the field; then one it takes.
    await page.fill('#productSearch', 'honey');
    expect(await page.isHidden('#products tr[data-sku="FRU-LIM"]')).toBe(true);
    const honey = '#products tr[data-sku="PAN-HON-WF"]';
    await page.fill(`${honey} [data-field="price"]`, '-2');
    await page.click(`${honey} [data-act="save"]`);
    await poll(() => page.textContent(`${honey} [data-error-for="price"]`)).toBe('Price must be at least 0.01, like 2.49');
    expect((await h.core.store.getProduct('PAN-HON-WF'))?.priceCents).toBe(650);
    await page.fill(`${honey} [data-field="price"]`, '7.25');
    await page.click(`${honey} [data-act="save"]`);
    await poll(async () => (await h.core.store.getProduct('PAN-HON-WF'))?.priceCents).toBe(725);
    await page.fill(`${honey} [data-field="quantity"]`, '6');
    await page.click(`${honey} [data-act="restock"]`);
    await poll(() => page.inputValue(`${honey} [data-field="stock"]`)).toBe('18');

    await page.click(`${honey} [data-act="audit"]`);
    const audit = 'tr[data-audit-for="PAN-HON-WF"]';
    await poll(() => page.textContent(audit)).toContain('admin');
    expect(await page.textContent(audit)).toMatch(/price/);
    expect(await page.textContent(audit)).toMatch(/stock/);

    // The export, fetched with the token and saved from a blob URL.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csvDownload')]);
    expect(download.suggestedFilename()).toBe('products.csv');
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(exported.split(/\r?\n/)[0]).toBe('sku,name,price,unit,stock,category,aliases,active,tags');
    expect(exported).toContain('PAN-HON-WF,Wildflower Honey,7.25,jar,18,Pantry,honey|jar of honey,yes');

    // Low stock is highlighted in its row, and announced when the stream says so.
    await page.fill('#productSearch', '');
    const limes = '#products tr[data-sku="FRU-LIM"]';
    expect(await page.getAttribute(limes, 'class')).not.toContain('low');
    await page.fill(`${limes} [data-field="stock"]`, '2');
    await page.press(`${limes} [data-field="stock"]`, 'Enter');
    await poll(() => page.getAttribute(limes, 'class')).toContain('low');
    expect(await page.textContent(limes)).toContain('low stock');
    h.core.events.emit({ type: 'low_stock', sku: 'FRU-LIM' });
    await poll(() => page.textContent('#notices')).toContain('Running low: Limes — 2 left.');
  });

  it('a new order appears on the board without a reload; moved to preparing, the SMS customer is told; a move it cannot make is disabled, with the reason', async () => {
    const { h, page } = session;
    await placeOrder('+12025550123', 'Wanda');
    await session.open('orders');
    await page.waitForSelector('#orders tr[data-order="ORD-1001"]');
    // Live feed up before the next order is placed.
    await poll(() => page.textContent('#live')).toContain('live');

    // A promotion from now on: the next order's line shows what it took off.
    const promo = await fetch(`${h.url}/admin/promotions`, {
      method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify([{ id: 'limes-10', kind: 'percent', sku: 'FRU-LIM', percent: 10 }]),
    });
    expect(promo.status).toBe(200);
    await placeOrder('+12025550124', 'Tess');
    await page.waitForSelector('#orders tr[data-order="ORD-1002"].new');
    expect(await page.locator('#orders tbody tr').first().getAttribute('data-order')).toBe('ORD-1002');

    await page.click('[data-open="ORD-1002"]');
    await page.waitForSelector('#orderDetail [data-move="preparing"]');
    const detail = await page.textContent('#orderDetail');
    expect(detail).toContain('Tess');
    expect(detail).toContain('+12025550124');
    expect(detail).toContain('12 Main Street, Springfield');
    expect(detail).toContain('SMS');
    expect(detail).toContain('Limes');
    expect(detail).toContain('limes-10');
    expect(detail).toContain('Discounts (included above)');
    await page.click('[data-move="preparing"]');
    await poll(() => page.textContent('#orderDetail .status')).toBe('preparing');
    await h.core.outbox.drain();
    expect(h.twilioApi.messages.filter((m) => m.To === '+12025550124').map((m) => m.Body)).toContain('Good news — we’re preparing your order ORD-1002.');
    // The board row follows the move through the live event stream, a moment after the detail.
    await poll(() => page.textContent('#orders tr[data-order="ORD-1002"]')).toContain('preparing');

    await page.click('[data-move="delivered"]');
    await poll(() => page.textContent('#orderDetail .status')).toBe('delivered');
    // Nothing more can happen to a delivered order: its moves are disabled, and the page says why.
    expect(await page.isDisabled('[data-move="cancelled"]')).toBe(true);
    expect(await page.textContent('#moveReasons')).toContain('Delivered orders cannot change');
    expect((await h.core.store.getOrder('ORD-1002'))?.status).toBe('delivered');

    await page.selectOption('#orderStatus', 'placed');
    await poll(() => page.locator('#orders tbody tr').count()).toBe(1);
    expect(await page.getAttribute('#orders tbody tr', 'data-order')).toBe('ORD-1001');
    await page.selectOption('#orderStatus', '');
    await page.fill('#orderSearch', '+12025550124');
    await page.press('#orderSearch', 'Enter');
    await poll(() => page.locator('#orders tbody tr').count()).toBe(1);
    expect(await page.getAttribute('#orders tbody tr', 'data-order')).toBe('ORD-1002');
  });

  it('the live feed comes back after the stream drops, and the board catches up', async () => {
    const { h, page } = session;
    // Rae's order waits for her last "yes", so it can be placed quickly while the feed is cut.
    await say('+12025550126', 'hi', 'Rae', '12 Main Street, Springfield', '2 limes', 'checkout', 'delivery');
    // Streams that end at once, as a proxy cutting connections would; the page must keep coming back.
    let cut = 0;
    await page.route('**/admin/events', (route) => { cut++; return route.fulfill({ status: 200, contentType: 'text/event-stream', body: ': connected\n\n' }); });
    await session.open('orders');
    await poll(() => page.textContent('#live')).toContain('reconnecting');
    await poll(() => cut).toBeGreaterThanOrEqual(2);
    await say('+12025550126', 'yes');
    expect((await h.core.store.listOrders({})).map((o) => o.id)).toEqual(['ORD-1001']);
    // The cut lifts: the next attempt (after a pause that grows with each drop, at most 30 s) reaches the
    // real stream, and the board catches up with what it missed.
    await page.unroute('**/admin/events');
    await page.waitForSelector('#orders tr[data-order="ORD-1001"].new', { timeout: 90_000 });
    await poll(() => page.textContent('#live')).toContain('live');
    await placeOrder('+12025550127', 'Sol');
    await page.waitForSelector('#orders tr[data-order="ORD-1002"].new');
  });

  it('a customer asks for a human: the owner sees them and their messages live, answers, the customer gets it by SMS; then hands back', async () => {
    const { h, page } = session;
    const phone = '+12025550125';
    await say(phone, 'hi', 'Ana', '12 Main Street, Springfield');
    await session.open('inbox');
    await poll(() => page.textContent('#inboxList')).toContain('Nobody is waiting');
    await poll(() => page.textContent('#live')).toContain('live');

    await say(phone, 'talk to a human');
    await page.waitForSelector(`#inboxList [data-open="${phone}"]`);
    expect(await page.textContent('#inboxCount')).toBe('1');
    await page.click(`#inboxList [data-open="${phone}"]`);
    await poll(() => page.textContent('#transcript')).toContain('talk to a human');

    await say(phone, 'Do you have spelt bread today?');
    // The customer heard that a person will answer; the owner sees what is waiting unread.
    await poll(() => page.locator('#transcript .from-customer').last().textContent()).toContain('spelt bread');
    await poll(() => page.textContent('#transcript .from-bot:last-child')).toContain('a member of our team will read this');
    await poll(() => page.textContent(`#inboxList li[data-phone="${phone}"]`)).toContain('2 unread');

    await page.fill('#replyText', 'Yes — two loaves left, I can put one aside for you.');
    await page.click('#replySend');
    await poll(() => page.textContent('#transcript')).toContain('put one aside');
    expect(await page.textContent('#transcript .from-staff')).toContain('Staff');
    await h.core.outbox.drain();
    expect(h.twilioApi.messages.filter((m) => m.To === phone).map((m) => m.Body)).toContain('Yes — two loaves left, I can put one aside for you.');

    mkdirSync('docs', { recursive: true });
    await page.screenshot({ path: 'docs/console.png' });

    // On a phone-sized screen nothing spills sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

    // Shown as the customer wrote it: markup in a message is text, never HTML.
    await say(phone, 'Thanks! <b>See you</b> <img src="/x">');
    await poll(() => page.locator('#transcript .from-customer').last().textContent()).toContain('Thanks! <b>See you</b> <img src="/x">');
    expect(await page.locator('#transcript b, #transcript img, #inboxList b').count()).toBe(0);

    await page.click('#release');
    await poll(() => page.textContent('#inboxList')).toContain('Nobody is waiting');
    expect((await h.core.store.getConversation(phone))?.stage).toBe('menu');

    // Logging out leaves no customer's words in the page.
    await page.click('#logout');
    await page.waitForSelector('#token');
    expect(await page.textContent('body')).not.toContain('spelt bread');
  });
});
