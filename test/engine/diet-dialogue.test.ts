import { describe, expect, it } from 'vitest';
import { customer, makeCore, registered, type TestCore } from '../helpers';
import { STORES } from '../stores';

// What is in the food, answered from the tags alone: yes or no where a tag (or a stated implication) says
// so, "I don't know" and a person offered where none does. The bundled catalog's tags (data/catalog.json)
// plus a pesto the owner adds and tags here.
async function withPesto(core: TestCore, tags: string[]): Promise<void> {
  const added = await core.catalog.add({ sku: 'PAN-PES', name: 'Basil Pesto (190 g)', price: 2.99, unit: 'jar', stock: 10, category: 'Pantry', aliases: ['pesto'], tags });
  expect(added.ok).toBe(true);
}

describe.each(STORES)('questions about what is in the food, on the $name store', ({ open }) => {
  it('answers one product yes, no, or "I don\'t know" with a person offered, and the person is one tap away', async () => {
    const core = await makeCore({}, await open());
    await withPesto(core, []);
    const c = await registered(core, '+12025550141');

    expect(await c.say('is the pesto vegan?')).toBe('I don’t know whether Basil Pesto (190 g) is vegan: the store hasn’t marked it. Shall I ask a person at the store?');
    expect(c.options).toEqual(['Talk to a person', 'Add Basil Pesto (190 g)', 'Browse']);
    expect(c.replies[0]!.params).toMatchObject({ claim: 'vegan', answer: 'unknown' });

    // The owner marks it: the same question now has an answer, from the tag.
    expect((await core.catalog.patch('PAN-PES', { tags: ['vegetarian', 'contains-milk', 'contains-nuts'] })).ok).toBe(true);
    expect(await c.say('is the pesto vegan?')).toBe('No — Basil Pesto (190 g) contains milk, so it isn’t vegan.');
    expect(await c.say('is it vegetarian')).toBe('Yes — Basil Pesto (190 g) is vegetarian.');
    expect(await c.say('does it have nuts')).toBe('Yes — Basil Pesto (190 g) contains nuts.');
    // Nothing marked about halal: no guess.
    expect(await c.say('is this halal')).toMatch(/^I don’t know whether Basil Pesto \(190 g\) is halal/);
    // The offered person: the existing handoff.
    expect(await c.choose('human')).toMatch(/person|team|someone/i);
    expect((await core.store.getConversation('+12025550141'))?.stage).toBe('handoff');
  });

  it('states its implications: vegan means vegetarian, no milk and no egg; and nothing more', async () => {
    const core = await makeCore({}, await open());
    const c = await registered(core, '+12025550142');
    expect(await c.say('is the oat milk vegetarian')).toBe('Yes — Oat Milk (1 L) is vegan, so it is vegetarian.');
    expect(await c.say('is the oat milk dairy free?')).toBe('Yes — Oat Milk (1 L) is vegan, so it has no milk.');
    expect(await c.say('does the oat milk have eggs')).toBe('No — Oat Milk (1 L) is vegan, so it has no egg.');
    // Vegan says nothing about gluten or organic.
    expect(await c.say('is the oat milk gluten free')).toMatch(/^I don’t know whether Oat Milk \(1 L\) is gluten free/);
    expect(await c.say('is the rye bread gluten free')).toBe('No — Rye Bread contains gluten, so it isn’t gluten free.');
    expect(await c.say('r ur bagels gluten free')).toBe('No — Plain Bagels (4 pack) contains gluten, so it isn’t gluten free.');
  });

  it('lists the products that have the tag, says when others are unmarked, and offers them as buttons', async () => {
    const core = await makeCore({}, await open());
    const c = await registered(core, '+12025550143');
    // Every bakery product is marked as containing gluten: none is gluten free, and none is unknown.
    expect(await c.say('anything gluten free in bakery?')).toBe('None of the products in Bakery are gluten free, as the store marks them.');
    // The crisps are not marked at all.
    expect(await c.say('which crisps have no nuts?')).toBe('I don’t know which of the crisps are nut free: the store hasn’t marked them. Shall I ask a person at the store?');
    expect(c.optionIds).toEqual(['human', 'browse']);

    expect((await core.catalog.patch('SNA-CRI-SAL', { tags: ['vegan', 'nut-free'] })).ok).toBe(true);
    const listed = await c.say('which crisps have no nuts?');
    expect(listed).toContain('Of the crisps, these are nut free:\n• Ready Salted Crisps (150 g)');
    expect(listed).toContain('I don’t know about the other one: the store hasn’t marked it.');
    expect(c.optionIds).toEqual(['add:SNA-CRI-SAL', 'human']);
    // The button adds it, as any add button does.
    expect(await c.choose('add:SNA-CRI-SAL')).toMatch(/Added 1 × Ready Salted Crisps/);

    expect(await c.say('got any vegan cheese')).toBe('None of the cheese that the store has marked are vegan. I don’t know about the other one: the store hasn’t marked it. Shall I ask a person at the store?');
    expect(await c.say('any vegan fruit')).toContain('In Fruit, these are vegan:\n• Gala Apples');
  });

  it('answers while registering, and a word no product has is not found, not guessed', async () => {
    const core = await makeCore({}, await open());
    const c = customer(core, '+12025550144');
    await c.say('hi');
    expect(await c.say('are the bananas vegan?')).toContain('Yes — Bananas is vegan.');
    expect(await c.say('is the kimchi vegan')).toMatch(/don.t carry “kimchi”/);
    // Hidden by the owner: not available right now, and no answer about it.
    expect((await core.catalog.patch('DAI-MLK-OAT', { active: false })).ok).toBe(true);
    expect(await c.say('is the oat milk vegan?')).toMatch(/^Sorry, Oat Milk \(1 L\) isn’t available right now\./);
  });
});
