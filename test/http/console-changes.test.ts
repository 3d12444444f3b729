import { describe, expect, it } from 'vitest';
import { consoleSession, poll } from './console-session';

// Changes at picking time through the console's clicks in headless Chromium, against the whole web process:
// staff propose a substitute on the order page, the SMS customer answers through the signed Twilio webhook.

const session = consoleSession({}, { viewport: { width: 1200, height: 1000 } });
const PHONE = '+12025550123';

describe('changes at picking time in the console', () => {
  it('staff propose a substitute on the order page; the SMS customer answers yes; the page shows the new total', async () => {
    const { h, page } = session;
    for (const t of ['hi', 'Sam', '12 Main Street, Springfield', '2 oat milk', '3 limes', 'checkout', 'delivery', 'yes']) await h.messaging.send(PHONE, t);
    const placed = (await h.core.store.getOrder('ORD-1001'))!;
    await session.open('orders');
    await page.click('[data-open="ORD-1001"]');
    await page.waitForSelector('#orderChanges');

    // Nothing chosen: said in words, nothing sent.
    await page.click('[data-change-act="propose"]');
    await poll(() => page.textContent('#changeError')).toContain('Choose a change');

    const oat = '[data-change-line="DAI-MLK-OAT"]';
    await page.selectOption(`${oat} [data-change-field="action"]`, 'substitute');
    expect(await page.isVisible(`${oat} [data-change-field="substituteSku"]`)).toBe(true);
    await page.selectOption(`${oat} [data-change-field="substituteSku"]`, 'DAI-MLK-ALM');
    await page.click('[data-change-act="propose"]');
    await poll(() => page.textContent('#orderChanges')).toContain('waiting for the customer');
    expect(await page.textContent('#orderChanges')).toContain('Almond Milk (1 L) instead');
    // It may not leave the store meanwhile: the move is disabled and says why.
    await poll(() => page.isDisabled('[data-move="dispatched"]')).toBe(true);
    expect(await page.textContent('#moveReasons')).toContain('awaiting the customer');

    await h.core.outbox.drain();
    expect(h.twilioApi.messages.filter((m) => m.To === PHONE).at(-1)?.Body).toContain('Almond Milk (1 L) instead, $0.40 more?');
    const answer = await h.messaging.send(PHONE, 'yes');
    expect(answer.messages.join('\n')).toContain('is updated');

    const total = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format((placed.totalCents + 40) / 100);
    await poll(() => page.textContent('#orderDetail .total')).toContain(total);
    await poll(() => page.textContent('#orderChanges')).toContain('customer said yes');
    expect(await page.textContent('#orderDetail')).toContain('Almond Milk (1 L)');
    await page.locator('#orderDetail').screenshot({ path: 'docs/console-changes.png' });
  });
});
