import { describe, expect, it } from 'vitest';
import { makeCore, registered } from '../helpers';
import { STORES } from '../stores';

// Words that name several products ("the crisps": an alias of one, a word of the other's name) are answered
// product by product, as "which crisps…" is, never for one of them alone: a milk-allergic customer is never
// told "no milk" of "the crisps" from one of them.
describe.each(STORES)('a yes/no question of several products, on the $name store', ({ open }) => {
  it('"the crisps" asks of every crisps, in many voices; one named exactly is still a yes or no', async () => {
    const core = await makeCore({}, await open());
    expect((await core.catalog.patch('SNA-CRI-SAL', { tags: ['vegan'] })).ok).toBe(true);
    expect((await core.catalog.patch('SNA-CRI-SVN', { tags: ['contains-milk'] })).ok).toBe(true);
    const c = await registered(core, '+12025550162');
    for (const text of ['are the crisps vegan?', 'r the crisps vegan', 'crisps vegan?', 'are your chips vegan', 'is the crisps vegan']) {
      const said = await c.say(text);
      expect(said, text).toContain('these are vegan:\n• Ready Salted Crisps (150 g)');
      expect(said, text).not.toMatch(/^Yes/);
    }
    for (const text of ['do the crisps have milk', 'do the crisps contain dairy?', 'do crisps have milk in them', 'any milk in the crisps']) {
      const said = await c.say(text);
      expect(said, text).not.toMatch(/^No —/);
      expect(said, text).toContain('these contain milk:\n• Salt & Vinegar Crisps (150 g)');
      expect(said, text).not.toContain('Ready Salted');
    }
    // Asked the other way round: only the one that has none is listed.
    const free = await c.say('are the crisps dairy free');
    expect(free).toContain('these have no milk:\n• Ready Salted Crisps (150 g)');
    expect(free).not.toContain('Salt & Vinegar');
    expect(await c.say('are the ready salted crisps vegan')).toBe('Yes — Ready Salted Crisps (150 g) is vegan.');
    expect(await c.say('do the salt and vinegar crisps have milk')).toBe('Yes — Salt & Vinegar Crisps (150 g) contains milk.');
    expect(await c.say('is the oat milk vegan')).toBe('Yes — Oat Milk (1 L) is vegan.');
  });
});
