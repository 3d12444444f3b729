import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../src/domain/types';
import { normalised, type SavedConversation } from '../../src/engine/stages/asking';
import { customer, makeCore, registered } from '../helpers';
import { STORES } from '../stores';

const PHONE = '+12025550123';
const base: Conversation = { phone: PHONE, stage: 'ordering', updatedAt: 0, version: 3 };

describe('a conversation saved before `asking` (with `pending`), read today', () => {
  it('takes its pending question as the question on the table, and drops `pending`', () => {
    const old: SavedConversation = { ...base, pending: { kind: 'how_many', sku: 'FRU-AVO' }, options: [{ id: 'cart', label: 'View cart' }] };
    const read = normalised(old);
    expect(read).toEqual({ ...base, asking: { kind: 'how_many', sku: 'FRU-AVO' }, options: [{ id: 'cart', label: 'View cart' }] });
    expect(read).not.toHaveProperty('pending');
  });

  it('without a pending question, takes the question its stage asks (none while shopping)', () => {
    expect(normalised({ ...base, stage: 'registration_name', nameAsks: 1 }).asking).toEqual({ kind: 'name' });
    expect(normalised({ ...base, stage: 'registration_address' }).asking).toEqual({ kind: 'address' });
    expect(normalised({ ...base, stage: 'checkout_method' }).asking).toEqual({ kind: 'fulfilment' });
    expect(normalised({ ...base, stage: 'checkout_address' }).asking).toEqual({ kind: 'address' });
    expect(normalised({ ...base, stage: 'checkout_confirm' }).asking).toEqual({ kind: 'confirm_order' });
    for (const stage of ['menu', 'ordering', 'placed', 'handoff'] as const) expect(normalised({ ...base, stage }), stage).toEqual({ ...base, stage });
  });

  it('leaves a conversation saved today as it is', () => {
    const today: Conversation = { ...base, asking: { kind: 'confirm_restart' } };
    expect(normalised(today)).toEqual(today);
    expect(normalised(base)).toEqual(base);
  });
});

describe.each(STORES)('on the $name store, a conversation saved by the code before `asking`', ({ open }) => {
  /** Rewrites the saved conversation as the code before `asking` saved it. */
  async function saveAsBefore(core: Awaited<ReturnType<typeof makeCore>>, change: (c: SavedConversation) => SavedConversation): Promise<void> {
    const saved = (await core.store.getConversation(PHONE))!;
    const { asking, ...before } = saved;
    expect(asking === undefined || typeof asking.kind === 'string').toBe(true);
    expect(await core.store.saveConversation(change(before))).toBe(true);
  }

  it('answers its "how many?" as it did', async () => {
    const core = await makeCore({}, await open());
    const c = await registered(core, PHONE);
    await c.say('2 bananas');
    await saveAsBefore(core, (conv) => ({ ...conv, stage: 'ordering', pending: { kind: 'how_many', sku: 'FRU-AVO' } }));
    expect(await c.say('3')).toContain('Added 3 × Hass Avocados');
    expect((await core.store.getConversation(PHONE))).not.toHaveProperty('pending');
  });

  it('still asks the name it was asking', async () => {
    const core = await makeCore({}, await open());
    const c = customer(core, PHONE);
    expect(await c.say('hello')).toMatch(/what’s your name/);
    await saveAsBefore(core, (conv) => conv);
    expect(await c.say('Sam')).toMatch(/Nice to meet you, Sam!/);
  });

  it('reads "go ahead and place my order" at the read-back it was on as a yes', async () => {
    const core = await makeCore({}, await open());
    const c = await registered(core, PHONE);
    await c.say('2 bananas');
    expect(await c.say('checkout')).toMatch(/Delivery or pickup|deliver to/);
    await saveAsBefore(core, (conv) => conv);
    expect(await c.say('pickup')).toMatch(/Shall I place it\?/);
    await saveAsBefore(core, (conv) => conv);
    expect(await c.say('go ahead and place my order')).toMatch(/Order ORD-\d+ is placed!/);
  });
});
