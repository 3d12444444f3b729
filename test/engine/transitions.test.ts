import { describe, expect, it } from 'vitest';
import { STAGES, type Conversation, type Stage } from '../../src/domain/types';
import { canMove, moveTo, TRANSITIONS } from '../../src/engine/transitions';

const at = (stage: Stage): Conversation => ({ phone: '+12025550123', stage, updatedAt: 0, version: 0 });

describe('the stage transition table', () => {
  it('names every stage, and only stages', () => {
    expect([...TRANSITIONS.keys()].sort()).toEqual([...STAGES].sort());
    for (const to of [...TRANSITIONS.values()].flat()) expect(STAGES).toContain(to);
  });

  const legal = [...TRANSITIONS].flatMap(([from, tos]) => tos.map((to) => [from, to] as const));
  it.each(legal)('allows %s → %s', (from, to) => {
    const conv = at(from);
    moveTo(conv, to);
    expect(conv.stage).toBe(to);
  });

  it('allows staying on any stage', () => {
    for (const s of STAGES) expect(canMove(s, s)).toBe(true);
  });

  const illegal = STAGES.flatMap((from) => STAGES.filter((to) => to !== from && !TRANSITIONS.get(from)!.includes(to)).map((to) => [from, to] as const));
  it.each(illegal)('refuses %s → %s, and leaves the stage alone', (from, to) => {
    const conv = at(from);
    expect(() => moveTo(conv, to)).toThrow(`illegal stage transition ${from} → ${to}`);
    expect(conv.stage).toBe(from);
  });

  it('keeps the moves that matter out: no order placed without a read-back, no checkout before registration, handoff only back to the menu', () => {
    for (const from of STAGES.filter((s) => s !== 'checkout_confirm' && s !== 'placed')) expect(canMove(from, 'placed'), from).toBe(false);
    for (const s of ['greeting', 'registration_name', 'registration_address'] as const) {
      expect(canMove(s, 'checkout_method')).toBe(false);
      expect(canMove(s, 'checkout_confirm')).toBe(false);
    }
    expect(TRANSITIONS.get('handoff')).toEqual(['menu']);
    expect(illegal.length).toBeGreaterThan(40);
  });

  it('leaves a stage in one place: its question (or a side question asked there) gives way to the next stage\'s, and what it kept goes', () => {
    const conv: Conversation = { ...at('ordering'), asking: { kind: 'how_many', sku: 'FRU-AVO' } };
    moveTo(conv, 'checkout_method');
    expect(conv.asking).toEqual({ kind: 'fulfilment' });
    moveTo(conv, 'checkout_confirm');
    expect(conv.asking).toEqual({ kind: 'confirm_order' });
    moveTo(conv, 'checkout_confirm');
    expect(conv.asking).toEqual({ kind: 'confirm_order' });
    moveTo(conv, 'ordering');
    expect(conv.asking).toBeUndefined();
    moveTo(conv, 'handoff');
    conv.handoff = { reason: 'asked' };
    moveTo(conv, 'menu');
    expect(conv.handoff).toBeUndefined();
    const registering: Conversation = { ...at('registration_address'), nameAsks: 2, asking: { kind: 'address' } };
    moveTo(registering, 'menu');
    expect(registering.nameAsks).toBeUndefined();
    expect(registering.asking).toBeUndefined();
  });

  it('a checkout keeps the read-back\'s quote and the caller\'s address for this order while it goes on, and forgets both when it is left', () => {
    const quote = { lines: [], fulfilment: 'delivery' as const, deliveryFeeCents: 499, totalCents: 499 };
    const conv: Conversation = { ...at('checkout_method'), orderAddress: '5 Elm Street', quote };
    moveTo(conv, 'checkout_address');
    moveTo(conv, 'checkout_confirm');
    expect(conv).toMatchObject({ orderAddress: '5 Elm Street', quote });
    moveTo(conv, 'ordering');
    expect(conv.orderAddress).toBeUndefined();
    expect(conv.quote).toBeUndefined();
    const placing: Conversation = { ...at('checkout_confirm'), orderAddress: '5 Elm Street', quote };
    moveTo(placing, 'placed');
    expect(placing.orderAddress).toBeUndefined();
    expect(placing.quote).toBeUndefined();
  });
});
