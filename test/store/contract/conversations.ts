import { describe, expect } from 'vitest';
import type { Conversation } from '../../../src/domain/types';
import type { ConversationsPort } from '../../../src/store/store';
import { portTest } from './fixtures';

/** The conversations port's contract, run once per adapter. */
export function conversationsContract(adapter: string, open: () => Promise<ConversationsPort>) {
  const it = portTest(open);
  describe(`conversations port contract: ${adapter}`, () => {
    it('saves conversations only against the version that was read', async ({ store }) => {
      const conv: Conversation = { phone: '+12025550123', stage: 'menu', updatedAt: 1, version: 0 };
      expect(await store.saveConversation(conv)).toBe(true);
      expect(await store.saveConversation(conv)).toBe(false);
      const read = (await store.getConversation(conv.phone))!;
      expect(read.version).toBe(1);
      const [a, b] = await Promise.all([
        store.saveConversation({ ...read, stage: 'ordering' }),
        store.saveConversation({ ...read, stage: 'handoff' }),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      expect((await store.getConversation(conv.phone))!.version).toBe(2);
      expect(await store.listConversations({ stage: a ? 'ordering' : 'handoff' })).toHaveLength(1);
    });

    it('leases a customer’s conversation to one owner at a time, until it expires', async ({ store }) => {
      const phone = '+12025550123';
      const got = await Promise.all([store.acquireConversationLease(phone, 'p1', 1000, 500), store.acquireConversationLease(phone, 'p2', 1000, 500)]);
      expect(got.filter(Boolean)).toHaveLength(1);
      const [winner, loser] = got[0] ? ['p1', 'p2'] : ['p2', 'p1'];
      expect(await store.acquireConversationLease(phone, winner, 1100, 500)).toBe(true);
      expect(await store.acquireConversationLease(phone, loser, 1200, 500)).toBe(false);
      await store.releaseConversationLease(phone, loser);
      expect(await store.acquireConversationLease(phone, loser, 1300, 500)).toBe(false);
      await store.releaseConversationLease(phone, winner);
      expect(await store.acquireConversationLease(phone, loser, 1300, 500)).toBe(true);
      expect(await store.acquireConversationLease(phone, winner, 1799, 500)).toBe(false);
      expect(await store.acquireConversationLease(phone, winner, 1801, 500)).toBe(true);
      // Another customer's conversation is leased on its own.
      expect(await store.acquireConversationLease('+12025550124', loser, 1801, 500)).toBe(true);
    });

  });
}
