import { describe, expect, it } from 'vitest';
import { Leases } from '../../../src/engine/lease';
import { sequentialize, serialPerPhone } from '../../../src/engine/pipeline/sequentialize';
import { KeyedQueue } from '../../../src/lib/keyed-queue';
import { kit, PHONE, stubNext } from './kit';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('sequentialize: one message of a phone at a time, in this process and across processes', () => {
  it('runs the messages of one phone one after another in arrival order, under the phone\'s lease; another phone runs meanwhile', async () => {
    const { ctx, store, clock } = await kit();
    const piece = sequentialize(serialPerPhone(new KeyedQueue(), new Leases(store, clock)));
    const seen: string[] = [];
    const slow = (name: string) => stubNext(async () => {
      seen.push(`${name}>`);
      // Held while it runs: another process cannot take this customer.
      expect(await store.acquireConversationLease(PHONE, 'other-process', clock.now(), 5_000)).toBe(false);
      await tick();
      seen.push(`<${name}`);
    });
    const other = ctx('hi', { msg: { phone: '+12025550199' } });
    await Promise.all([piece(ctx('1'), slow('1')), piece(ctx('2'), slow('2')), piece(other, stubNext(() => { seen.push('other'); }))]);
    expect(seen.filter((s) => s !== 'other')).toEqual(['1>', '<1', '2>', '<2']);
    expect(seen.indexOf('other')).toBeLessThan(seen.indexOf('<1'));
    // Released after: another process may take the customer now.
    expect(await store.acquireConversationLease(PHONE, 'other-process', clock.now(), 5_000)).toBe(true);
  });

  it('waits for a lease another process holds, and gives up after waitMs', async () => {
    const { ctx, store, clock } = await kit();
    await store.acquireConversationLease(PHONE, 'other-process', clock.now(), 60_000);
    const piece = sequentialize(serialPerPhone(new KeyedQueue(), new Leases(store, clock, { waitMs: 30 })));
    const next = stubNext();
    await expect(piece(ctx('2 limes'), next)).rejects.toThrow(/lease stayed busy/);
    expect(next.calls).toBe(0);
  });
});
