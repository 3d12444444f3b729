import { describe, expect } from 'vitest';
import type { MessagesPort, TranscriptsPort, TurnsPort } from '../../../src/store/store';
import { portTest } from './fixtures';

/** The transcripts port's contract, run once per adapter. */
export function transcriptsContract(adapter: string, open: () => Promise<TranscriptsPort & MessagesPort & TurnsPort>) {
  const it = portTest(open);
  describe(`transcripts port contract: ${adapter}`, () => {
    it('keeps a phone\'s transcript oldest first, the last ones when limited, and forgets old entries', async ({ store }) => {
      const entry = (id: string, phone: string, at: number, from: 'customer' | 'bot' | 'staff' = 'customer') =>
        ({ id, phone, at, from, channel: 'whatsapp' as const, text: `message ${id}` });
      await store.appendTranscript([entry('t1', '+12025550123', 100)]);
      await store.appendTranscript([entry('t2', '+12025550123', 200, 'bot')]);
      await store.appendTranscript([entry('t3', '+12025550124', 250)]);
      await store.appendTranscript([entry('t4', '+12025550123', 300, 'staff')]);
      expect(await store.listTranscript('+12025550123')).toEqual([
        entry('t1', '+12025550123', 100), entry('t2', '+12025550123', 200, 'bot'), entry('t4', '+12025550123', 300, 'staff'),
      ]);
      expect((await store.listTranscript('+12025550123', 2)).map((e) => e.id)).toEqual(['t2', 't4']);
      expect(await store.listTranscript('+12025550199')).toEqual([]);
      expect(await store.pruneTranscripts(250)).toBe(2);
      expect((await store.listTranscript('+12025550123')).map((e) => e.id)).toEqual(['t4']);
      expect((await store.listTranscript('+12025550124')).map((e) => e.id)).toEqual(['t3']);
      expect(await store.pruneTranscripts(250)).toBe(0);
    });

    it('keeps the entries of one call in order, and an entry already kept (same id) once, with the others of its call', async ({ store }) => {
      const entry = (id: string, at: number) => ({ id, phone: '+12025550130', at, from: 'bot' as const, channel: 'sms' as const, text: `reply ${id}` });
      await store.appendTranscript([entry('r1', 10), entry('r2', 11)]);
      await store.appendTranscript([entry('r2', 11), entry('r3', 12)]);
      await store.appendTranscript([]);
      expect((await store.listTranscript('+12025550130')).map((e) => e.id)).toEqual(['r1', 'r2', 'r3']);
    });

    it('keeps the transcript entries given with a message\'s turn, read back with those appended alone, and forgets them', async ({ store }) => {
      const phone = '+12025550140';
      const key = `sms:${phone}:m1`;
      const entry = (id: string, at: number, from: 'customer' | 'bot' = 'bot') => ({ id, phone, at, from, channel: 'sms' as const, text: `text ${id}` });
      const hi = { key: 'welcome_new' as const, text: 'hi' };
      await store.appendTranscript([entry('a1', 10)]);
      await store.beginTurn(phone, { owner: 'p1', now: 15, ttlMs: 5_000, key });
      await store.endTurn(phone, { owner: 'p1', message: { key, channel: 'sms', at: 15, replies: [hi], transcript: [entry('m1#in00', 20, 'customer'), entry('m1#out00', 21)] } });
      // A redelivery finds the message answered; ending its turn again keeps the first replies and entries.
      expect((await store.beginTurn(phone, { owner: 'p2', now: 30, ttlMs: 5_000, key }))?.answered?.replies).toEqual([hi]);
      await store.endTurn(phone, { owner: 'p2', message: { key, channel: 'sms', at: 30, replies: [{ key: 'welcome_new', text: 'hi again' }], transcript: [entry('m1#in00', 30, 'customer')] } });
      // One appended alone too is listed once.
      await store.appendTranscript([entry('m1#in00', 20, 'customer'), entry('a2', 40)]);
      expect((await store.getMessage(phone, key))?.replies).toEqual([hi]);
      expect(await store.listTranscript(phone)).toEqual([entry('a1', 10), entry('m1#in00', 20, 'customer'), entry('m1#out00', 21), entry('a2', 40)]);
      expect((await store.listTranscript(phone, 2)).map((e) => e.id)).toEqual(['m1#out00', 'a2']);
      expect(await store.pruneTranscripts(25)).toBeGreaterThanOrEqual(3);
      expect((await store.listTranscript(phone)).map((e) => e.id)).toEqual(['a2']);
      // The message itself is kept: a redelivery is still answered from it.
      expect((await store.beginTurn(phone, { owner: 'p3', now: 50, ttlMs: 5_000, key }))?.answered?.replies).toEqual([hi]);
    });
  });
}
