import { describe, expect } from 'vitest';
import type { AuditPort } from '../../../src/store/store';
import { portTest } from './fixtures';

/** The audit port's contract, run once per adapter. */
export function auditContract(adapter: string, open: () => Promise<AuditPort>) {
  const it = portTest(open);
  describe(`audit port contract: ${adapter}`, () => {
    it('lists audit entries newest first, of one SKU or all, at most the limit', async ({ store }) => {
      const entry = (id: string, sku: string, at: number) => ({
        id, at, sku, by: { kind: 'order' as const, orderId: 'ORD-1001' }, what: 'stock' as const, reason: 'checkout',
        before: { reserved: 2, sold: 0 }, after: { reserved: 0, sold: 2 },
      });
      await store.appendAudit(entry('a1', 'A', 100));
      await store.appendAudit(entry('a2', 'B', 200));
      // Several in one call (a checkout's lines); same instant: the later write (higher id) first.
      await store.appendAudit([entry('a3', 'A', 300), entry('a4', 'A', 300)]);
      await store.appendAudit([]);
      expect((await store.listAudit({})).map((e) => e.id)).toEqual(['a4', 'a3', 'a2', 'a1']);
      expect((await store.listAudit({ sku: 'A' })).map((e) => e.id)).toEqual(['a4', 'a3', 'a1']);
      expect((await store.listAudit({ sku: 'A', limit: 2 })).map((e) => e.id)).toEqual(['a4', 'a3']);
      expect(await store.listAudit({ sku: 'C' })).toEqual([]);
      expect((await store.listAudit({ sku: 'B' }))[0]).toEqual(entry('a2', 'B', 200));
    });
  });
}
