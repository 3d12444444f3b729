import { describe, expect } from 'vitest';
import type { ConversationsPort, CustomersPort, MessagesPort, TranscriptsPort, TurnsPort } from '../../../src/store/store';
import { portTest } from './fixtures';

const PHONE = '+12025550123';
type Ports = TurnsPort & ConversationsPort & CustomersPort & MessagesPort & TranscriptsPort;
const begin = (store: TurnsPort, owner: string, key: string, now = 1000) => store.beginTurn(PHONE, { owner, now, ttlMs: 5000, key });
const message = (key: string, text = 'hi') => ({ key, channel: 'sms' as const, at: 1000, replies: [{ key: 'welcome_new' as const, text }] });

/** The turns port's contract, run once per adapter. */
export function turnsContract(adapter: string, open: () => Promise<Ports>) {
  const it = portTest(open);
  describe(`turns port contract: ${adapter}`, () => {
    it('a turn begins with what is stored (nothing for someone new), and its end writes the customer, the conversation and the record', async ({ store }) => {
      expect(await begin(store, 'p1', 'sms:k1')).toEqual({ retry: false, interrupted: false });
      const conversation = { phone: PHONE, stage: 'registration_name' as const, updatedAt: 1000, version: 0 };
      expect(await store.endTurn(PHONE, { owner: 'p1', message: message('sms:k1'), customer: { phone: PHONE, createdAt: 1000 }, conversation })).toBe(true);
      expect(await store.getConversation(PHONE)).toEqual({ ...conversation, version: 1 });
      const next = await begin(store, 'p2', 'sms:k2');
      expect(next).toEqual({ customer: { phone: PHONE, createdAt: 1000 }, conversation: { ...conversation, version: 1 }, retry: false, interrupted: false });
    });

    it('the lease: a second owner gets nothing while the first holds it, and begins once it ended or expired', async ({ store }) => {
      expect(await begin(store, 'p1', 'sms:k1')).toBeDefined();
      expect(await begin(store, 'p2', 'sms:k2')).toBeUndefined();
      expect(await store.acquireConversationLease(PHONE, 'p2', 1000, 5000)).toBe(false);
      expect(await store.endTurn(PHONE, { owner: 'p1', message: message('sms:k1') })).toBe(true);
      expect(await begin(store, 'p2', 'sms:k2')).toBeDefined();
      // p2 dies holding it: after its TTL, p3 begins.
      expect(await begin(store, 'p3', 'sms:k3', 2000)).toBeUndefined();
      expect(await begin(store, 'p3', 'sms:k3', 6000)).toBeDefined();
    });

    it('a message answered before is read as answered, with its first replies; a second end keeps them', async ({ store }) => {
      await begin(store, 'p1', 'sms:k1');
      await store.endTurn(PHONE, { owner: 'p1', message: message('sms:k1', 'first') });
      const again = await begin(store, 'p1', 'sms:k1');
      expect(again?.answered).toMatchObject({ key: 'sms:k1', state: 'done', replies: [{ key: 'welcome_new', text: 'first' }] });
      await store.endTurn(PHONE, { owner: 'p1', message: message('sms:k1', 'second') });
      expect((await store.getMessage(PHONE, 'sms:k1'))?.replies).toEqual([{ key: 'welcome_new', text: 'first' }]);
    });

    it('a turn begun and never ended makes the next attempt of the same message a retry; an ended one does not', async ({ store }) => {
      expect((await begin(store, 'p1', 'sms:k1'))?.retry).toBe(false);
      await store.releaseConversationLease(PHONE, 'p1');
      expect((await begin(store, 'p2', 'sms:k1'))?.retry).toBe(true);
      expect((await begin(store, 'p2', 'sms:other'))?.retry).toBe(false);
      await store.endTurn(PHONE, { owner: 'p2', message: message('sms:k1') });
      expect((await begin(store, 'p2', 'sms:k9'))?.retry).toBe(false);
    });

    it('a turn begun and never ended makes the next turn of another message interrupted, until it ends', async ({ store }) => {
      await begin(store, 'p1', 'sms:failed');
      await store.releaseConversationLease(PHONE, 'p1');
      expect(await begin(store, 'p2', 'sms:next')).toMatchObject({ retry: false, interrupted: true });
      await store.endTurn(PHONE, { owner: 'p2', message: message('sms:next') });
      expect((await begin(store, 'p2', 'sms:failed'))?.retry).toBe(true);
      await store.endTurn(PHONE, { owner: 'p2', message: message('sms:failed') });
      expect(await begin(store, 'p3', 'sms:later')).toMatchObject({ retry: false, interrupted: false });
    });

    it('an end whose conversation was changed meanwhile writes nothing, and keeps the lease for its owner to release', async ({ store }) => {
      await begin(store, 'p1', 'sms:k1');
      await store.saveConversation({ phone: PHONE, stage: 'menu', updatedAt: 1, version: 0 });
      const stale = { phone: PHONE, stage: 'ordering' as const, updatedAt: 2, version: 0 };
      expect(await store.endTurn(PHONE, { owner: 'p1', message: message('sms:k1'), customer: { phone: PHONE, name: 'Ana', createdAt: 1 }, conversation: stale })).toBe(false);
      expect(await store.getConversation(PHONE)).toMatchObject({ stage: 'menu', version: 1 });
      expect(await store.getCustomer(PHONE)).toBeUndefined();
      expect(await store.getMessage(PHONE, 'sms:k1')).toBeUndefined();
      expect(await begin(store, 'p2', 'sms:k2')).toBeUndefined();
      await store.releaseConversationLease(PHONE, 'p1');
      expect(await begin(store, 'p2', 'sms:k2')).toBeDefined();
    });

    it('the transcript given with the end is kept, once however often it is given', async ({ store }) => {
      const entry = (id: string, at: number) => ({ id, phone: PHONE, channel: 'sms' as const, at, from: 'customer' as const, text: `text ${id}` });
      await begin(store, 'p1', 'sms:k1');
      await store.endTurn(PHONE, { owner: 'p1', message: { ...message('sms:k1'), transcript: [entry('k1#in00', 10)] } });
      await store.appendTranscript([entry('k1#in00', 10), entry('a2', 20)]);
      expect((await store.listTranscript(PHONE)).map((e) => e.id)).toEqual(['k1#in00', 'a2']);
    });

    it('of many owners beginning at once, exactly one holds the lease', async ({ store }) => {
      const begun = await Promise.all(Array.from({ length: 12 }, (_, i) => begin(store, `p${i}`, `sms:k${i}`)));
      expect(begun.filter(Boolean)).toHaveLength(1);
    });
  });
}
