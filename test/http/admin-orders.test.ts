import { afterEach, describe, expect, it } from 'vitest';
import { STORES } from '../stores';
import { expectInvariants } from '../helpers';
import { ADMIN, SMS_NUMBER, startChannels, type Harness } from '../channels/harness';

// The orders routes of the console, against the whole web process with SMS customers over a fake Twilio.

let h: Harness;
afterEach(async () => { await h?.close(); });

const SAM = '+12025550123';
const WANDA = '+12025550124';
const auth = { authorization: `Bearer ${ADMIN}` };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = auth) {
  const res = await fetch(h.url + path, {
    method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: any = text;
  try { parsed = JSON.parse(text); } catch { /* HTML */ }
  return { status: res.status, body: parsed, type: res.headers.get('content-type') ?? '', csp: res.headers.get('content-security-policy') ?? '' };
}
const get = (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers);
const post = (path: string, body: unknown, headers?: Record<string, string>) => call('POST', path, body, headers);
const say = async (phone: string, ...texts: string[]) => { for (const t of texts) await h.messaging.send(phone, t); };
/** Sam collects at the store (ORD-1001); Wanda has hers delivered (ORD-1002). */
async function twoOrders() {
  await say(SAM, 'hi', 'Sam Okafor', 'pickup', '2 lemons', 'check out', 'pickup', 'yes');
  await say(WANDA, 'hi', 'Wanda', '12 Main Street, Springfield', '3 limes', 'checkout', 'delivery', 'yes');
}
const told = async (phone: string) => { await h.core.outbox.drain(); return h.twilioApi.messages.filter((m) => m.To === phone).map((m) => m.Body); };

describe.each(STORES)('orders in the console, on the $name store', ({ open }) => {
  it('a pickup order goes placed → preparing → ready → collected, and the SMS customer hears "ready for collection"; it is never dispatched', async () => {
    h = await startChannels({}, await open());
    await twoOrders();
    expect((await post('/admin/orders/ORD-1001/status', { status: 'preparing' })).status).toBe(200);
    const ready = await post('/admin/orders/ORD-1001/status', { status: 'ready' });
    expect(ready.status).toBe(200);
    expect(ready.body.order).toMatchObject({ id: 'ORD-1001', status: 'ready', fulfilment: 'pickup' });
    expect(await told(SAM)).toContain('Your order ORD-1001 is ready for collection at Corner Grocer. See you soon!');
    expect((await h.core.store.getOrder('ORD-1001'))?.status).toBe('ready');

    // The customer asks where it is: the answer says so, by SMS and by voice alike.
    const where = (await h.messaging.send(SAM, 'where is my order?')).messages.join('\n');
    expect(where).toContain('ORD-1001');
    expect(where).toContain('ready for collection at the store');
    const callSid = `CA${'d4'.repeat(16)}`;
    const step = (params: Record<string, string>, path: string) => h.twilioPost(path, { CallSid: callSid, From: SAM, To: SMS_NUMBER, AccountSid: 'x', StirVerstat: 'TN-Validation-Passed-A', ...params });
    const answered = await step({}, '/twilio/voice');
    const heard = await step({ SpeechResult: 'where is my order', Confidence: '0.9' }, answered.twiml.Gather[0].action);
    expect(JSON.stringify(heard.twiml)).toContain('ORD-1001');
    expect(JSON.stringify(heard.twiml)).toContain('ready for collection at the store');

    const dispatch = await post('/admin/orders/ORD-1001/status', { status: 'dispatched' });
    expect(dispatch.status).toBe(409);
    expect(dispatch.body.error).toBe('Pickup orders are not dispatched: mark them ready for collection (ORD-1001 is ready for collection).');
    const detail = await get('/admin/orders/ORD-1001');
    expect(detail.body.moves).toEqual(expect.arrayContaining([
      { status: 'dispatched', label: 'Dispatched', allowed: false, reason: 'Pickup orders are not dispatched: mark them ready for collection' },
      { status: 'delivered', label: 'Collected', allowed: true },
      { status: 'cancelled', label: 'Cancel order', allowed: true },
    ]));
    expect((await post('/admin/orders/ORD-1001/status', { status: 'delivered' })).body.order.status).toBe('delivered');
    expect(await told(SAM)).toContain('Thanks for picking up order ORD-1001. Enjoy!');
    const late = await post('/admin/orders/ORD-1001/status', { status: 'cancelled' });
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('Collected orders cannot change (ORD-1001 is collected).');

    // A delivery order is never "ready"; it is dispatched.
    const notReady = await post('/admin/orders/ORD-1002/status', { status: 'ready' });
    expect(notReady.status).toBe(409);
    expect(notReady.body.error).toMatch(/^Delivery orders are dispatched, not collected/);
    expect((await post('/admin/orders/ORD-1002/status', { status: 'dispatched' })).body.order.status).toBe('dispatched');
    expect((await get('/admin/orders/ORD-1002')).body.moves.find((m: { status: string }) => m.status === 'cancelled'))
      .toEqual({ status: 'cancelled', label: 'Cancel order', allowed: false, reason: 'Orders can be cancelled only until they are dispatched' });
    await expectInvariants(h.core.store);
  });

  it('keeps staff notes on the order with who and when; the customer hears nothing of them', async () => {
    h = await startChannels({}, await open());
    await twoOrders();
    const before = (await told(SAM)).length;
    const added = await post('/admin/orders/ORD-1001/notes', { text: '  Collecting after 6 pm — keep it in the fridge  ' });
    expect(added.status).toBe(201);
    expect(added.body.order.notes).toEqual([{ at: expect.stringMatching(/^\d{4}-/), by: 'admin', text: 'Collecting after 6 pm — keep it in the fridge' }]);
    await post('/admin/orders/ORD-1001/notes', { text: 'Paid cash' });
    expect((await get('/admin/orders/ORD-1001')).body.order.notes.map((n: { text: string }) => n.text)).toEqual(['Collecting after 6 pm — keep it in the fridge', 'Paid cash']);
    expect((await h.core.store.getOrder('ORD-1001'))?.notes?.[0]?.by).toEqual({ kind: 'admin' });
    expect((await told(SAM)).length).toBe(before);
    expect((await post('/admin/orders/ORD-4242/notes', { text: 'x' })).status).toBe(404);
  });
});

describe('the orders list, notes and packing slip', () => {
  it('lists orders with the customer\'s name and fulfilment, filtered by status, delivery or pickup, and a search', async () => {
    h = await startChannels();
    await twoOrders();
    const all = (await get('/admin/orders')).body.orders;
    expect(all.map((o: { id: string; name: string; fulfilment: string }) => [o.id, o.name, o.fulfilment])).toEqual([['ORD-1002', 'Wanda', 'delivery'], ['ORD-1001', 'Sam Okafor', 'pickup']]);
    const ids = async (qs: string) => (await get(`/admin/orders?${qs}`)).body.orders.map((o: { id: string }) => o.id);
    expect(await ids('fulfilment=pickup')).toEqual(['ORD-1001']);
    expect(await ids('fulfilment=delivery')).toEqual(['ORD-1002']);
    expect(await ids('q=okafor')).toEqual(['ORD-1001']);
    expect(await ids('q=wan')).toEqual(['ORD-1002']);
    expect(await ids('q=1002')).toEqual(['ORD-1002']);
    expect(await ids('q=ord-100')).toEqual(['ORD-1002', 'ORD-1001']);
    expect(await ids('q=555-0124')).toEqual(['ORD-1002']);
    expect(await ids('q=nobody')).toEqual([]);
    await post('/admin/orders/ORD-1001/status', { status: 'preparing' });
    expect(await ids('status=preparing')).toEqual(['ORD-1001']);
    expect(await ids('status=preparing&fulfilment=delivery')).toEqual([]);
    expect(await ids(`phone=${encodeURIComponent(WANDA)}`)).toEqual(['ORD-1002']);
    for (const qs of ['status=lost', 'fulfilment=drone', 'phone=abc', `q=${'x'.repeat(101)}`]) {
      const r = await get(`/admin/orders?${qs}`);
      expect(r.status, qs).toBe(400);
      expect(r.body.details.join(' '), qs).toMatch(/status|fulfilment|phone|q/);
    }
  });

  it('prints a packing slip: store, order, customer, address or pickup, each line with a tick box, the notes, the totals', async () => {
    h = await startChannels({ STORE_NAME: 'Hill Street Grocer' });
    await twoOrders();
    await post('/admin/orders/ORD-1002/notes', { text: 'Leave with the <neighbour> at no. 14' });
    const slip = await get('/admin/orders/ORD-1002/slip');
    expect(slip.status).toBe(200);
    expect(slip.type).toMatch(/^text\/html/);
    // No inline script or style: it renders under the site's policy, with its own stylesheet.
    expect(slip.csp).toContain("script-src 'self'");
    expect(slip.body).not.toMatch(/<script|style=|<style/i);
    expect(slip.body).toContain('<link rel="stylesheet" href="/assets/slip.css">');
    const text = (slip.body as string).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    for (const part of ['Hill Street Grocer', 'Packing slip ORD-1002', 'Wanda · +12025550124', 'Deliver to 12 Main Street, Springfield', '3 Limes FRU-LIM',
      'Leave with the &lt;neighbour&gt; at no. 14 — admin', 'Delivery', 'Total']) expect(text).toContain(part);
    expect((slip.body as string).match(/class="box"/g)).toHaveLength(1);
    const order = await h.core.store.getOrder('ORD-1002');
    expect(text).toContain(`Total ${new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(order!.totalCents / 100)}`);
    const pickup = await get('/admin/orders/ORD-1001/slip');
    expect(pickup.body).toContain('Pickup at the store');
    expect(pickup.body).toContain('Sam Okafor');
    const css = await fetch(`${h.url}/assets/slip.css`);
    expect(await css.text()).toContain('@media print');
    expect((await get('/admin/orders/ORD-4242/slip')).status).toBe(404);
  });

  it('refuses what it cannot do: 400 for bad notes and moves, 401 without the token, 404 for no such order', async () => {
    h = await startChannels();
    await twoOrders();
    for (const body of [{}, { text: '   ' }, { text: 'x'.repeat(501) }, { text: 'ok', extra: 1 }, { text: 5 }]) {
      const r = await post('/admin/orders/ORD-1001/notes', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toBe('invalid note');
    }
    expect((await post('/admin/orders/ORD-1001/status', { status: 'placed' })).status).toBe(400);
    expect((await post('/admin/orders/ORD-1001/status', { status: 'teleported' })).status).toBe(400);
    for (const [method, path] of [['GET', '/admin/orders'], ['GET', '/admin/orders/ORD-1001'], ['GET', '/admin/orders/ORD-1001/slip'],
      ['POST', '/admin/orders/ORD-1001/notes'], ['POST', '/admin/orders/ORD-1001/status']] as const) {
      for (const headers of [{}, { authorization: 'Bearer nope' }] as Record<string, string>[]) {
        expect((await call(method, path, method === 'POST' ? { text: 'x', status: 'ready' } : undefined, headers)).status, `${method} ${path}`).toBe(401);
      }
    }
    expect((await get('/admin/orders/ORD-4242')).status).toBe(404);
    expect((await post('/admin/orders/ORD-4242/status', { status: 'ready' })).status).toBe(404);
    expect((await h.core.store.getOrder('ORD-1001'))?.notes).toBeUndefined();
    expect((await h.core.store.getOrder('ORD-1001'))?.status).toBe('placed');
  });
});
