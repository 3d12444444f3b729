import { afterEach, describe, expect, it } from 'vitest';
import type { OrderLine } from '../../src/domain/types';
import { ADMIN, startChannels, type Harness } from '../channels/harness';
import { STORES } from '../stores';

// "Fewer found" on a line bought under a promotion: the offer is priced at the order's price with the
// promotion applied to the quantity found (a 3-for-2 does not discount 2 limes), as the customer is told
// over SMS and as the order keeps it once they say yes.

const PHONE = '+12025550123';
const LIME_CENTS = 49;
const THREE_FOR_TWO = { id: 'limes-3for2', kind: 'multibuy', sku: 'FRU-LIM', buy: 3, pay: 2 };
const TEN_PERCENT = { id: 'limes-10', kind: 'percent', sku: 'FRU-LIM', percent: 10 };

describe.each(STORES)('fewer found under a promotion ($name store)', (kind) => {
  let h: Harness;
  afterEach(async () => { await h?.close(); });

  const admin = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${h.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() as any };
  };
  const say = async (text: string) => (await h.messaging.send(PHONE, text)).messages.join('\n');
  const limes = (lines: OrderLine[]) => lines.find((l) => l.sku === 'FRU-LIM');
  async function pushed(): Promise<string> {
    await h.core.outbox.drain();
    return h.twilioApi.messages.filter((m) => m.To === PHONE).at(-1)?.Body ?? '';
  }
  /** Promotions set, then Sam orders 2 oat milk and 3 limes for delivery; staff found only 2 limes. */
  async function fewerLimes(promotion: Record<string, unknown>) {
    h = await startChannels({ SUBSTITUTION_MINUTES: '30' }, await kind.open());
    expect((await admin('PUT', '/admin/promotions', [promotion])).status).toBe(200);
    for (const t of ['hi', 'Sam', '12 Main Street, Springfield', '2 oat milk', '3 limes', 'checkout', 'delivery', 'yes']) await say(t);
    const [order] = await h.core.store.listOrders({ phone: PHONE });
    const proposed = await admin('POST', `/admin/orders/${order!.id}/changes`, { changes: [{ sku: 'FRU-LIM', action: 'quantity', qty: 2 }] });
    expect(proposed.status).toBe(202);
    return { order: order!, offer: proposed.body.order.changes[0].offer };
  }

  it('limes 3-for-2, 2 of 3 found: offered and kept as 2 limes at full price, no discount; the total moves by the difference of the lines (none here)', async () => {
    const { order, offer } = await fewerLimes(THREE_FOR_TWO);
    expect(limes(order.lines)).toMatchObject({ qty: 3, lineTotalCents: 2 * LIME_CENTS, discountCents: LIME_CENTS, promotionId: 'limes-3for2' });

    expect(offer).toEqual({ sku: 'FRU-LIM', name: 'Limes', unit: 'each', qty: 2, lineTotal: 0.98 });
    expect(await pushed()).toContain('We only have 2 of the 3 Limes you ordered. Take 2, the same price?');

    expect(await say('yes')).toContain(`Done — your order ${order.id} is updated. New total: `);
    const after = (await h.core.store.getOrder(order.id))!;
    const line = limes(after.lines)!;
    expect(line).toMatchObject({ qty: 2, unitPriceCents: LIME_CENTS, lineTotalCents: 2 * LIME_CENTS });
    expect(line.discountCents).toBeUndefined();
    expect(line.promotionId).toBeUndefined();
    // 3 limes paid as 2, then 2 limes paid as 2: the total does not move.
    expect(after.totalCents).toBe(order.totalCents - limes(order.lines)!.lineTotalCents + 2 * LIME_CENTS);
    expect(after.totalCents).toBe(order.totalCents);
  });

  it('limes 10% off, 2 of 3 found: still 10% off the 2', async () => {
    const { order, offer } = await fewerLimes(TEN_PERCENT);
    // 3 × 49 = 147, less 15 (10%, rounded) = 132.
    expect(limes(order.lines)).toMatchObject({ qty: 3, lineTotalCents: 132, discountCents: 15, promotionId: 'limes-10' });

    // 2 × 49 = 98, less 10 (10%, rounded) = 88: 44 cents less than before.
    expect(offer).toEqual({ sku: 'FRU-LIM', name: 'Limes', unit: 'each', qty: 2, lineTotal: 0.88 });
    expect(await pushed()).toContain('We only have 2 of the 3 Limes you ordered. Take 2, $0.44 less?');

    await say('yes');
    const after = (await h.core.store.getOrder(order.id))!;
    expect(limes(after.lines)).toMatchObject({ qty: 2, lineTotalCents: 88, discountCents: 10, promotionId: 'limes-10' });
    expect(after.totalCents).toBe(order.totalCents - 44);
  });
});
