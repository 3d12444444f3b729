import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startChannels, type Harness } from '../channels/harness';

// POST /admin/orders/:id/changes: every refusal in words, and a refusal never changes the order or the stock.

const PHONE = '+12025550123';
let h: Harness;

beforeAll(async () => {
  h = await startChannels();
  for (const t of ['hi', 'Sam', '12 Main Street, Springfield', '2 oat milk', '3 limes', 'checkout', 'delivery', 'yes']) await h.messaging.send(PHONE, t);
});
afterAll(async () => { await h?.close(); });

const post = async (id: string, body: unknown, token = ADMIN) => {
  const res = await fetch(`${h.url}/admin/orders/${id}/changes`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() as { error?: string; details?: string[]; order?: { changes?: unknown[] } } };
};
const sub = (over: Record<string, unknown> = {}) => ({ changes: [{ sku: 'DAI-MLK-OAT', action: 'substitute', substituteSku: 'DAI-MLK-ALM', ...over }] });

describe('POST /admin/orders/:id/changes refuses', () => {
  it('401 without the admin token, 404 for an order that does not exist', async () => {
    expect((await post('ORD-1001', sub(), '')).status).toBe(401);
    expect((await post('ORD-1001', sub(), 'wrong-token')).status).toBe(401);
    const missing = await post('ORD-9999', sub());
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('no order ORD-9999');
  });

  it('400 for a body not of the documented shape, a line not in the order, a quantity out of range, or a substitute it cannot be', async () => {
    const cases: [unknown, RegExp][] = [
      [{ changes: [] }, /changes/],
      [{ changes: [{ sku: 'DAI-MLK-OAT', action: 'swap' }] }, /action/],
      [{ changes: [{ sku: 'DAI-MLK-OAT', action: 'remove', extra: 1 }] }, /extra|unrecognized/i],
      [{ changes: [{ sku: 'FRU-BAN', action: 'remove' }] }, /FRU-BAN is not a line of order ORD-1001/],
      [{ changes: [{ sku: 'FRU-LIM', action: 'quantity', qty: 3 }] }, /fewer than the 3 ordered/],
      [{ changes: [{ sku: 'FRU-LIM', action: 'quantity' }] }, /say how many of Limes/],
      [{ changes: [{ sku: 'FRU-LIM', action: 'quantity', qty: 1.5 }] }, /Limes/],
      [sub({ substituteSku: 'NOPE-1' }), /NOPE-1 is not a product we sell/],
      [sub({ substituteSku: 'DAI-MLK-OAT' }), /another product than Oat Milk/],
      [sub({ substituteSku: 'FRU-LIM' }), /Limes is already in this order/],
      [sub({ substituteSku: undefined }), /name the product to offer/],
      [sub({ qty: 500 }), /at most/],
      [{ changes: [{ sku: 'FRU-LIM', action: 'remove' }, { sku: 'FRU-LIM', action: 'remove' }] }, /named twice/],
    ];
    for (const [body, reason] of cases) {
      const r = await post('ORD-1001', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect([r.body.error, ...(r.body.details ?? [])].join(' '), JSON.stringify(body)).toMatch(reason);
    }
    expect((await h.core.store.getOrder('ORD-1001'))?.changes).toBeUndefined();
    expect(await h.core.store.getStock('DAI-MLK-ALM')).toMatchObject({ available: 25, reserved: 0 });
  });

  it('409 when the substitute is not on the shelf, when changes await an answer, and once the order has left the store', async () => {
    await h.core.inventory.setReceived('DAI-MLK-ALM', 1);
    const short = await post('ORD-1001', sub());
    expect(short.status).toBe(409);
    expect(short.body.error).toContain('not enough Almond Milk (1 L) on the shelf');
    expect(await h.core.store.getStock('DAI-MLK-ALM')).toMatchObject({ received: 1, available: 1, reserved: 0 });
    await h.core.inventory.setReceived('DAI-MLK-ALM', 25);

    expect((await post('ORD-1001', sub())).status).toBe(202);
    const again = await post('ORD-1001', { changes: [{ sku: 'FRU-LIM', action: 'remove' }] });
    expect(again.status).toBe(409);
    expect(again.body.error).toContain('awaiting the customer');

    await h.messaging.send(PHONE, 'no');
    expect((await h.core.orders.advance('ORD-1001', 'dispatched')).ok).toBe(true);
    const gone = await post('ORD-1001', { changes: [{ sku: 'FRU-LIM', action: 'remove' }] });
    expect(gone.status).toBe(409);
    expect(gone.body.error).toContain('ORD-1001 is dispatched');
  });
});
