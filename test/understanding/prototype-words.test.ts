import { beforeEach, describe, expect, it } from 'vitest';
import { expectInvariants, makeCore, registered, type TestCore } from '../helpers';

// The report: "constructor bananas" answered "Added function Object() ... (about NaN g) — $NaN" and
// left NaN in the stock counters. Words that name parts of Object.prototype are plain words to the bot.
const WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

describe('a customer typing words that are also JavaScript property names', () => {
  let core: TestCore;
  beforeEach(async () => { core = await makeCore(); });

  it.each(WORDS)('"%s bananas" never adds a made-up amount, and the stock stays whole', async (word) => {
    const before = await core.store.getStock('FRU-BAN');
    const c = await registered(core, '+12025550142');
    const reply = await c.say(`${word} bananas`);
    expect(reply).not.toMatch(/NaN|function|native code|undefined|Infinity/);
    const after = await core.store.getStock('FRU-BAN');
    for (const k of ['available', 'reserved', 'sold', 'received'] as const) expect(Number.isSafeInteger(after![k]), k).toBe(true);
    // Either nothing was added, or a plain "bananas" line of one piece's weight.
    expect(after!.reserved === 0 || after!.reserved === 120, `reserved ${after!.reserved}`).toBe(true);
    expect(after!.received).toBe(before!.received);
    await expectInvariants(core.store);
  });

  it.each(WORDS)('"%s" is no amount, before a product, before a unit or after "make it"', async (word) => {
    const c = await registered(core, '+12025550143');
    for (const text of [`2 ${word} apples`, `${word} kg apples`, `make it ${word}`]) {
      expect(await c.say(text), text).not.toMatch(/NaN|function|native code|Infinity/);
    }
    await expectInvariants(core.store);
  });
});
