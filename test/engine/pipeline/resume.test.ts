import { describe, expect, it } from 'vitest';
import { notices } from '../../../src/engine/pipeline/notices';
import { placedAgain, resume } from '../../../src/engine/pipeline/resume';
import { registered } from '../../helpers';
import { kit, PHONE, stubNext } from './kit';
import { withTurn } from './turn-pieces';

describe('resume and notices: what the customer has not heard yet, before the message is read', () => {
  it('a retried "yes" whose first attempt placed the order: that order told as placed, no second one, the message not read again', async () => {
    const k = await kit();
    const web = await registered(k.core, PHONE);
    for (const t of ['2 limes', 'checkout', 'pickup']) await web.say(t);
    expect((await k.store.getConversation(PHONE))?.stage).toBe('checkout_confirm');
    const c = k.ctx('yes', { id: 'SM-yes' });
    // The first attempt began its turn, placed the order with this message's key, then died before its end.
    await k.store.beginTurn(PHONE, { owner: 'a process that died', now: k.clock.now(), ttlMs: 0, key: c.key });
    expect(await k.core.orders.place({ phone: PHONE, fulfilment: 'pickup', channel: 'sms', deliveryFeeCents: 0, messageKey: c.key })).toMatchObject({ ok: true });
    const next = stubNext();
    await withTurn(k, resume(k.core.orders), notices(k.deps, k.copy), placedAgain)(c, next);
    expect(c.retry).toBe(true);
    expect(next.calls).toBe(0);
    expect(c.replies.map((r) => r.key)).toEqual(['placed']);
    expect(c.conv.stage).toBe('placed');
    expect(await k.store.listOrders({ phone: PHONE })).toHaveLength(1);
  });

  it('a first attempt looks for no order, and goes on to be read', async () => {
    const k = await kit();
    const c = k.ctx('hi', { id: 'SM-1' });
    c.created = true;
    const next = stubNext();
    await withTurn(k, resume(k.core.orders), notices(k.deps, k.copy), placedAgain)(c, next);
    expect(c.order).toBeUndefined();
    expect(next.calls).toBe(1);
  });

  it('cart lines put back on the shelf since the last message are told before the answer, and offered again after it', async () => {
    const k = await kit({ HOLD_MINUTES: '20' });
    const web = await registered(k.core, PHONE);
    await web.say('2 limes');
    k.clock.advance(21);
    const c = k.ctx('hello');
    c.created = true;
    await withTurn(k, notices(k.deps, k.copy))(c, stubNext(() => { c.turn.say('anything_else', 'the answer'); }));
    expect(c.replies.map((r) => r.key)).toEqual(['held_expired', 'anything_else', 'add_again']);
    expect(c.replies[0]!.text).toContain('Limes');
  });
});
