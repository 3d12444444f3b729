import { describe, expect, it } from 'vitest';
import { makeCore, registered } from '../helpers';
import { STORES } from '../stores';

// A product carrying both sides of a claim (data from an older catalog, from before such tags were refused)
// is answered "I don't know" with a person offered, never yes or no.
describe.each(STORES)('a product marked both ways, on the $name store', ({ open }) => {
  it('a product marked both ways is "I don\'t know", with a person offered, for the claim and its opposite', async () => {
    const core = await makeCore({}, await open());
    const cookies = (await core.store.getProduct('SNA-COO'))!;
    // Written straight to the store, as an older catalog could have: the API refuses it now.
    await core.store.upsertProduct({ ...cookies, tags: ['nut-free', 'contains-nuts'] });
    await core.catalog.refresh();
    const c = await registered(core, '+12025550161');
    for (const text of ['are the cookies nut free?', 'do the cookies contain nuts?', 'r the cookies safe for nut allergies']) {
      expect(await c.say(text)).toMatch(/^I don’t know whether Chocolate Chip Cookies \(200 g\) .*: the store has marked it both nut free and contains nuts, which can’t both be right\. Shall I ask a person at the store\?$/);
      expect(c.optionIds[0]).toBe('human');
      expect(c.replies[0]!.params).toMatchObject({ answer: 'unknown' });
    }
    // The owner may still change its price; the tags stay until the owner puts them right.
    expect((await core.catalog.patch('SNA-COO', { price: 2.79 })).ok).toBe(true);
    expect((await core.store.getProduct('SNA-COO'))?.tags).toEqual(['nut-free', 'contains-nuts']);
    expect(await c.say('are the cookies nut free')).toContain('both nut free and contains nuts');
    expect(await core.catalog.patch('SNA-COO', { tags: ['contains-nuts', 'nut-free'] })).toMatchObject({ ok: false });
    // In a list it is one the bot does not know about, not one it names.
    expect(await c.say('which cookies have no nuts?')).toBe('I don’t know which of the cookies are nut free. Chocolate Chip Cookies (200 g) is marked both ways by the store, so I can’t say of it. Shall I ask a person at the store?');
    expect(c.optionIds).toEqual(['human', 'browse']);
    expect((await core.catalog.patch('SNA-CRI-SAL', { tags: ['nut-free'] })).ok).toBe(true);
    const listed = await c.say('which snacks have no nuts?');
    expect(listed).toContain('these are nut free:\n• Ready Salted Crisps (150 g)');
    expect(listed).toContain('Chocolate Chip Cookies (200 g) is marked both ways by the store, so I can’t say of it.');
    expect(listed).not.toContain('• Chocolate Chip Cookies');
    expect(c.optionIds).toContain('human');

    await core.store.upsertProduct({ ...cookies, tags: ['vegan', 'contains-milk'] });
    await core.catalog.refresh();
    expect(await c.say('are the cookies vegan')).toMatch(/^I don’t know whether Chocolate Chip Cookies \(200 g\) is vegan: the store has marked it both vegan and contains milk/);
    expect(await c.say('do the cookies have dairy')).toMatch(/^I don’t know whether Chocolate Chip Cookies \(200 g\) .*both vegan and contains milk/);
    expect(await c.say('are the cookies vegetarian')).toMatch(/^Yes — Chocolate Chip Cookies \(200 g\) is vegan, so it is vegetarian\.$/);
  });
});
