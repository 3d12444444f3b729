import { afterEach, describe, expect, it } from 'vitest';
import type { StockLevel } from '../../src/domain/types';
import { runJob } from '../../src/jobs/handlers';
import { ADMIN, startChannels, type Harness } from '../channels/harness';
import { STORES } from '../stores';

// Changes at picking time, end to end: staff propose through the admin API, an SMS customer answers through
// the signed Twilio webhook (or does not), on both stores. Counters must add up at every step.

const PHONE = '+12025550123';
const OAT = 'DAI-MLK-OAT';
const ALMOND = 'DAI-MLK-ALM';

const sum = (s: StockLevel | undefined) => (s ? s.available + s.reserved + s.sold : NaN);

describe.each(STORES)('changes at picking time over SMS ($name store)', (kind) => {
  let h: Harness;
  afterEach(async () => { await h?.close(); });

  async function start() {
    h = await startChannels({ SUBSTITUTION_MINUTES: '30' }, await kind.open());
  }
  const say = async (text: string, extra: Record<string, string> = {}) => (await h.messaging.send(PHONE, text, extra)).messages.join('\n');
  async function placeOrder() {
    for (const t of ['hi', 'Sam', '12 Main Street, Springfield', '2 oat milk', '3 limes', 'checkout', 'delivery', 'yes']) await say(t);
    const [order] = await h.core.store.listOrders({ phone: PHONE });
    expect(order?.lines.map((l) => [l.sku, l.qty])).toEqual([[OAT, 2], ['FRU-LIM', 3]]);
    return order!;
  }
  const admin = (path: string, body: unknown) => fetch(`${h.url}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify(body),
  });
  const substitute = (id: string) => admin(`/admin/orders/${id}/changes`, { changes: [{ sku: OAT, action: 'substitute', substituteSku: ALMOND }] });
  const stock = async (sku: string) => h.core.store.getStock(sku);
  async function pushed(): Promise<string[]> {
    await h.core.outbox.drain();
    return h.twilioApi.messages.filter((m) => m.To === PHONE).map((m) => m.Body ?? '');
  }
  async function expectExact(...skus: string[]) {
    for (const sku of skus) {
      const s = await stock(sku);
      expect(sum(s), sku).toBe(s?.received);
      expect(Math.min(s!.available, s!.reserved, s!.sold), sku).toBeGreaterThanOrEqual(0);
    }
  }

  it('a substitute answered "yes" changes the order, its total, the stock and the audit trail once, however often it is answered', async () => {
    await start();
    const order = await placeOrder();
    const res = await substitute(order.id);
    expect(res.status).toBe(202);
    const body = await res.json() as { order: { changes: { status: string; proposedBy: string }[] } };
    expect(body.order.changes).toMatchObject([{ status: 'pending', proposedBy: 'admin' }]);
    // The substitute's units are reserved while the customer is asked.
    expect(await stock(ALMOND)).toMatchObject({ received: 25, available: 23, reserved: 2, sold: 0 });
    const question = (await pushed()).at(-1)!;
    expect(question).toContain('We’re out of Oat Milk (1 L). 2 × Almond Milk (1 L) instead, $0.40 more?');
    expect(question).toMatch(/1.*Yes/);

    const answer = await say('ok sure', { MessageSid: 'SM-answer-1' });
    expect(answer).toContain(`Done — your order ${order.id} is updated. New total: `);
    // The same webhook again (Twilio retries), then another "yes": nothing more changes.
    await say('ok sure', { MessageSid: 'SM-answer-1' });
    await say('yes');
    const after = (await h.core.store.getOrder(order.id))!;
    expect(after.lines.map((l) => [l.sku, l.qty])).toEqual([[ALMOND, 2], ['FRU-LIM', 3]]);
    expect(after.totalCents).toBe(order.totalCents + 40);
    expect(after.changes?.map((c) => c.status)).toEqual(['accepted']);
    expect(await stock(OAT)).toMatchObject({ received: 28, available: 28, reserved: 0, sold: 0 });
    expect(await stock(ALMOND)).toMatchObject({ received: 25, available: 23, reserved: 0, sold: 2 });
    await expectExact(OAT, ALMOND, 'FRU-LIM');
    const audit = await h.core.store.listAudit({});
    expect(audit.filter((a) => a.sku === OAT && a.reason.startsWith('written off'))).toHaveLength(1);
    expect(audit.filter((a) => a.sku === ALMOND && a.reason === 'offer taken')).toHaveLength(1);
    // Cancelled after all: what the order holds now (the substitute) goes back on the shelf, not the oat milk.
    expect((await admin(`/admin/orders/${order.id}/status`, { status: 'cancelled' })).status).toBe(200);
    expect(await stock(ALMOND)).toMatchObject({ available: 25, sold: 0 });
    expect(await stock(OAT)).toMatchObject({ received: 28, available: 28, sold: 0 });
  });

  it('"no" takes the line off: the substitute goes back on the shelf, the missing units are written off', async () => {
    await start();
    const order = await placeOrder();
    await substitute(order.id);
    expect(await say('no thanks')).toContain(`we’ve taken Oat Milk (1 L) off your order ${order.id}`);
    const after = (await h.core.store.getOrder(order.id))!;
    expect(after.lines.map((l) => l.sku)).toEqual(['FRU-LIM']);
    expect(after.totalCents).toBe(order.totalCents - order.lines[0]!.lineTotalCents);
    expect(await stock(ALMOND)).toMatchObject({ received: 25, available: 25, reserved: 0, sold: 0 });
    expect(await stock(OAT)).toMatchObject({ received: 28, sold: 0 });
    await expectExact(OAT, ALMOND);
  });

  it('something else said meanwhile is answered as usual, and the question asked again after it', async () => {
    await start();
    const order = await placeOrder();
    await substitute(order.id);
    const reply = await say('do you have bananas?');
    expect(reply).toMatch(/banana/i);
    expect(reply).toContain('We’re out of Oat Milk (1 L)');
    expect((await h.core.store.getOrder(order.id))?.changes?.[0]?.status).toBe('pending');
    expect(await say('yes')).toContain('is updated');
  });

  it('with no answer within SUBSTITUTION_MINUTES the job removes the line and tells the customer; the order may then leave', async () => {
    await start();
    const order = await placeOrder();
    await substitute(order.id);
    // Not before it leaves the store: refused with the reason while the customer is asked.
    const refused = await admin(`/admin/orders/${order.id}/status`, { status: 'dispatched' });
    expect(refused.status).toBe(409);
    expect((await refused.json() as { error: string }).error).toContain('awaiting the customer');
    h.clock.advance(29);
    expect(await runJob(h.core, 'expire-changes')).toBe(0);
    h.clock.advance(2);
    const [a, b] = await Promise.all([runJob(h.core, 'expire-changes'), runJob(h.core, 'expire-changes')]);
    expect(Number(a) + Number(b)).toBe(1);
    const after = (await h.core.store.getOrder(order.id))!;
    expect(after.changes?.[0]?.status).toBe('expired');
    expect(after.lines.map((l) => l.sku)).toEqual(['FRU-LIM']);
    expect((await pushed()).at(-1)).toContain(`We didn’t hear back, so we’ve taken Oat Milk (1 L) off your order ${order.id}`);
    expect(await stock(ALMOND)).toMatchObject({ available: 25, reserved: 0, sold: 0 });
    expect(await stock(OAT)).toMatchObject({ received: 28, sold: 0 });
    await expectExact(OAT, ALMOND);
    // A "yes" too late changes nothing more.
    await say('yes');
    expect((await h.core.store.getOrder(order.id))?.lines.map((l) => l.sku)).toEqual(['FRU-LIM']);
    expect((await admin(`/admin/orders/${order.id}/status`, { status: 'dispatched' })).status).toBe(200);
  });

  it('the customer\'s "yes" racing the expiry job: one of them wins, and the counters are exact', async () => {
    await start();
    const order = await placeOrder();
    await substitute(order.id);
    h.clock.advance(31);
    await Promise.all([say('yes'), runJob(h.core, 'expire-changes')]);
    const after = (await h.core.store.getOrder(order.id))!;
    const status = after.changes?.[0]?.status;
    expect(['accepted', 'expired']).toContain(status);
    const almond = await stock(ALMOND);
    expect(almond).toMatchObject(status === 'accepted' ? { available: 23, reserved: 0, sold: 2 } : { available: 25, reserved: 0, sold: 0 });
    expect(await stock(OAT)).toMatchObject({ received: 28, sold: 0 });
    expect(after.totalCents).toBe(status === 'accepted' ? order.totalCents + 40 : order.totalCents - order.lines[0]!.lineTotalCents);
    await expectExact(OAT, ALMOND);
  });

  it('the numbered options answer too: "2" is no, whatever stage the conversation was in', async () => {
    await start();
    const order = await placeOrder();
    await say('2 lemons');
    await substitute(order.id);
    expect(await say('2')).toContain(`we’ve taken Oat Milk (1 L) off your order ${order.id}`);
    expect((await h.core.store.getOrder(order.id))?.changes?.[0]?.status).toBe('declined');
    // The cart being built meanwhile is untouched.
    expect((await h.core.store.listHolds({ phone: PHONE, status: 'active' })).map((x) => [x.sku, x.qty])).toEqual([['FRU-LEM', 2]]);
  });

  it('fewer of an item: "yes" keeps what was found; the missing units are written off', async () => {
    await start();
    const order = await placeOrder();
    const res = await admin(`/admin/orders/${order.id}/changes`, { changes: [{ sku: 'FRU-LIM', action: 'quantity', qty: 2 }] });
    expect(res.status).toBe(202);
    expect((await pushed()).at(-1)).toContain('We only have 2 of the 3 Limes you ordered. Take 2');
    await say('yes');
    const after = (await h.core.store.getOrder(order.id))!;
    expect(after.lines.map((l) => [l.sku, l.qty])).toEqual([[OAT, 2], ['FRU-LIM', 2]]);
    expect(await stock('FRU-LIM')).toMatchObject({ received: 99, available: 97, sold: 2 });
    await expectExact('FRU-LIM');
  });

  it('a line marked missing is taken off at once and the customer told', async () => {
    await start();
    const order = await placeOrder();
    const res = await admin(`/admin/orders/${order.id}/changes`, { changes: [{ sku: 'FRU-LIM', action: 'remove' }] });
    expect(res.status).toBe(200);
    const after = (await h.core.store.getOrder(order.id))!;
    expect(after.lines.map((l) => l.sku)).toEqual([OAT]);
    expect((await pushed()).at(-1)).toContain('we’re out of Limes, so we’ve taken it off your order');
    expect(await stock('FRU-LIM')).toMatchObject({ received: 97, available: 97, sold: 0 });
    await expectExact('FRU-LIM');
  });
});
