import { describe, expect } from 'vitest';
import type { MessagesPort } from '../../../src/store/store';
import { portTest } from './fixtures';

/** The message records port's contract, run once per adapter. */
export function messagesContract(adapter: string, open: () => Promise<MessagesPort>) {
  const it = portTest(open);
  describe(`message records port contract: ${adapter}`, () => {
    it('starts a message record once, pending, and finishes it once with its replies', async ({ store }) => {
      const rec = { key: 'web:+12025550123:m1', phone: '+12025550123', channel: 'web' as const, at: 1000 };
      expect(await store.getMessage(rec.key)).toBeUndefined();
      expect(await store.startMessage(rec)).toEqual({ record: { ...rec, state: 'pending' }, created: true });
      expect(await store.startMessage({ ...rec, at: 2000 })).toEqual({ record: { ...rec, state: 'pending' }, created: false });
      await store.finishMessage(rec.key, [{ key: 'welcome_new', text: 'hi', options: [{ id: 'a', label: 'A' }] }]);
      await store.finishMessage(rec.key, [{ key: 'welcome_new', text: 'a second finish changes nothing' }]);
      const done = { ...rec, state: 'done', replies: [{ key: 'welcome_new', text: 'hi', options: [{ id: 'a', label: 'A' }] }] };
      expect(await store.getMessage(rec.key)).toEqual(done);
      expect(await store.startMessage(rec)).toEqual({ record: done, created: false });
      await store.finishMessage('web:+12025550123:never-started', []);
      expect(await store.getMessage('web:+12025550123:never-started')).toBeUndefined();
    });

    it('creates a message record exactly once when many start it at the same moment', async ({ store }) => {
      const rec = { key: 'sms:+12025550123:race', phone: '+12025550123', channel: 'sms' as const, at: 1000 };
      const results = await Promise.all(Array.from({ length: 12 }, () => store.startMessage(rec)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      results.forEach((r) => expect(r.record).toEqual({ ...rec, state: 'pending' }));
      expect(await store.countMessages(0, 2000)).toEqual({ sms: 1 });
    });

    it('counts messages per channel in a time range', async ({ store }) => {
      const start = (key: string, channel: 'web' | 'sms', at: number) => store.startMessage({ key, phone: '+12025550123', channel, at });
      await start('web:a', 'web', 1000);
      await start('web:b', 'web', 1500);
      await start('sms:c', 'sms', 1999);
      await start('web:e', 'web', 2000);
      await start('web:a', 'web', 1001);
      expect(await store.countMessages(1000, 2000)).toEqual({ web: 2, sms: 1 });
      expect(await store.countMessages(0, 1000)).toEqual({});
    });
  });
}
