import { describe, expect, it } from 'vitest';
import type { Order, Stage } from '../../../src/domain/types';
import { checkoutTimeout } from '../../../src/engine/pipeline/checkout-timeout';
import { kit, stubNext } from './kit';
import { storedConversation, withTurn } from './turn-pieces';

describe('checkoutTimeout: a checkout left longer than the holds last is over', () => {
  it('back to ordering with its question dropped, once HOLD_MINUTES have passed', async () => {
    const k = await kit({ HOLD_MINUTES: '20' });
    await storedConversation(k, { stage: 'checkout_confirm', minutesAgo: 21, asking: { kind: 'confirm_order' } });
    const c = k.ctx('yes');
    const next = stubNext(() => { expect(c.conv.stage).toBe('ordering'); expect(c.conv.asking).toBeUndefined(); });
    await withTurn(k, checkoutTimeout({ holdMinutes: 20 }))(c, next);
    expect(next.calls).toBe(1);
  });

  it('not before, not outside checkout, and not when a retry resumed a placed order', async () => {
    const k = await kit();
    const stageAfter = async (stage: Stage, minutesAgo: number, order?: Order) => {
      const c = k.ctx('pickup');
      c.conv = { phone: c.msg.phone, stage, updatedAt: k.clock.now() - minutesAgo * 60_000, version: 0 };
      c.order = order;
      await checkoutTimeout({ holdMinutes: 20 })(c, stubNext());
      return c.conv.stage;
    };
    const now = k.clock.now();
    const placed: Order = { id: 'ORD-1001', phone: '+12025550123', status: 'placed', lines: [], deliveryFeeCents: 0, totalCents: 0, fulfilment: 'pickup', channel: 'sms', holdIds: [], createdAt: now, updatedAt: now };
    expect(await stageAfter('checkout_method', 19)).toBe('checkout_method');
    expect(await stageAfter('checkout_address', 21)).toBe('ordering');
    expect(await stageAfter('ordering', 60)).toBe('ordering');
    expect(await stageAfter('checkout_confirm', 60, placed)).toBe('checkout_confirm');
  });
});
