import { describe, expect } from 'vitest';
import type { ConversationsPort, HoldsPort, HousekeepingPort, MessagesPort, StockPort, TranscriptsPort, TurnsPort } from '../../../src/store/store';
import { hold, portTest, ref } from './fixtures';

/** The housekeeping port's contract, run once per adapter. */
export function housekeepingContract(adapter: string, open: () => Promise<HousekeepingPort & MessagesPort & TranscriptsPort & StockPort & HoldsPort & TurnsPort & ConversationsPort>) {
  const it = portTest(open);
  describe(`housekeeping port contract: ${adapter}`, () => {
    it('forgets message records older than the housekeeping cutoff', async ({ store }) => {
      const phone = '+12025550123';
      const key = `web:${phone}:old`;
      const at = Date.now() - 10_000;
      const turn = (owner: string) => store.beginTurn(phone, { owner, now: Date.now(), ttlMs: 5_000, key });
      await turn('p1');
      await store.endTurn(phone, { owner: 'p1', message: { key, channel: 'web', at, replies: [{ key: 'welcome_new', text: 'Hello!' }] } });
      await store.maintain(60_000);
      expect((await turn('p2'))?.answered).toMatchObject({ key, state: 'done' });
      await store.releaseConversationLease(phone, 'p2');
      await store.maintain(5_000);
      expect(await store.getMessage(phone, key)).toBeUndefined();
      expect((await turn('p3'))?.answered).toBeUndefined();
    });

    it('forgets an old message record but keeps the transcript it carried', async ({ store }) => {
      const phone = '+12025550123';
      const key = `web:${phone}:said`;
      const at = Date.now() - 10_000;
      const entry = (id: string, from: 'customer' | 'bot', text: string) => ({ id: `${key}#${id}`, phone, channel: 'web' as const, at, from, text });
      await store.beginTurn(phone, { owner: 'p1', now: Date.now(), ttlMs: 5_000, key });
      await store.endTurn(phone, { owner: 'p1', message: { key, channel: 'web', at, replies: [{ key: 'welcome_new', text: 'Hello!' }], transcript: [entry('in00', 'customer', 'hi'), entry('out00', 'bot', 'Hello!')] } });
      await store.maintain(5_000);
      expect(await store.getMessage(phone, key)).toBeUndefined();
      expect((await store.listTranscript(phone)).map((e) => e.text)).toEqual(['hi', 'Hello!']);
    });

    it('keeps every record through housekeeping of old history', async ({ store }) => {
      await store.receiveStock('A', 10);
      for (let i = 0; i < 5; i += 1) await store.reserveStock('A', 1);
      // Finished this minute: younger than any cutoff, so every adapter keeps it.
      await store.insertHold(hold({ createdAt: Date.now(), expiresAt: Date.now() + 60_000 }));
      await store.transitionHold(ref('h1'), 'active', 'released');
      await store.insertHold(hold({ id: 'h2', sku: 'B', createdAt: 1, expiresAt: 100 }));
      await store.transitionHold(ref('h2'), 'active', 'converted', { orderId: 'ORD-1' });
      await new Promise((r) => setTimeout(r, 5));
      await store.maintain(1);
      expect(await store.getHold(ref('h2'))).toMatchObject({ status: 'converted', orderId: 'ORD-1' });
      expect(await store.getStock('A')).toEqual({ sku: 'A', received: 10, available: 5, reserved: 5, sold: 0 });
      expect(await store.getHold(ref('h1'))).toMatchObject({ status: 'released' });
      expect(await store.reserveStock('A', 5)).toBe(true);
      expect(await store.getStock('A')).toMatchObject({ available: 0, reserved: 10 });
    });
  });
}
