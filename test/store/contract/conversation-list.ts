import { describe, expect } from 'vitest';
import type { ConversationListPort, ConversationsPort, CustomersPort } from '../../../src/store/store';
import { portTest } from './fixtures';

type Ports = ConversationListPort & ConversationsPort & CustomersPort;

/** The list of every conversation's contract, run once per adapter. */
export function conversationListContract(adapter: string, open: () => Promise<Ports>) {
  const it = portTest(open);
  describe(`conversation list port contract: ${adapter}`, () => {
    async function seed(store: Ports) {
      const people: [string, string | undefined, number, 'menu' | 'handoff' | undefined][] = [
        ['+12025550101', 'Ana Lima', 100, 'menu'],
        ['+12025550102', 'Bob Ames', 300, 'menu'],
        ['+12025550103', 'Ana-Maria Cruz', 200, 'handoff'],
        ['+447700900104', 'Zoë Anand', 400, 'menu'],
        ['+12025550105', undefined, 50, undefined],
      ];
      for (const [phone, name, at, stage] of people) {
        await store.putCustomer({ phone, ...(name ? { name } : {}), createdAt: at - 10, lastChannel: 'sms' });
        if (stage) await store.saveConversation({ phone, stage, updatedAt: at, version: 0 });
      }
      // Only a lease: not a customer, not listed.
      await store.acquireConversationLease('+12025550199', 'p1', 1, 1000);
    }

    it('lists waiting customers first, then the most recently active, in pages that do not overlap', async ({ store }) => {
      await seed(store);
      const all = await store.listConversationSummaries({ offset: 0, limit: 10 });
      expect(all.more).toBe(false);
      expect(all.rows.map((r) => r.phone)).toEqual(['+12025550103', '+447700900104', '+12025550102', '+12025550101', '+12025550105']);
      expect(all.rows[0]).toEqual({ phone: '+12025550103', name: 'Ana-Maria Cruz', stage: 'handoff', waiting: true, lastActivityAt: 200, lastChannel: 'sms' });
      expect(all.rows[4]).toEqual({ phone: '+12025550105', waiting: false, lastActivityAt: 40, lastChannel: 'sms' });
      const first = await store.listConversationSummaries({ offset: 0, limit: 2 });
      const second = await store.listConversationSummaries({ offset: 2, limit: 2 });
      const third = await store.listConversationSummaries({ offset: 4, limit: 2 });
      expect([first.more, second.more, third.more]).toEqual([true, true, false]);
      expect([...first.rows, ...second.rows, ...third.rows].map((r) => r.phone)).toEqual(all.rows.map((r) => r.phone));
    });

    it('searches names by the start of a word in any case, and phones by their digits', async ({ store }) => {
      await seed(store);
      const find = async (search: string) => (await store.listConversationSummaries({ search, offset: 0, limit: 10 })).rows.map((r) => r.name ?? r.phone);
      expect(await find('ana')).toEqual(['Ana-Maria Cruz', 'Zoë Anand', 'Ana Lima']);
      expect(await find('CRU')).toEqual(['Ana-Maria Cruz']);
      expect(await find('ima')).toEqual([]);
      expect(await find('zoë')).toEqual(['Zoë Anand']);
      expect(await find('(202) 555-0105')).toEqual(['+12025550105']);
      expect(await find('+1202555010')).toEqual(['Ana-Maria Cruz', 'Bob Ames', 'Ana Lima', '+12025550105']);
      expect(await find('7700')).toEqual(['Zoë Anand']);
      // Pattern characters are searched as themselves.
      expect(await find('.*')).toEqual([]);
    });
  });
}
