import { describe, expect, it } from 'vitest';
import { expectInvariants, makeCore, registered } from '../helpers';

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const PIECES = ['2', 'two', 'kg', 'a dozen', 'half', 'add', 'remove', 'make it', 'milk', 'apples', 'and', ',', 'x3', '3x',
  'to', 'for', 'yes', 'no', 'cancel', 'checkout', 'human', 'restart', '🍌', '\u0000', '\u202e', '\n', '$', '%', '1e9',
  '-5', '0', '999999', 'NaN', 'ORD-1001', '<script>', '"', "'", '\\', 'é', '中文', 'ü', '#1', 'option 7', '   '];

describe('random input', () => {
  it('400 random messages: every one answered, no crash, the counters always add up', async () => {
    // 400 messages from one phone: far over the per-phone rate limit, which another test covers.
    const core = await makeCore({ RATE_PER_MINUTE: '10000' });
    const c = await registered(core, '+12025550123');
    const random = rng(20261122);
    for (let i = 0; i < 400; i += 1) {
      const n = 1 + Math.floor(random() * 6);
      const text = Array.from({ length: n }, () => PIECES[Math.floor(random() * PIECES.length)]).join(random() < 0.5 ? ' ' : '');
      const reply = await c.say(text);
      if (reply === '') {
        // Only a human handoff silences the bot; give the customer back and go on.
        expect((await core.store.getConversation(c.phone))?.stage).toBe('handoff');
        await core.engine.release(c.phone);
        continue;
      }
      expect(reply).not.toMatch(/trouble on our side|undefined|NaN|\[object/);
    }
    await expectInvariants(core.store);
    for (const s of await core.store.listStock()) expect(s.available).toBeGreaterThanOrEqual(0);
  });
});
