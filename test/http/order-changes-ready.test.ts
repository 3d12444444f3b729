import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, startChannels, type Harness } from '../channels/harness';
import { STORES } from '../stores';

// A pickup order that is packed (ready for collection) is past picking: no change is made to it.

const PHONE = '+12025550123';

describe.each(STORES)('POST /admin/orders/:id/changes on a ready order ($name store)', (kind) => {
  let h: Harness;
  afterEach(async () => { await h?.close(); });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${h.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() as { error?: string } };
  };
  const told = async () => { await h.core.outbox.drain(); return h.twilioApi.messages.filter((m) => m.To === PHONE).map((m) => m.Body); };

  it('answers 409 for a removal, fewer found or a substitute, and changes nothing: lines, total, stock, the customer hears nothing', async () => {
    h = await startChannels({}, await kind.open());
    for (const t of ['hi', 'Sam', 'pickup', '2 oat milk', '3 limes', 'checkout', 'pickup', 'yes']) await h.messaging.send(PHONE, t);
    const [placed] = await h.core.store.listOrders({ phone: PHONE });
    const id = placed!.id;
    expect((await post(`/admin/orders/${id}/status`, { status: 'preparing' })).status).toBe(200);
    expect((await post(`/admin/orders/${id}/status`, { status: 'ready' })).status).toBe(200);
    const before = (await h.core.store.getOrder(id))!;
    const stock = async () => Promise.all(['FRU-LIM', 'DAI-MLK-OAT', 'DAI-MLK-ALM'].map((sku) => h.core.store.getStock(sku)));
    const stockBefore = await stock();
    const toldBefore = await told();

    for (const change of [
      { sku: 'FRU-LIM', action: 'remove' },
      { sku: 'FRU-LIM', action: 'quantity', qty: 2 },
      { sku: 'DAI-MLK-OAT', action: 'substitute', substituteSku: 'DAI-MLK-ALM' },
    ]) {
      const r = await post(`/admin/orders/${id}/changes`, { changes: [change] });
      expect(r.status, change.action).toBe(409);
      expect(r.body.error, change.action).toContain(`${id} is ready`);
    }

    const after = (await h.core.store.getOrder(id))!;
    expect(after.status).toBe('ready');
    expect(after.lines).toEqual(before.lines);
    expect(after.totalCents).toBe(before.totalCents);
    expect(after.changes ?? []).toEqual([]);
    expect(await stock()).toEqual(stockBefore);
    expect(await told()).toEqual(toldBefore);
  });
});
