import { describe, expect, it } from 'vitest';
import { closeIdleConversations, rollupStats } from '../../src/jobs/handlers';
import { customer, expectInvariants, registered, setStock } from '../helpers';
import { startChannels } from '../channels/harness';

describe('idle-conversation cleanup', () => {
  it('closes a quiet conversation, releases its cart, and tells the customer once on their channel', async () => {
    const h = await startChannels({ CONVERSATION_IDLE_MINUTES: '20', HOLD_MINUTES: '30' });
    try {
      for (const t of ['hi', 'Wanda', 'pickup', '3 lemons and 2 limes']) await h.messaging.send('whatsapp:+12025550123', t);
      await registered(h.core, '+12025550124');
      h.clock.advance(10);
      expect(await closeIdleConversations(h.core)).toBe(0);
      await customer(h.core, '+12025550124').say('hello again');
      h.clock.advance(11);
      expect(await closeIdleConversations(h.core)).toBe(1);
      expect(await closeIdleConversations(h.core)).toBe(0);
      await h.core.outbox.drain();
      expect(h.twilioApi.messages).toHaveLength(1);
      expect(h.twilioApi.messages[0]).toMatchObject({ To: 'whatsapp:+12025550123', Body: expect.stringMatching(/put Lemons, Limes back on the shelf/) });
      expect(await h.core.store.getStock('FRU-LEM')).toMatchObject({ available: 120, reserved: 0 });
      expect((await h.core.store.getConversation('+12025550123'))?.closedAt).toBe(h.clock.now());
      // Writing again reopens it; the cart starts empty.
      const back = await h.messaging.send('whatsapp:+12025550123', 'show my cart');
      expect(back.messages[0]).toMatch(/Your cart is empty/);
      await expectInvariants(h.core.store);
    } finally {
      await h.close();
    }
  });

  it('counts holds the sweeper already expired as part of the released cart, and skips people waiting for a human', async () => {
    const h = await startChannels({ CONVERSATION_IDLE_MINUTES: '40', HOLD_MINUTES: '30' });
    try {
      for (const t of ['hi', 'Wanda', 'pickup', '3 lemons']) await h.messaging.send('+12025550123', t);
      for (const t of ['hi', 'Bo', 'pickup', 'human']) await h.messaging.send('+12025550124', t);
      h.clock.advance(31);
      await h.core.inventory.sweep();
      h.clock.advance(10);
      expect(await closeIdleConversations(h.core)).toBe(1);
      await h.core.outbox.drain();
      expect(h.twilioApi.messages.map((m) => [m.To, m.Body])).toEqual([['+12025550123', expect.stringMatching(/put Lemons back on the shelf/)]]);
    } finally {
      await h.close();
    }
  });
});

describe('stats', () => {
  it('rolls up messages, orders and revenue per day and channel, and the stats endpoint reports the store', async () => {
    const h = await startChannels({ LOW_STOCK_THRESHOLD: '3' });
    try {
      for (const t of ['hi', 'Wanda', 'pickup', '2 limes', 'checkout', 'pickup', 'yes']) await h.messaging.send('whatsapp:+12025550123', t);
      await h.telegram.contact(9, '+12025550124');
      for (const t of ['Tom', 'pickup', 'a coke', 'checkout', 'pickup', 'yes', 'human']) await h.telegram.message(9, t);
      await registered(h.core, '+12025550125');
      await customer(h.core, '+12025550125').say('3 avocados');
      await setStock(h.core, 'FRU-MAN', 2);

      const [, today] = await rollupStats(h.core);
      expect(today!.channels).toEqual({
        whatsapp: { messages: 7, orders: 1, revenueCents: 98 },
        telegram: { messages: 8, orders: 1, revenueCents: 99 },
        web: { messages: 4, orders: 0, revenueCents: 0 },
      });
      expect(today!.newCustomers).toBe(3);

      const res = await fetch(`${h.url}/admin/stats`, { headers: { authorization: 'Bearer admin-token-for-tests-0001' } });
      expect(res.status).toBe(200);
      const s = await res.json();
      expect(s.customers).toEqual({ total: 3, newToday: 3 });
      expect(s.orders.today).toEqual({ count: 2, revenue: 1.97 });
      expect(s.orders.perDay).toHaveLength(14);
      expect(s.orders.perDay.at(-1)).toMatchObject({ orders: 2, revenue: 1.97 });
      expect(s.averageOrderValue).toBe(0.99);
      expect(s.conversion).toEqual({ conversations: 3, withOrder: 2, rate: 0.667 });
      expect(s.activeHolds).toBe(1);
      expect(s.conversations.active).toBe(2);
      expect(s.conversations.byStage).toEqual({ placed: 1, ordering: 1 });
      expect(s.handoffs).toEqual([{ phone: '+12025550124', since: expect.any(String) }]);
      expect(s.lowStock).toEqual([{ sku: 'FRU-MAN', name: 'Mangoes', unit: 'each', available: 2 }]);
      expect(s.messagesPerChannel.today).toEqual({ whatsapp: 7, telegram: 8, web: 4 });
      expect((await fetch(`${h.url}/admin/stats`)).status).toBe(401);
    } finally {
      await h.close();
    }
  });
});
