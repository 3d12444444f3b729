import { describe, expect } from 'vitest';
import type { MessagesPort, TurnsPort } from '../../../src/store/store';
import { portTest, recordMessage } from './fixtures';

const PHONE = '+12025550123';

/** The message records port's contract, run once per adapter. */
export function messagesContract(adapter: string, open: () => Promise<MessagesPort & TurnsPort>) {
  const it = portTest(open);
  describe(`message records port contract: ${adapter}`, () => {
    it('finds a recorded message by its phone and key, with its replies; another phone\'s key is not theirs', async ({ store }) => {
      const key = `web:${PHONE}:m1`;
      expect(await store.getMessage(PHONE, key)).toBeUndefined();
      await recordMessage(store, { key, phone: PHONE, channel: 'web', at: 1000, replies: [{ key: 'welcome_new', text: 'hi', options: [{ id: 'a', label: 'A' }] }] });
      expect(await store.getMessage(PHONE, key)).toEqual({ key, phone: PHONE, channel: 'web', at: 1000, state: 'done', replies: [{ key: 'welcome_new', text: 'hi', options: [{ id: 'a', label: 'A' }] }] });
      expect(await store.getMessage('+12025550999', key)).toBeUndefined();
    });

    it('counts messages per channel in a time range, each once however often it was recorded', async ({ store }) => {
      const at = (key: string, channel: 'web' | 'sms', t: number) => recordMessage(store, { key, phone: PHONE, channel, at: t });
      await at('web:a', 'web', 1000);
      await at('web:b', 'web', 1500);
      await at('sms:c', 'sms', 1999);
      await at('web:e', 'web', 2000);
      await at('web:a', 'web', 1001);
      expect(await store.countMessages(1000, 2000)).toEqual({ web: 2, sms: 1 });
      expect(await store.countMessages(0, 1000)).toEqual({});
    });

    it('keeps and finds every message of a customer who sends many (none lost to the bounds of their record)', async ({ store }) => {
      for (let i = 0; i < 130; i += 1) await recordMessage(store, { key: `sms:${PHONE}:${i}`, phone: PHONE, channel: 'sms', at: 10_000 + i, replies: [{ key: 'added', text: `reply ${i}` }] });
      expect((await store.getMessage(PHONE, `sms:${PHONE}:0`))?.replies).toEqual([{ key: 'added', text: 'reply 0' }]);
      expect((await store.getMessage(PHONE, `sms:${PHONE}:129`))?.replies).toEqual([{ key: 'added', text: 'reply 129' }]);
      expect(await store.countMessages(10_000, 10_130)).toEqual({ sms: 130 });
    });
  });
}
